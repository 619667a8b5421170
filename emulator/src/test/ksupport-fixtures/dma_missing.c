/* Retrieving an erased trace logs its name and raises DMAError (ARTIQ's test_dma_storage). */
#include "ksupport_api.h"

void __modinit__(void) {
    dma_erase(STR("pulses"));
    dma_retrieve(STR("pulses"));
    core_log("not reached\n");
}
