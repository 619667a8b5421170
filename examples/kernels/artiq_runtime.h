/* The ARTIQ core device runtime's C interface (artiq/firmware/ksupport/api.rs, rtio.rs), for
 * kernels written in C. `now` is not a function: it is the address of the RTIO core's timeline
 * cursor, a pair of CSR words the kernel stores to directly (high word first). On rv32g boards
 * the CSR bus is 64 bits wide, so the low word sits 8 bytes after the high one, else 4. */
#ifndef ARTIQ_RUNTIME_H
#define ARTIQ_RUNTIME_H

#include <stdint.h>

extern volatile int32_t now[];
#if defined(__riscv_float_abi_double)
#define NOW_LO 2
#else
#define NOW_LO 1
#endif

void rtio_init(void);
int64_t rtio_get_counter(void);
void rtio_output(int32_t target, int32_t data);
int64_t rtio_input_timestamp(int64_t timeout, int32_t channel);
int32_t rtio_input_data(int32_t channel);
/* printf-style text to the core log; ARTIQ's compiler lowers a kernel's print() to it (targets.py print_function). */
int core_log(const char *fmt, ...);

static inline int64_t now_mu(void) {
    return ((int64_t) now[0] << 32) | (uint32_t) now[NOW_LO];
}

static inline void at_mu(int64_t t) {
    now[0] = (int32_t) (t >> 32);
    now[NOW_LO] = (int32_t) t;
}

static inline void delay_mu(int64_t d) { at_mu(now_mu() + d); }

/* core.break_realtime(): now = counter + 125000 mu. */
static inline void break_realtime(void) { at_mu(rtio_get_counter() + 125000); }

/* TTL addresses (artiq/coredevice/ttl.py): 0 output level, 1 output enable, 2 sensitivity. */
#define TTL_OUT 0
#define TTL_OE 1
#define TTL_SENSITIVITY 2

static inline void ttl_set(int channel, int level) { rtio_output(channel << 8 | TTL_OUT, level); }

static inline void pulse_mu(int channel, int64_t width) {
    ttl_set(channel, 1);
    delay_mu(width);
    ttl_set(channel, 0);
}

#endif
