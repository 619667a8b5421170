/* Two events on one TTL channel in the same 8 ns coarse cycle, 2 ns apart: the RTIO core reports
 * a collision asynchronously (the kernel goes on) and the core log names the channel. */
#include "artiq_runtime.h"

#define TTL_PULSE 4

void __modinit__(void) {
    break_realtime();
    int64_t t = now_mu() & ~(int64_t) 7;   /* the start of a coarse cycle */
    at_mu(t + 1000);
    ttl_set(TTL_PULSE, 1);
    at_mu(t + 1002);
    ttl_set(TTL_PULSE, 0);
    at_mu(t + 2000);
    pulse_mu(TTL_PULSE, 100);              /* a clean pulse afterwards */
}
