package org.coredev.emu.runtime.eh;

import java.util.List;
import org.coredev.emu.cpu.Cpu;
import org.coredev.emu.runtime.Abi;
import org.coredev.emu.runtime.Runtime;

/**
 * The board's exception runtime (ksupport/eh_artiq.rs) of one firmware generation, over the
 * emulated CPU: its exports, and the raises the runtime itself makes (RTIOUnderflow, a host's
 * exception from an RPC). {@link ExceptionRaiser} is today's firmware (exception ids, up to 10
 * nested exceptions, {@code __artiq_resume} and {@code __artiq_end_catch});
 * {@link Artiq6ExceptionRaiser} is ARTIQ 6's (names as strings, one exception in flight, a
 * two-phase search for a catch clause, {@code __artiq_reraise}).
 */
public sealed interface ExceptionRuntime permits ExceptionRaiser, Artiq6ExceptionRaiser {
    /** The outcome of a raise or resume. */
    sealed interface Outcome {}

    /**
     * A landing pad got control; the CPU is set up to run it.
     *
     * @param cleanup true for a cleanup pad (it resumes unwinding when done)
     */
    record Caught(int landingPad, int frameSp, boolean cleanup, ArtiqException exception) implements Outcome {}

    /**
     * No frame caught the exception: the board's RunException report.
     *
     * @param exceptions the in-flight exceptions, oldest first, with their slice of the backtrace
     * @param backtrace  every frame unwound for them, (return address, sp), as the board records them
     */
    record Uncaught(List<InFlight> exceptions, List<Unwinder.Frame> backtrace) implements Outcome {
        /** The exception that ended the kernel (the most recent one). */
        public ArtiqException exception() { return exceptions.getLast().exception(); }
    }

    /**
     * One in-flight exception and its part of the backtrace (the board's StackPointerBacktrace).
     *
     * @param stackPointer sp of the last frame recorded for it
     */
    record InFlight(ArtiqException exception, int stackPointer, int initialBacktraceSize, int currentBacktraceSize) {}

    /** 'MLBSARTQ', the board's exception class. */
    long EXCEPTION_CLASS = 0x4d4c_4253_4152_5451L;
    /** Frames unwound at most for one raise (a corrupt stack cannot loop). */
    int MAX_FRAMES = 4096;
    /** Bytes of strings (file, function, message) a runtime-raised exception may keep. */
    int STRING_ROOM = 512;

    /** Registers this firmware's exception exports on {@code runtime}. */
    void registerExports(Runtime runtime);

    /** Forgets every in-flight exception (a new kernel starts). */
    void reset();

    /** Frames the last raise or resume walked through (for charging its cost). */
    int framesLastUnwound();

    /**
     * Raises an exception of the runtime itself from inside a runtime function called by the
     * kernel: the CPU is at the runtime entry, the return address leads into the raising frame.
     */
    Outcome raiseBuiltin(Cpu cpu, ArtiqException exception);

    /** {@link #raiseBuiltin(Cpu, ArtiqException)} for a built-in name, as ksupport's {@code raise!} macro builds it. */
    default Outcome raiseBuiltin(Cpu cpu, String name, String message, long param0, long param1, long param2) {
        int id = ExceptionNames.id(name).orElseThrow(() -> new IllegalArgumentException("not a built-in exception: " + name));
        return raiseBuiltin(cpu, new ArtiqException(id, "ksupport", 0, 0, "(Rust function)", message, List.of(param0, param1, param2)));
    }

    /**
     * Gives a landing pad control as the personality's {@code _URC_INSTALL_CONTEXT} does: the
     * frame's registers, UNWIND_DATA_REG (a0/a1 on RISC-V, r3/r4 on OR1K) = the
     * {@code _Unwind_Exception} and the ARTIQ exception, pc = the landing pad.
     */
    static void installLandingPad(Cpu cpu, Abi abi, RegisterState frame, int landingPad, int unwindException, int exception) {
        frame.applyTo(cpu);
        int data = abi == Abi.OR1K ? 3 : 10;
        cpu.setX(data, unwindException);
        cpu.setX(data + 1, exception);
        cpu.setPc(landingPad);
    }

    /** A runtime string cut to {@code max} characters. */
    static String truncate(String s, int max) { return s.length() <= max ? s : s.substring(0, max); }

    /**
     * {@code exception} with its file and function cut to 128 characters and its message halved
     * until its strings and {@code nameBytes} more fit {@link #STRING_ROOM} (a runtime-raised
     * exception's room).
     */
    static ArtiqException fitted(ArtiqException exception, int nameBytes) {
        exception = new ArtiqException(exception.id(), exception.name(), truncate(exception.file(), 128), exception.line(),
                exception.column(), truncate(exception.function(), 128), exception.message(), exception.params());
        while (exception.stringBytes() + nameBytes > STRING_ROOM) {
            String m = exception.message();
            exception = new ArtiqException(exception.id(), exception.name(), exception.file(), exception.line(),
                    exception.column(), exception.function(), m.substring(0, m.length() / 2), exception.params());
        }
        return exception;
    }
}
