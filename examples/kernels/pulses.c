/* A long sustainable pulse train: 20000 pulses of 400 ns every 1 us on ttl4, with enough slack
 * that the CPU keeps ahead of the timeline (the JMH end-to-end benchmark runs it). */
#include "artiq_runtime.h"

#define TTL_PULSE 4

void __modinit__(void) {
    break_realtime();
    for (int i = 0; i < 20000; i++) {
        pulse_mu(TTL_PULSE, 400);
        delay_mu(600);
    }
}
