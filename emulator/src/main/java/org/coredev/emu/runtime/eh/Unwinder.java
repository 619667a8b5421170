package org.coredev.emu.runtime.eh;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.coredev.emu.runtime.GuestFault;
import org.coredev.emu.runtime.GuestMemory;

/**
 * Steps from a frame to its caller with the CFI of {@code .eh_frame}: computes the CFA, restores
 * the registers the row describes, sets sp to the CFA and pc to the return address column.
 * Registers no rule mentions keep their value (callee-saved registers the frame never touched).
 */
public final class Unwinder {
    /** One frame of a backtrace: its pc (a return address for every frame but a faulting one) and sp. */
    public record Frame(int pc, int sp) {
        @Override public String toString() { return "pc=0x%08x sp=0x%08x".formatted(pc, sp); }
    }

    /** Frames a backtrace gives at most by default (the board keeps 128 backtrace entries). */
    public static final int DEFAULT_DEPTH = 128;

    private Unwinder() {}

    /** What a raiser's walk does at each frame that has an FDE: a result ends the walk there, null goes on to the caller. */
    @FunctionalInterface
    public interface FrameVisitor<T> {
        T visit(RegisterState frame, EhFrame.Fde fde);
    }

    /**
     * How a walk ended: the visitor's result (null at the end of the stack), the frames whose FDE
     * it looked up (what a raise is charged for) and the last frame it reached.
     */
    public record Walk<T>(T result, int framesLookedUp, RegisterState last) { }

    /**
     * Walks outwards from {@code start} as libunwind does for a raise: looks up each frame's FDE,
     * hands the frame to {@code visit}, steps to the caller. It ends at a visit's result, at a
     * frame without FDE or return address, or after {@code maxFrames} lookups (a corrupt stack
     * cannot loop).
     */
    public static <T> Walk<T> walk(RegisterState start, FdeSource fdes, GuestMemory memory, int maxFrames, FrameVisitor<T> visit) {
        RegisterState state = start;
        int looked = 0;
        while (looked++ < maxFrames) {
            Optional<EhFrame.Fde> fde = fdes.find(state.lookupPc());
            if (fde.isEmpty()) break;
            T result = visit.visit(state, fde.get());
            if (result != null) return new Walk<>(result, looked, state);
            Optional<RegisterState> next = step(state, fde.get(), memory);
            if (next.isEmpty()) break;
            state = next.get();
        }
        return new Walk<>(null, looked, state);
    }

    /** The caller's registers, or empty at the end of the stack (no FDE, undefined or zero return address). */
    public static Optional<RegisterState> unwind(RegisterState state, GuestMemory memory, FdeSource fdes) {
        Optional<EhFrame.Fde> fde = fdes.find(state.lookupPc());
        return fde.flatMap(f -> step(state, f, memory));
    }

    /** One step with a known FDE; empty when the return address is undefined or zero. */
    public static Optional<RegisterState> step(RegisterState state, EhFrame.Fde fde, GuestMemory memory) {
        Cfi.Row row = Cfi.rowFor(memory, fde, state.lookupPc());
        int cfa = switch (row.cfa()) {
            case Cfi.RegisterOffset ro -> state.x(ro.register()) + ro.offset();
            case Cfi.CfaExpression e -> DwarfExpression.evaluate(memory, e.address(), e.length(), state, null);
        };
        int raColumn = fde.cie().returnRegister();
        if (raColumn >= RegisterState.COLUMNS) throw new EhException(fde.cie().address(),
                ".eh_frame at 0x%08x: return address column %d is not an integer register".formatted(fde.cie().address(), raColumn));
        if (row.rule(raColumn) instanceof Cfi.Undefined) return Optional.empty();
        RegisterState caller = state.copy();
        long returnAddress = 0;
        for (int column = 0; column < RegisterState.COLUMNS; column++) {
            Cfi.Rule rule = row.rule(column);
            long value = switch (rule) {
                case Cfi.SameValue s -> state.column(column);
                case Cfi.Undefined u -> state.column(column);  // unrecoverable; keep something defined
                case Cfi.Offset o -> load(memory, cfa + o.offset(), column, fde);
                case Cfi.ValOffset v -> Integer.toUnsignedLong(cfa + v.offset());
                case Cfi.InRegister r -> state.column(r.register());
                case Cfi.Expression e -> load(memory,
                        DwarfExpression.evaluate(memory, e.address(), e.length(), state, cfa), column, fde);
                case Cfi.ValExpression e -> Integer.toUnsignedLong(
                        DwarfExpression.evaluate(memory, e.address(), e.length(), state, cfa));
            };
            if (column == raColumn) returnAddress = value;
            if (column != 0) caller.setColumn(column, value);
        }
        caller.setX(state.spRegister(), cfa);
        caller.setPc((int) returnAddress);
        // After a signal frame ('S') the caller's pc is the interrupted instruction itself.
        caller.setPcIsReturnAddress(!fde.cie().signalFrame());
        if ((int) returnAddress == 0) return Optional.empty();
        return Optional.of(caller);
    }

    private static long load(GuestMemory memory, int address, int column, EhFrame.Fde fde) {
        try {
            return column < 32 ? Integer.toUnsignedLong(memory.load32(address)) : memory.load64(address);
        } catch (GuestFault e) {
            throw new EhException(address, "unwinding through FDE 0x%08x (pc 0x%08x): saved register %d at unreadable 0x%08x"
                    .formatted(fde.address(), fde.pcBegin(), column, address));
        }
    }

    /**
     * The frames from {@code state} outwards: this frame first, then each caller, until a frame
     * without FDE, an undefined or zero return address, a frame that does not move (same pc and
     * sp: a corrupt stack), a frame whose tables or saved registers cannot be read, or
     * {@code maxDepth} frames.
     */
    public static List<Frame> backtrace(RegisterState state, GuestMemory memory, FdeSource fdes, int maxDepth) {
        List<Frame> frames = new ArrayList<>();
        RegisterState current = state;
        while (frames.size() < maxDepth) {
            frames.add(new Frame(current.pc(), current.sp()));
            Optional<RegisterState> next;
            try {
                next = unwind(current, memory, fdes);
            } catch (EhException e) {
                break;  // a corrupt frame ends a diagnostic backtrace; what was found so far stands
            }
            if (next.isEmpty()) break;
            RegisterState n = next.get();
            if (n.pc() == current.pc() && n.sp() == current.sp()) break;
            current = n;
        }
        return frames;
    }

    public static List<Frame> backtrace(RegisterState state, GuestMemory memory, FdeSource fdes) {
        return backtrace(state, memory, fdes, DEFAULT_DEPTH);
    }
}
