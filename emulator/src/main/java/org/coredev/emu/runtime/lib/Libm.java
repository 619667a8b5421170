package org.coredev.emu.runtime.lib;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.coredev.emu.runtime.Abi;
import org.coredev.emu.runtime.Runtime;

/**
 * The libm exports of api.rs. The board's libm is fdlibm 5.3 (misoc/software/libm, built with
 * {@code -D_IEEE_LIBM}, linked into ksupport by artiq/firmware/ksupport/Makefile), and Java's
 * {@link StrictMath} is specified to return fdlibm 5.3's results, so the functions StrictMath has
 * are bit-identical by construction. The twelve it lacks are coredev's own, evaluated with spare
 * precision ({@link InverseHyperbolic}, {@link ErrorFunction}, {@link LogGamma}, {@link Bessel}):
 * within a few ulp of fdlibm, not bit-identical (docs/runtime-lib.md has the measured bounds).
 * {@code round} (ties away from zero) is musl's, in ARTIQ's
 * ksupport/glue.c, and is exactly specified. docs/runtime-lib.md lists, per function, what is
 * exact and the known limits (NaN payloads, FMA contraction on rv32g, soft-float quirks on
 * rv32ima).
 *
 * <p>NaN results: on ILP32D (hardware FPU) every NaN an operation produces is RISC-V's canonical
 * 0x7ff8000000000000. On ILP32 (compiler_builtins soft float) a NaN argument comes back quiet with
 * its sign cleared (fdlibm's {@code x+x}/{@code x-x} paths go through __adddf3), a NaN made from
 * numbers is 0x7ff8000000000000. fabs, copysign, ldexp and round move bits and keep NaNs as they
 * are.
 */
public final class Libm {
    private Libm() {}

    private static final long CANONICAL_NAN = 0x7ff8_0000_0000_0000L;

    /** C round() as ksupport/glue.c has it: halfway cases away from zero, sign of zero kept, NaN unchanged. */
    public static double round(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) return x;
        double t = Math.floor(Math.abs(x));
        double r = Math.abs(x) - t >= 0.5 ? t + 1.0 : t;
        return Math.copySign(r, x);
    }

    public static double fabs(double x) {
        return Double.longBitsToDouble(Double.doubleToRawLongBits(x) & Long.MAX_VALUE);
    }

    /** Bit operation, as fdlibm's s_copysign.c: NaN payloads pass unchanged. */
    public static double copysign(double x, double y) {
        long bits = Double.doubleToRawLongBits(x) & Long.MAX_VALUE | Double.doubleToRawLongBits(y) & Long.MIN_VALUE;
        return Double.longBitsToDouble(bits);
    }

    /** C fmod: exact remainder with the sign of x (Java's % on doubles is exactly that). */
    public static double fmod(double x, double y) { return x % y; }

    /** fdlibm s_nextafter.c: x == y returns x (so nextafter(0.0, -0.0) is 0.0). */
    public static double nextafter(double x, double y) {
        if (Double.isNaN(x) || Double.isNaN(y)) return x + y;
        if (x == y) return x;
        return Math.nextAfter(x, y);
    }

    /**
     * C ldexp: x 2^n rounded once (to nearest even when the result is subnormal); NaN, infinities
     * and zeros unchanged; overflow gives a signed infinity.
     */
    public static double ldexp(double x, int n) {
        if (Double.isNaN(x) || Double.isInfinite(x) || x == 0.0) return x;
        // Math.scalb is exact whenever the result is normal; only a subnormal result rounds.
        int own = Math.abs(x) < Double.MIN_NORMAL ? Math.getExponent(x * 0x1p54) - 54 : Math.getExponent(x);  // subnormals too
        long exponent = own + (long) n;
        if (exponent >= Double.MIN_EXPONENT) return Math.scalb(x, n);  // normal or overflow to infinity
        if (exponent < Double.MIN_EXPONENT - 54) return Math.copySign(0.0, x);  // below 2^-1076: rounds to 0
        // Move x exactly to exponent (exponent + 600), a normal number, then one multiplication
        // by 2^-600 rounds it into the subnormal range.
        double shifted = Math.scalb(x, (int) (exponent + 600 - own));
        return shifted * 0x1p-600;
    }

    /** The raw result bits of a libm call under {@code abi}, NaNs per the class comment. */
    static long result(Abi abi, double value, double... args) {
        if (!Double.isNaN(value)) return Double.doubleToRawLongBits(value);
        if (abi == Abi.ILP32D) return CANONICAL_NAN;
        for (double a : args) {
            if (Double.isNaN(a)) return Double.doubleToRawLongBits(a) & Long.MAX_VALUE | 0x0008_0000_0000_0000L;
        }
        return CANONICAL_NAN;
    }

    /** Registers every libm export of api.rs; costs depend on the ABI (soft or hard float). */
    public static void register(Runtime runtime) {
        Abi abi = runtime.abi();
        unary(runtime, "acos", StrictMath::acos);
        unary(runtime, "acosh", InverseHyperbolic::acosh);
        unary(runtime, "asin", StrictMath::asin);
        unary(runtime, "asinh", InverseHyperbolic::asinh);
        unary(runtime, "atan", StrictMath::atan);
        binary(runtime, "atan2", StrictMath::atan2);
        unary(runtime, "atanh", InverseHyperbolic::atanh);
        unary(runtime, "cbrt", StrictMath::cbrt);
        unary(runtime, "ceil", StrictMath::ceil);
        CompilerRt.reg(runtime, CycleCosts.LIBM, "copysign", "d(dd)", a -> CompilerRt.dbits(copysign(a.d(0), a.d(1))));
        unary(runtime, "cos", StrictMath::cos);
        unary(runtime, "cosh", StrictMath::cosh);
        unary(runtime, "erf", ErrorFunction::erf);
        unary(runtime, "erfc", ErrorFunction::erfc);
        unary(runtime, "exp", StrictMath::exp);
        unary(runtime, "expm1", StrictMath::expm1);
        CompilerRt.reg(runtime, CycleCosts.LIBM, "ldexp", "d(di)", a -> CompilerRt.dbits(ldexp(a.d(0), a.i(1))));
        CompilerRt.reg(runtime, CycleCosts.LIBM, "fabs", "d(d)", a -> CompilerRt.dbits(fabs(a.d(0))));
        unary(runtime, "floor", StrictMath::floor);
        binary(runtime, "fmod", Libm::fmod);
        binary(runtime, "hypot", StrictMath::hypot);
        unary(runtime, "j0", Bessel::j0);
        unary(runtime, "j1", Bessel::j1);
        CompilerRt.reg(runtime, CycleCosts.LIBM, "jn", "d(id)", a -> result(abi, Bessel.jn(a.i(0), a.d(1)), a.d(1)));
        unary(runtime, "lgamma", LogGamma::lgamma);
        unary(runtime, "log", StrictMath::log);
        unary(runtime, "log10", StrictMath::log10);
        binary(runtime, "nextafter", Libm::nextafter);
        binary(runtime, "pow", StrictMath::pow);
        // glue.c's round returns NaN unchanged (no arithmetic on it), like fabs.
        CompilerRt.reg(runtime, CycleCosts.LIBM, "round", "d(d)", a -> CompilerRt.dbits(round(a.d(0))));
        unary(runtime, "rint", StrictMath::rint);
        unary(runtime, "sin", StrictMath::sin);
        unary(runtime, "sinh", StrictMath::sinh);
        unary(runtime, "sqrt", StrictMath::sqrt);
        unary(runtime, "tan", StrictMath::tan);
        unary(runtime, "tanh", StrictMath::tanh);
        unary(runtime, "y0", Bessel::y0);
        unary(runtime, "y1", Bessel::y1);
        CompilerRt.reg(runtime, CycleCosts.LIBM, "yn", "d(id)", a -> result(abi, Bessel.yn(a.i(0), a.d(1)), a.d(1)));
    }

    private static void unary(Runtime runtime, String name, DoubleUnaryOperator f) {
        Abi abi = runtime.abi();
        CompilerRt.reg(runtime, CycleCosts.LIBM, name, "d(d)", a -> {
            double x = a.d(0);
            return result(abi, f.applyAsDouble(x), x);
        });
    }

    private static void binary(Runtime runtime, String name, DoubleBinaryOperator f) {
        Abi abi = runtime.abi();
        CompilerRt.reg(runtime, CycleCosts.LIBM, name, "d(dd)", a -> {
            double x = a.d(0), y = a.d(1);
            return result(abi, f.applyAsDouble(x, y), x, y);
        });
    }
}
