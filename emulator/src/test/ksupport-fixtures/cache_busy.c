/* Kernel 3 of 3: replacing a row this kernel has borrowed raises CacheError. */
#include "ksupport_api.h"

void __modinit__(void) {
    list_i32 *row = cache_get(STR("x2"));
    list_i32 empty = {row->ptr, 0};
    core_log("borrowed %d values\n", row->len);
    cache_put(STR("x2"), &empty);
    core_log("not reached\n");
}
