/* Minimal freestanding runtime for coredev's C test programs and workloads:
 * Linux user-mode syscalls through ecall (write = 64, exit = 93, as
 * qemu-riscv32 provides them) and small number printers. No libc. */
#ifndef COREDEV_RT_H
#define COREDEV_RT_H

#include <stdint.h>
#include <stddef.h>

/* Defined in crt0.S: the Linux exit system call. */
void _exit(int status) __attribute__((noreturn));

static inline long sys_write(int fd, const void *buf, size_t len)
{
    register long a0 __asm__("a0") = fd;
    register long a1 __asm__("a1") = (long)buf;
    register long a2 __asm__("a2") = (long)len;
    register long a7 __asm__("a7") = 64;
    __asm__ volatile("ecall" : "+r"(a0) : "r"(a1), "r"(a2), "r"(a7) : "memory");
    return a0;
}

static inline size_t rt_strlen(const char *s)
{
    size_t n = 0;
    while (s[n] != '\0') n++;
    return n;
}

static inline void put_str(int fd, const char *s)
{
    sys_write(fd, s, rt_strlen(s));
}

/* Unsigned decimal, any width up to 64 bits. */
static inline void put_u64(int fd, uint64_t v)
{
    char buf[24];
    int i = sizeof buf;
    do {
        buf[--i] = (char)('0' + (int)(v % 10u));
        v /= 10u;
    } while (v != 0);
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
static inline void put_hex(int fd, uint64_t v, int digits)
{
    static const char hex[] = "0123456789abcdef";
    char buf[18];
    buf[0] = '0';
    buf[1] = 'x';
    for (int i = 0; i < digits; i++)
        buf[2 + i] = hex[(v >> (4 * (digits - 1 - i))) & 0xf];
    sys_write(fd, buf, (size_t)(2 + digits));
}

#endif
