/* Raises a ValueError the way ARTIQ's compiler does: an exception object (eh_artiq.rs's struct
 * Exception: name id, file, line, column, function, message with {0} {1} placeholders, three
 * int64 parameters) handed to __artiq_raise. Nothing catches it, so the kernel ends and the
 * trace shows the exception and a backtrace through both frames. */
#include "artiq_runtime.h"

typedef struct { const char *data; uint32_t length; } cslice;
struct artiq_exception {
    uint32_t id;                   /* 18: ValueError in the built-in table of embedding.py */
    cslice file;
    uint32_t line, column;
    cslice function;
    cslice message;
    int64_t param[3];
};
void __artiq_raise(struct artiq_exception *exception) __attribute__((noreturn));

#define LED0 3
#define S(text) {text, sizeof text - 1}

__attribute__((noinline)) void check_frequency(int64_t hz) {
    static struct artiq_exception e = {
        18, S("exception.c"), 27, 9, S("check_frequency"), S("frequency {0} Hz is above {1} Hz"), {0, 0, 0}};
    if (hz > 400000000) {
        e.param[0] = hz;
        e.param[1] = 400000000;
        __artiq_raise(&e);
    }
}

void __modinit__(void) {
    break_realtime();
    pulse_mu(LED0, 1000);
    check_frequency(100000000);
    check_frequency(500000000);
    pulse_mu(LED0, 1000);          /* never reached */
}
