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

#endif
