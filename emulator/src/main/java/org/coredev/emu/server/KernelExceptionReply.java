package org.coredev.emu.server;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.coredev.emu.device.KernelOutcome;
import org.coredev.emu.runtime.GuestMemory;
import org.coredev.emu.runtime.eh.ArtiqException;
import org.coredev.emu.runtime.eh.ExceptionNames;
import org.coredev.emu.runtime.eh.ExceptionRuntime;
import org.coredev.emu.runtime.eh.FdeSource;
import org.coredev.emu.runtime.eh.RegisterState;
import org.coredev.emu.runtime.eh.Unwinder;

/**
 * The body of the board's KernelException reply (session_proto.rs {@code Reply::KernelException}):
 * the chain of in-flight exceptions, each exception's stack pointer and slice of the backtrace,
 * and the backtrace as (return address relative to the kernel's load address, stack pointer)
 * pairs, which the host symbolizes with addr2line on the kernel library (eh_artiq.rs
 * {@code stop_fn} subtracts {@code PAYLOAD_ADDRESS}).
 */
record KernelExceptionReply(List<Raised> exceptions, List<StackInfo> stackInfo, List<Unwinder.Frame> backtrace) {
    /**
     * One exception as the host reads it. A string of the form {@code "<host string N>"} (an
     * exception the host raised through an RPC, whose strings stay on the host) goes back as the
     * host's string key N, as the board does for strings of length {@code usize::MAX}.
     */
    record Raised(int id, String message, List<Long> params, String file, int line, int column, String function) {}

    /** eh_artiq.rs {@code StackPointerBacktrace}. */
    record StackInfo(int stackPointer, int initialBacktraceSize, int currentBacktraceSize) {}

    private static final Pattern HOST_STRING = Pattern.compile("<host string (\\d+)>");
    private static final Pattern FRAME = Pattern.compile("0x([0-9a-f]{8}).*");

    /** From the unwinder's own report: every field the board sends ({@code channelName} as the board's device map). */
    static KernelExceptionReply of(ExceptionRuntime.Uncaught u, int loadAddress, IntFunction<String> channelName) {
        List<Raised> exceptions = new ArrayList<>();
        List<StackInfo> info = new ArrayList<>();
        for (ExceptionRuntime.InFlight f : u.exceptions()) {
            ArtiqException e = f.exception();
            String message = messageToSend(e, channelName);
            exceptions.add(new Raised(e.id(), message, e.params(), e.file(), e.line(), e.column(), e.function()));
            info.add(new StackInfo(f.stackPointer(), f.initialBacktraceSize(), f.currentBacktraceSize()));
        }
        List<Unwinder.Frame> frames = new ArrayList<>();
        for (Unwinder.Frame fr : u.backtrace()) frames.add(new Unwinder.Frame(fr.pc() - loadAddress, fr.sp()));
        return new KernelExceptionReply(exceptions, info, frames);
    }

    /**
     * The message as the board sends it: the channel filled in ("{rtio_channel_info:0}" as
     * "0x0003:ttl3", from the first parameter); the host formats the rest with the parameters.
     */
    static String messageToSend(ArtiqException e, IntFunction<String> channelName) {
        int channel = e.params().getFirst().intValue();
        return e.message().replace("{rtio_channel_info:0}", "0x%04x:%s".formatted(channel, channelName.apply(channel)));
    }

    /**
     * From what {@link KernelOutcome.Uncaught} keeps today: the last exception's name, its
     * formatted message and the return addresses. The parameters are already in the message (sent
     * as zeros); the raise location is unknown (column -1, which the host prints without a caret).
     * {@code stackPointers} are the frames' stack pointers when known (see
     * {@link #stackPointers}), else null (zeros are sent).
     */
    static KernelExceptionReply of(KernelOutcome.Uncaught u, int loadAddress, List<Integer> stackPointers) {
        int id = ExceptionNames.id(u.name()).orElseGet(() -> parseId(u.name()));
        List<Integer> pcs = returnAddresses(u);
        List<Unwinder.Frame> frames = new ArrayList<>();
        for (int k = 0; k < pcs.size(); k++)
            frames.add(new Unwinder.Frame(pcs.get(k) - loadAddress, stackPointers == null ? 0 : stackPointers.get(k)));
        int lastSp = frames.isEmpty() ? 0 : frames.getLast().sp();
        Raised e = new Raised(id, u.message(), List.of(0L, 0L, 0L), "<unknown>", 0, -1, "<unknown>");
        return new KernelExceptionReply(List.of(e), List.of(new StackInfo(lastSp, 0, frames.size())), frames);
    }

    static KernelExceptionReply of(KernelOutcome.Uncaught u, int loadAddress) {
        return of(u, loadAddress, null);
    }

    /** The absolute return addresses of the outcome's backtrace lines ("0x450613d4 <f+0x5c>"). */
    static List<Integer> returnAddresses(KernelOutcome.Uncaught u) {
        List<Integer> out = new ArrayList<>();
        for (String frame : u.backtrace()) {
            Matcher m = FRAME.matcher(frame);
            if (m.matches()) out.add(Integer.parseUnsignedInt(m.group(1), 16));
        }
        return out;
    }

    /**
     * The stack pointer of each frame of an uncaught exception, found again by unwinding from the
     * state the kernel CPU was left in: the call into the runtime that raised (the raiser unwinds
     * without touching the CPU when nothing catches). Null unless the unwound return addresses are
     * exactly the reported ones (e.g. after a nested raise), so a wrong stack pointer is never sent.
     */
    static List<Integer> stackPointers(List<Integer> returnAddresses, RegisterState atRaise, GuestMemory memory, FdeSource fdes) {
        if (returnAddresses.isEmpty()) return null;
        List<Unwinder.Frame> frames;
        try {
            frames = Unwinder.backtrace(atRaise, memory, fdes, returnAddresses.size());
        } catch (RuntimeException e) {   // an unreadable stack: no stack pointers rather than no reply
            return null;
        }
        if (frames.size() != returnAddresses.size()) return null;
        List<Integer> out = new ArrayList<>();
        for (int k = 0; k < frames.size(); k++) {
            if (frames.get(k).pc() != returnAddresses.get(k)) return null;
            out.add(frames.get(k).sp());
        }
        return out;
    }

    /** A kernel that ended without an ARTIQ exception (fault, budget, host failure) shows as a RuntimeError. */
    static KernelExceptionReply runtimeError(String message) {
        int id = ExceptionNames.id("RuntimeError").orElseThrow();
        Raised e = new Raised(id, message, List.of(0L, 0L, 0L), "<coredev>", 0, -1, "(emulated core device)");
        return new KernelExceptionReply(List.of(e), List.of(new StackInfo(0, 0, 0)), List.of());
    }

    private static int parseId(String name) {
        try {
            return Integer.parseUnsignedInt(name);
        } catch (NumberFormatException e) {
            return ExceptionNames.id("RuntimeError").orElseThrow();
        }
    }

    /** The message body after the type byte, ending with the async error bits. */
    void writeTo(WireOut out, int asyncErrors) {
        out.i32(exceptions.size());
        for (Raised e : exceptions) {
            out.i32(e.id());
            string(out, e.message());
            for (long p : e.params()) out.i64(p);
            string(out, e.file());
            out.i32(e.line());
            out.i32(e.column());
            string(out, e.function());
        }
        for (StackInfo s : stackInfo) out.i32(s.stackPointer()).i32(s.initialBacktraceSize()).i32(s.currentBacktraceSize());
        out.i32(backtrace.size());
        for (Unwinder.Frame f : backtrace) out.i32(f.pc()).i32(f.sp());
        out.u8(asyncErrors);
    }

    /** session_proto.rs {@code write_exception_string}: a host string is (0xffffffff, key). */
    private static void string(WireOut out, String s) {
        Matcher m = HOST_STRING.matcher(s);
        if (m.matches()) out.i32(-1).i32(Integer.parseUnsignedInt(m.group(1)));
        else out.string(s);
    }
}
