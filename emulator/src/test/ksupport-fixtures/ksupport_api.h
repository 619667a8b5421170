/* The ksupport exports the fixtures use (artiq/firmware/ksupport/api.rs, lib.rs, glue.c), with
 * the types ARTIQ's compiler gives them: a string is a {ptr, len} pair passed by value (two
 * registers), a list is a pointer to its {ptr, len} pair, and dma_retrieve's 16-byte tuple comes
 * back through a hidden result pointer. `now` is the RTIO core's timeline cursor CSR pair. */
#ifndef KSUPPORT_API_H
#define KSUPPORT_API_H

#include <stdbool.h>
#include <stdint.h>

typedef struct { const char *ptr; int32_t len; } str_t;
typedef struct { int32_t *ptr; int32_t len; } list_i32;
typedef struct { int64_t duration; int32_t address; bool uses_ddma; } dma_trace;

#define STR(s) ((str_t) {s, sizeof(s) - 1})

int core_log(const char *fmt, ...);
list_i32 *cache_get(str_t key);
void cache_put(str_t key, list_i32 *value);
void dma_record_start(str_t name);
void dma_record_stop(int64_t duration, bool enable_ddma);
void dma_erase(str_t name);
dma_trace dma_retrieve(str_t name);
void dma_playback(int64_t timestamp, int32_t ptr, bool uses_ddma);
void rtio_output(int32_t target, int32_t data);
int64_t rtio_get_counter(void);

extern volatile int32_t now[];
#if defined(__riscv_float_abi_double)
#define NOW_LO 2
#else
#define NOW_LO 1
#endif

static inline int64_t now_mu(void) { return ((int64_t) now[0] << 32) | (uint32_t) now[NOW_LO]; }
static inline void at_mu(int64_t t) { now[0] = (int32_t) (t >> 32); now[NOW_LO] = (int32_t) t; }
static inline void delay_mu(int64_t d) { at_mu(now_mu() + d); }

#endif
