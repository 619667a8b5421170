package org.coredev.emu.cpu.rv32;

import static org.coredev.emu.cpu.rv32.SoftFloat.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SoftFloatTest {
    private static final FloatFormat D = FloatFormat.DOUBLE, S = FloatFormat.SINGLE;
    private static final long QNAN_D = 0x7ff8_0000_0000_0000L, SNAN_D = 0x7ff0_0000_0000_0001L;
    private static final long QNAN_S = 0x7fc0_0000L, SNAN_S = 0x7f80_0001L;

    private static long d(double v) { return Double.doubleToRawLongBits(v); }
    private static long s(float v) { return Float.floatToRawIntBits(v) & 0xffff_ffffL; }

    /** Random doubles with every exponent, subnormals, zeros, infinities and NaNs well represented. */
    private static long randomDouble(SplittableRandom r) {
        return switch (r.nextInt(10)) {
            case 0 -> r.nextLong() & 0x800f_ffff_ffff_ffffL;               // subnormal or zero
            case 1 -> r.nextBoolean() ? d(Double.POSITIVE_INFINITY) : d(0.0) | (r.nextLong() & D.signBit);
            case 2 -> d(1.0 + r.nextInt(8)) ^ (r.nextLong() & D.signBit);
            default -> r.nextLong();
        };
    }

    @Test
    void exactPathAgreesWithJavaForRoundToNearest() {
        SplittableRandom r = new SplittableRandom(1);
        SoftFloat f = new SoftFloat();
        for (int k = 0; k < 200_000; k++) {
            long a = randomDouble(r), b = randomDouble(r);
            double x = Double.longBitsToDouble(a), y = Double.longBitsToDouble(b);
            assertSameDouble(x + y, f.add(D, a, b, RNE), a, b, "add");
            assertSameDouble(x * y, f.mul(D, a, b, RNE), a, b, "mul");
            assertSameDouble(x / y, f.div(D, a, b, RNE), a, b, "div");
            assertSameDouble(Math.sqrt(x), f.sqrt(D, a, RNE), a, a, "sqrt");
            assertSameDouble(Math.fma(x, y, x), f.fma(D, a, b, a, false, false, RNE), a, b, "fma");
        }
    }

    private static void assertSameDouble(double expected, long actual, long a, long b, String op) {
        long e = Double.isNaN(expected) ? QNAN_D : d(expected);
        assertEquals(e, actual, () -> "%s(%016x, %016x)".formatted(op, a, b));
    }

    @Test
    void fastPathsGiveTheExactPathsBitsAndFlags() {
        SplittableRandom r = new SplittableRandom(2);
        for (int k = 0; k < 200_000; k++) {
            long a = randomDouble(r), b = randomDouble(r);
            int rm = r.nextInt(5);
            checkSame("addD", a, b, rm, (f, x, y) -> f.addD(x, y, rm), (f, x, y) -> f.add(D, x, y, rm));
            checkSame("mulD", a, b, rm, (f, x, y) -> f.mulD(x, y, rm), (f, x, y) -> f.mul(D, x, y, rm));
            checkSame("divD", a, b, rm, (f, x, y) -> f.divD(x, y, rm), (f, x, y) -> f.div(D, x, y, rm));
            checkSame("sqrtD", a, b, rm, (f, x, y) -> f.sqrtD(x, rm), (f, x, y) -> f.sqrt(D, x, rm));
            long c = r.nextInt(4) == 0 ? d(-Double.longBitsToDouble(a) * Double.longBitsToDouble(b)) : randomDouble(r);
            boolean np = r.nextBoolean(), nc = r.nextBoolean();
            checkSame("fmaD", a, b, rm, (f, x, y) -> f.fmaD(x, y, c, np, nc, rm), (f, x, y) -> f.fma(D, x, y, c, np, nc, rm));
            long sa = a >>> 32, sb = b & 0xffff_ffffL;
            checkSame("addS", sa, sb, rm, (f, x, y) -> f.addS(x, y, rm), (f, x, y) -> f.add(S, x, y, rm));
            checkSame("mulS", sa, sb, rm, (f, x, y) -> f.mulS(x, y, rm), (f, x, y) -> f.mul(S, x, y, rm));
            checkSame("divS", sa, sb, rm, (f, x, y) -> f.divS(x, y, rm), (f, x, y) -> f.div(S, x, y, rm));
            checkSame("sqrtS", sa, sb, rm, (f, x, y) -> f.sqrtS(x, rm), (f, x, y) -> f.sqrt(S, x, rm));
        }
    }

    interface Op { long apply(SoftFloat f, long a, long b); }

    private static void checkSame(String name, long a, long b, int rm, Op fast, Op exact) {
        SoftFloat f1 = new SoftFloat(), f2 = new SoftFloat();
        long r1 = fast.apply(f1, a, b), r2 = exact.apply(f2, a, b);
        assertEquals(r2, r1, () -> "%s(%x, %x) rm %d".formatted(name, a, b, rm));
        assertEquals(f2.flags, f1.flags, () -> "flags of %s(%x, %x) rm %d".formatted(name, a, b, rm));
    }

    @Test
    void oneThirdRoundsPerMode() {
        SoftFloat f = new SoftFloat();
        long third = d(1.0 / 3.0);                    // RNE rounds 1/3 down
        assertEquals(third, f.divD(d(1), d(3), RNE));
        assertEquals(third, f.divD(d(1), d(3), RTZ));
        assertEquals(third, f.divD(d(1), d(3), RDN));
        assertEquals(third + 1, f.divD(d(1), d(3), RUP));
        assertEquals(third, f.divD(d(1), d(3), RMM));
        assertEquals(NX, f.flags);
    }

    @Test
    void roundToNearestTiesAwayDiffersFromTiesToEven() {
        SoftFloat f = new SoftFloat();
        // 1 + 2^-53 is exactly halfway between 1 and the next double.
        long half = d(0x1p-53);
        assertEquals(d(1.0), f.addD(d(1.0), half, RNE));
        assertEquals(d(1.0) + 1, f.addD(d(1.0), half, RMM));
    }

    @Test
    void overflowGivesInfinityOrLargestFiniteByMode() {
        SoftFloat f = new SoftFloat();
        long max = d(Double.MAX_VALUE);
        assertEquals(d(Double.POSITIVE_INFINITY), f.mulD(max, d(2), RNE));
        assertEquals(max, f.mulD(max, d(2), RTZ));
        assertEquals(max, f.mulD(max, d(2), RDN));
        assertEquals(d(Double.NEGATIVE_INFINITY), f.mulD(max, d(-2), RDN));
        assertEquals(OF | NX, f.flags);
    }

    @Test
    void underflowIsFlaggedOnlyWhenTinyAndInexact() {
        SoftFloat f = new SoftFloat();
        f.mulD(d(Double.MIN_NORMAL), d(0.5), RNE);     // exact subnormal result
        assertEquals(0, f.flags);
        f.mulD(d(Double.MIN_VALUE), d(0.5), RNE);      // half the smallest subnormal: rounds to 0
        assertEquals(UF | NX, f.flags);
    }

    @Test
    void tininessIsDetectedAfterRounding() {
        SoftFloat f = new SoftFloat();
        // (MIN_NORMAL - tiny) rounds up to MIN_NORMAL with unbounded exponent: inexact but not tiny.
        long justBelow = d(Math.nextDown(Double.MIN_NORMAL));
        long r = f.mulD(justBelow, d(1.0 + 0x1p-52), RUP);
        assertEquals(d(Double.MIN_NORMAL), r);
        assertEquals(NX, f.flags);
    }

    @Test
    void invalidOperationsGiveCanonicalNan() {
        SoftFloat f = new SoftFloat();
        assertEquals(QNAN_D, f.addD(d(Double.POSITIVE_INFINITY), d(Double.NEGATIVE_INFINITY), RNE));
        assertEquals(NV, f.flags);
        f.flags = 0;
        assertEquals(QNAN_D, f.sqrtD(d(-1), RNE));
        assertEquals(NV, f.flags);
        f.flags = 0;
        assertEquals(QNAN_D, f.divD(d(0), d(0), RNE));
        assertEquals(NV, f.flags);
        f.flags = 0;
        assertEquals(d(Double.NEGATIVE_INFINITY), f.divD(d(-1), d(0), RNE));
        assertEquals(DZ, f.flags);
    }

    @Test
    void quietNanPropagatesWithoutFlagsAndSignallingRaisesInvalid() {
        SoftFloat f = new SoftFloat();
        assertEquals(QNAN_D, f.addD(0x7ff8_dead_0000_0000L, d(1), RNE));
        assertEquals(0, f.flags);
        assertEquals(QNAN_S, f.addS(SNAN_S, s(1), RNE));
        assertEquals(NV, f.flags);
    }

    @Test
    void fmaOfInfinityTimesZeroIsInvalidEvenWithQuietNanAddend() {
        SoftFloat f = new SoftFloat();
        assertEquals(QNAN_D, f.fma(D, d(Double.POSITIVE_INFINITY), d(0), QNAN_D, false, false, RNE));
        assertEquals(NV, f.flags);
    }

    @Test
    void exactZeroSumIsNegativeOnlyWhenRoundingDown() {
        SoftFloat f = new SoftFloat();
        assertEquals(d(0.0), f.addD(d(1), d(-1), RNE));
        assertEquals(d(-0.0), f.addD(d(1), d(-1), RDN));
        assertEquals(d(-0.0), f.addD(d(-0.0), d(-0.0), RNE));
    }

    @Test
    void conversionsToIntegerSaturate() {
        SoftFloat f = new SoftFloat();
        assertEquals(Integer.MAX_VALUE, f.toInt(D, QNAN_D, false, RTZ));
        assertEquals(NV, f.flags);
        f.flags = 0;
        assertEquals(Integer.MIN_VALUE, f.toInt(D, d(Double.NEGATIVE_INFINITY), false, RTZ));
        assertEquals(Integer.MAX_VALUE, f.toInt(D, d(3e9), false, RTZ));
        assertEquals(0, f.toInt(D, d(-1.0), true, RTZ));
        assertEquals(-1, f.toInt(D, d(4294967295.0), true, RTZ));
        assertEquals(NV, f.flags);
        f.flags = 0;
        assertEquals(0, f.toInt(D, d(-0.5), true, RTZ), "rounds to zero: in range, only inexact");
        assertEquals(NX, f.flags);
    }

    @Test
    void conversionToIntegerRoundsPerMode() {
        SoftFloat f = new SoftFloat();
        assertEquals(2, f.toInt(D, d(2.5), false, RNE));
        assertEquals(3, f.toInt(D, d(2.5), false, RMM));
        assertEquals(-3, f.toInt(D, d(-2.5), false, RMM));
        assertEquals(-2, f.toInt(D, d(-2.5), false, RTZ));
        assertEquals(-3, f.toInt(D, d(-2.5), false, RDN));
        assertEquals(3, f.toInt(S, s(2.1f), false, RUP));
    }

    @Test
    void integerToSingleRoundsLargeValues() {
        SoftFloat f = new SoftFloat();
        assertEquals(s(16777216f), f.fromInt(S, 16777217, false, RNE));
        assertEquals(s(16777218f), f.fromInt(S, 16777217, false, RUP));
        assertEquals(NX, f.flags);
        assertEquals(d(4294967295.0), f.fromInt(D, -1, true, RNE));
    }

    @Test
    void minMaxPreferNumbersAndOrderZeros() {
        SoftFloat f = new SoftFloat();
        assertEquals(d(-0.0), f.minMax(D, d(0.0), d(-0.0), false));
        assertEquals(d(0.0), f.minMax(D, d(-0.0), d(0.0), true));
        assertEquals(d(2.0), f.minMax(D, QNAN_D, d(2.0), false));
        assertEquals(0, f.flags);
        assertEquals(QNAN_D, f.minMax(D, SNAN_D, SNAN_D, true));
        assertEquals(NV, f.flags);
    }

    @Test
    void comparisonsSignalPerTheirKind() {
        SoftFloat f = new SoftFloat();
        assertFalse(f.compare(D, QNAN_D, d(1), EQ));
        assertEquals(0, f.flags, "feq is quiet");
        assertFalse(f.compare(D, QNAN_D, d(1), LT));
        assertEquals(NV, f.flags, "flt signals");
        assertTrue(f.compare(D, d(-0.0), d(0.0), LE));
    }

    @Test
    void classifyCoversAllTenClasses() {
        assertEquals(1, SoftFloat.classify(D, d(Double.NEGATIVE_INFINITY)));
        assertEquals(1 << 1, SoftFloat.classify(D, d(-1)));
        assertEquals(1 << 2, SoftFloat.classify(D, d(-Double.MIN_VALUE)));
        assertEquals(1 << 3, SoftFloat.classify(D, d(-0.0)));
        assertEquals(1 << 4, SoftFloat.classify(D, d(0.0)));
        assertEquals(1 << 5, SoftFloat.classify(D, d(Double.MIN_VALUE)));
        assertEquals(1 << 6, SoftFloat.classify(D, d(1)));
        assertEquals(1 << 7, SoftFloat.classify(D, d(Double.POSITIVE_INFINITY)));
        assertEquals(1 << 8, SoftFloat.classify(D, SNAN_D));
        assertEquals(1 << 9, SoftFloat.classify(S, QNAN_S));
    }
}
