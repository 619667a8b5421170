package org.coredev.emu.device;

/** Thrown by runtime functions to end the kernel with an outcome (e.g. an exception nothing can catch). */
public final class KernelEnd extends RuntimeException {
    private final KernelOutcome outcome;

    public KernelEnd(KernelOutcome outcome) {
        super(outcome.describe(), null, false, false);
        this.outcome = outcome;
    }

    public KernelOutcome outcome() { return outcome; }
}
