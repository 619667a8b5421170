/* abi.c: calls into the runtime by the OR1K calling convention, as gcc-or1k-elf
 * makes them, for emulator's Or1kAbiTest. The runtime's function k is entered
 * at RUNTIME + 16 * k (org.coredev.emu.runtime.Runtime, ARTIQ 6's ksupport
 * region): the test registers functions of these types in this order, checks
 * every argument it receives, and returns the values checked here. The exit
 * status is the number of results that were wrong. */
#include <stdint.h>

#define RUNTIME 0x40800000u
#define ENTRY(k, type) ((type)(RUNTIME + 16u * (k)))

struct record {
    int32_t word;
    int16_t half;
    int8_t byte;
    int64_t wide;
};

typedef void (*spill_t)(int, int, int, int, int, long long, int);
typedef void (*pairs_t)(int, long long, long long, long long);
typedef void (*four_wide_t)(long long, long long, long long, long long);
typedef void (*stack_t)(int, int, int, int, int, int, int, long long, int);
typedef long long (*wide_t)(long long);
typedef double (*soft_double_t)(double, float, double);
typedef float (*soft_float_t)(float);
typedef int (*record_t)(struct record *);
typedef char *(*pointer_t)(char *, int);

static uint64_t bits_of(double d)
{
    union { double d; uint64_t u; } v = { .d = d };
    return v.u;
}

static uint32_t bits_of_float(float f)
{
    union { float f; uint32_t u; } v = { .f = f };
    return v.u;
}

static char text[16] = "runtime";
static struct record record = { 0x01020304, -2, 5, 0x1122334455667788LL };

int main(void)
{
    int wrong = 0;
    ENTRY(0, spill_t)(1, 2, 3, 4, 5, 0x1122334455667788LL, 9);
    ENTRY(1, pairs_t)(1, 0x1000000002LL, 0x3000000004LL, 0x5000000006LL);
    ENTRY(2, four_wide_t)(0x10000000aLL, 0x20000000bLL, 0x30000000cLL, 0x40000000dLL);
    ENTRY(3, stack_t)(1, 2, 3, 4, 5, 6, 7, 0x800000009LL, 10);
    if (ENTRY(4, wide_t)(0x100000002LL) != 0x300000007LL) wrong++;
    /* 1.5 * 2.5 + 3.25 = 7.0, exactly */
    if (bits_of(ENTRY(5, soft_double_t)(1.5, 2.5f, 3.25)) != 0x401c000000000000ull) wrong++;
    if (bits_of_float(ENTRY(6, soft_float_t)(1.25f)) != 0x40200000u) wrong++;   /* 2.5f */
    if (ENTRY(7, record_t)(&record) != (0x01020304 ^ -2)) wrong++;
    if (record.word != 0x01020305 || record.half != -1 || record.byte != 6 || record.wide != 0x1122334455667789LL) wrong++;
    if (ENTRY(8, pointer_t)(text, 3) != text + 3) wrong++;
    return wrong;
}
