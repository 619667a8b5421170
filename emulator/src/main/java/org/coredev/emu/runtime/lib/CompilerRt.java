package org.coredev.emu.runtime.lib;

import org.coredev.emu.runtime.Abi;
import org.coredev.emu.runtime.Args;
import org.coredev.emu.runtime.Runtime;
import org.coredev.emu.runtime.RuntimeExport;
import org.coredev.emu.runtime.RuntimeFunction;

/**
 * The compiler-rt helpers of the board's runtime export table (ARTIQ ksupport/api.rs): 32- and
 * 64-bit integer division and shifts, soft-float arithmetic, comparisons and conversions.
 *
 * <p>The board links these from Rust's {@code compiler_builtins} (0.1.45 to 0.1.50, the crate of
 * the rustc nightly-2021-09-01 that ARTIQ's flake.nix pins). coredev computes each result with
 * Java's IEEE arithmetic and states the board's observable behaviour as rules on top of it
 * (docs/runtime-lib.md; the rules were checked against the board code's recorded results):
 * <ul>
 * <li>NaN operands: add/sub return the NaN operand with its sign cleared and the quiet bit set;
 *     mul/div keep the sign. Invalid operations (inf - inf, 0 * inf, 0/0, inf/inf) return the
 *     positive quiet NaN 0x7ff8000000000000.</li>
 * <li>Division: a quotient whose exact value is at most the smallest normal number in magnitude
 *     is a zero of the quotient's sign (so MIN_NORMAL / 1.0 is 0.0); every other quotient is the
 *     correctly rounded one.</li>
 * <li>Multiplication: the correctly rounded product. The board rounds some subnormal products one
 *     ulp up where IEEE rounds down; coredev does not reproduce that.</li>
 * <li>Float to integer: saturating; NaN saturates by its sign bit; anything with the sign bit set
 *     converts to 0 for the unsigned targets.</li>
 * <li>Integer division by zero is undefined behaviour there (ARTIQ's compiler tests the divisor
 *     first); here it gives RISC-V's div/rem results: quotient -1 (all ones), remainder = dividend.</li>
 * </ul>
 * The Java methods take and return the C values (int/long raw bits for unsigned types).
 */
public final class CompilerRt {
    private CompilerRt() {}

    // ---- integer division ------------------------------------------------------------------

    public static int divsi3(int a, int b) { return b == 0 ? -1 : a / b; }

    public static int modsi3(int a, int b) { return b == 0 ? a : a % b; }

    public static long divdi3(long a, long b) { return b == 0 ? -1 : a / b; }

    public static long moddi3(long a, long b) { return b == 0 ? a : a % b; }

    public static long udivdi3(long a, long b) { return b == 0 ? -1 : Long.divideUnsigned(a, b); }

    public static long umoddi3(long a, long b) { return b == 0 ? a : Long.remainderUnsigned(a, b); }

    public static long muldi3(long a, long b) { return a * b; }

    // ---- 64-bit shifts ----------------------------------------------------------------------
    // Amounts 0..63 give C's results, which are Java's. For other amounts (undefined in C) the
    // board's code, which works on 32-bit halves, gives a << (b & 63) as Java does, except for
    // nonzero multiples of 64: there the word the bits would move into is ORed with the word they
    // come from, and the other word is unchanged (measured facts, see CompilerRtTest).

    public static long ashldi3(long a, int b) {
        if ((b & 63) != 0 || b == 0) return a << b;
        int lo = (int) a, hi = (int) (a >>> 32);
        return join(lo, hi | lo);
    }

    public static long ashrdi3(long a, int b) {
        if ((b & 63) != 0 || b == 0) return a >> b;
        int lo = (int) a, hi = (int) (a >>> 32);
        return join(lo | hi, hi);
    }

    public static long lshrdi3(long a, int b) {
        if ((b & 63) != 0 || b == 0) return a >>> b;
        int lo = (int) a, hi = (int) (a >>> 32);
        return join(lo | hi, hi);
    }

    private static long join(int lo, int hi) { return Integer.toUnsignedLong(lo) | (long) hi << 32; }

    // ---- double arithmetic -----------------------------------------------------------------

    private static final long D_SIGN = 0x8000_0000_0000_0000L, D_ABS = ~D_SIGN;
    private static final long D_INF = 0x7ff0_0000_0000_0000L, D_QUIET = 0x0008_0000_0000_0000L;
    private static final long D_QNAN = D_INF | D_QUIET;

    public static double adddf3(double a, double b) {
        long ar = Double.doubleToRawLongBits(a), br = Double.doubleToRawLongBits(b);
        long aAbs = ar & D_ABS, bAbs = br & D_ABS;
        if (aAbs > D_INF) return Double.longBitsToDouble(aAbs | D_QUIET);
        if (bAbs > D_INF) return Double.longBitsToDouble(bAbs | D_QUIET);
        if (aAbs == D_INF && bAbs == D_INF && (ar ^ br) == D_SIGN) return Double.longBitsToDouble(D_QNAN);
        // Every other case is IEEE round-to-nearest-even addition, as Java's.
        return a + b;
    }

    public static double subdf3(double a, double b) { return adddf3(a, negate(b)); }

    private static double negate(double b) { return Double.longBitsToDouble(Double.doubleToRawLongBits(b) ^ D_SIGN); }

    /** IEEE product; NaN operands per the class comment; subnormal products may differ from the board by 1 ulp. */
    public static double muldf3(double a, double b) {
        long ar = Double.doubleToRawLongBits(a), br = Double.doubleToRawLongBits(b);
        if ((ar & D_ABS) > D_INF) return Double.longBitsToDouble(ar | D_QUIET);
        if ((br & D_ABS) > D_INF) return Double.longBitsToDouble(br | D_QUIET);
        double p = a * b;
        return Double.isNaN(p) ? Double.longBitsToDouble(D_QNAN) : p;  // 0 * inf
    }

    /**
     * IEEE quotient, except that a quotient whose exact value is at most the smallest normal
     * number in magnitude is a signed zero (the board flushes, see the class comment).
     */
    public static double divdf3(double a, double b) {
        long ar = Double.doubleToRawLongBits(a), br = Double.doubleToRawLongBits(b);
        if ((ar & D_ABS) > D_INF) return Double.longBitsToDouble(ar | D_QUIET);
        if ((br & D_ABS) > D_INF) return Double.longBitsToDouble(br | D_QUIET);
        double q = a / b;
        if (Double.isNaN(q)) return Double.longBitsToDouble(D_QNAN);  // 0/0, inf/inf
        // Flushing by the rounded quotient is flushing by the exact one: with 53-bit integer
        // significands A and B, A/B never lies within half an ulp of a power of two without
        // being equal to it, so q rounds to 2^-1022 only when a/b is exactly 2^-1022.
        return q != 0 && Math.abs(q) <= Double.MIN_NORMAL ? Math.copySign(0.0, q) : q;
    }

    /**
     * a to the integer power b on an rv32ima board: binary exponentiation from the lowest bit of
     * |b| up (result times the current square when the bit is set, then the square squared),
     * and for b < 0 one division 1/result at the end; the board's order of soft-float operations,
     * so results carry the same roundings and the flush of {@link #divdf3}.
     */
    public static double powidf2(double a, int b) {
        double result = 1.0, square = a;
        for (long bits = Math.abs((long) b); ; ) {
            if ((bits & 1) != 0) result = muldf3(result, square);
            bits >>>= 1;
            if (bits == 0) break;
            square = muldf3(square, square);
        }
        return b < 0 ? divdf3(1.0, result) : result;
    }

    /**
     * The same loop as {@link #powidf2} on an rv32g board, where compiler_builtins is compiled
     * with the D extension and the products and the reciprocal are IEEE FPU instructions
     * (a NaN result is then RISC-V's canonical NaN).
     */
    public static double powidf2Hard(double a, int b) {
        double result = 1.0, square = a;
        for (long bits = Math.abs((long) b); ; ) {
            if ((bits & 1) != 0) result *= square;
            bits >>>= 1;
            if (bits == 0) break;
            square *= square;
        }
        double r = b < 0 ? 1.0 / result : result;
        return Double.isNaN(r) ? Double.longBitsToDouble(D_QNAN) : r;
    }

    // ---- float arithmetic ------------------------------------------------------------------

    private static final int F_SIGN = 0x8000_0000, F_ABS = ~F_SIGN, F_INF = 0x7f80_0000, F_QUIET = 0x0040_0000;
    private static final int F_QNAN = F_INF | F_QUIET;

    public static float addsf3(float a, float b) {
        int ar = Float.floatToRawIntBits(a), br = Float.floatToRawIntBits(b);
        int aAbs = ar & F_ABS, bAbs = br & F_ABS;
        if (aAbs > F_INF) return Float.intBitsToFloat(aAbs | F_QUIET);
        if (bAbs > F_INF) return Float.intBitsToFloat(bAbs | F_QUIET);
        if (aAbs == F_INF && bAbs == F_INF && (ar ^ br) == F_SIGN) return Float.intBitsToFloat(F_QNAN);
        return a + b;
    }

    public static float subsf3(float a, float b) {
        return addsf3(a, Float.intBitsToFloat(Float.floatToRawIntBits(b) ^ F_SIGN));
    }

    /** IEEE product; NaN operands as {@link #muldf3}. */
    public static float mulsf3(float a, float b) {
        int ar = Float.floatToRawIntBits(a), br = Float.floatToRawIntBits(b);
        if ((ar & F_ABS) > F_INF) return Float.intBitsToFloat(ar | F_QUIET);
        if ((br & F_ABS) > F_INF) return Float.intBitsToFloat(br | F_QUIET);
        float p = a * b;
        return Float.isNaN(p) ? Float.intBitsToFloat(F_QNAN) : p;
    }

    /** IEEE quotient with the flush rule of {@link #divdf3}, at the float's smallest normal. */
    public static float divsf3(float a, float b) {
        int ar = Float.floatToRawIntBits(a), br = Float.floatToRawIntBits(b);
        if ((ar & F_ABS) > F_INF) return Float.intBitsToFloat(ar | F_QUIET);
        if ((br & F_ABS) > F_INF) return Float.intBitsToFloat(br | F_QUIET);
        float q = a / b;
        if (Float.isNaN(q)) return Float.intBitsToFloat(F_QNAN);
        return q != 0 && Math.abs(q) <= Float.MIN_NORMAL ? Math.copySign(0.0f, q) : q;
    }

    // ---- comparisons (src/float/cmp.rs) ----------------------------------------------------

    /** __ledf2, __eqdf2, __ltdf2, __nedf2: -1 less, 0 equal, 1 greater, 1 unordered. */
    public static int ledf2(double a, double b) { return Double.isNaN(a) || Double.isNaN(b) ? 1 : compare(a, b); }

    /** __gedf2, __gtdf2: -1 less, 0 equal, 1 greater, -1 unordered. */
    public static int gedf2(double a, double b) { return Double.isNaN(a) || Double.isNaN(b) ? -1 : compare(a, b); }

    /** 1 if either operand is NaN, else 0. */
    public static int unorddf2(double a, double b) { return Double.isNaN(a) || Double.isNaN(b) ? 1 : 0; }

    private static int compare(double a, double b) { return a < b ? -1 : a == b ? 0 : 1; }  // -0 == +0

    // ---- conversions (src/float/conv.rs) ---------------------------------------------------
    // Java's casts truncate and saturate as float_to_int does; only NaN differs (Java gives 0).

    public static int fixdfsi(double a) { return Double.isNaN(a) ? nanSaturate(a, Integer.MIN_VALUE, Integer.MAX_VALUE) : (int) a; }

    public static long fixdfdi(double a) {
        if (Double.isNaN(a)) return signBit(a) ? Long.MIN_VALUE : Long.MAX_VALUE;
        return (long) a;
    }

    /** Unsigned result as raw bits: sign bit set (even -NaN, -0.5) gives 0, NaN and >= 2^32 give 0xffffffff. */
    public static int fixunsdfsi(double a) {
        if (signBit(a)) return 0;
        if (Double.isNaN(a) || a >= 0x1p32) return -1;
        return (int) (long) a;
    }

    public static int fixsfsi(float a) { return Float.isNaN(a) ? nanSaturate(a, Integer.MIN_VALUE, Integer.MAX_VALUE) : (int) a; }

    public static int fixunssfsi(float a) {
        if ((Float.floatToRawIntBits(a) & F_SIGN) != 0) return 0;
        if (Float.isNaN(a) || a >= 0x1p32f) return -1;
        return (int) (long) a;
    }

    private static boolean signBit(double a) { return Double.doubleToRawLongBits(a) < 0; }

    private static int nanSaturate(double a, int negative, int positive) { return signBit(a) ? negative : positive; }

    private static int nanSaturate(float a, int negative, int positive) {
        return Float.floatToRawIntBits(a) < 0 ? negative : positive;
    }

    public static double floatsidf(int a) { return a; }

    public static double floatunsidf(int a) { return Integer.toUnsignedLong(a); }

    public static double floatdidf(long a) { return a; }

    public static float floatsisf(int a) { return a; }

    public static float floatunsisf(int a) { return Integer.toUnsignedLong(a); }  // long -> float: one rounding

    // ---- registration ----------------------------------------------------------------------

    /**
     * Registers every compiler-rt export of api.rs. Cycles: {@link CycleCosts}, measured by
     * src/test/runtime-lib/calib_rt.c on coredev's VexRiscv model (docs/runtime-lib.md).
     */
    public static void register(Runtime runtime) {
        CycleCosts c = CycleCosts.COMPILER_RT;
        reg(runtime, c, "__divsi3", "i(ii)", a -> divsi3(a.i(0), a.i(1)));
        reg(runtime, c, "__modsi3", "i(ii)", a -> modsi3(a.i(0), a.i(1)));
        reg(runtime, c, "__ledf2", "i(dd)", a -> ledf2(d(a, 0), d(a, 1)));
        reg(runtime, c, "__gedf2", "i(dd)", a -> gedf2(d(a, 0), d(a, 1)));
        reg(runtime, c, "__unorddf2", "i(dd)", a -> unorddf2(d(a, 0), d(a, 1)));
        reg(runtime, c, "__eqdf2", "i(dd)", a -> ledf2(d(a, 0), d(a, 1)));
        reg(runtime, c, "__ltdf2", "i(dd)", a -> ledf2(d(a, 0), d(a, 1)));
        reg(runtime, c, "__nedf2", "i(dd)", a -> ledf2(d(a, 0), d(a, 1)));
        reg(runtime, c, "__gtdf2", "i(dd)", a -> gedf2(d(a, 0), d(a, 1)));
        reg(runtime, c, "__addsf3", "f(ff)", a -> fbits(addsf3(a.f(0), a.f(1))));
        reg(runtime, c, "__subsf3", "f(ff)", a -> fbits(subsf3(a.f(0), a.f(1))));
        reg(runtime, c, "__mulsf3", "f(ff)", a -> fbits(mulsf3(a.f(0), a.f(1))));
        reg(runtime, c, "__divsf3", "f(ff)", a -> fbits(divsf3(a.f(0), a.f(1))));
        reg(runtime, c, "__lshrdi3", "l(li)", a -> lshrdi3(a.l(0), a.i(1)));
        reg(runtime, c, "__muldi3", "l(ll)", a -> muldi3(a.l(0), a.l(1)));
        reg(runtime, c, "__divdi3", "l(ll)", a -> divdi3(a.l(0), a.l(1)));
        reg(runtime, c, "__ashldi3", "l(li)", a -> ashldi3(a.l(0), a.i(1)));
        reg(runtime, c, "__ashrdi3", "l(li)", a -> ashrdi3(a.l(0), a.i(1)));
        reg(runtime, c, "__udivmoddi4", "l(llp)", a -> {
            long n = a.l(0), d = a.l(1);
            int remainder = a.i(2);
            if (remainder != 0) a.memory().store64(remainder, umoddi3(n, d));
            return udivdi3(n, d);
        });
        reg(runtime, c, "__floatsisf", "f(i)", a -> fbits(floatsisf(a.i(0))));
        reg(runtime, c, "__floatunsisf", "f(i)", a -> fbits(floatunsisf(a.i(0))));
        reg(runtime, c, "__fixsfsi", "i(f)", a -> fixsfsi(a.f(0)));
        reg(runtime, c, "__fixunssfsi", "i(f)", a -> fixunssfsi(a.f(0)));
        reg(runtime, c, "__adddf3", "d(dd)", a -> dbits(adddf3(d(a, 0), d(a, 1))));
        reg(runtime, c, "__subdf3", "d(dd)", a -> dbits(subdf3(d(a, 0), d(a, 1))));
        reg(runtime, c, "__muldf3", "d(dd)", a -> dbits(muldf3(d(a, 0), d(a, 1))));
        reg(runtime, c, "__divdf3", "d(dd)", a -> dbits(divdf3(d(a, 0), d(a, 1))));
        reg(runtime, c, "__floatsidf", "d(i)", a -> dbits(floatsidf(a.i(0))));
        reg(runtime, c, "__floatunsidf", "d(i)", a -> dbits(floatunsidf(a.i(0))));
        reg(runtime, c, "__floatdidf", "d(l)", a -> dbits(floatdidf(a.l(0))));
        reg(runtime, c, "__fixdfsi", "i(d)", a -> fixdfsi(d(a, 0)));
        reg(runtime, c, "__fixdfdi", "l(d)", a -> fixdfdi(d(a, 0)));
        reg(runtime, c, "__fixunsdfsi", "i(d)", a -> fixunsdfsi(d(a, 0)));
        reg(runtime, c, "__udivdi3", "l(ll)", a -> udivdi3(a.l(0), a.l(1)));
        reg(runtime, c, "__umoddi3", "l(ll)", a -> umoddi3(a.l(0), a.l(1)));
        reg(runtime, c, "__moddi3", "l(ll)", a -> moddi3(a.l(0), a.l(1)));
        boolean fpu = runtime.abi() == Abi.ILP32D;
        reg(runtime, c, "__powidf2", "d(di)", a -> dbits(fpu ? powidf2Hard(d(a, 0), a.i(1)) : powidf2(d(a, 0), a.i(1))));
    }

    /** Registers one export with its measured cost on the runtime's target. */
    static void reg(Runtime runtime, CycleCosts costs, String name, String signature, RuntimeFunction body) {
        runtime.register(RuntimeExport.of(name, signature, costs.cycles(name, runtime.abi()), body));
    }

    static double d(Args a, int k) { return a.d(k); }

    static long dbits(double x) { return Double.doubleToRawLongBits(x); }

    static long fbits(float x) { return Float.floatToRawIntBits(x); }
}
