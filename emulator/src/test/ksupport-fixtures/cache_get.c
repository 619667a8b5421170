/* Kernel 2 of 3: reads the row a previous kernel stored, and a key nobody stored. */
#include "ksupport_api.h"

void __modinit__(void) {
    list_i32 *row = cache_get(STR("x2"));
    int32_t sum = 0;
    for (int32_t i = 0; i < row->len; i++) sum += row->ptr[i];
    core_log("x2: %d values, sum %d\n", row->len, sum);
    core_log("missing: %d values\n", cache_get(STR("missing"))->len);
}
