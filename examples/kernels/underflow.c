/* A pulse train too fast for the board: 50 ns pulses every 100 ns. The CPU falls behind the
 * timeline and the RTIO core refuses an event in the past: RTIOUnderflow. */
#include "artiq_runtime.h"

#define TTL_PULSE 4   /* ttl4 (alias ttl_pulse) */

void __modinit__(void) {
    break_realtime();
    for (int i = 0; i < 100000; i++) {
        pulse_mu(TTL_PULSE, 50);
        delay_mu(50);
    }
}
