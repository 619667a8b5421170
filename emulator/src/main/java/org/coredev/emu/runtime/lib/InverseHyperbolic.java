package org.coredev.emu.runtime.lib;

/**
 * asinh, acosh and atanh from their logarithmic forms (DLMF 4.37.16, 4.37.17, 4.37.24), rewritten
 * so that no step subtracts nearly equal numbers: near 0 through {@link StrictMath#log1p} of an
 * argument computed without cancellation, for large arguments ln(2x) = ln x + ln 2 so that x² never
 * overflows. Within about 1 ulp of the true value; special values as the board's fdlibm.
 */
final class InverseHyperbolic {
    private InverseHyperbolic() {}

    private static final double LN2 = 0.6931471805599453;  // ln 2 rounded to double
    /** Below 2^-28, x³/6 is below half an ulp of x: asinh(x) = atanh(x) = x. */
    private static final double TINY = 0x1p-28;
    /** Above 2^28, 1/x² is below half an ulp of 1: asinh(x) = acosh(x) = ln(2x). */
    private static final double LARGE = 0x1p28;

    /** asinh(x) = sign(x) ln(|x| + √(x² + 1)). */
    static double asinh(double x) {
        double a = Math.abs(x);
        if (Double.isNaN(x) || Double.isInfinite(x) || a < TINY) return x;
        double r;
        if (a > LARGE) r = StrictMath.log(a) + LN2;
        // |x| + √(x²+1) = 2|x| + (√(x²+1) - |x|) = 2|x| + 1 / (√(x²+1) + |x|)
        else if (a > 2) r = StrictMath.log(2 * a + 1 / (StrictMath.sqrt(a * a + 1) + a));
        // |x| + √(x²+1) = 1 + |x| + (√(x²+1) - 1) = 1 + |x| + x² / (√(x²+1) + 1)
        else r = StrictMath.log1p(a + a * a / (StrictMath.sqrt(a * a + 1) + 1));
        return Math.copySign(r, x);
    }

    /** acosh(x) = ln(x + √(x² - 1)) for x >= 1, NaN below. */
    static double acosh(double x) {
        if (Double.isNaN(x)) return x;
        if (x < 1) return Double.NaN;
        if (x == 1) return 0.0;
        if (x > LARGE) return Double.isInfinite(x) ? x : StrictMath.log(x) + LN2;
        // x + √(x²-1) = 2x - (x - √(x²-1)) = 2x - 1 / (x + √(x²-1))
        if (x > 2) return StrictMath.log(2 * x - 1 / (x + StrictMath.sqrt(x * x - 1)));
        // with t = x - 1 (exact): x + √(x²-1) = 1 + t + √(2t + t²)
        double t = x - 1;
        return StrictMath.log1p(t + StrictMath.sqrt(2 * t + t * t));
    }

    /** atanh(x) = ln((1 + x) / (1 - x)) / 2 for |x| < 1; ±inf at ±1, NaN beyond. */
    static double atanh(double x) {
        double a = Math.abs(x);
        if (Double.isNaN(x) || a < TINY) return x;
        if (a > 1) return Double.NaN;
        if (a == 1) return Math.copySign(Double.POSITIVE_INFINITY, x);
        // (1 + a) / (1 - a) = 1 + 2a / (1 - a) = 1 + 2a + 2a² / (1 - a)
        double r = a < 0.5 ? 0.5 * StrictMath.log1p(2 * a + 2 * a * a / (1 - a)) : 0.5 * StrictMath.log1p(2 * a / (1 - a));
        return Math.copySign(r, x);
    }
}
