/* Unbounded recursion: the kernel stack (32 MiB below the end of main RAM) overflows and the
 * first store below it faults; the report says so. */
#include "artiq_runtime.h"

__attribute__((noinline)) int32_t depth(volatile int32_t *previous) {
    volatile int32_t frame[16];
    frame[0] = *previous + 1;
    return depth(frame) + frame[0];
}

void __modinit__(void) {
    int32_t start = 0;
    depth(&start);
}
