/* A wild pointer: the kernel stores to address 0x10, where the board has no memory. The run ends
 * with a store access fault naming the pc and the function. */
#include "artiq_runtime.h"

#define LED0 3

__attribute__((noinline)) void write_calibration(volatile int32_t *table, int32_t value) {
    table[4] = value;
}

void __modinit__(void) {
    break_realtime();
    pulse_mu(LED0, 1000);
    write_calibration((volatile int32_t *) 0, 42);
}
