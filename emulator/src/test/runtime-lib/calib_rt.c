/* calib_rt.elf: cycles per call of each compiler-rt export of ARTIQ's
 * ksupport/api.rs, with libgcc's implementations (rv32ima, soft float,
 * ilp32), which do the same work as the board's compiler_builtins; built
 * for OR1K too (calib_rt_or1k.elf, or1k-elf-gcc's libgcc, run on the
 * mor1kx cycle model). See calib.h for the method; output "name cycles"
 * per line. */
#include "calib.h"

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

#define NOIPA __attribute__((noipa))
NOIPA static int e_i_ii(int a, int b) { (void)b; return a; }
NOIPA static int e_i_dd(double a, double b) { (void)a; (void)b; return 0; }
NOIPA static float e_f_ff(float a, float b) { (void)b; return a; }
NOIPA static long long e_l_li(long long a, int b) { (void)b; return a; }
NOIPA static long long e_l_ll(long long a, long long b) { (void)b; return a; }
NOIPA static unsigned long long e_l_llp(unsigned long long a, unsigned long long b, unsigned long long *r) { (void)b; (void)r; return a; }
NOIPA static float e_f_i(int a) { (void)a; return 0; }
NOIPA static int e_i_f(float a) { (void)a; return 0; }
NOIPA static double e_d_dd(double a, double b) { (void)b; return a; }
NOIPA static double e_d_i(int a) { (void)a; return 0; }
NOIPA static double e_d_l(long long a) { (void)a; return 0; }
NOIPA static int e_i_d(double a) { (void)a; return 0; }
NOIPA static long long e_l_d(double a) { (void)a; return 0; }
NOIPA static double e_d_di(double a, int b) { (void)b; return a; }

static volatile int vi[8] = { 1000003, -77, 123456789, -5, 42, 99991, -2000000000, 7 };
static volatile int vj[8] = { 7, 3, -1000, 13, -6, 255, 33333, -2 };
static volatile long long vl[8] = { 1234567890123LL, -98765432109876LL, 42, -7, 0x7fffffffffffLL, 3000000000LL, -1, 555555555555555LL };
static volatile long long vm[8] = { 1000, -37, 3, 1234567, -2, 99, 65536, 7777777777LL };
static volatile int vs[8] = { 1, 7, 13, 31, 32, 40, 63, 5 };
static volatile int vp[8] = { 2, 5, -3, 7, 10, -1, 3, 6 };
static volatile double vx[8] = { 1.5, -2.75, 3.14159, 1e10, -7.25e-3, 0.333, 12345.678, -0.001 };
static volatile double vy[8] = { 2.5, 0.125, -1.75, 3e-5, 42.0, -9.5, 0.7, 1e3 };
static volatile float fx[8] = { 1.5f, -2.75f, 3.14159f, 1e10f, -7.25e-3f, 0.333f, 12345.678f, -0.001f };
static volatile float fy[8] = { 2.5f, 0.125f, -1.75f, 3e-5f, 42.0f, -9.5f, 0.7f, 1e3f };

static volatile int si;
static volatile long long sl;
static volatile float sf;
static volatile double sd;
static unsigned long long rem;

int main(void)
{
    cycle_counter_start();
    uint32_t nocall = MEASURE(si, vi[k] ^ vj[k]);
    uint32_t empty = MEASURE(si, e_i_ii(vi[k], vj[k]));
    ret_cycles = (int32_t)((empty - nocall + N / 2) / N) - CALL_CYCLES;
    out_str("# ret ");
    out_u32((uint32_t)ret_cycles);
    out_char('\n');

    uint32_t b;
    b = MEASURE(si, e_i_ii(vi[k], vj[k]));
    report("__divsi3", MEASURE(si, __divsi3(vi[k], vj[k])), b);
    report("__modsi3", MEASURE(si, __modsi3(vi[k], vj[k])), b);
    b = MEASURE(si, e_i_dd(vx[k], vy[k]));
    report("__ledf2", MEASURE(si, __ledf2(vx[k], vy[k])), b);
    report("__gedf2", MEASURE(si, __gedf2(vx[k], vy[k])), b);
    report("__unorddf2", MEASURE(si, __unorddf2(vx[k], vy[k])), b);
    report("__eqdf2", MEASURE(si, __eqdf2(vx[k], vy[k])), b);
    report("__ltdf2", MEASURE(si, __ltdf2(vx[k], vy[k])), b);
    report("__nedf2", MEASURE(si, __nedf2(vx[k], vy[k])), b);
    report("__gtdf2", MEASURE(si, __gtdf2(vx[k], vy[k])), b);
    b = MEASURE(sf, e_f_ff(fx[k], fy[k]));
    report("__addsf3", MEASURE(sf, __addsf3(fx[k], fy[k])), b);
    report("__subsf3", MEASURE(sf, __subsf3(fx[k], fy[k])), b);
    report("__mulsf3", MEASURE(sf, __mulsf3(fx[k], fy[k])), b);
    report("__divsf3", MEASURE(sf, __divsf3(fx[k], fy[k])), b);
    b = MEASURE(sl, e_l_li(vl[k], vs[k]));
    report("__lshrdi3", MEASURE(sl, __lshrdi3(vl[k], vs[k])), b);
    report("__ashldi3", MEASURE(sl, __ashldi3(vl[k], vs[k])), b);
    report("__ashrdi3", MEASURE(sl, __ashrdi3(vl[k], vs[k])), b);
    b = MEASURE(sl, e_l_ll(vl[k], vm[k]));
    report("__muldi3", MEASURE(sl, __muldi3(vl[k], vm[k])), b);
    report("__divdi3", MEASURE(sl, __divdi3(vl[k], vm[k])), b);
    report("__udivdi3", MEASURE(sl, (long long)__udivdi3((unsigned long long)vl[k], (unsigned long long)vm[k])), b);
    report("__umoddi3", MEASURE(sl, (long long)__umoddi3((unsigned long long)vl[k], (unsigned long long)vm[k])), b);
    report("__moddi3", MEASURE(sl, __moddi3(vl[k], vm[k])), b);
    b = MEASURE(sl, (long long)e_l_llp((unsigned long long)vl[k], (unsigned long long)vm[k], &rem));
    report("__udivmoddi4", MEASURE(sl, (long long)__udivmoddi4((unsigned long long)vl[k], (unsigned long long)vm[k], &rem)), b);
    b = MEASURE(sf, e_f_i(vi[k]));
    report("__floatsisf", MEASURE(sf, __floatsisf(vi[k])), b);
    report("__floatunsisf", MEASURE(sf, __floatunsisf((unsigned)vi[k])), b);
    b = MEASURE(si, e_i_f(fx[k]));
    report("__fixsfsi", MEASURE(si, __fixsfsi(fx[k])), b);
    report("__fixunssfsi", MEASURE(si, (int)__fixunssfsi(fx[k])), b);
    b = MEASURE(sd, e_d_dd(vx[k], vy[k]));
    report("__adddf3", MEASURE(sd, __adddf3(vx[k], vy[k])), b);
    report("__subdf3", MEASURE(sd, __subdf3(vx[k], vy[k])), b);
    report("__muldf3", MEASURE(sd, __muldf3(vx[k], vy[k])), b);
    report("__divdf3", MEASURE(sd, __divdf3(vx[k], vy[k])), b);
    b = MEASURE(sd, e_d_i(vi[k]));
    report("__floatsidf", MEASURE(sd, __floatsidf(vi[k])), b);
    report("__floatunsidf", MEASURE(sd, __floatunsidf((unsigned)vi[k])), b);
    b = MEASURE(sd, e_d_l(vl[k]));
    report("__floatdidf", MEASURE(sd, __floatdidf(vl[k])), b);
    b = MEASURE(si, e_i_d(vx[k]));
    report("__fixdfsi", MEASURE(si, __fixdfsi(vx[k])), b);
    report("__fixunsdfsi", MEASURE(si, (int)__fixunsdfsi(vx[k])), b);
    b = MEASURE(sl, e_l_d(vx[k]));
    report("__fixdfdi", MEASURE(sl, __fixdfdi(vx[k])), b);
    b = MEASURE(sd, e_d_di(vx[k], vp[k]));
    report("__powidf2", MEASURE(sd, __powidf2(vx[k], vp[k])), b);
    out_flush();
    return 0;
}
