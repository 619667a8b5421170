package org.coredev.emu.runtime.lib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.coredev.emu.cpu.rv32.Rv32Cpu;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * libgcc's own soft-float and 64-bit helpers, run on coredev's rv32ima CPU by softfloat_diff.elf
 * over special and seeded random operands, agree with {@link CompilerRt} on every line. Where the
 * board's compiler_builtins and libgcc define different results, the line is checked against the
 * documented rule of compiler_builtins instead (see {@link #check}); those cases are counted and
 * a test asserts they are exactly the expected kinds.
 */
class RuntimeLibDifferentialTest {
    private static List<String[]> lines;

    @BeforeAll
    static void runLibgcc() throws Exception {
        String out = TestPrograms.run("softfloat_diff", Rv32Cpu.Variant.RV32IMA);
        lines = new ArrayList<>();
        for (String line : out.split("\n")) lines.add(line.split(" "));
    }

    @Test
    void programRanToTheEnd() {
        assertEquals("end", lines.getLast()[0]);
        assertTrue(lines.size() > 50_000, "only " + lines.size() + " lines");
    }

    @Test
    void everyResultAgreesWithLibgccOrWithTheDocumentedCompilerBuiltinsRule() {
        Map<String, Integer> divergences = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (String[] l : lines.subList(0, lines.size() - 1)) {
            String kind = check(l);
            if (kind == null) continue;
            if (kind.startsWith("FAIL")) {
                if (failures.size() < 20) failures.add(String.join(" ", l) + " -> " + kind);
            } else {
                divergences.merge(kind, 1, Integer::sum);
            }
        }
        assertTrue(failures.isEmpty(), () -> failures.size() + " mismatches, first: \n" + String.join("\n", failures));
        // The vectors reach every documented difference between compiler_builtins and libgcc.
        // (coredev's multiplication is IEEE, as libgcc's, so subnormal products never differ.)
        assertEquals(java.util.Set.of("NaN payload", "comparison encoding", "division flushes subnormals"),
                divergences.keySet(), divergences::toString);
    }

    private static long hex(String s) { return Long.parseUnsignedLong(s, 16); }

    private static double dbl(String s) { return Double.longBitsToDouble(hex(s)); }

    private static float flt(String s) { return Float.intBitsToFloat((int) hex(s)); }

    /** null when Java equals libgcc exactly; a divergence kind when a documented rule applies; "FAIL ..." otherwise. */
    static String check(String[] l) {
        String op = l[0];
        return switch (op) {
            case "adddf3", "subdf3", "muldf3", "divdf3" -> {
                double a = dbl(l[1]), b = dbl(l[2]);
                double r = switch (op) {
                    case "adddf3" -> CompilerRt.adddf3(a, b);
                    case "subdf3" -> CompilerRt.subdf3(a, b);
                    case "muldf3" -> CompilerRt.muldf3(a, b);
                    default -> CompilerRt.divdf3(a, b);
                };
                yield doubleResult(op, hex(l[3]), Double.doubleToRawLongBits(r));
            }
            case "addsf3", "subsf3", "mulsf3", "divsf3" -> {
                float a = flt(l[1]), b = flt(l[2]);
                float r = switch (op) {
                    case "addsf3" -> CompilerRt.addsf3(a, b);
                    case "subsf3" -> CompilerRt.subsf3(a, b);
                    case "mulsf3" -> CompilerRt.mulsf3(a, b);
                    default -> CompilerRt.divsf3(a, b);
                };
                yield floatResult(op, (int) hex(l[3]), Float.floatToRawIntBits(r));
            }
            case "ledf2", "gedf2", "unorddf2", "eqdf2", "ltdf2", "nedf2", "gtdf2" -> {
                double a = dbl(l[1]), b = dbl(l[2]);
                int libgcc = (int) hex(l[3]);
                int java = switch (op) {
                    case "gedf2", "gtdf2" -> CompilerRt.gedf2(a, b);
                    case "unorddf2" -> CompilerRt.unorddf2(a, b);
                    default -> CompilerRt.ledf2(a, b);
                };
                if (java == libgcc) yield null;
                // libgcc encodes "unordered" as 2 / -2 and "not equal" as 1; only the sign is the contract.
                boolean sameMeaning = op.equals("eqdf2") || op.equals("nedf2")
                        ? (java == 0) == (libgcc == 0) : Integer.signum(java) == Integer.signum(libgcc);
                yield sameMeaning ? "comparison encoding" : "FAIL java " + java;
            }
            case "fixdfsi", "fixunsdfsi" -> {
                double a = dbl(l[1]);
                int java = op.equals("fixdfsi") ? CompilerRt.fixdfsi(a) : CompilerRt.fixunsdfsi(a);
                yield conversion(a, (int) hex(l[2]) == java, "java " + Integer.toHexString(java));
            }
            case "fixdfdi" -> {
                double a = dbl(l[1]);
                long java = CompilerRt.fixdfdi(a);
                yield conversion(a, hex(l[2]) == java, "java " + Long.toHexString(java));
            }
            case "fixsfsi", "fixunssfsi" -> {
                float a = flt(l[1]);
                int java = op.equals("fixsfsi") ? CompilerRt.fixsfsi(a) : CompilerRt.fixunssfsi(a);
                yield conversion(a, (int) hex(l[2]) == java, "java " + Integer.toHexString(java));
            }
            case "powidf2" -> {
                double a = dbl(l[1]);
                int p = (int) hex(l[2]);
                yield doubleResult(op, hex(l[3]), Double.doubleToRawLongBits(CompilerRt.powidf2(a, p)));
            }
            case "floatsidf" -> exact(hex(l[2]), Double.doubleToRawLongBits(CompilerRt.floatsidf((int) hex(l[1]))));
            case "floatunsidf" -> exact(hex(l[2]), Double.doubleToRawLongBits(CompilerRt.floatunsidf((int) hex(l[1]))));
            case "floatsisf" -> exact((int) hex(l[2]), Float.floatToRawIntBits(CompilerRt.floatsisf((int) hex(l[1]))));
            case "floatunsisf" -> exact((int) hex(l[2]), Float.floatToRawIntBits(CompilerRt.floatunsisf((int) hex(l[1]))));
            case "floatdidf" -> exact(hex(l[2]), Double.doubleToRawLongBits(CompilerRt.floatdidf(hex(l[1]))));
            case "divsi3" -> exact((int) hex(l[3]), CompilerRt.divsi3((int) hex(l[1]), (int) hex(l[2])));
            case "modsi3" -> exact((int) hex(l[3]), CompilerRt.modsi3((int) hex(l[1]), (int) hex(l[2])));
            case "muldi3" -> exact(hex(l[3]), CompilerRt.muldi3(hex(l[1]), hex(l[2])));
            case "divdi3" -> exact(hex(l[3]), CompilerRt.divdi3(hex(l[1]), hex(l[2])));
            case "moddi3" -> exact(hex(l[3]), CompilerRt.moddi3(hex(l[1]), hex(l[2])));
            case "udivdi3" -> exact(hex(l[3]), CompilerRt.udivdi3(hex(l[1]), hex(l[2])));
            case "umoddi3" -> exact(hex(l[3]), CompilerRt.umoddi3(hex(l[1]), hex(l[2])));
            case "udivmoddi4" -> {
                String q = exact(hex(l[3]), CompilerRt.udivdi3(hex(l[1]), hex(l[2])));
                yield q != null ? q : exact(hex(l[4]), CompilerRt.umoddi3(hex(l[1]), hex(l[2])));
            }
            case "lshrdi3" -> exact(hex(l[3]), CompilerRt.lshrdi3(hex(l[1]), (int) hex(l[2])));
            case "ashldi3" -> exact(hex(l[3]), CompilerRt.ashldi3(hex(l[1]), (int) hex(l[2])));
            case "ashrdi3" -> exact(hex(l[3]), CompilerRt.ashrdi3(hex(l[1]), (int) hex(l[2])));
            default -> "FAIL unknown op";
        };
    }

    private static String exact(long libgcc, long java) {
        return libgcc == java ? null : "FAIL java " + Long.toHexString(java);
    }

    private static final long D_EXP = 0x7ff0_0000_0000_0000L;

    private static String doubleResult(String op, long libgcc, long java) {
        if (libgcc == java) return null;
        double g = Double.longBitsToDouble(libgcc), j = Double.longBitsToDouble(java);
        // libgcc returns RISC-V's canonical NaN; compiler_builtins propagates the operand's payload.
        if (Double.isNaN(g) && Double.isNaN(j)) return "NaN payload";
        boolean tiny = Math.abs(g) <= Double.MIN_NORMAL;
        // compiler_builtins' division flushes quotients at or below the smallest normal to signed zero.
        if ((op.equals("divdf3") || op.equals("powidf2")) && tiny && j == 0.0 && (java < 0) == (libgcc < 0)) return "division flushes subnormals";
        return "FAIL java " + Long.toHexString(java);
    }

    private static String floatResult(String op, int libgcc, int java) {
        if (libgcc == java) return null;
        float g = Float.intBitsToFloat(libgcc), j = Float.intBitsToFloat(java);
        if (Float.isNaN(g) && Float.isNaN(j)) return "NaN payload";
        boolean tiny = Math.abs(g) <= Float.MIN_NORMAL;
        if (op.equals("divsf3") && tiny && j == 0.0f && (java < 0) == (libgcc < 0)) return "division flushes subnormals";
        return "FAIL java " + Integer.toHexString(java);
    }

    private static String conversion(double a, boolean equal, String java) {
        if (equal) return null;
        // compiler_builtins saturates NaN by its sign bit and gives 0 for any negative input to an unsigned type.
        if (Double.isNaN(a)) return "NaN conversion";
        return "FAIL " + java;
    }
}
