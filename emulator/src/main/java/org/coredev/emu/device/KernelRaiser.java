package org.coredev.emu.device;

/**
 * How runtime functions raise an ARTIQ exception in the kernel (as ksupport's {@code raise!}
 * does): name, message with {0} {1} {2} placeholders, and three int64 parameters.
 */
@FunctionalInterface
public interface KernelRaiser {
    /** Never returns normally: either the kernel catches it (execution continues at its landing pad) or the run ends. */
    RuntimeException raise(String name, String message, long p0, long p1, long p2);

    /** ARTIQ's formatting of an exception message: {0}, {1}, {2} replaced by the parameters. */
    static String format(String message, long p0, long p1, long p2) {
        return message.replace("{0}", Long.toString(p0)).replace("{1}", Long.toString(p1)).replace("{2}", Long.toString(p2));
    }
}
