/* ARTIQ's test_time_keeps_running / counter read test: two consecutive rtio_get_counter() calls;
 * the difference (50 ns to 1 us on the board) is emitted as the data of an LED event. */
#include "artiq_runtime.h"

#define LED0 3

void __modinit__(void) {
    int64_t t0 = rtio_get_counter();
    int64_t t1 = rtio_get_counter();
    at_mu(t1 + 125000);
    rtio_output(LED0 << 8, (int32_t) (t1 - t0));
}
