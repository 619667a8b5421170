/* core_log with the printf subset kernels use; the long lines spill varargs onto the stack. */
#include "ksupport_api.h"

void __modinit__(void) {
    core_log("int %d %5d|%-4d|%04x %X %u\n", -7, 42, 3, 0xbeef, 0xbeef, 4000000000u);
    core_log("ll %lld %llx\n", -5000000000LL, 0x123456789abcdefULL);
    core_log("str %s %c %.2s %%\n", "coredev", 'Z', "abc");
    core_log("float %f %g\n", 3.25, -1234.5);
    core_log("many %d %d %d %d %d %d %f %d %lld\n", 1, 2, 3, 4, 5, 6, 0.5, 7, 8LL);
    core_log("partial ");
    core_log("line\n");
}
