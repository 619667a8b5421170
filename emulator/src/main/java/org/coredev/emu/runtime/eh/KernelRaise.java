package org.coredev.emu.runtime.eh;

/**
 * Thrown by the exception exports ({@code __artiq_raise}, {@code __artiq_resume}, ...) instead
 * of returning to the caller: the core device catches it. On {@link ExceptionRaiser.Caught} the
 * CPU's registers and pc already point into the landing pad and the kernel simply continues; on
 * {@link ExceptionRaiser.Uncaught} the kernel ends and the exception is reported.
 */
public final class KernelRaise extends RuntimeException {
    private final ExceptionRaiser.Outcome outcome;

    public KernelRaise(ExceptionRaiser.Outcome outcome) {
        super(outcome.toString(), null, false, false);
        this.outcome = outcome;
    }

    public ExceptionRaiser.Outcome outcome() { return outcome; }
}
