/* Plays a 200 ns trace back to back without slack: the DMA engine falls behind the timeline and
 * ksupport raises RTIOUnderflow (ARTIQ's test_dma_underflow). */
#include "ksupport_api.h"

#define TTL_OUT 5

void __modinit__(void) {
    dma_record_start(STR("short"));
    at_mu(0);
    delay_mu(100);
    rtio_output(TTL_OUT << 8, 1);
    delay_mu(100);
    rtio_output(TTL_OUT << 8, 0);
    dma_record_stop(now_mu(), false);
    dma_trace trace = dma_retrieve(STR("short"));
    at_mu(rtio_get_counter() + 125000);
    for (int k = 0; k < 20000; k++) {
        dma_playback(now_mu(), trace.address, false);
        delay_mu(trace.duration);
    }
    core_log("not reached\n");
}
