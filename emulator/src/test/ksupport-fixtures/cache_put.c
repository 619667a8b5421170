/* Kernel 1 of 3: stores a row in the core device cache. */
#include "ksupport_api.h"

void __modinit__(void) {
    int32_t values[] = {1, 2, 3};
    list_i32 row = {values, 3};
    cache_put(STR("x2"), &row);
}
