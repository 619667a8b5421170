/* Blinks the LED on channel 3 (led0 in the built-in device database) four times. */
#include "artiq_runtime.h"

#define LED0 3

void __modinit__(void) {
    break_realtime();
    for (int i = 0; i < 4; i++) {
        pulse_mu(LED0, 250000);      /* 250 us on */
        delay_mu(250000);            /* 250 us off */
    }
}
