/* Prints to the core log as ARTIQ's compiler lowers print(): core_log with a printf format. */
#include "artiq_runtime.h"

void __modinit__(void) {
    core_log("hello from the kernel\n");
    core_log("%d pulses, %s\n", 4, "ok");
    core_log("now = %lld mu\n", (long long) now_mu());
}
