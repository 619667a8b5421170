/* ARTIQ's test_pulse_rate (artiq/test/coredevice/test_rtio.py): 10000 pulses of dt with dt gaps on
 * one TTL. The smallest dt that runs without RTIOUnderflow is the board's sustained switching
 * interval; ARTIQ accepts 100 to 480 ns. `dt` is patched in the image by the test that searches it. */
#include "artiq_runtime.h"

#define TTL_PULSE 4

volatile int32_t dt = 300;

void __modinit__(void) {
    break_realtime();
    int64_t d = dt;
    for (int i = 0; i < 10000; i++) {
        pulse_mu(TTL_PULSE, d);
        delay_mu(d);
    }
}
