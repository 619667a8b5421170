package org.coredev.emu.runtime.lib;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * erf and erfc, evaluated in {@link HighPrecision} decimal arithmetic and rounded once:
 * <ul>
 * <li>erf(x) = (2/√π) e^(-x²) Σ_{n>=0} 2^n x^(2n+1) / (1·3·5···(2n+1)) (DLMF 7.6.2): all terms
 *     positive, so no cancellation; used for |x| < 6 (beyond, erf rounds to ±1).</li>
 * <li>erfc(x) = 1 - erf(x) for x < 8, with digits to spare for the cancellation (erfc(8) is
 *     1e-29), and the continued fraction erfc(x) = (e^(-x²)/√π) / (x + (1/2)/(x + 1/(x + (3/2)/(x
 *     + ...)))) (DLMF 7.9.2) above; erfc underflows to 0 from x = 27.3.</li>
 * </ul>
 */
final class ErrorFunction {
    private ErrorFunction() {}

    /** From here on erf(x) rounds to 1: erfc(6) = 2.2e-17 is below half an ulp of 1. */
    private static final double ERF_ONE = 6.0;
    private static final double ERFC_SERIES_LIMIT = 8.0;
    /** erfc(28) = 1e-342 rounds to 0. */
    private static final double ERFC_ZERO = 28.0;

    static double erf(double x) {
        if (Double.isNaN(x) || x == 0.0) return x;
        double a = Math.abs(x);
        if (a >= ERF_ONE) return Math.copySign(1.0, x);
        return Math.copySign(erfSeries(HighPrecision.of(a, HighPrecision.WORK), HighPrecision.WORK).doubleValue(), x);
    }

    static double erfc(double x) {
        if (Double.isNaN(x)) return x;
        if (x == Double.POSITIVE_INFINITY || x >= ERFC_ZERO) return 0.0;
        if (x <= -ERF_ONE) return 2.0;
        if (x < ERFC_SERIES_LIMIT) {
            MathContext mc = HighPrecision.widened(30);  // 1 - erf loses up to 29 digits below x = 8
            BigDecimal erf = erfSeries(HighPrecision.of(Math.abs(x), mc), mc);
            return (x < 0 ? BigDecimal.ONE.add(erf, mc) : BigDecimal.ONE.subtract(erf, mc)).doubleValue();
        }
        return erfcContinuedFraction(HighPrecision.of(x, HighPrecision.WORK), HighPrecision.WORK).doubleValue();
    }

    /** erf(x) for x >= 0 by the positive series of DLMF 7.6.2. */
    static BigDecimal erfSeries(BigDecimal x, MathContext mc) {
        MathContext wide = new MathContext(mc.getPrecision() + 5);
        BigDecimal twoX2 = x.multiply(x, wide).multiply(HighPrecision.TWO, wide);
        BigDecimal term = x, sum = x;
        for (int n = 1; ; n++) {
            term = term.multiply(twoX2, wide).divide(BigDecimal.valueOf(2L * n + 1), wide);
            sum = sum.add(term, wide);
            // Terms shrink once 2n + 1 > 2x²; stop when they no longer reach the last digit.
            if (2L * n + 1 > twoX2.doubleValue() && term.compareTo(sum.movePointLeft(wide.getPrecision() + 2)) < 0) break;
        }
        BigDecimal weight = HighPrecision.exp(x.multiply(x, wide).negate(), wide)
                .multiply(HighPrecision.TWO).divide(HighPrecision.SQRT_PI, wide);
        return sum.multiply(weight, mc);
    }

    /**
     * erfc(x) for x >= 8 by DLMF 7.9.2, evaluated from the tail: K = x + (k/2) / K for k = N..1.
     * 200 levels converge to far beyond double precision at x = 8 (checked against the series).
     */
    static BigDecimal erfcContinuedFraction(BigDecimal x, MathContext mc) {
        MathContext wide = new MathContext(mc.getPrecision() + 5);
        BigDecimal k = x;
        for (int level = 200; level >= 1; level--) {
            k = x.add(BigDecimal.valueOf(level).multiply(HighPrecision.HALF).divide(k, wide), wide);
        }
        BigDecimal weight = HighPrecision.exp(x.multiply(x, wide).negate(), wide).divide(HighPrecision.SQRT_PI, wide);
        return weight.divide(k, mc);
    }
}
