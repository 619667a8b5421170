/* Minimal freestanding runtime for coredev's OR1K C test programs: Linux
 * user-mode system calls through l.sys (write = 64, exit = 93; number in
 * r11, arguments in r3.., result in r11, as qemu-or1k provides them) and
 * small number printers. No libc. */
#ifndef COREDEV_OR1K_RT_H
#define COREDEV_OR1K_RT_H

#include <stdint.h>
#include <stddef.h>

void _exit(int status) __attribute__((noreturn));

static inline long sys_write(int fd, const void *buf, size_t len)
{
    register long r3 __asm__("r3") = fd;
    register long r4 __asm__("r4") = (long)buf;
    register long r5 __asm__("r5") = (long)len;
    register long r11 __asm__("r11") = 64;
    __asm__ volatile("l.sys 1\n\tl.nop" : "+r"(r11) : "r"(r3), "r"(r4), "r"(r5) : "memory");
    return r11;
}

static inline size_t rt_strlen(const char *s)
{
    size_t n = 0;
    while (s[n]) n++;
    return n;
}

static inline void put_str(int fd, const char *s) { sys_write(fd, s, rt_strlen(s)); }

static inline void put_dec(int fd, long long v)
{
    char buf[24];
    int i = sizeof buf;
    unsigned long long u = v < 0 ? -(unsigned long long)v : (unsigned long long)v;
    do { buf[--i] = (char)('0' + u % 10); u /= 10; } while (u);
    if (v < 0) buf[--i] = '-';
    sys_write(fd, buf + i, sizeof buf - i);
}

static inline void put_hex(int fd, uint32_t v)
{
    char buf[10] = {'0', 'x'};
    for (int i = 0; i < 8; i++) buf[2 + i] = "0123456789abcdef"[(v >> (28 - 4 * i)) & 15];
    sys_write(fd, buf, sizeof buf);
}

/* What the bare-metal workloads in examples/bare-metal (shared with RV32, whose rt.h defines the
 * same functions) need: unsigned and signed 64-bit decimal, and hex with a digit count. */
static inline void put_u64(int fd, uint64_t v)
{
    char buf[24];
    int i = sizeof buf;
    do { buf[--i] = (char)('0' + (int)(v % 10u)); v /= 10u; } while (v != 0);
    sys_write(fd, buf + i, sizeof buf - (size_t)i);
}

static inline void put_i64(int fd, int64_t v)
{
    if (v < 0) {
        sys_write(fd, "-", 1);
        put_u64(fd, (uint64_t)0 - (uint64_t)v);
    } else {
        put_u64(fd, (uint64_t)v);
    }
}

/* 0x-prefixed, `digits` hex digits (1..16), zero padded. */
static inline void put_hex_digits(int fd, uint64_t v, int digits)
{
    static const char hex[] = "0123456789abcdef";
    char buf[18] = {'0', 'x'};
    for (int i = 0; i < digits; i++) buf[2 + i] = hex[(v >> (4 * (digits - 1 - i))) & 0xf];
    sys_write(fd, buf, (size_t)(2 + digits));
}

/* put_hex(fd, v) prints 8 digits (the function above); put_hex(fd, v, digits), as the RV32 rt.h
 * spells it, is put_hex_digits. The macro picks by the number of arguments; defined after the
 * function, it leaves the function's own name alone. */
#define RT_PUT_HEX_PICK(fd, v, digits, name, ...) name
#define put_hex(...) RT_PUT_HEX_PICK(__VA_ARGS__, put_hex_digits, put_hex, unused)(__VA_ARGS__)

#endif
