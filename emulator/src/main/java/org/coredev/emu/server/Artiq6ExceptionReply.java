package org.coredev.emu.server;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.coredev.emu.device.KernelOutcome;
import org.coredev.emu.runtime.eh.ArtiqException;
import org.coredev.emu.runtime.eh.Unwinder;

/**
 * The body of ARTIQ 6's KernelException reply (release-6 libproto_artiq/session_proto.rs
 * {@code Reply::KernelException}): one exception, named by its string ("0:artiq.coredevice.exceptions.RTIOUnderflow"),
 * its message, three parameters, file, line, column and function, then the backtrace as return
 * addresses minus the payload address, only those above it (ksupport's {@code terminate}); the host
 * formats the message with the parameters and symbolizes the addresses on the kernel library.
 */
record Artiq6ExceptionReply(String name, String message, List<Long> params, String file, int line, int column,
                            String function, List<Integer> backtrace) {
    Artiq6ExceptionReply {
        params = List.copyOf(params);
        backtrace = List.copyOf(backtrace);
    }

    /**
     * The reply for a kernel that ended without finishing: its exception as the raiser reported
     * it, or, for a fault, budget or host failure (no ARTIQ exception), a RuntimeError with what
     * happened. {@code channelName}: the board's channel names, for messages that show a channel.
     */
    static Artiq6ExceptionReply of(KernelOutcome outcome, int payloadBase, IntFunction<String> channelName) {
        if (outcome instanceof KernelOutcome.Uncaught u && u.report() != null) {
            ArtiqException e = u.report().exception();
            return new Artiq6ExceptionReply(e.nameString(), KernelExceptionReply.messageToSend(e, channelName), e.params(), e.file(), e.line(), e.column(), e.function(),
                    relative(u.report().backtrace().stream().map(Unwinder.Frame::pc).toList(), payloadBase));
        }
        if (outcome instanceof KernelOutcome.Uncaught u)
            return new Artiq6ExceptionReply(ArtiqException.named("0:" + u.name(), "", 0, 0, "", "", List.of(0L, 0L, 0L)).nameString(),
                    u.message(), List.of(0L, 0L, 0L), "<unknown>", 0, -1, "<unknown>",
                    relative(KernelExceptionReply.returnAddresses(u), payloadBase));
        return new Artiq6ExceptionReply("0:RuntimeError", outcome.describe(), List.of(0L, 0L, 0L), "<coredev>", 0, -1,
                "(emulated core device)", List.of());
    }

    /** ksupport's terminate: addresses above the payload address, made relative to it. */
    private static List<Integer> relative(List<Integer> returnAddresses, int payloadBase) {
        List<Integer> out = new ArrayList<>();
        for (int pc : returnAddresses)
            if (Integer.compareUnsigned(pc, payloadBase) > 0) out.add(pc - payloadBase);
        return out;
    }

    /** The message body after the type byte. */
    void writeTo(WireOut out) {
        out.string(name).string(message);
        for (long p : params) out.i64(p);
        out.string(file).i32(line).i32(column).string(function);
        out.i32(backtrace.size());
        for (int pc : backtrace) out.i32(pc);
    }
}
