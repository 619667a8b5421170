package org.coredev.emu.runtime.lib;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

/** The decimal constants and elementary functions under coredev's erf, lgamma and Bessel functions. */
class HighPrecisionTest {
    private static final MathContext MC = HighPrecision.WORK;

    @Test
    void constantsMatchTheirPublishedDigits() {
        assertEquals("3.14159265358979323846264338327950288419716939937510582097494",
                HighPrecision.PI.round(new MathContext(60)).toPlainString());
        // all 420 digits, as published (mpmath.pi rounded to 420 digits)
        assertEquals("3.1415926535897932384626433832795028841971693993751058209749445923078164062862089986280348" +
                "253421170679821480865132823066470938446095505822317253594081284811174502841027019385211055" +
                "596446229489549303819644288109756659334461284756482337867831652712019091456485669234603486" +
                "104543266482133936072602491412737245870066063155881748815209209628292540917153643678925903" +
                "6001133053054882046652138414695194151160943305727036575959195",
                HighPrecision.PI_LONG.toPlainString());
        assertEquals("0.693147180559945309417232121458176568075500134360255254120680",
                HighPrecision.LN2.round(new MathContext(60)).toPlainString());
        assertEquals("2.30258509299404568401799145468436420760110148862877297603333",
                HighPrecision.LN10.round(new MathContext(60)).toPlainString());
    }

    @Test
    void expAndLogAreInverse() {
        for (String v : new String[] {"1e-300", "0.5", "1", "1.0000000000000002", "7.25", "123456.789", "1e300"}) {
            BigDecimal x = new BigDecimal(v);
            BigDecimal back = HighPrecision.exp(HighPrecision.log(x, MC), MC);
            assertTrue(back.subtract(x).abs().compareTo(x.movePointLeft(55)) <= 0, v);
        }
        assertEquals(Math.E, HighPrecision.exp(BigDecimal.ONE, MC).doubleValue());
        assertEquals(StrictMath.log(1e-300), HighPrecision.log(1e-300, MC).doubleValue(), Math.ulp(690.0));
    }

    @Test
    void sinAndCosOfHugeArgumentsAgreeWithStrictMath() {
        // StrictMath reduces exactly (fdlibm's __ieee754_rem_pio2), so it is within 1 ulp here.
        for (double x : new double[] {1e22, 1e300, Double.MAX_VALUE, 12345.678, -3.0e15}) {
            BigDecimal[] sc = HighPrecision.sinCosShifted(new BigDecimal(x), 0, MC);
            assertEquals(StrictMath.sin(x), sc[0].doubleValue(), Math.ulp(StrictMath.sin(x)), "sin " + x);
            assertEquals(StrictMath.cos(x), sc[1].doubleValue(), Math.ulp(StrictMath.cos(x)), "cos " + x);
        }
    }

    @Test
    void shiftedSinCosSubtractsQuarterPeriods() {
        // sin(x - 2 pi/4) = -cos x, cos(x - 2 pi/4) = sin x
        BigDecimal x = new BigDecimal("0.3");
        BigDecimal[] plain = HighPrecision.sinCos(x, MC), shifted = HighPrecision.sinCosShifted(x, 2, MC);
        assertTrue(plain[1].negate().subtract(shifted[0]).abs().compareTo(new BigDecimal("1e-55")) <= 0);
        assertTrue(plain[0].subtract(shifted[1]).abs().compareTo(new BigDecimal("1e-55")) <= 0);
    }
}
