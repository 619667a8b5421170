package org.coredev.emu.runtime.eh;

/**
 * Thrown by the exception exports ({@code __artiq_raise}, {@code __artiq_resume}, ...) instead
 * of returning to the caller: the core device catches it. On {@link ExceptionRuntime.Caught} the
 * CPU's registers and pc already point into the landing pad and the kernel simply continues; on
 * {@link ExceptionRuntime.Uncaught} the kernel ends and the exception is reported.
 */
public final class KernelRaise extends RuntimeException {
    private final ExceptionRuntime.Outcome outcome;

    public KernelRaise(ExceptionRuntime.Outcome outcome) {
        super(outcome.toString(), null, false, false);
        this.outcome = outcome;
    }

    public ExceptionRuntime.Outcome outcome() { return outcome; }
}
