/* ARTIQ's DMA timing tests (artiq/test/coredevice/test_rtio.py, _DMA.record_many and
 * playback_many): counter time to record 2000 events, and to play a 40-event trace 2000 times
 * back to back; logs both in mu. */
#include "ksupport_api.h"

#define TTL_OUT 5
#define COUNT 2000

static void record_many(str_t name, int n) {
    dma_record_start(name);
    int64_t saved = now_mu();
    at_mu(0);
    for (int i = 0; i < n / 2; i++) {
        delay_mu(100);
        rtio_output(TTL_OUT << 8, 1);
        delay_mu(100);
        rtio_output(TTL_OUT << 8, 0);
    }
    dma_record_stop(now_mu(), false);
    at_mu(saved);
}

void __modinit__(void) {
    int64_t t1 = rtio_get_counter();
    record_many(STR("many"), COUNT);
    int64_t t2 = rtio_get_counter();
    core_log("record %lld mu for %d events\n", t2 - t1, COUNT);

    record_many(STR("forty"), 40);
    dma_trace trace = dma_retrieve(STR("forty"));
    at_mu(rtio_get_counter() + 125000);
    t1 = rtio_get_counter();
    for (int i = 0; i < COUNT; i++) {
        dma_playback(now_mu(), trace.address, trace.uses_ddma);
        delay_mu(trace.duration);
    }
    t2 = rtio_get_counter();
    core_log("playback %lld mu for %d traces\n", t2 - t1, COUNT);
}
