package org.coredev.emu.runtime;

/**
 * The Java body of one runtime export. Returns the result's raw bits (int32 sign-extended, int64,
 * {@code Double.doubleToRawLongBits}, float bits); void functions return 0.
 */
@FunctionalInterface
public interface RuntimeFunction {
    long call(Args args);
}
