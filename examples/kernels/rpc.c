/* Reports each pulse's timestamp to the host with an asynchronous RPC, as ARTIQ's compiler emits
 * `self.report(i, now_mu())` for a non-kernel method (llvm_ir_generator.py, _build_rpc): the tag
 * "iI:n" (int32, int64, returns None) as a slice, and an array of pointers to the arguments. */
#include "artiq_runtime.h"

typedef struct { const char *data; unsigned length; } cslice;
void rpc_send_async(unsigned service, const cslice *tag, void *const *args);

#define LED0 3
#define REPORT_SERVICE 1

static void report(int32_t i, int64_t t) {
    static const char tag_bytes[] = "iI:n";
    cslice tag = {tag_bytes, sizeof tag_bytes - 1};
    void *args[2] = {&i, &t};
    rpc_send_async(REPORT_SERVICE, &tag, args);
}

void __modinit__(void) {
    break_realtime();
    for (int32_t i = 0; i < 3; i++) {
        report(i, now_mu());
        pulse_mu(LED0, 1000000);
        delay_mu(1000000);
    }
}
