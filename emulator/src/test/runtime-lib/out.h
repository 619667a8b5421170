/* Output and timing helpers for the runtime-lib test programs: a line
 * buffer flushed through the Linux write system call (a7 = 64), hex and
 * decimal printers, and rdcycle. No libc needed. */
#ifndef RUNTIME_LIB_OUT_H
#define RUNTIME_LIB_OUT_H

#include <stdint.h>

static char out_buf[4096];
static unsigned out_len;

static void out_flush(void)
{
    register long a0 __asm__("a0") = 1;
    register long a1 __asm__("a1") = (long)out_buf;
    register long a2 __asm__("a2") = (long)out_len;
    register long a7 __asm__("a7") = 64;
    __asm__ volatile("ecall" : "+r"(a0) : "r"(a1), "r"(a2), "r"(a7) : "memory");
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

static inline __attribute__((unused)) uint32_t rdcycle(void)
{
    uint32_t c;
    __asm__ volatile("rdcycle %0" : "=r"(c));
    return c;
}

#endif
