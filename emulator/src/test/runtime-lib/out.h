/* Output and timing helpers for the runtime-lib test programs: a line
 * buffer flushed through the Linux write system call (64: ecall with the
 * number in a7 on RISC-V, l.sys with it in r11 on OR1K), hex and decimal
 * printers, and a cycle counter (rdcycle; on OR1K the tick timer's TTCR,
 * started by cycle_counter_start). No libc needed. */
#ifndef RUNTIME_LIB_OUT_H
#define RUNTIME_LIB_OUT_H

#include <stdint.h>

static char out_buf[4096];
static unsigned out_len;

static void out_flush(void)
{
#ifdef __or1k__
    register long r3 __asm__("r3") = 1;
    register long r4 __asm__("r4") = (long)out_buf;
    register long r5 __asm__("r5") = (long)out_len;
    register long r11 __asm__("r11") = 64;
    __asm__ volatile("l.sys 1\n\tl.nop" : "+r"(r11) : "r"(r3), "r"(r4), "r"(r5) : "memory");
#else
    register long a0 __asm__("a0") = 1;
    register long a1 __asm__("a1") = (long)out_buf;
    register long a2 __asm__("a2") = (long)out_len;
    register long a7 __asm__("a7") = 64;
    __asm__ volatile("ecall" : "+r"(a0) : "r"(a1), "r"(a2), "r"(a7) : "memory");
#endif
    out_len = 0;
}

static void out_char(char c)
{
    if (out_len == sizeof out_buf) out_flush();
    out_buf[out_len++] = c;
}

static void out_str(const char *s)
{
    while (*s) out_char(*s++);
}

/* `digits` lowercase hex digits, no prefix. */
static __attribute__((unused)) void out_hex(uint64_t v, int digits)
{
    for (int i = digits - 1; i >= 0; i--) out_char("0123456789abcdef"[(v >> (4 * i)) & 0xf]);
}

static __attribute__((unused)) void out_u32(uint32_t v)
{
    char d[10];
    int n = 0;
    do { d[n++] = (char)('0' + v % 10u); v /= 10u; } while (v != 0);
    while (n > 0) out_char(d[--n]);
}

#ifdef __or1k__
/* The tick timer in continuous mode (TTMR = 0xc0000000), counting from 0. */
static inline __attribute__((unused)) void cycle_counter_start(void)
{
    __asm__ volatile("l.mtspr r0, r0, 0x5001\n\tl.mtspr r0, %0, 0x5000" : : "r"(0xc0000000u));
}

static inline __attribute__((unused)) uint32_t rdcycle(void)
{
    uint32_t c;
    __asm__ volatile("l.mfspr %0, r0, 0x5001" : "=r"(c));
    return c;
}

/* l.jal costs 2 cycles on mor1kx (the jump and its redirect). */
#define CALL_CYCLES 2
#else
static inline __attribute__((unused)) void cycle_counter_start(void) { }

static inline __attribute__((unused)) uint32_t rdcycle(void)
{
    uint32_t c;
    __asm__ volatile("rdcycle %0" : "=r"(c));
    return c;
}

/* jal costs 1 cycle on VexRiscv. */
#define CALL_CYCLES 1
#endif

#endif
