/* sqrt() for the OR1K builds of the bare-metal workloads: soft float (as ARTIQ's or1k kernels)
 * has no square-root instruction, so gcc calls sqrt for __builtin_sqrt, and there is no libm.
 * Correctly rounded (round to nearest, as IEEE 754 requires and RV32's fsqrt.d does), with
 * integer arithmetic only: the restoring bit-by-bit square root of the significand. Linked into
 * each workload by emulator/src/test/isa-or1k/build.sh. */
#include <stdint.h>

double sqrt(double x);

double sqrt(double x)
{
    union { double d; uint64_t u; } v = { x };
    int biased = (int)(v.u >> 52) & 0x7ff;
    uint64_t m = v.u & ((1ull << 52) - 1);
    if (biased == 0x7ff) {
        if (m != 0 || !(v.u >> 63)) return x + x;   /* NaN (quietened), +inf */
        return (x - x) / (x - x);                   /* -inf: invalid */
    }
    if (biased == 0 && m == 0) return x;            /* +0, -0 */
    if (v.u >> 63) return (x - x) / (x - x);        /* negative: invalid */

    /* x = m / 2^52 * 2^e with 2^52 <= m < 2^53 (subnormals normalised). */
    int e;
    if (biased == 0) {
        e = -1022;
        while (!(m & (1ull << 52))) { m <<= 1; e--; }
    } else {
        e = biased - 1023;
        m |= 1ull << 52;
    }
    /* Make e even: then sqrt(x) = sqrt(m / 2^52) * 2^(e / 2) with m / 2^52 in [1, 4). */
    if (e & 1) { m <<= 1; e--; }

    /* 54 result bits (53 significand bits and a rounding bit), one per step: q is the root so far
     * (bit 53 stands for 1.0), s = 2q in the same units, rem the scaled remainder y - q^2. */
    uint64_t rem = m << 1, q = 0, s = 0;
    for (uint64_t bit = 1ull << 53; bit != 0; bit >>= 1) {
        uint64_t t = s + bit;
        if (t <= rem) {
            s = t + bit;
            rem -= t;
            q += bit;
        }
        rem <<= 1;
    }
    /* An exact tie is impossible for a square root, so the rounding bit alone decides. A carry
     * out of the significand moves into the exponent field by the addition below. */
    uint64_t significand = (q >> 1) + (q & 1);
    v.u = ((uint64_t)(e / 2 + 1022) << 52) + significand;
    return v.d;
}
