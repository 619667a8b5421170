package org.coredev.emu.runtime.lib;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Decimal arithmetic with tens of spare digits, for the libm functions {@link StrictMath} lacks
 * (error function, log-gamma, Bessel functions). Those evaluate their series in {@link BigDecimal}
 * at {@link #WORK} precision or more and round once to double, so their results are within about
 * half an ulp of the true value wherever the series is used. Constants are computed here from
 * their defining series, except Euler's constant, whose digits are a published value.
 */
final class HighPrecision {
    private HighPrecision() {}

    /** Working precision of the special functions: 60 significant digits (about 199 bits). */
    static final MathContext WORK = new MathContext(60, RoundingMode.HALF_EVEN);

    /** Extra-wide precision for the constants, so that they add no error of their own. */
    private static final MathContext CONSTANTS = new MathContext(80, RoundingMode.HALF_EVEN);

    static final BigDecimal TWO = BigDecimal.valueOf(2);
    static final BigDecimal HALF = new BigDecimal("0.5");

    /**
     * π to 420 digits: 16 atan(1/5) - 4 atan(1/239) (Machin). 420 digits reduce any double
     * argument (at most 309 integer digits) modulo π/2 with 100 digits to spare.
     */
    static final BigDecimal PI_LONG = machinPi(new MathContext(420, RoundingMode.HALF_EVEN));

    static final BigDecimal PI = PI_LONG.round(CONSTANTS);

    /** ln 2 = 2 atanh(1/3). */
    static final BigDecimal LN2 = atanhOfInverse(3, CONSTANTS).multiply(TWO, CONSTANTS);

    /** ln 10 = 3 ln 2 + ln 1.25 = 3 ln 2 + 2 atanh(1/9). */
    static final BigDecimal LN10 = LN2.multiply(BigDecimal.valueOf(3)).add(atanhOfInverse(9, CONSTANTS).multiply(TWO), CONSTANTS);

    /** Euler's constant γ (DLMF 5.2.3), 50 digits. */
    static final BigDecimal EULER_GAMMA = new BigDecimal("0.57721566490153286060651209008240243104215933593992");

    /** √π. */
    static final BigDecimal SQRT_PI = PI.sqrt(CONSTANTS);

    /** x rounded to {@code mc}: the exact decimal of a double can have hundreds of digits. */
    static BigDecimal of(double x, MathContext mc) {
        return new BigDecimal(x).round(mc);
    }

    /** A precision of {@link #WORK} plus {@code extraDigits}. */
    static MathContext widened(int extraDigits) {
        return new MathContext(WORK.getPrecision() + extraDigits, RoundingMode.HALF_EVEN);
    }

    private static BigDecimal epsilon(MathContext mc) {
        return BigDecimal.ONE.movePointLeft(mc.getPrecision() + 3);
    }

    /** atan(1/m) (or atanh(1/m)) = Σ (∓1)^k / ((2k+1) m^(2k+1)). */
    private static BigDecimal arctanOfInverse(int m, MathContext mc, boolean hyperbolic) {
        BigDecimal mSquared = BigDecimal.valueOf((long) m * m), eps = epsilon(mc);
        BigDecimal power = BigDecimal.ONE.divide(BigDecimal.valueOf(m), mc), sum = BigDecimal.ZERO;
        for (int k = 0; power.compareTo(eps) > 0; k++) {
            BigDecimal term = power.divide(BigDecimal.valueOf(2L * k + 1), mc);
            sum = hyperbolic || k % 2 == 0 ? sum.add(term, mc) : sum.subtract(term, mc);
            power = power.divide(mSquared, mc);
        }
        return sum;
    }

    private static BigDecimal atanhOfInverse(int m, MathContext mc) { return arctanOfInverse(m, mc, true); }

    private static BigDecimal machinPi(MathContext mc) {
        MathContext wide = new MathContext(mc.getPrecision() + 10, RoundingMode.HALF_EVEN);
        BigDecimal a = arctanOfInverse(5, wide, false).multiply(BigDecimal.valueOf(16));
        BigDecimal b = arctanOfInverse(239, wide, false).multiply(BigDecimal.valueOf(4));
        return a.subtract(b).round(mc);
    }

    /** 2^k exactly (k may be negative: 2^-m = 5^m / 10^m). */
    static BigDecimal powerOfTwo(int k) {
        if (k >= 0) return new BigDecimal(BigInteger.ONE.shiftLeft(k));
        return new BigDecimal(BigInteger.valueOf(5).pow(-k), -k);
    }

    /** e^y: y = k ln 2 + r with |r| <= ln 2 / 2, e^r by its Taylor series, times 2^k. */
    static BigDecimal exp(BigDecimal y, MathContext mc) {
        MathContext wide = new MathContext(mc.getPrecision() + 10, RoundingMode.HALF_EVEN);
        BigDecimal k = y.divide(LN2, MathContext.DECIMAL64).setScale(0, RoundingMode.HALF_EVEN);
        BigDecimal r = y.subtract(LN2.multiply(k), wide);
        BigDecimal term = BigDecimal.ONE, sum = BigDecimal.ONE, eps = epsilon(wide);
        for (int n = 1; term.abs().compareTo(eps) > 0; n++) {
            term = term.multiply(r, wide).divide(BigDecimal.valueOf(n), wide);
            sum = sum.add(term, wide);
        }
        return sum.multiply(powerOfTwo(k.intValueExact()), mc);
    }

    /**
     * ln v for v > 0: v = m 10^e with m in [1, 10), m = f 2^j with f in [1, 2), and
     * ln f = 2 atanh((f - 1) / (f + 1)) by its series.
     */
    static BigDecimal log(BigDecimal v, MathContext mc) {
        if (v.signum() <= 0) throw new ArithmeticException("log of " + v);
        MathContext wide = new MathContext(mc.getPrecision() + 10, RoundingMode.HALF_EVEN);
        int e = v.precision() - v.scale() - 1;
        BigDecimal m = v.scaleByPowerOfTen(-e);
        int j = Math.getExponent(m.doubleValue());  // 0..3; m's double may round up to a power of two
        BigDecimal f = m.multiply(powerOfTwo(-j));
        BigDecimal s = f.subtract(BigDecimal.ONE).divide(f.add(BigDecimal.ONE), wide);
        BigDecimal s2 = s.multiply(s, wide), power = s, sum = BigDecimal.ZERO, eps = epsilon(wide);
        for (int k = 0; power.abs().compareTo(eps) > 0; k++) {
            sum = sum.add(power.divide(BigDecimal.valueOf(2L * k + 1), wide), wide);
            power = power.multiply(s2, wide);
        }
        BigDecimal lnF = sum.multiply(TWO);
        return lnF.add(LN2.multiply(BigDecimal.valueOf(j))).add(LN10.multiply(BigDecimal.valueOf(e)), mc);
    }

    /** ln of a positive double, exactly as given. */
    static BigDecimal log(double x, MathContext mc) {
        return log(new BigDecimal(x), mc);
    }

    /** {sin r, cos r} by their Taylor series; meant for |r| <= 2. */
    static BigDecimal[] sinCos(BigDecimal r, MathContext mc) {
        MathContext wide = new MathContext(mc.getPrecision() + 5, RoundingMode.HALF_EVEN);
        BigDecimal r2 = r.multiply(r, wide).negate(), eps = epsilon(wide);
        BigDecimal sinTerm = r, cosTerm = BigDecimal.ONE, sin = r, cos = BigDecimal.ONE;
        for (int n = 1; sinTerm.abs().compareTo(eps) > 0 || cosTerm.abs().compareTo(eps) > 0; n++) {
            cosTerm = cosTerm.multiply(r2, wide).divide(BigDecimal.valueOf((2L * n - 1) * (2L * n)), wide);
            sinTerm = sinTerm.multiply(r2, wide).divide(BigDecimal.valueOf((2L * n) * (2L * n + 1)), wide);
            cos = cos.add(cosTerm, wide);
            sin = sin.add(sinTerm, wide);
        }
        return new BigDecimal[] {sin.round(mc), cos.round(mc)};
    }

    /**
     * {sin t, cos t} for t = x - shiftQuarters * π/4 given exactly (x any BigDecimal up to about
     * 1e310): t is reduced modulo π/2 with {@link #PI_LONG}, so the result is accurate to
     * {@code mc} however large x is.
     */
    static BigDecimal[] sinCosShifted(BigDecimal x, long shiftQuarters, MathContext mc) {
        BigDecimal quarterPi = PI_LONG.divide(BigDecimal.valueOf(4));  // exact: /4 ends in 25
        BigDecimal t = x.subtract(quarterPi.multiply(BigDecimal.valueOf(shiftQuarters)));
        BigDecimal halfPi = quarterPi.multiply(TWO);
        int integerDigits = Math.max(1, t.precision() - t.scale());
        BigInteger q = t.divide(halfPi, new MathContext(integerDigits + 10, RoundingMode.HALF_EVEN))
                .setScale(0, RoundingMode.HALF_EVEN).toBigIntegerExact();
        BigDecimal r = t.subtract(halfPi.multiply(new BigDecimal(q))).round(new MathContext(mc.getPrecision() + 5));
        BigDecimal[] sc = sinCos(r, mc);
        BigDecimal sin = sc[0], cos = sc[1];
        return switch (q.intValue() & 3) {  // t = q π/2 + r
            case 0 -> new BigDecimal[] {sin, cos};
            case 1 -> new BigDecimal[] {cos, sin.negate()};
            case 2 -> new BigDecimal[] {sin.negate(), cos.negate()};
            default -> new BigDecimal[] {cos.negate(), sin};
        };
    }
}
