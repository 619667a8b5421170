package org.coredev.emu.runtime.lib;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/**
 * lgamma(x) = ln|Γ(x)|, evaluated in {@link HighPrecision} decimal arithmetic and rounded once.
 * <ul>
 * <li>z >= 30: Stirling's series ln Γ(z) = (z - 1/2) ln z - z + ln(2π)/2 + Σ_{k=1}^{20}
 *     B_2k / (2k (2k-1) z^(2k-1)) (DLMF 5.11.1); the first omitted term is below 1e-46.</li>
 * <li>0 < z < 30: ln Γ(z) = ln Γ(z + n) - ln(z (z+1) ··· (z+n-1)) with z + n >= 30 (DLMF 5.5.1).</li>
 * <li>x < 0: the reflection Γ(x) Γ(1-x) = π / sin(πx) (DLMF 5.5.3), with sin(πx) taken from the
 *     exact distance of x to the nearest integer, so values near the poles and zeros keep their
 *     relative accuracy.</li>
 * </ul>
 * Special values as the board's fdlibm: lgamma(1) = lgamma(2) = +0, poles (0, -0, negative
 * integers, -inf) and +inf give +inf, NaN gives NaN.
 */
final class LogGamma {
    private LogGamma() {}

    private static final int STIRLING_FROM = 30, STIRLING_TERMS = 20;

    /** B_2k / (2k (2k-1)) for k = 1..20, from Bernoulli numbers computed exactly at start-up. */
    private static final BigDecimal[] STIRLING = stirlingCoefficients();

    private static final BigDecimal HALF_LN_TWO_PI = HighPrecision.log(HighPrecision.PI.multiply(HighPrecision.TWO),
            HighPrecision.widened(20)).multiply(HighPrecision.HALF);

    static double lgamma(double x) {
        if (Double.isNaN(x)) return x;
        if (Double.isInfinite(x) || x == 0.0) return Double.POSITIVE_INFINITY;
        if (x < 0 && x == Math.rint(x)) return Double.POSITIVE_INFINITY;  // every |x| >= 2^52 is an integer
        if (x == 1.0 || x == 2.0) return 0.0;
        MathContext mc = HighPrecision.WORK;
        BigDecimal exact = new BigDecimal(x);
        if (x > 0) return lnGamma(exact.round(mc), mc).doubleValue();
        // ln|Γ(x)| = ln π - ln|sin(πx)| - ln Γ(1 - x); |sin(πx)| = sin(π d), d = distance to the nearest integer.
        BigDecimal fraction = exact.subtract(new BigDecimal(exact.toBigInteger().subtract(BigInteger.ONE)));  // in (0, 1)
        BigDecimal distance = fraction.min(BigDecimal.ONE.subtract(fraction)).round(mc);
        BigDecimal sin = HighPrecision.sinCos(HighPrecision.PI.multiply(distance, mc), mc)[0];
        BigDecimal oneMinusX = BigDecimal.ONE.subtract(exact).round(mc);
        BigDecimal result = HighPrecision.log(HighPrecision.PI.divide(sin, mc), mc).subtract(lnGamma(oneMinusX, mc), mc);
        return result.doubleValue();
    }

    /** ln Γ(z) for z > 0. */
    static BigDecimal lnGamma(BigDecimal z, MathContext mc) {
        MathContext wide = new MathContext(mc.getPrecision() + 10);
        BigDecimal shifted = z, product = BigDecimal.ONE;
        while (shifted.compareTo(BigDecimal.valueOf(STIRLING_FROM)) < 0) {
            product = product.multiply(shifted, wide);
            shifted = shifted.add(BigDecimal.ONE);
        }
        BigDecimal result = stirling(shifted, wide);
        if (product.compareTo(BigDecimal.ONE) != 0) result = result.subtract(HighPrecision.log(product, wide), wide);
        return result.round(mc);
    }

    private static BigDecimal stirling(BigDecimal z, MathContext mc) {
        BigDecimal lnZ = HighPrecision.log(z, mc);
        BigDecimal result = z.subtract(HighPrecision.HALF).multiply(lnZ, mc).subtract(z, mc).add(HALF_LN_TWO_PI, mc);
        BigDecimal inverse = BigDecimal.ONE.divide(z, mc), inverseSquared = inverse.multiply(inverse, mc);
        BigDecimal power = inverse, limit = result.abs().movePointLeft(mc.getPrecision() + 2);
        for (BigDecimal coefficient : STIRLING) {
            BigDecimal term = coefficient.multiply(power, mc);
            result = result.add(term, mc);
            if (term.abs().compareTo(limit) < 0) break;
            power = power.multiply(inverseSquared, mc);
        }
        return result;
    }

    /**
     * Bernoulli numbers from Σ_{j=0}^{m} C(m+1, j) B_j = 0 (DLMF 24.5.3 with n = m + 1), in exact
     * fractions, then the Stirling coefficients B_2k / (2k (2k-1)) to 80 digits.
     */
    private static BigDecimal[] stirlingCoefficients() {
        int top = 2 * STIRLING_TERMS;
        BigInteger[] num = new BigInteger[top + 1], den = new BigInteger[top + 1];
        num[0] = BigInteger.ONE;
        den[0] = BigInteger.ONE;
        for (int m = 1; m <= top; m++) {
            BigInteger sumNum = BigInteger.ZERO, sumDen = BigInteger.ONE, binomial = BigInteger.ONE;  // C(m+1, j)
            for (int j = 0; j < m; j++) {
                BigInteger n = binomial.multiply(num[j]), d = den[j];
                sumNum = sumNum.multiply(d).add(n.multiply(sumDen));
                sumDen = sumDen.multiply(d);
                BigInteger g = sumNum.gcd(sumDen);
                if (g.signum() != 0 && !g.equals(BigInteger.ONE)) { sumNum = sumNum.divide(g); sumDen = sumDen.divide(g); }
                binomial = binomial.multiply(BigInteger.valueOf(m + 1 - j)).divide(BigInteger.valueOf(j + 1));
            }
            // B_m = -sum / C(m+1, m) = -sum / (m + 1)
            num[m] = sumNum.negate();
            den[m] = sumDen.multiply(BigInteger.valueOf(m + 1));
        }
        MathContext mc = new MathContext(80);
        BigDecimal[] out = new BigDecimal[STIRLING_TERMS];
        for (int k = 1; k <= STIRLING_TERMS; k++) {
            BigInteger d = den[2 * k].multiply(BigInteger.valueOf(2L * k * (2L * k - 1)));
            out[k - 1] = new BigDecimal(num[2 * k]).divide(new BigDecimal(d), mc);
        }
        return out;
    }
}
