/* A kernel that never ends: `coredev run --max-cycles N` stops it and names the pc. */
#include "artiq_runtime.h"

volatile int32_t spins;

void __modinit__(void) {
    for (;;) spins++;
}
