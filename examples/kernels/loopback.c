/* Timestamps a pulse through the loopback pair (ttl_out channel 5 wired to ttl_in channel 6):
 * opens the input gate for rising edges, pulses the output, reads the input timestamp and
 * records the round-trip latency as an output on the LED channel's data (for the trace). */
#include "artiq_runtime.h"

#define TTL_OUT_CH 5
#define TTL_IN_CH 6
#define LED0 3

void __modinit__(void) {
    break_realtime();
    int64_t t0 = now_mu();
    rtio_output(TTL_IN_CH << 8 | TTL_SENSITIVITY, 1);     /* gate open: rising edges */
    delay_mu(1000);
    int64_t t_pulse = now_mu();
    pulse_mu(TTL_OUT_CH, 1000);
    delay_mu(1000);
    rtio_output(TTL_IN_CH << 8 | TTL_SENSITIVITY, 0);     /* gate closed */
    int64_t t_in = rtio_input_timestamp(now_mu(), TTL_IN_CH);
    delay_mu(10000);
    rtio_output(LED0 << 8, (int32_t) (t_in - t_pulse));   /* latency, visible in the trace */
    (void) t0;
}
