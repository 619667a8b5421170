package org.coredev.emu.cpu;

/** Why {@link Cpu#run(long)} returned. */
public sealed interface StopReason {
    /** The cycle budget is used up; the core can simply be run again. */
    record Budget() implements StopReason {}

    /**
     * An exception with no handler installed (mtvec is 0). The pc is left at the trapping
     * instruction so a host-side handler (e.g. Linux syscalls for ecall) can act and step past it.
     *
     * @param tval what mtval would hold: the bad address, or the instruction word when illegal
     */
    record Trap(TrapCause cause, int pc, int tval) implements StopReason {}

    /** The pc reached a runtime trap address: the runtime function at {@code pc} is being called. */
    record RuntimeCall(int pc) implements StopReason {}

    /** A store hit a watched address (e.g. the {@code tohost} word of conformance programs). */
    record Watch(int address, int value) implements StopReason {}
}
