package org.coredev.emu.runtime.lib;

import java.util.Map;
import org.coredev.emu.runtime.Abi;

/**
 * What each compiler-rt, libc and libm export costs on the board, in CPU cycles, call and return
 * included. Every figure was measured by running the calibration programs of
 * src/test/runtime-lib (calib_rt.c, calib_libc.c, calib_libm.c) on coredev's VexRiscv cycle model,
 * and calib_rt.c built for OR1K (calib_rt_or1k.elf) on the mor1kx model; docs/runtime-lib.md has
 * the programs' output, and RuntimeLibCalibrationTest re-runs them and checks these tables
 * against what they measure. Debian has no libc or libm for OR1K to measure, so on OR1K boards
 * the libc and libm figures are rv32ima's (soft float on both).
 */
final class CycleCosts {
    private static final Map<String, Integer> SOFT_RT = Map.ofEntries(
            Map.entry("__divsi3", 116), Map.entry("__modsi3", 117), Map.entry("__ledf2", 31),
            Map.entry("__gedf2", 31), Map.entry("__unorddf2", 18), Map.entry("__eqdf2", 22),
            Map.entry("__ltdf2", 31), Map.entry("__nedf2", 22), Map.entry("__gtdf2", 31),
            Map.entry("__addsf3", 81), Map.entry("__subsf3", 85), Map.entry("__mulsf3", 113),
            Map.entry("__divsf3", 242), Map.entry("__lshrdi3", 13), Map.entry("__ashldi3", 13),
            Map.entry("__ashrdi3", 13), Map.entry("__muldi3", 235), Map.entry("__divdi3", 247),
            Map.entry("__udivdi3", 191), Map.entry("__umoddi3", 188), Map.entry("__moddi3", 245),
            Map.entry("__udivmoddi4", 200), Map.entry("__floatsisf", 54), Map.entry("__floatunsisf", 54),
            Map.entry("__fixsfsi", 19), Map.entry("__fixunssfsi", 16), Map.entry("__adddf3", 111),
            Map.entry("__subdf3", 114), Map.entry("__muldf3", 210), Map.entry("__divdf3", 487),
            Map.entry("__floatsidf", 52), Map.entry("__floatunsidf", 44), Map.entry("__floatdidf", 70),
            Map.entry("__fixdfsi", 20), Map.entry("__fixunsdfsi", 18), Map.entry("__fixdfdi", 27),
            Map.entry("__powidf2", 771));

    /**
     * compiler-rt helpers: libgcc's soft-float and 64-bit routines on rv32ima (calib_rt.elf). The
     * same code runs on rv32g boards, except __powidf2, whose multiplications and division are
     * FPU instructions there (calib_libm_hard.elf).
     */
    static final CycleCosts COMPILER_RT = new CycleCosts(SOFT_RT, withEntry(SOFT_RT, "__powidf2", 55), Map.ofEntries(
            Map.entry("__divsi3", 213), Map.entry("__modsi3", 209), Map.entry("__ledf2", 37),
            Map.entry("__gedf2", 37), Map.entry("__unorddf2", 19), Map.entry("__eqdf2", 24),
            Map.entry("__ltdf2", 37), Map.entry("__nedf2", 24), Map.entry("__gtdf2", 37),
            Map.entry("__addsf3", 109), Map.entry("__subsf3", 115), Map.entry("__mulsf3", 170),
            Map.entry("__divsf3", 536), Map.entry("__lshrdi3", 15), Map.entry("__ashldi3", 13),
            Map.entry("__ashrdi3", 13), Map.entry("__muldi3", 38), Map.entry("__divdi3", 197),
            Map.entry("__udivdi3", 143), Map.entry("__umoddi3", 145), Map.entry("__moddi3", 200),
            Map.entry("__udivmoddi4", 152), Map.entry("__floatsisf", 77), Map.entry("__floatunsisf", 71),
            Map.entry("__fixsfsi", 24), Map.entry("__fixunssfsi", 24), Map.entry("__adddf3", 149),
            Map.entry("__subdf3", 150), Map.entry("__muldf3", 313), Map.entry("__divdf3", 459),
            Map.entry("__floatsidf", 66), Map.entry("__floatunsidf", 51), Map.entry("__floatdidf", 84),
            Map.entry("__fixdfsi", 26), Map.entry("__fixunsdfsi", 23), Map.entry("__fixdfdi", 32),
            Map.entry("__powidf2", 1066)));

    /** libc: the fixed part of each call (calib_libc.elf); the per-byte part is {@link #perByteCycles}. */
    static final CycleCosts LIBC = new CycleCosts(Map.of(
            "memcpy", 37, "memmove", 34, "memset", 40, "memcmp", 16, "bcmp", 17, "strlen", 22), null, null);

    /** Per-byte cost of the libc functions, in cycles per 256 bytes (calib_libc.elf, 16 and 256 bytes). */
    private static final Map<String, Integer> PER_256_BYTES = Map.of(
            "memcpy", 158, "memmove", 176, "memset", 116, "memcmp", 448, "bcmp", 448, "strlen", 448);

    /** libm: soft float on rv32ima (calib_libm.elf), hard float on rv32g (calib_libm_hard.elf). */
    static final CycleCosts LIBM = new CycleCosts(Map.ofEntries(
            Map.entry("acos", 5397), Map.entry("acosh", 6808), Map.entry("asin", 5789),
            Map.entry("asinh", 7335), Map.entry("atan", 5086), Map.entry("atan2", 5674),
            Map.entry("atanh", 6091), Map.entry("cbrt", 4530), Map.entry("ceil", 26),
            Map.entry("copysign", 10), Map.entry("cos", 3704), Map.entry("cosh", 4943), Map.entry("erf", 8405),
            Map.entry("erfc", 8435), Map.entry("exp", 3750), Map.entry("expm1", 5315), Map.entry("ldexp", 33),
            Map.entry("fabs", 4), Map.entry("floor", 26), Map.entry("fmod", 127), Map.entry("hypot", 2332),
            Map.entry("j0", 15883), Map.entry("j1", 15740), Map.entry("jn", 29033), Map.entry("lgamma", 6241),
            Map.entry("log", 4469), Map.entry("log10", 5229), Map.entry("nextafter", 87),
            Map.entry("pow", 11313), Map.entry("round", 26), Map.entry("rint", 247), Map.entry("sin", 3499),
            Map.entry("sinh", 6453), Map.entry("sqrt", 884), Map.entry("tan", 7013), Map.entry("tanh", 6654),
            Map.entry("y0", 20317), Map.entry("y1", 20488), Map.entry("yn", 31280)), Map.ofEntries(
            Map.entry("acos", 200), Map.entry("acosh", 321), Map.entry("asin", 220), Map.entry("asinh", 373),
            Map.entry("atan", 156), Map.entry("atan2", 285), Map.entry("atanh", 333), Map.entry("cbrt", 399),
            Map.entry("ceil", 30), Map.entry("copysign", 3), Map.entry("cos", 127), Map.entry("cosh", 251),
            Map.entry("erf", 341), Map.entry("erfc", 337), Map.entry("exp", 154), Map.entry("expm1", 187),
            Map.entry("ldexp", 32), Map.entry("fabs", 3), Map.entry("floor", 29), Map.entry("fmod", 65),
            Map.entry("hypot", 145), Map.entry("j0", 695), Map.entry("j1", 697), Map.entry("jn", 1594),
            Map.entry("lgamma", 266), Map.entry("log", 178), Map.entry("log10", 229),
            Map.entry("nextafter", 51), Map.entry("pow", 431), Map.entry("round", 28), Map.entry("rint", 51),
            Map.entry("sin", 124), Map.entry("sinh", 287), Map.entry("sqrt", 58), Map.entry("tan", 232),
            Map.entry("tanh", 296), Map.entry("y0", 885), Map.entry("y1", 918), Map.entry("yn", 1452)), null);

    private final Map<String, Integer> soft, hard, or1k;

    /** Figures on rv32ima, on rv32g (null: rv32ima's) and on OR1K (null: rv32ima's). */
    private CycleCosts(Map<String, Integer> soft, Map<String, Integer> hard, Map<String, Integer> or1k) {
        this.soft = soft;
        this.hard = hard == null ? soft : hard;
        this.or1k = or1k == null ? soft : or1k;
    }

    /** Cycles of one call of {@code name} on a board of the given ABI. */
    int cycles(String name, Abi abi) {
        Integer c = (switch (abi) {
            case ILP32D -> hard;
            case ILP32 -> soft;
            case OR1K -> or1k;
        }).get(name);
        if (c == null) throw new IllegalArgumentException("no measured cost for " + name);
        return c;
    }

    private static Map<String, Integer> withEntry(Map<String, Integer> map, String key, int value) {
        java.util.Map<String, Integer> copy = new java.util.HashMap<>(map);
        copy.put(key, value);
        return Map.copyOf(copy);
    }

    /** The length-dependent part of a libc call that handled {@code bytes} bytes. */
    static long perByteCycles(String name, long bytes) {
        return bytes * PER_256_BYTES.get(name) / 256;
    }
}
