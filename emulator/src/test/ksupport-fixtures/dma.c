/* Records 20 pulses on ttl_out (channel 5) into a DMA trace the way coredevice/dma.py does
 * (timeline from 0, duration = now at the end, now restored), then plays it twice back to back. */
#include "ksupport_api.h"

#define TTL_OUT 5

void __modinit__(void) {
    dma_record_start(STR("pulses"));
    int64_t saved = now_mu();
    at_mu(0);
    for (int i = 0; i < 20; i++) {
        delay_mu(100);
        rtio_output(TTL_OUT << 8, 1);
        delay_mu(100);
        rtio_output(TTL_OUT << 8, 0);
    }
    dma_record_stop(now_mu(), false);
    at_mu(saved);

    dma_trace trace = dma_retrieve(STR("pulses"));
    core_log("duration %lld, aligned %d, ddma %d\n", trace.duration, trace.address % 64 == 0, trace.uses_ddma);
    at_mu(rtio_get_counter() + 125000);
    int64_t start = now_mu();
    for (int k = 0; k < 2; k++) {
        dma_playback(now_mu(), trace.address, trace.uses_ddma);
        delay_mu(trace.duration);
    }
    core_log("played from %lld to %lld\n", start, now_mu());
}
