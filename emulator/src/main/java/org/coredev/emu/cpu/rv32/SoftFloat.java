package org.coredev.emu.cpu.rv32;

import java.math.BigInteger;

/**
 * Bit-exact IEEE-754 arithmetic for the RISC-V F and D extensions: every rounding mode, the five
 * exception flags with tininess detected after rounding (as RISC-V requires, spec 11.2), canonical
 * NaNs and the saturating integer conversions of spec tables 11.4 and 12.x.
 *
 * <p>Two paths give the same bits. The exact path computes the infinitely precise result as an
 * integer times a power of two (BigInteger) and rounds it once; it handles everything. The fast
 * path serves the overwhelmingly common case, round-to-nearest-even on operands and results far
 * from the subnormal and overflow ranges: Java's own double arithmetic is correctly rounded there,
 * and the inexact flag comes from an exact error term (TwoSum, or an FMA residual). Single
 * precision uses doubles on its fast path: double rounding through binary64 is innocuous for
 * +, -, *, / and sqrt because 53 >= 2*24 + 2 (Figueroa, "When is double rounding innocuous?").
 *
 * <p>{@link #flags} accumulates fflags: the CPU reads and writes it as the fflags CSR.
 */
public final class SoftFloat {
    public static final int NX = 1, UF = 2, OF = 4, DZ = 8, NV = 16;
    public static final int RNE = 0, RTZ = 1, RDN = 2, RUP = 3, RMM = 4;

    /** Accrued exception flags (fflags). */
    public int flags;

    private static final double FAST_MIN = 0x1p-960, FAST_MIN_OPERAND = 0x1p-900;
    private static final float FAST_MIN_SINGLE = 0x1p-125f;

    // ---------------------------------------------------------------- double fast paths

    public long addD(long a, long b, int rm) {
        if (rm == RNE) {
            double x = Double.longBitsToDouble(a), y = Double.longBitsToDouble(b), s = x + y;
            if (Double.isFinite(s) && Double.isFinite(x) && Double.isFinite(y)) {
                double bv = s - x;
                // TwoSum: the exact rounding error of s, valid whenever s does not overflow.
                if ((x - (s - bv)) + (y - bv) != 0) flags |= NX;
                return Double.doubleToRawLongBits(s);
            }
        }
        return add(FloatFormat.DOUBLE, a, b, rm);
    }

    public long subD(long a, long b, int rm) { return addD(a, b ^ FloatFormat.DOUBLE.signBit, rm); }

    public long mulD(long a, long b, int rm) {
        if (rm == RNE) {
            double x = Double.longBitsToDouble(a), y = Double.longBitsToDouble(b), p = x * y;
            if (Double.isFinite(p) && Double.isFinite(x) && Double.isFinite(y)) {
                if (p == 0 ? (x == 0 || y == 0) : Math.abs(p) >= FAST_MIN) {
                    if (p != 0 && Math.fma(x, y, -p) != 0) flags |= NX;
                    return Double.doubleToRawLongBits(p);
                }
            }
        }
        return mul(FloatFormat.DOUBLE, a, b, rm);
    }

    public long divD(long a, long b, int rm) {
        if (rm == RNE) {
            double x = Double.longBitsToDouble(a), y = Double.longBitsToDouble(b);
            if (Double.isFinite(x) && Double.isFinite(y) && y != 0) {
                double q = x / y;
                if (x == 0) return Double.doubleToRawLongBits(q);
                if (Math.abs(x) >= FAST_MIN_OPERAND && Double.isFinite(q) && Math.abs(q) >= FAST_MIN) {
                    if (Math.fma(-q, y, x) != 0) flags |= NX;
                    return Double.doubleToRawLongBits(q);
                }
            }
        }
        return div(FloatFormat.DOUBLE, a, b, rm);
    }

    public long sqrtD(long a, int rm) {
        double x = Double.longBitsToDouble(a);
        if (rm == RNE && Double.isFinite(x) && (x == 0 || x >= FAST_MIN_OPERAND)) {
            double s = Math.sqrt(x);
            if (x != 0 && Math.fma(-s, s, x) != 0) flags |= NX;
            return Double.doubleToRawLongBits(s);
        }
        return sqrt(FloatFormat.DOUBLE, a, rm);
    }

    /**
     * fmadd.d and its negated forms. Fast path: Java's Math.fma is correctly rounded to nearest;
     * the result is exact iff p + e + c - r = 0, where p + e = a*b exactly (FMA residual); that
     * four-term sum is decided exactly by error-free TwoSum distillation.
     */
    public long fmaD(long a, long b, long c, boolean negateProduct, boolean negateAddend, int rm) {
        if (rm == RNE) {
            double x = Double.longBitsToDouble(a), y = Double.longBitsToDouble(b), z = Double.longBitsToDouble(c);
            if (negateProduct) x = -x;
            if (negateAddend) z = -z;
            double p = x * y;
            boolean productOk = Math.abs(p) >= FAST_MIN && Math.abs(p) <= FAST_MAX;
            if (productOk && Double.isFinite(z) && Math.abs(z) <= FAST_MAX) {
                double r = Math.fma(x, y, z);
                if (Math.abs(r) >= FAST_MIN && Math.abs(r) <= FAST_MAX) {
                    double e = Math.fma(x, y, -p);
                    if (!sumIsZero(p - r, twoSumError(p, -r), e, z)) flags |= NX;
                    return Double.doubleToRawLongBits(r);
                }
            }
        }
        return fma(FloatFormat.DOUBLE, a, b, c, negateProduct, negateAddend, rm);
    }

    private static final double FAST_MAX = 0x1p1000;

    /** The rounding error of a + b: a + b = fl(a + b) + error, exactly (Knuth's TwoSum). */
    private static double twoSumError(double a, double b) {
        double s = a + b, bv = s - a;
        return (a - (s - bv)) + (b - bv);
    }

    /** Whether the exact sum of four doubles is zero, by repeated TwoSum passes (sum is invariant). */
    private static boolean sumIsZero(double x0, double x1, double x2, double x3) {
        double[] x = {x0, x1, x2, x3};
        for (int pass = 0; pass < 64; pass++) {
            boolean changed = false;
            for (int i = 1; i < x.length; i++) {
                double s = x[i] + x[i - 1], err = twoSumError(x[i], x[i - 1]);
                if (s != x[i] || err != x[i - 1]) changed = true;
                x[i] = s;
                x[i - 1] = err;
            }
            if (!changed) break;
        }
        // After distillation the largest part holds the rounded sum; the sum is zero iff every part is.
        for (double v : x) if (v != 0) return false;
        return true;
    }

    // ---------------------------------------------------------------- single fast paths (via double)

    public long addS(long a, long b, int rm) {
        if (rm == RNE && finiteS(a) && finiteS(b)) {
            double x = toDouble(a), y = toDouble(b), s = x + y, bv = s - x;
            boolean exact = (x - (s - bv)) + (y - bv) == 0;
            Long r = narrowFast(s, exact);
            if (r != null) return r;
        }
        return add(FloatFormat.SINGLE, a, b, rm);
    }

    public long subS(long a, long b, int rm) { return addS(a, b ^ FloatFormat.SINGLE.signBit, rm); }

    public long mulS(long a, long b, int rm) {
        if (rm == RNE && finiteS(a) && finiteS(b)) {
            // A product of two binary32 values is exact in binary64.
            Long r = narrowFast(toDouble(a) * toDouble(b), true);
            if (r != null) return r;
        }
        return mul(FloatFormat.SINGLE, a, b, rm);
    }

    public long divS(long a, long b, int rm) {
        if (rm == RNE && finiteS(a) && finiteS(b) && !FloatFormat.SINGLE.isZero(b)) {
            double x = toDouble(a), y = toDouble(b), q = x / y;
            Long r = narrowFast(q, Math.fma(-q, y, x) == 0);
            if (r != null) return r;
        }
        return div(FloatFormat.SINGLE, a, b, rm);
    }

    public long sqrtS(long a, int rm) {
        if (rm == RNE && finiteS(a) && !FloatFormat.SINGLE.negative(a)) {
            double x = toDouble(a), s = Math.sqrt(x);
            Long r = narrowFast(s, Math.fma(-s, s, x) == 0);
            if (r != null) return r;
        }
        return sqrt(FloatFormat.SINGLE, a, rm);
    }

    private static boolean finiteS(long a) { return FloatFormat.SINGLE.expField(a) != FloatFormat.SINGLE.expMax; }
    private static double toDouble(long singleBits) { return Float.intBitsToFloat((int) singleBits); }

    /** Rounds an RNE double result to single if that is certainly not near underflow or overflow. */
    private Long narrowFast(double d, boolean exactInDouble) {
        float f = (float) d;
        if (d == 0) {
            if (!exactInDouble) return null;
            return (long) Float.floatToRawIntBits(f) & 0xffff_ffffL;
        }
        if (!Float.isFinite(f) || Math.abs(f) < FAST_MIN_SINGLE) return null;
        if (!exactInDouble || (double) f != d) flags |= NX;
        return (long) Float.floatToRawIntBits(f) & 0xffff_ffffL;
    }

    // ---------------------------------------------------------------- exact path

    /** A finite nonzero value: (-1)^neg * mag * 2^exp. */
    private record Exact(boolean neg, BigInteger mag, int exp) {}

    private static Exact unpack(FloatFormat f, long bits) {
        long e = f.expField(bits), frac = f.frac(bits);
        boolean neg = f.negative(bits);
        if (e == 0) return new Exact(neg, BigInteger.valueOf(frac), f.emin - f.fracBits);
        return new Exact(neg, BigInteger.valueOf(frac | (1L << f.fracBits)), (int) e - f.bias - f.fracBits);
    }

    /** Quiet-NaN result for operands of which at least one is NaN; signalling ones raise NV. */
    private long nanResult(FloatFormat f, long... operands) {
        for (long o : operands) if (f.isSignalingNaN(o)) flags |= NV;
        return f.canonicalNaN;
    }

    private long invalid(FloatFormat f) {
        flags |= NV;
        return f.canonicalNaN;
    }

    /** The sign of an exact zero sum of nonzero terms: -0 only when rounding down (spec 754 6.3). */
    private static long exactZero(FloatFormat f, int rm) { return f.zero(rm == RDN); }

    public long add(FloatFormat f, long a, long b, int rm) {
        if (f.isNaN(a) || f.isNaN(b)) return nanResult(f, a, b);
        boolean ia = f.isInfinite(a), ib = f.isInfinite(b);
        if (ia && ib) return f.negative(a) == f.negative(b) ? a : invalid(f);
        if (ia) return a;
        if (ib) return b;
        boolean za = f.isZero(a), zb = f.isZero(b);
        if (za && zb) return f.negative(a) && f.negative(b) ? f.zero(true) : (f.negative(a) != f.negative(b) ? exactZero(f, rm) : f.zero(false));
        if (za) return b;
        if (zb) return a;
        return addExact(f, unpack(f, a), unpack(f, b), rm);
    }

    private long addExact(FloatFormat f, Exact x, Exact y, int rm) {
        int e = Math.min(x.exp, y.exp);
        BigInteger mx = x.mag.shiftLeft(x.exp - e), my = y.mag.shiftLeft(y.exp - e);
        BigInteger sum = (x.neg ? mx.negate() : mx).add(y.neg ? my.negate() : my);
        if (sum.signum() == 0) return exactZero(f, rm);
        return round(f, sum.signum() < 0, sum.abs(), e, false, rm);
    }

    public long mul(FloatFormat f, long a, long b, int rm) {
        if (f.isNaN(a) || f.isNaN(b)) return nanResult(f, a, b);
        boolean neg = f.negative(a) != f.negative(b);
        boolean ia = f.isInfinite(a), ib = f.isInfinite(b), za = f.isZero(a), zb = f.isZero(b);
        if ((ia && zb) || (ib && za)) return invalid(f);
        if (ia || ib) return f.infinity(neg);
        if (za || zb) return f.zero(neg);
        Exact x = unpack(f, a), y = unpack(f, b);
        return round(f, neg, x.mag.multiply(y.mag), x.exp + y.exp, false, rm);
    }

    public long div(FloatFormat f, long a, long b, int rm) {
        if (f.isNaN(a) || f.isNaN(b)) return nanResult(f, a, b);
        boolean neg = f.negative(a) != f.negative(b);
        boolean ia = f.isInfinite(a), ib = f.isInfinite(b), za = f.isZero(a), zb = f.isZero(b);
        if ((ia && ib) || (za && zb)) return invalid(f);
        if (ia) return f.infinity(neg);
        if (ib) return f.zero(neg);
        if (zb) {
            flags |= DZ;
            return f.infinity(neg);
        }
        if (za) return f.zero(neg);
        Exact x = unpack(f, a), y = unpack(f, b);
        // Scale the dividend so the quotient has precision + 2 bits at least; the rest is sticky.
        int k = Math.max(0, f.precision + 2 + y.mag.bitLength() - x.mag.bitLength() + 1);
        BigInteger[] qr = x.mag.shiftLeft(k).divideAndRemainder(y.mag);
        return round(f, neg, qr[0], x.exp - y.exp - k, qr[1].signum() != 0, rm);
    }

    public long sqrt(FloatFormat f, long a, int rm) {
        if (f.isNaN(a)) return nanResult(f, a);
        if (f.isZero(a)) return a;
        if (f.negative(a)) return invalid(f);
        if (f.isInfinite(a)) return a;
        Exact x = unpack(f, a);
        BigInteger m = x.mag;
        int e = x.exp;
        if ((e & 1) != 0) {
            m = m.shiftLeft(1);
            e -= 1;
        }
        // Give the root at least precision + 2 bits: scale by an even power of two.
        int k = Math.max(0, f.precision + 2 - m.bitLength() / 2 + 1);
        BigInteger scaled = m.shiftLeft(2 * k);
        BigInteger root = scaled.sqrt();
        boolean sticky = !root.multiply(root).equals(scaled);
        return round(f, false, root, (e - 2 * k) / 2, sticky, rm);
    }

    /**
     * Fused multiply-add: (negateProduct ? -(a*b) : a*b) + (negateAddend ? -c : c), rounded once.
     * fmadd = (false, false), fmsub = (false, true), fnmsub = (true, false), fnmadd = (true, true).
     */
    public long fma(FloatFormat f, long a, long b, long c, boolean negateProduct, boolean negateAddend, int rm) {
        boolean ia = f.isInfinite(a), ib = f.isInfinite(b), za = f.isZero(a), zb = f.isZero(b);
        // Spec 11.6: inf * 0 is invalid even when the addend is a quiet NaN.
        if ((ia && zb) || (ib && za)) {
            nanResult(f, a, b, c);
            return invalid(f);
        }
        if (f.isNaN(a) || f.isNaN(b) || f.isNaN(c)) return nanResult(f, a, b, c);
        boolean pneg = (f.negative(a) != f.negative(b)) != negateProduct;
        boolean cneg = f.negative(c) != negateAddend;
        boolean ic = f.isInfinite(c);
        if (ia || ib) {
            if (ic && cneg != pneg) return invalid(f);
            return f.infinity(pneg);
        }
        if (ic) return f.infinity(cneg);
        boolean zc = f.isZero(c);
        if (za || zb) {
            if (zc) return pneg == cneg ? f.zero(pneg) : exactZero(f, rm);
            return f.zero(cneg) | (c & ~f.signBit);
        }
        Exact x = unpack(f, a), y = unpack(f, b);
        Exact product = new Exact(pneg, x.mag.multiply(y.mag), x.exp + y.exp);
        if (zc) return round(f, pneg, product.mag, product.exp, false, rm);
        Exact z = unpack(f, c);
        return addExact(f, product, new Exact(cneg, z.mag, z.exp), rm);
    }

    // ---------------------------------------------------------------- conversions

    /** Converts between formats (fcvt.s.d, fcvt.d.s). */
    public long convert(FloatFormat from, FloatFormat to, long a, int rm) {
        if (from.isNaN(a)) {
            nanResult(from, a);
            return to.canonicalNaN;
        }
        boolean neg = from.negative(a);
        if (from.isInfinite(a)) return to.infinity(neg);
        if (from.isZero(a)) return to.zero(neg);
        if (from == FloatFormat.DOUBLE && to == FloatFormat.SINGLE && rm == RNE) {
            double d = Double.longBitsToDouble(a);
            float s = (float) d;
            if (Float.isFinite(s) && Math.abs(s) >= FAST_MIN_SINGLE) {
                if ((double) s != d) flags |= NX;
                return (long) Float.floatToRawIntBits(s) & 0xffff_ffffL;
            }
        }
        Exact x = unpack(from, a);
        return round(to, neg, x.mag, x.exp, false, rm);
    }

    /** Signed (or unsigned, per {@code unsigned}) 32-bit integer to float (fcvt.s.w, fcvt.d.wu, ...). */
    public long fromInt(FloatFormat to, int value, boolean unsigned, int rm) {
        long v = unsigned ? Integer.toUnsignedLong(value) : value;
        if (v == 0) return 0;
        if (to == FloatFormat.DOUBLE) return Double.doubleToRawLongBits((double) v);
        if (Math.abs(v) <= (1 << 24)) return (long) Float.floatToRawIntBits((float) v) & 0xffff_ffffL;
        return round(to, v < 0, BigInteger.valueOf(Math.abs(v)), 0, false, rm);
    }

    /**
     * Float to 32-bit integer with RISC-V saturation (spec table 11.4): NaN and +inf give the
     * largest value, -inf the smallest; out-of-range inputs raise NV (not NX), in-range inexact
     * ones NX.
     */
    public int toInt(FloatFormat from, long a, boolean unsigned, int rm) {
        long max = unsigned ? 0xffff_ffffL : Integer.MAX_VALUE, min = unsigned ? 0 : Integer.MIN_VALUE;
        if (from.isNaN(a)) {
            flags |= NV;
            return (int) max;
        }
        double v = from == FloatFormat.DOUBLE ? Double.longBitsToDouble(a) : Float.intBitsToFloat((int) a);
        double r = roundToIntegral(v, rm);
        if (r < min) {
            flags |= NV;
            return (int) min;
        }
        if (r > max) {
            flags |= NV;
            return (int) max;
        }
        if (r != v) flags |= NX;
        return (int) (long) r;
    }

    /** Rounds a double to an integral value in the given mode; exact, as all these steps are. */
    static double roundToIntegral(double v, int rm) {
        if (!Double.isFinite(v)) return v;
        return switch (rm) {
            case RNE -> Math.rint(v);
            case RTZ -> v < 0 ? Math.ceil(v) : Math.floor(v);
            case RDN -> Math.floor(v);
            case RUP -> Math.ceil(v);
            case RMM -> {
                double t = v < 0 ? Math.ceil(v) : Math.floor(v);
                yield Math.abs(v - t) >= 0.5 ? t + Math.signum(v) : t;
            }
            default -> throw new IllegalArgumentException("rounding mode " + rm);
        };
    }

    // ---------------------------------------------------------------- comparisons and classes

    /** feq (quiet: NV only for signalling NaNs), flt and fle (signalling: NV for any NaN). */
    public boolean compare(FloatFormat f, long a, long b, int relation) {
        if (f.isNaN(a) || f.isNaN(b)) {
            if (relation != EQ || f.isSignalingNaN(a) || f.isSignalingNaN(b)) flags |= NV;
            return false;
        }
        double x = value(f, a), y = value(f, b);
        return switch (relation) {
            case EQ -> x == y;
            case LT -> x < y;
            default -> x <= y;
        };
    }

    public static final int EQ = 0, LT = 1, LE = 2;

    /** fmin / fmax as IEEE 754-2019 minimumNumber / maximumNumber, with -0 below +0. */
    public long minMax(FloatFormat f, long a, long b, boolean max) {
        boolean na = f.isNaN(a), nb = f.isNaN(b);
        if (f.isSignalingNaN(a) || f.isSignalingNaN(b)) flags |= NV;
        if (na && nb) return f.canonicalNaN;
        if (na) return b;
        if (nb) return a;
        double x = value(f, a), y = value(f, b);
        if (x == y) {  // equal values: only the zeros' signs can differ
            boolean pickA = max ? !f.negative(a) : f.negative(a);
            return pickA ? a : b;
        }
        return (x < y) != max ? a : b;
    }

    private static double value(FloatFormat f, long bits) {
        return f == FloatFormat.DOUBLE ? Double.longBitsToDouble(bits) : Float.intBitsToFloat((int) bits);
    }

    /** fclass: one bit of ten (spec table 11.5). */
    public static int classify(FloatFormat f, long a) {
        boolean neg = f.negative(a);
        long e = f.expField(a), frac = f.frac(a);
        if (e == f.expMax) {
            if (frac == 0) return neg ? 1 : 1 << 7;
            return f.isSignalingNaN(a) ? 1 << 8 : 1 << 9;
        }
        if (e == 0) {
            if (frac == 0) return neg ? 1 << 3 : 1 << 4;
            return neg ? 1 << 2 : 1 << 5;
        }
        return neg ? 1 << 1 : 1 << 6;
    }

    // ---------------------------------------------------------------- rounding

    /**
     * Rounds (-1)^neg * (mag + sticky) * 2^exp, mag > 0, to format f: sets NX, UF (tiny after
     * rounding and inexact) and OF.
     */
    long round(FloatFormat f, boolean neg, BigInteger mag, int exp, boolean sticky, int rm) {
        int p = f.precision;
        int top = exp + mag.bitLength() - 1;          // exponent of the leading bit
        int lsb = Math.max(top - (p - 1), f.emin - (p - 1));
        boolean tiny = false;
        if (top < f.emin) {
            // Tininess after rounding: round to p bits as if the exponent range were unbounded.
            Rounded u = roundAt(neg, mag, exp, sticky, top - (p - 1), rm);
            int topAfter = top - (p - 1) + u.mant.bitLength() - 1;
            tiny = topAfter < f.emin;
        }
        Rounded r = roundAt(neg, mag, exp, sticky, lsb, rm);
        BigInteger m = r.mant;
        if (m.bitLength() > p) {  // rounding carried into a new bit
            m = m.shiftRight(1);
            lsb += 1;
        }
        if (r.inexact) {
            flags |= NX;
            if (tiny) flags |= UF;
        }
        if (m.signum() == 0) return f.zero(neg);
        int resultTop = lsb + m.bitLength() - 1;
        if (resultTop > f.emax) {
            flags |= OF | NX;
            boolean toInfinity = switch (rm) {
                case RTZ -> false;
                case RDN -> neg;
                case RUP -> !neg;
                default -> true;
            };
            return toInfinity ? f.infinity(neg) : f.maxFinite(neg);
        }
        long sign = neg ? f.signBit : 0;
        long mant = m.longValue();
        if (m.bitLength() == p) return sign | ((long) (resultTop + f.bias) << f.fracBits) | (mant & f.fracMask);
        return sign | mant;  // subnormal: lsb is emin - (p - 1), biased exponent 0
    }

    private record Rounded(BigInteger mant, boolean inexact) {}

    /** Rounds to an integer multiple of 2^lsbExp. */
    private static Rounded roundAt(boolean neg, BigInteger mag, int exp, boolean sticky, int lsbExp, int rm) {
        int shift = lsbExp - exp;
        BigInteger kept;
        int half; // -1 below half, 0 exactly half, 1 above half (of one unit in the last place)
        boolean inexact;
        if (shift <= 0) {
            kept = mag.shiftLeft(-shift);
            inexact = sticky;
            half = -1;
        } else {
            kept = mag.shiftRight(shift);
            BigInteger rest = mag.subtract(kept.shiftLeft(shift));
            int cmp = rest.compareTo(BigInteger.ONE.shiftLeft(shift - 1));
            if (cmp == 0 && sticky) cmp = 1;
            half = cmp;
            inexact = rest.signum() != 0 || sticky;
        }
        boolean up = switch (rm) {
            case RNE -> half > 0 || (half == 0 && kept.testBit(0));
            case RTZ -> false;
            case RDN -> neg && inexact;
            case RUP -> !neg && inexact;
            case RMM -> half >= 0 && inexact;
            default -> throw new IllegalArgumentException("rounding mode " + rm);
        };
        return new Rounded(up ? kept.add(BigInteger.ONE) : kept, inexact);
    }
}
