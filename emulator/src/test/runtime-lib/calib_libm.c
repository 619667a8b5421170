/* calib_libm.elf (rv32ima, soft float) and calib_libm_hard.elf (rv32imafd,
 * hard float): cycles per call of the libm exports of ARTIQ's
 * ksupport/api.rs, with picolibc's libm (newlib's, like the board's fdlibm
 * for most functions). See calib.h for the method; output "name cycles". */
#include "calib.h"

#define D1(f) double f(double);
#define D2(f) double f(double, double);
D1(acos) D1(acosh) D1(asin) D1(asinh) D1(atan) D2(atan2) D1(atanh) D1(cbrt) D1(ceil) D2(copysign)
D1(cos) D1(cosh) D1(erf) D1(erfc) D1(exp) D1(expm1) D1(fabs) D1(floor) D2(fmod) D2(hypot)
D1(j0) D1(j1) D1(lgamma) D1(log) D1(log10) D2(nextafter) D2(pow) D1(round) D1(rint) D1(sin)
D1(sinh) D1(sqrt) D1(tan) D1(tanh) D1(y0) D1(y1)
double ldexp(double, int);
double jn(int, double);
double yn(int, double);
/* Not libm, but its multiplications are hardware ones on rv32g: measured here for both targets. */
double __powidf2(double, int);

#define NOIPA __attribute__((noipa))
NOIPA static double e_d_d(double a) { return a; }
NOIPA static double e_d_dd(double a, double b) { (void)b; return a; }
NOIPA static double e_d_di(double a, int b) { (void)b; return a; }
NOIPA static double e_d_id(int a, double b) { (void)a; return b; }
NOIPA static int e_i_ii(int a, int b) { (void)b; return a; }

/* Typical arguments: general, |x| < 1, x > 1, second operands, exponents. */
static volatile double g[8] = { 0.3, 0.7, 1.1, 1.9, 2.5, 0.05, 1.4, 0.9 };
static volatile double u[8] = { 0.1, -0.3, 0.45, 0.7, -0.85, 0.2, 0.55, -0.6 };
static volatile double big[8] = { 1.3, 1.7, 2.1, 2.9, 3.5, 1.05, 12.4, 1.9 };
static volatile double h[8] = { 1.5, 2.0, 0.5, 3.7, -1.2, 0.33, 2.2, -0.5 };
static volatile int e[8] = { 3, -2, 10, 1, -7, 5, 0, 2 };
static volatile int p[8] = { 2, 5, -3, 7, 10, -1, 3, 6 };  /* as calib_rt.c */
static volatile int vi[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
static volatile double sd;
static volatile int si;

#define UNARY(f, args) report(#f, MEASURE(sd, f(args[k])), b1)
#define BINARY(f) report(#f, MEASURE(sd, f(g[k], h[k])), b2)

int main(void)
{
    uint32_t nocall = MEASURE(si, vi[k] ^ vi[7 - k]);
    uint32_t empty = MEASURE(si, e_i_ii(vi[k], vi[7 - k]));
    ret_cycles = (int32_t)((empty - nocall + N / 2) / N) - CALL_CYCLES;
    out_str("# ret ");
    out_u32((uint32_t)ret_cycles);
    out_char('\n');

    uint32_t b1 = MEASURE(sd, e_d_d(g[k]));
    uint32_t b2 = MEASURE(sd, e_d_dd(g[k], h[k]));
    UNARY(acos, u); UNARY(acosh, big); UNARY(asin, u); UNARY(asinh, g); UNARY(atan, g);
    BINARY(atan2);
    UNARY(atanh, u); UNARY(cbrt, g); UNARY(ceil, h);
    BINARY(copysign);
    UNARY(cos, g); UNARY(cosh, g); UNARY(erf, g); UNARY(erfc, g); UNARY(exp, g); UNARY(expm1, g);
    report("ldexp", MEASURE(sd, ldexp(g[k], e[k])), MEASURE(sd, e_d_di(g[k], e[k])));
    UNARY(fabs, h); UNARY(floor, h);
    BINARY(fmod); BINARY(hypot);
    UNARY(j0, big); UNARY(j1, big);
    report("jn", MEASURE(sd, jn(vi[k] & 3, big[k])), MEASURE(sd, e_d_id(vi[k] & 3, big[k])));
    UNARY(lgamma, big); UNARY(log, big); UNARY(log10, big);
    BINARY(nextafter); BINARY(pow);
    UNARY(round, h); UNARY(rint, h); UNARY(sin, g); UNARY(sinh, g); UNARY(sqrt, big);
    UNARY(tan, g); UNARY(tanh, g); UNARY(y0, big); UNARY(y1, big);
    report("yn", MEASURE(sd, yn(vi[k] & 3, big[k])), MEASURE(sd, e_d_id(vi[k] & 3, big[k])));
    report("__powidf2", MEASURE(sd, __powidf2(h[k], p[k])), MEASURE(sd, e_d_di(h[k], p[k])));
    out_flush();
    return 0;
}
