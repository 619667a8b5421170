/* A pulse train too fast for the board: 50 ns pulses every 100 ns. The CPU falls behind the
 * timeline and the RTIO core refuses an event in the past: RTIOUnderflow. */
#include "artiq_runtime.h"

#define TTL0 4

void __modinit__(void) {
    break_realtime();
    for (int i = 0; i < 100000; i++) {
        pulse_mu(TTL0, 50);
        delay_mu(50);
    }
}
