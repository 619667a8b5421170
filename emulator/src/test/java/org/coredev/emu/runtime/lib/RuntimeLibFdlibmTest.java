package org.coredev.emu.runtime.lib;

import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.coredev.emu.runtime.Abi;
import org.junit.jupiter.api.Test;

/**
 * coredev's libm against the board's: the golden files were produced by fdlibm-vectors.sh from
 * misoc's fdlibm 5.3 sources (m-labs/misoc 98227d90) built for each target, and every line is
 * recomputed here with {@link Libm}'s functions and NaN policy. The functions served by
 * {@link StrictMath} (and Libm's exact ones) must match bit for bit; coredev's own twelve must
 * agree on NaN, infinities and signed zeros and stay within the ulp bounds that
 * docs/runtime-lib.md documents (their differences are fdlibm's own errors: coredev's results
 * are the correctly rounded values on all these vectors).
 */
class RuntimeLibFdlibmTest {
    private static List<String[]> read(String file) throws Exception {
        List<String[]> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(TestPrograms.DIR.resolve(file)))))) {
            for (String line; (line = in.readLine()) != null; ) lines.add(line.split(" "));
        }
        return lines;
    }

    private static double d(String hex) { return Double.longBitsToDouble(Long.parseUnsignedLong(hex, 16)); }

    /** The raw result bits coredev's libm export returns for one golden line. */
    static long java(Abi abi, String[] l) {
        double x = d(l[1]), y = l.length > 3 ? d(l[2]) : 0;
        return switch (l[0]) {
            case "copysign" -> Double.doubleToRawLongBits(Libm.copysign(x, y));
            case "fabs" -> Double.doubleToRawLongBits(Libm.fabs(x));
            case "ldexp" -> Double.doubleToRawLongBits(Libm.ldexp(x, (int) y));
            case "jn" -> Libm.result(abi, Bessel.jn((int) x, y), y);
            case "yn" -> Libm.result(abi, Bessel.yn((int) x, y), y);
            default -> Libm.result(abi, unaryOrBinary(l[0], x, y), x, y);
        };
    }

    private static double unaryOrBinary(String name, double x, double y) {
        return switch (name) {
            case "acos" -> StrictMath.acos(x);
            case "acosh" -> InverseHyperbolic.acosh(x);
            case "asin" -> StrictMath.asin(x);
            case "asinh" -> InverseHyperbolic.asinh(x);
            case "atan" -> StrictMath.atan(x);
            case "atan2" -> StrictMath.atan2(x, y);
            case "atanh" -> InverseHyperbolic.atanh(x);
            case "cbrt" -> StrictMath.cbrt(x);
            case "ceil" -> StrictMath.ceil(x);
            case "cos" -> StrictMath.cos(x);
            case "cosh" -> StrictMath.cosh(x);
            case "erf" -> ErrorFunction.erf(x);
            case "erfc" -> ErrorFunction.erfc(x);
            case "exp" -> StrictMath.exp(x);
            case "expm1" -> StrictMath.expm1(x);
            case "floor" -> StrictMath.floor(x);
            case "fmod" -> Libm.fmod(x, y);
            case "hypot" -> StrictMath.hypot(x, y);
            case "j0" -> Bessel.j0(x);
            case "j1" -> Bessel.j1(x);
            case "lgamma" -> LogGamma.lgamma(x);
            case "log" -> StrictMath.log(x);
            case "log10" -> StrictMath.log10(x);
            case "nextafter" -> Libm.nextafter(x, y);
            case "pow" -> StrictMath.pow(x, y);
            case "rint" -> StrictMath.rint(x);
            case "sin" -> StrictMath.sin(x);
            case "sinh" -> StrictMath.sinh(x);
            case "sqrt" -> StrictMath.sqrt(x);
            case "tan" -> StrictMath.tan(x);
            case "tanh" -> StrictMath.tanh(x);
            case "y0" -> Bessel.y0(x);
            case "y1" -> Bessel.y1(x);
            default -> throw new IllegalArgumentException("unknown function " + name);
        };
    }

    /** coredev's own functions: max ulp distance from the board's result, per golden file. */
    static final Map<String, Integer> RV32G_MAX_ULP = Map.ofEntries(Map.entry("asinh", 0), Map.entry("acosh", 0),
            Map.entry("atanh", 0), Map.entry("erf", 1), Map.entry("erfc", 1), Map.entry("lgamma", 8), Map.entry("j0", 8),
            Map.entry("j1", 5), Map.entry("y0", 3), Map.entry("y1", 2), Map.entry("jn", 274), Map.entry("yn", 20));
    static final Map<String, Integer> RV32IMA_MAX_ULP = Map.ofEntries(Map.entry("asinh", 0), Map.entry("acosh", 0),
            Map.entry("atanh", 0), Map.entry("erf", 1), Map.entry("erfc", 1), Map.entry("lgamma", 5), Map.entry("j0", 3),
            Map.entry("j1", 4), Map.entry("y0", 3), Map.entry("y1", 2), Map.entry("jn", 28), Map.entry("yn", 9));

    /** Distance in units in the last place between two non-NaN doubles of the same sign class. */
    static long ulps(long a, long b) {
        long oa = a < 0 ? Long.MIN_VALUE - a : a, ob = b < 0 ? Long.MIN_VALUE - b : b;
        return Math.abs(oa - ob);
    }

    /**
     * Lines where coredev's result is not acceptable: for StrictMath-served functions any bit
     * difference (NaN payloads too, unless they come from libgcc); for coredev's own functions
     * a different NaN, infinity or zero, or a distance above {@code bounds}. {@code measured}
     * receives the largest distance seen per own function.
     */
    private static List<String> mismatches(String file, Abi abi, boolean nanPayloadsFromLibgcc,
            Map<String, Integer> bounds, Map<String, Long> measured, List<String> ownResults) throws Exception {
        List<String> out = new ArrayList<>();
        Map<String, Integer> functions = new TreeMap<>();
        for (String[] l : read(file)) {
            functions.merge(l[0], 1, Integer::sum);
            long want = Long.parseUnsignedLong(l[l.length - 1], 16), got = java(abi, l);
            if (bounds.containsKey(l[0])) ownResults.add(String.join(" ", l) + " " + String.format("%016x", got));
            if (want == got) {
                if (bounds.containsKey(l[0])) measured.merge(l[0], 0L, Math::max);
                continue;
            }
            double w = Double.longBitsToDouble(want), g = Double.longBitsToDouble(got);
            boolean bothNan = Double.isNaN(w) && Double.isNaN(g);
            if (nanPayloadsFromLibgcc && bothNan) continue;
            Integer bound = bounds.get(l[0]);
            boolean ordinary = !Double.isNaN(w) && !Double.isNaN(g) && !Double.isInfinite(w) && !Double.isInfinite(g) && w != 0 && g != 0;
            if (bound != null && ordinary) {
                long d = ulps(want, got);
                measured.merge(l[0], d, Math::max);
                if (d <= bound) continue;
            }
            out.add(String.join(" ", l) + " -> java " + Long.toHexString(got));
        }
        assertEquals(38, functions.size(), file + ": every libm export of api.rs but round (not in fdlibm)");
        return out;
    }

    private static void check(String file, Abi abi, boolean nanPayloadsFromLibgcc, Map<String, Integer> bounds) throws Exception {
        Map<String, Long> measured = new TreeMap<>();
        List<String> ownResults = new ArrayList<>();
        List<String> bad = mismatches(file, abi, nanPayloadsFromLibgcc, bounds, measured, ownResults);
        // "name args board coredev" per line of the own functions, for libm-accuracy.py (mpmath).
        Path dump = Path.of("target", "runtime-lib", file.replace(".txt.gz", "-own.txt"));
        Files.createDirectories(dump.getParent());
        Files.write(dump, ownResults);
        System.out.println(file + ": max ulp from the board's fdlibm " + measured);
        assertTrue(bad.isEmpty(), () -> bad.size() + " mismatches:\n" + String.join("\n", bad.subList(0, Math.min(20, bad.size())))
                + "\nmax ulp per function: " + measured);
        assertEquals(bounds.keySet(), measured.keySet(), "every own function was measured");
    }

    @Test
    void hardFloatBoardResultsAreBitIdenticalOrWithinTheDocumentedUlpBounds() throws Exception {
        check("fdlibm_rv32g.txt.gz", Abi.ILP32D, false, RV32G_MAX_ULP);
    }

    @Test
    void softFloatBoardResultsAreBitIdenticalOrWithinTheDocumentedUlpBoundsExceptLibgccNanPayloads() throws Exception {
        // This file was built with libgcc's soft float, not the board's compiler_builtins, so only
        // its NaN payloads are not the board's; every number must match or stay within bounds.
        check("fdlibm_rv32ima.txt.gz", Abi.ILP32, true, RV32IMA_MAX_ULP);
    }

    @Test
    void ulpDistanceCountsRepresentableDoublesBetween() {
        assertEquals(1, ulps(Double.doubleToRawLongBits(1.0), Double.doubleToRawLongBits(Math.nextUp(1.0))));
        assertEquals(2, ulps(Double.doubleToRawLongBits(-Double.MIN_VALUE), Double.doubleToRawLongBits(Double.MIN_VALUE)));
        assertEquals(0, ulps(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(-0.0)));
    }
}
