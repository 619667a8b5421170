package org.coredev.emu.runtime.lib;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Bessel functions of the first and second kind of integer order, J_n and Y_n, evaluated in
 * {@link HighPrecision} decimal arithmetic and rounded once.
 * <ul>
 * <li>x <= 50: the power series J_n(x) = Σ (-1)^k (x/2)^(2k+n) / (k! (k+n)!) (DLMF 10.2.2) and,
 *     for Y_0 and Y_1, DLMF 10.8.1 with ψ(k+1) = -γ + H_k; the digits lost to cancellation
 *     (terms grow to about e^x) are added to the working precision.</li>
 * <li>x > 50: Hankel's expansion (DLMF 10.17.3), J_n = √(2/(πx)) (P cos ω - Q sin ω),
 *     Y_n = √(2/(πx)) (P sin ω + Q cos ω), ω = x - (2n+1)π/4, summed until its terms fall below
 *     the working precision; ω is reduced modulo π/2 with a 420-digit π, so huge x keep their
 *     accuracy.</li>
 * <li>Orders the expansion cannot reach: Y_n by forward recurrence Y_{k+1} = (2k/x) Y_k - Y_{k-1}
 *     (DLMF 10.6.1, stable for the dominant Y); J_n the same way while n < x; for n >= x by the
 *     power series with extra digits up to x = 200 and by Miller's backward recurrence above.
 *     Recurrences longer than 10,000 orders run in double (tens of ulp; seconds near n = 2^31). J_n returns 0 when
 *     |J_n(x)| <= (x/2)^n / n! (DLMF 10.14.4) is far below the smallest double.</li>
 * </ul>
 * Signs and special values as the board's fdlibm: J_{-n} = (-1)^n J_n, J_n(-x) = (-1)^n J_n(x)
 * (so odd orders of -0 and -inf give -0), J_n(±inf) = ±0; Y_{-n} = (-1)^n Y_n, Y_n(±0) = -inf,
 * Y_n(x < 0) = NaN, Y_n(+inf) = +0.
 */
final class Bessel {
    private Bessel() {}

    private static final double SERIES_LIMIT = 50.0;

    /** Above this x, orders n >= x use Miller's recurrence instead of a series of hundreds of digits. */
    private static final double MILLER_FROM = 200.0;

    /**
     * Hankel's expansion is summed to 1e-40 of the amplitude: its smallest term is about e^(-2x),
     * 4e-44 at x = 50, so orders 0 and 1 always get there above {@link #SERIES_LIMIT}.
     */
    private static final BigDecimal HANKEL_EPSILON = new BigDecimal("1e-40");

    /** Terms beyond this (orders large against x) would cancel away more digits than the sum carries. */
    private static final BigDecimal HANKEL_TERM_LIMIT = new BigDecimal("1e15");

    static double j0(double x) { return jn(0, x); }

    static double j1(double x) { return jn(1, x); }

    static double y0(double x) { return yn(0, x); }

    static double y1(double x) { return yn(1, x); }

    static double jn(int n, double x) {
        if (Double.isNaN(x)) return x;
        long order = Math.abs((long) n);
        boolean negative = (order & 1) == 1 && (n < 0) != (Double.doubleToRawLongBits(x) < 0);
        double a = Math.abs(x);
        double magnitude;
        if (Double.isInfinite(a)) magnitude = 0.0;
        else if (a == 0.0) magnitude = order == 0 ? 1.0 : 0.0;
        else magnitude = firstKind(order, a).doubleValue();
        return negative ? -magnitude : magnitude;
    }

    static double yn(int n, double x) {
        if (Double.isNaN(x)) return x;
        if (x == 0.0) return Double.NEGATIVE_INFINITY;
        if (x < 0) return Double.NaN;
        if (x == Double.POSITIVE_INFINITY) return 0.0;
        long order = Math.abs((long) n);
        double value = secondKind(order, x);
        return n < 0 && (order & 1) == 1 ? -value : value;
    }

    // ---- first kind ------------------------------------------------------------------------

    /** J_n(x) for n >= 0 and finite x > 0. */
    private static BigDecimal firstKind(long n, double x) {
        if (n > 0 && certainlyUnderflows(n, x)) return BigDecimal.ZERO;
        MathContext mc = HighPrecision.WORK;
        if (x <= SERIES_LIMIT) return firstKindSeries(n, x);
        BigDecimal xb = new BigDecimal(x);
        BigDecimal[] pq = hankel(n, xb, mc);
        if (pq != null) {
            BigDecimal[] sc = HighPrecision.sinCosShifted(xb, 2 * n + 1, mc);
            return pq[0].multiply(sc[1], mc).subtract(pq[1].multiply(sc[0], mc), mc).multiply(amplitude(xb, mc), mc);
        }
        BigDecimal j0 = hankelJ(0, xb, mc), j1 = hankelJ(1, xb, mc);
        if (n < x) return forwardRecurrence(j0, j1, n, x, mc);
        return x > MILLER_FROM ? firstKindMiller(n, x, j0, j1) : firstKindSeries(n, x);
    }

    /** |J_n(x)| <= (x/2)^n / n! < 2^-1100 (ln n! >= n ln n - n). */
    private static boolean certainlyUnderflows(long n, double x) {
        double bound = n * StrictMath.log(x / 2) - (n * StrictMath.log(n) - n);
        return bound < -1100 * StrictMath.log(2);
    }

    /**
     * The power series with adaptive precision: evaluated once with digits for terms up to about
     * e^x, and again with more if the sum came out so much smaller than its largest term (n > x,
     * or x near a zero) that fewer than 25 digits survived the cancellation.
     */
    private static BigDecimal firstKindSeries(long n, double x) {
        int extra = 5 + (int) Math.ceil(x * 0.4343);
        for (int attempt = 0; ; attempt++) {
            MathContext mc = HighPrecision.widened(extra);
            BigDecimal half = HighPrecision.of(x / 2, mc);  // x/2 is exact
            BigDecimal term = BigDecimal.ONE;
            for (long k = 1; k <= n; k++) term = term.multiply(half, mc).divide(BigDecimal.valueOf(k), mc);  // (x/2)^n / n!
            BigDecimal step = half.multiply(half, mc).negate(), sum = term, largest = term;
            for (long k = 1; ; k++) {
                term = term.multiply(step, mc).divide(BigDecimal.valueOf(k * (k + n)), mc);
                sum = sum.add(term, mc);
                if (term.abs().compareTo(largest) > 0) largest = term.abs();
                if (k * (k + n) > x * x && negligible(term, sum, mc)) break;
            }
            int lost = sum.signum() == 0 ? mc.getPrecision() : digitsOf(largest) - digitsOf(sum);
            if (lost <= mc.getPrecision() - 25 || attempt == 2) return sum.round(HighPrecision.WORK);
            extra = lost + 30;
        }
    }

    /** The decimal exponent of a nonzero value: floor(log10 |v|) within 1. */
    private static int digitsOf(BigDecimal v) { return v.precision() - v.scale(); }

    /**
     * J_n(x) for n >= x > {@link #MILLER_FROM} by Miller's backward recurrence (DLMF 3.6(vi)):
     * started at zero far above n, where J is negligible, and normalised by whichever of J_0 and
     * J_1 (from Hankel's expansion) is larger. In decimal up to {@link #DECIMAL_RECURRENCE_STEPS}
     * steps, in double (rescaled against overflow, tens of ulp) beyond.
     */
    private static BigDecimal firstKindMiller(long n, double x, BigDecimal j0, BigDecimal j1) {
        long top = n + 100 + (long) (30 * Math.cbrt(x));
        boolean useJ0 = j0.abs().compareTo(j1.abs()) >= 0;
        if (top <= DECIMAL_RECURRENCE_STEPS) {
            MathContext mc = HighPrecision.widened(10);
            BigDecimal twoOverX = HighPrecision.TWO.divide(new BigDecimal(x), mc);
            BigDecimal above = BigDecimal.ZERO, current = BigDecimal.ONE, atN = null, atOne = null;
            for (long k = top; k >= 1; k--) {
                BigDecimal below = twoOverX.multiply(BigDecimal.valueOf(k), mc).multiply(current, mc).subtract(above, mc);
                above = current;
                current = below;
                if (k - 1 == n) atN = current;
                if (k - 1 == 1) atOne = current;
            }
            BigDecimal scale = useJ0 ? j0.divide(current, mc) : j1.divide(atOne, mc);
            return atN.multiply(scale, HighPrecision.WORK);
        }
        double above = 0, current = 0x1p-900, atN = 0, atOne = 0;
        for (long k = top; k >= 1; k--) {
            double below = 2 * k / x * current - above;  // J_{k-1} from J_k and J_{k+1}
            above = current;
            current = below;
            if (Math.abs(current) > 0x1p900) {  // J_n stays representable relative to J_0 and J_1
                current *= 0x1p-900;
                above *= 0x1p-900;
                atN *= 0x1p-900;
            }
            if (k - 1 == n) atN = current;
            if (k - 1 == 1) atOne = current;
        }
        double scale = useJ0 ? j0.doubleValue() / current : j1.doubleValue() / atOne;
        return new BigDecimal(atN * scale);
    }

    /** true once |term| no longer reaches the last digit of the series' largest possible term. */
    private static boolean negligible(BigDecimal term, BigDecimal sum, MathContext mc) {
        return term.signum() == 0 || term.abs().compareTo(sum.abs().movePointLeft(mc.getPrecision())) < 0
                || sum.signum() == 0;
    }

    /** J_n(x) by Hankel's expansion, for n = 0 and 1 (which always converge for x > 50). */
    private static BigDecimal hankelJ(long n, BigDecimal x, MathContext mc) {
        BigDecimal[] pq = hankel(n, x, mc);
        BigDecimal[] sc = HighPrecision.sinCosShifted(x, 2 * n + 1, mc);
        return pq[0].multiply(sc[1], mc).subtract(pq[1].multiply(sc[0], mc), mc).multiply(amplitude(x, mc), mc);
    }

    // ---- second kind -----------------------------------------------------------------------

    /** Y_n(x) for n >= 0 and finite x > 0, as a double (it may overflow to -inf). */
    private static double secondKind(long n, double x) {
        MathContext mc = HighPrecision.WORK;
        BigDecimal xb = new BigDecimal(x);
        if (x > SERIES_LIMIT) {
            BigDecimal[] pq = hankel(n, xb, mc);
            if (pq != null) {
                BigDecimal[] sc = HighPrecision.sinCosShifted(xb, 2 * n + 1, mc);
                return pq[0].multiply(sc[0], mc).add(pq[1].multiply(sc[1], mc), mc).multiply(amplitude(xb, mc), mc).doubleValue();
            }
        }
        BigDecimal y0 = x > SERIES_LIMIT ? hankelY(0, xb, mc) : secondKindSeries(0, x);
        if (n == 0) return y0.doubleValue();
        BigDecimal y1 = x > SERIES_LIMIT ? hankelY(1, xb, mc) : secondKindSeries(1, x);
        return forwardRecurrence(y0, y1, n, x, mc).doubleValue();
    }

    private static BigDecimal hankelY(long n, BigDecimal x, MathContext mc) {
        BigDecimal[] pq = hankel(n, x, mc);
        BigDecimal[] sc = HighPrecision.sinCosShifted(x, 2 * n + 1, mc);
        return pq[0].multiply(sc[0], mc).add(pq[1].multiply(sc[1], mc), mc).multiply(amplitude(x, mc), mc);
    }

    /**
     * DLMF 10.8.1 for n = 0 or 1:
     * Y_n(x) = -((x/2)^-n / π) Σ_{k<n} ((n-k-1)! / k!) (x²/4)^k + (2/π) ln(x/2) J_n(x)
     *          - ((x/2)^n / π) Σ_{k>=0} (ψ(k+1) + ψ(n+k+1)) (-x²/4)^k / (k! (n+k)!).
     */
    private static BigDecimal secondKindSeries(int n, double x) {
        MathContext mc = HighPrecision.widened(5 + (int) Math.ceil(x * 0.4343));
        BigDecimal half = HighPrecision.of(x / 2, mc), pi = HighPrecision.PI;
        BigDecimal step = half.multiply(half, mc).negate();
        // ψ(m+1) = -γ + H_m
        BigDecimal gamma = HighPrecision.EULER_GAMMA, hk = BigDecimal.ZERO, hnk = harmonic(n, mc);
        BigDecimal term = n == 0 ? BigDecimal.ONE : half;  // (x/2)^n (-x²/4)^k / (k! (n+k)!) at k = 0
        BigDecimal sum = term.multiply(hk.add(hnk).subtract(gamma.multiply(HighPrecision.TWO)), mc);
        for (long k = 1; ; k++) {
            term = term.multiply(step, mc).divide(BigDecimal.valueOf(k * (k + n)), mc);
            hk = hk.add(BigDecimal.ONE.divide(BigDecimal.valueOf(k), mc), mc);
            hnk = hnk.add(BigDecimal.ONE.divide(BigDecimal.valueOf(k + n), mc), mc);
            BigDecimal t = term.multiply(hk.add(hnk).subtract(gamma.multiply(HighPrecision.TWO)), mc);
            sum = sum.add(t, mc);
            if (k * (k + n) > x * x && negligible(t, sum, mc)) break;
        }
        BigDecimal j = firstKindSeriesExact(n, half, mc);
        BigDecimal logTerm = HighPrecision.log(half, mc).multiply(j, mc).multiply(HighPrecision.TWO);
        BigDecimal result = logTerm.subtract(sum, mc);
        if (n == 1) result = result.subtract(BigDecimal.ONE.divide(half, mc), mc);  // k = 0 of the finite sum: 0!/0! (x/2)^-1
        return result.divide(pi, HighPrecision.WORK);
    }

    /** J_0 or J_1 at x = 2 half, to {@code mc}. */
    private static BigDecimal firstKindSeriesExact(int n, BigDecimal half, MathContext mc) {
        BigDecimal step = half.multiply(half, mc).negate();
        BigDecimal term = n == 0 ? BigDecimal.ONE : half, sum = term;
        for (long k = 1; ; k++) {
            term = term.multiply(step, mc).divide(BigDecimal.valueOf(k * (k + n)), mc);
            sum = sum.add(term, mc);
            if (term.signum() == 0 || (k * (k + n) > step.abs().doubleValue() && negligible(term, sum, mc))) break;
        }
        return sum;
    }

    private static BigDecimal harmonic(long n, MathContext mc) {
        BigDecimal h = BigDecimal.ZERO;
        for (long k = 1; k <= n; k++) h = h.add(BigDecimal.ONE.divide(BigDecimal.valueOf(k), mc), mc);
        return h;
    }

    // ---- shared ----------------------------------------------------------------------------

    /** √(2 / (π x)). */
    private static BigDecimal amplitude(BigDecimal x, MathContext mc) {
        return HighPrecision.TWO.divide(HighPrecision.PI.multiply(x, mc), mc).sqrt(mc);
    }

    /**
     * {P, Q} of DLMF 10.17.3: a_k = (μ-1)(μ-9)···(μ-(2k-1)²) / (k! 8^k), μ = 4n²; P = Σ (-1)^k
     * a_2k / x^2k, Q = Σ (-1)^k a_2k+1 / x^(2k+1). null when the terms start growing again before
     * they fall below the working precision, or grow so large that their cancellation would eat the
     * working precision (orders too large for this x).
     */
    private static BigDecimal[] hankel(long n, BigDecimal x, MathContext mc) {
        MathContext wide = new MathContext(mc.getPrecision() + 5);
        BigDecimal mu = BigDecimal.valueOf(n).pow(2).multiply(BigDecimal.valueOf(4)), eightX = x.multiply(BigDecimal.valueOf(8), wide);
        BigDecimal p = BigDecimal.ONE, q = BigDecimal.ZERO, term = BigDecimal.ONE;
        for (long k = 1; k < 5000; k++) {
            BigDecimal previous = term.abs();
            long odd = 2 * k - 1;
            term = term.multiply(mu.subtract(BigDecimal.valueOf(odd * odd)), wide).divide(eightX.multiply(BigDecimal.valueOf(k)), wide);
            BigDecimal signed = (k / 2) % 2 == 0 ? term : term.negate();  // (-1)^floor(k/2)
            if (k % 2 == 0) p = p.add(signed, wide);
            else q = q.add(signed, wide);
            if (term.abs().compareTo(HANKEL_EPSILON) < 0) return new BigDecimal[] {p.round(mc), q.round(mc)};
            if (odd > 2 * n && term.abs().compareTo(previous) >= 0 || term.abs().compareTo(HANKEL_TERM_LIMIT) > 0) return null;
        }
        return null;
    }

    /** Above this many steps the recurrence runs in double, so that no order makes a call hang. */
    private static final long DECIMAL_RECURRENCE_STEPS = 10_000;

    /**
     * C_n from C_0, C_1 by C_{k+1} = (2k/x) C_k - C_{k-1}; stops early once beyond any double.
     * Orders above {@link #DECIMAL_RECURRENCE_STEPS} recur in double (seconds at most for 2^31).
     */
    private static BigDecimal forwardRecurrence(BigDecimal c0, BigDecimal c1, long n, double x, MathContext mc) {
        if (n == 0) return c0;
        if (n > DECIMAL_RECURRENCE_STEPS) {
            double previous = c0.doubleValue(), current = c1.doubleValue();
            for (long k = 1; k < n && !Double.isInfinite(current); k++) {
                double next = 2 * k / x * current - previous;
                previous = current;
                current = next;
            }
            return Double.isInfinite(current) ? new BigDecimal("1e400").multiply(BigDecimal.valueOf(Math.signum(current))) : new BigDecimal(current);
        }
        MathContext wide = new MathContext(mc.getPrecision() + 10);
        BigDecimal twoOverX = HighPrecision.TWO.divide(new BigDecimal(x), wide);
        BigDecimal huge = new BigDecimal("1e320");
        BigDecimal previous = c0, current = c1;
        for (long k = 1; k < n; k++) {
            BigDecimal next = twoOverX.multiply(BigDecimal.valueOf(k), wide).multiply(current, wide).subtract(previous, wide);
            previous = current;
            current = next;
            if (current.abs().compareTo(huge) > 0) break;
        }
        return current;
    }
}
