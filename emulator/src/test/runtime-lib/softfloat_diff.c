/* softfloat_diff.elf: runs libgcc's soft-float and 64-bit integer helpers
 * (rv32ima, ilp32) on a compiled-in table of special operands (every pair)
 * and on seeded pseudo-random operands, and prints one line per call:
 *     op operand... result
 * all in hex (doubles and 64-bit values as 16 digits, floats and 32-bit
 * values as 8). RuntimeLibDifferentialTest recomputes each line with
 * coredev's Java helpers (org.coredev.emu.runtime.lib.CompilerRt). */
#include <stdint.h>
#include "out.h"

int __divsi3(int, int);
int __modsi3(int, int);
int __ledf2(double, double);
int __gedf2(double, double);
int __unorddf2(double, double);
int __eqdf2(double, double);
int __ltdf2(double, double);
int __nedf2(double, double);
int __gtdf2(double, double);
float __addsf3(float, float);
float __subsf3(float, float);
float __mulsf3(float, float);
float __divsf3(float, float);
long long __lshrdi3(long long, int);
long long __muldi3(long long, long long);
long long __divdi3(long long, long long);
long long __ashldi3(long long, int);
long long __ashrdi3(long long, int);
unsigned long long __udivmoddi4(unsigned long long, unsigned long long, unsigned long long *);
float __floatsisf(int);
float __floatunsisf(unsigned);
int __fixsfsi(float);
unsigned __fixunssfsi(float);
double __adddf3(double, double);
double __subdf3(double, double);
double __muldf3(double, double);
double __divdf3(double, double);
double __floatsidf(int);
double __floatunsidf(unsigned);
double __floatdidf(long long);
int __fixdfsi(double);
long long __fixdfdi(double);
unsigned __fixunsdfsi(double);
unsigned long long __udivdi3(unsigned long long, unsigned long long);
unsigned long long __umoddi3(unsigned long long, unsigned long long);
long long __moddi3(long long, long long);
double __powidf2(double, int);

union d64 { double d; uint64_t u; };
union f32 { float f; uint32_t u; };

static double D(uint64_t u) { union d64 x; x.u = u; return x.d; }
static uint64_t DU(double d) { union d64 x; x.d = d; return x.u; }
static float F(uint32_t u) { union f32 x; x.u = u; return x.f; }
static uint32_t FU(float f) { union f32 x; x.f = f; return x.u; }

/* Special double operands: zeros, ones, boundaries of the normal and
 * subnormal ranges, infinities, quiet and signalling NaNs of both signs,
 * integer-conversion limits, halfway cases. */
static const uint64_t special_d[] = {
    0x0000000000000000ull, 0x8000000000000000ull, 0x3ff0000000000000ull, 0xbff0000000000000ull,
    0x3ff8000000000000ull, 0x4008000000000000ull, 0x3fd5555555555555ull, 0x0010000000000000ull,
    0x8010000000000000ull, 0x0000000000000001ull, 0x800fffffffffffffull, 0x000fffffffffffffull,
    0x7fefffffffffffffull, 0xffefffffffffffffull, 0x7ff0000000000000ull, 0xfff0000000000000ull,
    0x7ff8000000000000ull, 0xfff8000000000000ull, 0x7ff0000000000001ull, 0xfff4000000000000ull,
    0x41e0000000000000ull, 0xc1e0000000000000ull, 0x41dfffffffc00000ull, 0x41f0000000000000ull,
    0x43e0000000000000ull, 0xc3e0000000000000ull, 0x3fe0000000000000ull, 0xbfe0000000000000ull,
    0x3fefffffffffffffull, 0x4004000000000000ull, 0x0008000000000000ull, 0x1ff0000000000000ull,
    0x5fe0000000000000ull, 0x2000000000000001ull, 0x3ff0000000000001ull, 0xc1dfffffffe00000ull,
};
static const uint32_t special_f[] = {
    0x00000000u, 0x80000000u, 0x3f800000u, 0xbf800000u, 0x3fc00000u, 0x40400000u, 0x3eaaaaabu,
    0x00800000u, 0x80800000u, 0x00000001u, 0x807fffffu, 0x7f7fffffu, 0xff7fffffu, 0x7f800000u,
    0xff800000u, 0x7fc00000u, 0xffc00000u, 0x7f800001u, 0xffa00000u, 0x4f000000u, 0xcf000000u,
    0x4f800000u, 0x3f000000u, 0xbf000000u, 0x3f7fffffu, 0x00400000u, 0x1f800000u, 0x5f000000u,
    0x3f800001u,
};
static const uint32_t special_i[] = {
    0, 1, 0xffffffffu, 0x80000000u, 0x7fffffffu, 2, 3, 0xfffffffeu, 0x01000001u, 0x00ffffffu,
    0x12345678u, 0xedcba987u, 10, 0xfffffff6u, 0x55555555u,
};
static const uint64_t special_l[] = {
    0, 1, 0xffffffffffffffffull, 0x8000000000000000ull, 0x7fffffffffffffffull, 2, 3,
    0x0020000000000001ull, 0x001fffffffffffffull, 0x00000000ffffffffull, 0x0000000100000000ull,
    0x123456789abcdef0ull, 0xfedcba9876543210ull, 10, 0xfffffffffffffff6ull, 0x8000000000000001ull,
};
#define COUNT(a) (sizeof a / sizeof a[0])

static uint64_t rng = 0x9e3779b97f4a7c15ull;  /* xorshift64, fixed seed */
static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* A random double: raw bits, a moderate exponent, a wide exponent (products
 * and quotients under- and overflow), or a special value. */
static uint64_t random_d(void)
{
    uint64_t r = next();
    uint64_t mant = next() & 0x000fffffffffffffull, sign = r & 0x8000000000000000ull;
    switch (r & 3) {
    case 0: return next();
    case 1: return sign | (uint64_t)(1023 - 40 + (int)((r >> 8) % 81)) << 52 | mant;
    case 2: return sign | (uint64_t)(1023 - 600 + (int)((r >> 8) % 1201)) << 52 | mant;
    default: return special_d[(r >> 8) % COUNT(special_d)];
    }
}

static uint32_t random_f(void)
{
    uint64_t r = next();
    uint32_t mant = (uint32_t)next() & 0x007fffffu, sign = (uint32_t)r & 0x80000000u;
    switch (r & 3) {
    case 0: return (uint32_t)next();
    case 1: return sign | (uint32_t)(127 - 20 + (int)((r >> 8) % 41)) << 23 | mant;
    case 2: return sign | (uint32_t)(127 - 75 + (int)((r >> 8) % 151)) << 23 | mant;
    default: return special_f[(r >> 8) % COUNT(special_f)];
    }
}

/* Random integers of every magnitude. */
static uint32_t random_i(void) { uint64_t r = next(); return (uint32_t)r >> ((r >> 40) % 32); }
static uint64_t random_l(void) { uint64_t r = next(); return next() >> (r % 64); }

static void line_start(const char *op) { out_str(op); }
static void arg_d(uint64_t v) { out_char(' '); out_hex(v, 16); }
static void arg_f(uint32_t v) { out_char(' '); out_hex(v, 8); }
static void end_line(void) { out_char('\n'); }

#define RANDOM 1500

static void binary_d(const char *op, int which)
{
    unsigned n = COUNT(special_d);
    for (unsigned i = 0; i < n * n + RANDOM; i++) {
        uint64_t a = i < n * n ? special_d[i / n] : random_d();
        uint64_t b = i < n * n ? special_d[i % n] : random_d();
        line_start(op); arg_d(a); arg_d(b);
        double x = D(a), y = D(b);
        switch (which) {
        case 0: arg_d(DU(__adddf3(x, y))); break;
        case 1: arg_d(DU(__subdf3(x, y))); break;
        case 2: arg_d(DU(__muldf3(x, y))); break;
        case 3: arg_d(DU(__divdf3(x, y))); break;
        case 4: arg_f((uint32_t)__ledf2(x, y)); break;
        case 5: arg_f((uint32_t)__gedf2(x, y)); break;
        case 6: arg_f((uint32_t)__unorddf2(x, y)); break;
        case 7: arg_f((uint32_t)__eqdf2(x, y)); break;
        case 8: arg_f((uint32_t)__ltdf2(x, y)); break;
        case 9: arg_f((uint32_t)__nedf2(x, y)); break;
        default: arg_f((uint32_t)__gtdf2(x, y)); break;
        }
        end_line();
    }
}

static void binary_f(const char *op, int which)
{
    unsigned n = COUNT(special_f);
    for (unsigned i = 0; i < n * n + RANDOM; i++) {
        uint32_t a = i < n * n ? special_f[i / n] : random_f();
        uint32_t b = i < n * n ? special_f[i % n] : random_f();
        line_start(op); arg_f(a); arg_f(b);
        float x = F(a), y = F(b);
        switch (which) {
        case 0: arg_f(FU(__addsf3(x, y))); break;
        case 1: arg_f(FU(__subsf3(x, y))); break;
        case 2: arg_f(FU(__mulsf3(x, y))); break;
        default: arg_f(FU(__divsf3(x, y))); break;
        }
        end_line();
    }
}

static void unary_d(void)
{
    unsigned n = COUNT(special_d);
    for (unsigned i = 0; i < n + RANDOM; i++) {
        uint64_t a = i < n ? special_d[i] : random_d();
        double x = D(a);
        line_start("fixdfsi"); arg_d(a); arg_f((uint32_t)__fixdfsi(x)); end_line();
        line_start("fixdfdi"); arg_d(a); arg_d((uint64_t)__fixdfdi(x)); end_line();
        line_start("fixunsdfsi"); arg_d(a); arg_f(__fixunsdfsi(x)); end_line();
        int p = (int)(next() % 41) - 20;
        line_start("powidf2"); arg_d(a); arg_f((uint32_t)p); arg_d(DU(__powidf2(x, p))); end_line();
    }
    unsigned m = COUNT(special_f);
    for (unsigned i = 0; i < m + RANDOM; i++) {
        uint32_t a = i < m ? special_f[i] : random_f();
        line_start("fixsfsi"); arg_f(a); arg_f((uint32_t)__fixsfsi(F(a))); end_line();
        line_start("fixunssfsi"); arg_f(a); arg_f(__fixunssfsi(F(a))); end_line();
    }
}

static void integers(void)
{
    unsigned n = COUNT(special_i);
    for (unsigned i = 0; i < n * n + RANDOM; i++) {
        uint32_t a = i < n * n ? special_i[i / n] : random_i();
        uint32_t b = i < n * n ? special_i[i % n] : random_i();
        if (i % n == 0 || b == 0) {
            line_start("floatsidf"); arg_f(a); arg_d(DU(__floatsidf((int)a))); end_line();
            line_start("floatunsidf"); arg_f(a); arg_d(DU(__floatunsidf(a))); end_line();
            line_start("floatsisf"); arg_f(a); arg_f(FU(__floatsisf((int)a))); end_line();
            line_start("floatunsisf"); arg_f(a); arg_f(FU(__floatunsisf(a))); end_line();
        }
        if (b == 0) continue;  /* division by zero is checked in Java unit tests */
        line_start("divsi3"); arg_f(a); arg_f(b); arg_f((uint32_t)__divsi3((int)a, (int)b)); end_line();
        line_start("modsi3"); arg_f(a); arg_f(b); arg_f((uint32_t)__modsi3((int)a, (int)b)); end_line();
    }
    unsigned m = COUNT(special_l);
    for (unsigned i = 0; i < m * m + RANDOM; i++) {
        uint64_t a = i < m * m ? special_l[i / m] : random_l();
        uint64_t b = i < m * m ? special_l[i % m] : random_l();
        line_start("floatdidf"); arg_d(a); arg_d(DU(__floatdidf((long long)a))); end_line();
        line_start("muldi3"); arg_d(a); arg_d(b); arg_d((uint64_t)__muldi3((long long)a, (long long)b)); end_line();
        int s = (int)(b % 64);
        line_start("lshrdi3"); arg_d(a); arg_f((uint32_t)s); arg_d((uint64_t)__lshrdi3((long long)a, s)); end_line();
        line_start("ashldi3"); arg_d(a); arg_f((uint32_t)s); arg_d((uint64_t)__ashldi3((long long)a, s)); end_line();
        line_start("ashrdi3"); arg_d(a); arg_f((uint32_t)s); arg_d((uint64_t)__ashrdi3((long long)a, s)); end_line();
        if (b == 0) continue;
        line_start("divdi3"); arg_d(a); arg_d(b); arg_d((uint64_t)__divdi3((long long)a, (long long)b)); end_line();
        line_start("moddi3"); arg_d(a); arg_d(b); arg_d((uint64_t)__moddi3((long long)a, (long long)b)); end_line();
        line_start("udivdi3"); arg_d(a); arg_d(b); arg_d(__udivdi3(a, b)); end_line();
        line_start("umoddi3"); arg_d(a); arg_d(b); arg_d(__umoddi3(a, b)); end_line();
        unsigned long long rem = 0;
        unsigned long long q = __udivmoddi4(a, b, &rem);
        line_start("udivmoddi4"); arg_d(a); arg_d(b); arg_d(q); arg_d(rem); end_line();
    }
}

int main(void)
{
    static const char *const dops[] = { "adddf3", "subdf3", "muldf3", "divdf3", "ledf2", "gedf2",
                                        "unorddf2", "eqdf2", "ltdf2", "nedf2", "gtdf2" };
    static const char *const fops[] = { "addsf3", "subsf3", "mulsf3", "divsf3" };
    for (int k = 0; k < 11; k++) binary_d(dops[k], k);
    for (int k = 0; k < 4; k++) binary_f(fops[k], k);
    unary_d();
    integers();
    out_str("end\n");
    out_flush();
    return 0;
}
