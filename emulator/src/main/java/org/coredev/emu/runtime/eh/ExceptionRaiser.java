package org.coredev.emu.runtime.eh;

import java.util.ArrayList;
import java.util.List;
import org.coredev.emu.cpu.Cpu;
import org.coredev.emu.runtime.Abi;
import org.coredev.emu.runtime.GuestMemory;
import org.coredev.emu.runtime.Runtime;

/**
 * The board's exception runtime (artiq/firmware/ksupport/eh_artiq.rs) over the emulated CPU.
 *
 * <p>The board raises with {@code _Unwind_ForcedUnwind}: for each frame outwards from the raise
 * it records (return address, sp) in the backtrace, then calls the frame's personality, which
 * reads the LSDA ({@link Lsda#actionFor}); the first frame whose action is a matching catch or a
 * cleanup gets control: callee-saved registers and sp restored from the CFI, a0 = the
 * {@code _Unwind_Exception} object, a1 = the runtime's copy of the ARTIQ exception (r3 and r4 on
 * OR1K: UNWIND_DATA_REG of each target), pc = the landing pad. A cleanup pad ends in {@code __artiq_resume} / {@code _Unwind_Resume}, which
 * continues from there; a catch ends in {@code __artiq_end_catch}. Reaching a frame without FDE
 * (the end of the kernel's stack) makes the exception uncaught.
 *
 * <p>Like the board, the runtime copies each in-flight exception into its own buffer (up to 10,
 * then "too many nested exceptions"); here that buffer is a scratch area of guest memory of
 * {@link #SCRATCH_SIZE} bytes the caller provides (the board's is in ksupport's data).
 * Every frame with an LSDA and a personality routine is treated as ARTIQ's personality would.
 */
public final class ExceptionRaiser implements ExceptionRuntime {
    public static final int MAX_IN_FLIGHT = 10, MAX_BACKTRACE = 128;
    /** Size of an {@code _Unwind_Exception} slot: class (8), cleanup pointer, private words. */
    static final int UW_SIZE = 32;
    private static final int EXCEPTIONS = 0, UW_EXCEPTIONS = EXCEPTIONS + MAX_IN_FLIGHT * ArtiqException.SIZE,
            STAGING = UW_EXCEPTIONS + MAX_IN_FLIGHT * UW_SIZE, STRINGS = STAGING + ArtiqException.SIZE;
    /**
     * Scratch bytes the raiser needs: exception and unwinder slots, a staging object for
     * runtime-raised exceptions and, per slot, room for their strings (so a nested raise does not
     * overwrite the strings of an exception still in flight).
     */
    public static final int SCRATCH_SIZE = STRINGS + MAX_IN_FLIGHT * STRING_ROOM;

    private final GuestMemory memory;
    private final Abi abi;
    private final FdeSource frames;
    private final int scratch;
    private final ArtiqException[] slots = new ArtiqException[MAX_IN_FLIGHT];
    private final int[] stackPointers = new int[MAX_IN_FLIGHT], initialSizes = new int[MAX_IN_FLIGHT], currentSizes = new int[MAX_IN_FLIGHT];
    private final int[] stack = new int[MAX_IN_FLIGHT];
    private int count;
    private final List<Unwinder.Frame> backtrace = new ArrayList<>();
    private int framesLastUnwound;

    /** A RISC-V core's raiser; {@code scratch}: 8-byte aligned guest memory of {@link #SCRATCH_SIZE} bytes owned by the runtime. */
    public ExceptionRaiser(GuestMemory memory, FdeSource frames, int scratch) { this(memory, frames, scratch, Abi.ILP32); }

    /** The raiser of a core with calling convention {@code abi}. */
    public ExceptionRaiser(GuestMemory memory, FdeSource frames, int scratch, Abi abi) {
        if ((scratch & 7) != 0) throw new IllegalArgumentException("scratch area 0x%08x is not 8-byte aligned".formatted(scratch));
        this.memory = memory;
        this.abi = abi;
        this.frames = frames;
        this.scratch = scratch;
    }

    @Override public void registerExports(Runtime runtime) { EhExports.register(runtime, this); }

    /** Forgets every in-flight exception (a new kernel starts; the board's reset_exception_buffer). */
    @Override
    public void reset() {
        java.util.Arrays.fill(slots, null);
        count = 0;
        backtrace.clear();
    }

    public int inFlight() { return count; }

    /** Guest address of in-flight slot {@code k}'s exception copy (what a landing pad gets in a1). */
    public int slotAddress(int k) { return scratch + EXCEPTIONS + k * ArtiqException.SIZE; }

    /** Guest address of slot {@code k}'s {@code _Unwind_Exception} (what a landing pad gets in a0). */
    public int unwindExceptionAddress(int k) { return scratch + UW_EXCEPTIONS + k * UW_SIZE; }

    @Override public int framesLastUnwound() { return framesLastUnwound; }

    /**
     * {@code __artiq_raise(exception)} called by the kernel: the CPU is at the runtime entry, ra is
     * the return address into the raising frame. A pointer to an in-flight slot re-raises that
     * exception (moving it to the top, as the board does), as the slot's memory now holds it:
     * ARTIQ's compiler writes the raise's location into the object before {@code raise e}.
     */
    public Outcome raise(Cpu cpu, int exceptionPointer) {
        RegisterState start = RegisterState.callerOf(cpu, abi);
        for (int k = 0; k < MAX_IN_FLIGHT; k++) {
            if (slots[k] != null && slotAddress(k) == exceptionPointer) {
                slots[k] = ArtiqException.read(memory, exceptionPointer);
                moveToTop(k);
                return unwind(cpu, start, k);
            }
        }
        ArtiqException exception = ArtiqException.read(memory, exceptionPointer);
        if (count == MAX_IN_FLIGHT) {
            ArtiqException tooMany = new ArtiqException(ExceptionNames.id("RuntimeError").orElseThrow(),
                    "ksupport/eh_artiq.rs", 0, 0, "__artiq_raise", "too many nested exceptions", List.of(0L, 0L, 0L));
            List<InFlight> list = inFlightList();
            list.add(new InFlight(tooMany, 0, 0, 0));
            framesLastUnwound = 0;
            return new Uncaught(List.copyOf(list), List.copyOf(backtrace));
        }
        int k = 0;
        while (slots[k] != null) k++;
        slots[k] = exception;
        memory.write(slotAddress(k), memory.read(exceptionPointer, ArtiqException.SIZE));
        int uw = unwindExceptionAddress(k);
        memory.store64(uw, EXCEPTION_CLASS);
        for (int off = 8; off < UW_SIZE; off += 4) memory.store32(uw + off, 0);
        stack[count++] = k;
        stackPointers[k] = 0;
        initialSizes[k] = backtrace.size();
        currentSizes[k] = 0;
        return unwind(cpu, start, k);
    }

    /**
     * Raises an exception of the runtime itself (RTIOUnderflow, ...) from inside a runtime
     * function called by the kernel: writes it into the scratch area, then raises it as
     * {@link #raise} does.
     */
    @Override
    public Outcome raiseBuiltin(Cpu cpu, ArtiqException exception) {
        exception = ExceptionRuntime.fitted(exception, 0);
        int k = 0;
        while (k < MAX_IN_FLIGHT - 1 && slots[k] != null) k++;  // the slot raise() will take
        exception.write(memory, scratch + STAGING, scratch + STRINGS + k * STRING_ROOM);
        return raise(cpu, scratch + STAGING);
    }

    /** {@code __artiq_resume} / {@code _Unwind_Resume}: continue unwinding the top exception from the caller. */
    public Outcome resume(Cpu cpu) {
        int callSite = abi.callSite(cpu);
        if (count == 0) throw new EhException(callSite, "__artiq_resume called at 0x%08x with no exception in flight".formatted(callSite));
        return unwind(cpu, RegisterState.callerOf(cpu, abi), stack[count - 1]);
    }

    /**
     * {@code __artiq_end_catch}: the top exception is handled; outer exceptions whose frames the
     * handler has left (recorded sp below the handled one's) go too, as on the board.
     */
    public void endCatch(int callerPc) {
        if (count == 0) throw new EhException(callerPc, "__artiq_end_catch called at 0x%08x with no exception in flight".formatted(callerPc));
        int index = stack[--count];
        slots[index] = null;
        int outerSp = stackPointers[index];
        while (count > 0) {
            int k = stack[count - 1];
            if (Integer.compareUnsigned(stackPointers[k], outerSp) >= 0) break;
            slots[k] = null;
            count--;
        }
        int size = count > 0 ? currentSizes[stack[count - 1]] : 0;
        while (backtrace.size() > size) backtrace.removeLast();
    }

    private void moveToTop(int slot) {
        int at = 0;
        while (stack[at] != slot) at++;
        for (; at < count - 1; at++) stack[at] = stack[at + 1];
        stack[count - 1] = slot;
    }

    private Outcome unwind(Cpu cpu, RegisterState start, int slot) {
        ArtiqException exception = slots[slot];
        Unwinder.Walk<Caught> walk = Unwinder.walk(start, frames, memory, MAX_FRAMES, (state, f) -> {
            if (backtrace.size() < MAX_BACKTRACE) {
                backtrace.add(new Unwinder.Frame(state.pc(), state.sp()));
                stackPointers[slot] = state.sp();
                currentSizes[slot] = backtrace.size();
            }
            if (f.lsda() == null || f.cie().personality() == null) return null;
            return switch (Lsda.parse(memory, f.lsda(), f.pcBegin()).actionFor(state.lookupPc(), exception.id())) {
                case Lsda.None none -> null;
                case Lsda.Cleanup c -> install(cpu, state, slot, c.landingPad(), true);
                case Lsda.Catch c -> install(cpu, state, slot, c.landingPad(), false);
            };
        });
        framesLastUnwound = walk.framesLookedUp();
        if (walk.result() != null) return walk.result();
        return new Uncaught(List.copyOf(inFlightList()), List.copyOf(backtrace));
    }

    private Caught install(Cpu cpu, RegisterState frame, int slot, int landingPad, boolean cleanup) {
        ExceptionRuntime.installLandingPad(cpu, abi, frame, landingPad, unwindExceptionAddress(slot), slotAddress(slot));
        return new Caught(landingPad, frame.sp(), cleanup, slots[slot]);
    }

    private List<InFlight> inFlightList() {
        List<InFlight> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int k = stack[i];
            out.add(new InFlight(slots[k], stackPointers[k], initialSizes[k], currentSizes[k]));
        }
        return out;
    }
}
