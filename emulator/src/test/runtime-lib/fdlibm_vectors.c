/* fdlibm_vectors.c: calls every libm function of ARTIQ's ksupport/api.rs
 * on special and seeded pseudo-random arguments and prints one line per
 * call, all in hex: "name x result" or "name x y result" (jn/yn: the order
 * n as a double, then x; ldexp: x, then the exponent as a double).
 * Linked by fdlibm-vectors.sh against the board's own libm sources
 * (misoc/software/libm, fdlibm 5.3), it produces the golden files that
 * RuntimeLibFdlibmTest checks coredev's Java libm against. */
#include <stdint.h>
#include "out.h"

#ifndef ROUNDS
#define ROUNDS 1000
#endif

double acos(double), acosh(double), asin(double), asinh(double), atan(double), atan2(double, double),
    atanh(double), cbrt(double), ceil(double), copysign(double, double), cos(double), cosh(double),
    erf(double), erfc(double), exp(double), expm1(double), ldexp(double, int), fabs(double),
    floor(double), fmod(double, double), hypot(double, double), j0(double), j1(double),
    jn(int, double), lgamma(double), log(double), log10(double), nextafter(double, double),
    pow(double, double), rint(double), sin(double), sinh(double), sqrt(double), tan(double),
    tanh(double), y0(double), y1(double), yn(int, double);

/* fdlibm's error paths reference these; with _IEEE_LIBM they are never called. */
int errno;
int puts(const char *s) { (void)s; return 0; }
int write(int fd, const void *buf, unsigned n) { (void)fd; (void)buf; return (int)n; }

union bits { double d; uint64_t u; };
static uint64_t B(double d) { union bits x; x.d = d; return x.u; }
static double D(uint64_t u) { union bits x; x.u = u; return x.d; }

static uint64_t rng = 0x2545f4914f6cdd1dull;  /* xorshift64, fixed seed */
static uint64_t next(void) { rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17; return rng; }

/* Raw bits, values near 1, a wide range, small integers and halves, or
 * anything from subnormal to huge. */
static double arg(void)
{
    uint64_t r = next(), m = next() & 0x000fffffffffffffull, s = r & 0x8000000000000000ull;
    switch (r & 7) {
    case 0: return D(next());
    case 1: case 2: case 3: return D(s | (uint64_t)(1023 - 8 + (int)((r >> 8) % 16)) << 52 | m);
    case 4: return D(s | (uint64_t)(1023 - 60 + (int)((r >> 8) % 120)) << 52 | m);
    case 5: return (double)(int)((r >> 8) % 200) - 100.0 + ((r >> 20) & 1 ? 0.5 : 0);
    default: return D(s | (uint64_t)(1023 - 1074 + (int)((r >> 8) % 2098)) << 52 | m);
    }
}

static void line1(const char *name, double x, double r)
{
    out_str(name); out_char(' '); out_hex(B(x), 16); out_char(' '); out_hex(B(r), 16); out_char('\n');
}

static void line2(const char *name, double x, double y, double r)
{
    out_str(name); out_char(' '); out_hex(B(x), 16); out_char(' '); out_hex(B(y), 16);
    out_char(' '); out_hex(B(r), 16); out_char('\n');
}

int main(void)
{
    for (int i = 0; i < ROUNDS; i++) {
        double x = arg(), y = arg();
        int n = (int)(next() % 12) - 3;
        line1("acos", x, acos(x)); line1("acosh", x, acosh(x)); line1("asin", x, asin(x));
        line1("asinh", x, asinh(x)); line1("atan", x, atan(x)); line2("atan2", x, y, atan2(x, y));
        line1("atanh", x, atanh(x)); line1("cbrt", x, cbrt(x)); line1("ceil", x, ceil(x));
        line2("copysign", x, y, copysign(x, y)); line1("cos", x, cos(x)); line1("cosh", x, cosh(x));
        line1("erf", x, erf(x)); line1("erfc", x, erfc(x)); line1("exp", x, exp(x));
        line1("expm1", x, expm1(x)); line2("ldexp", x, (double)(n * 37), ldexp(x, n * 37));
        line1("fabs", x, fabs(x)); line1("floor", x, floor(x)); line2("fmod", x, y, fmod(x, y));
        line2("hypot", x, y, hypot(x, y)); line1("j0", x, j0(x)); line1("j1", x, j1(x));
        line2("jn", (double)n, x, jn(n, x)); line1("lgamma", x, lgamma(x)); line1("log", x, log(x));
        line1("log10", x, log10(x)); line2("nextafter", x, y, nextafter(x, y));
        line2("pow", x, y, pow(x, y)); line1("rint", x, rint(x)); line1("sin", x, sin(x));
        line1("sinh", x, sinh(x)); line1("sqrt", x, sqrt(x)); line1("tan", x, tan(x));
        line1("tanh", x, tanh(x)); line1("y0", x, y0(x)); line1("y1", x, y1(x));
        line2("yn", (double)n, x, yn(n, x));
        /* pow with integral exponents and non-negative bases takes other branches. */
        line2("pow", fabs(x), (double)(int)y, pow(fabs(x), (double)(int)y));
    }
    out_flush();
    return 0;
}
