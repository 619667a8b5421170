package org.coredev.emu.runtime.eh;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.coredev.emu.cpu.Cpu;
import org.coredev.emu.runtime.Abi;
import org.coredev.emu.runtime.GuestMemory;
import org.coredev.emu.runtime.Runtime;

/**
 * ARTIQ 6's exception runtime (release-6 artiq/firmware/ksupport/eh_artiq.rs over libunwind; ARTIQ
 * 7's is the same) on the emulated CPU.
 *
 * <p>An exception is named by a string ({@link ArtiqException#readNamed}) and one is in flight at a
 * time: {@code __artiq_raise} copies the object into the runtime's INFLIGHT slot, clears
 * {@code handled} and calls {@code _Unwind_RaiseException}, which searches in two phases:
 * <ol>
 *   <li>Search: outwards from the raise, the first frame whose personality finds a catch clause
 *       naming the exception, or a catch-all ({@link Lsda#actionForName}), is the handler frame;
 *       cleanups are passed over.</li>
 *   <li>Cleanup: outwards again, every frame with a cleanup or catch landing pad gets control in
 *       turn (a cleanup pad calls {@code __artiq_reraise} or {@code _Unwind_Resume} when done, and
 *       the walk goes on from there), until the handler frame, which sets {@code handled}.</li>
 * </ol>
 * If no frame has a handler, {@code _Unwind_ForcedUnwind} walks the stack recording the backtrace
 * and still runs every cleanup pad on its way; the end of the stack makes the exception uncaught
 * (ksupport's terminate). {@code __artiq_reraise} raises the in-flight exception anew (a fresh
 * search from its caller) once a handler frame has it, and otherwise resumes the cleanup walk.
 * There is no {@code __artiq_end_catch}: a handler simply goes on.
 *
 * <p>The scratch area (guest memory, {@link #SCRATCH_SIZE} bytes) holds INFLIGHT's exception and
 * {@code _Unwind_Exception}, a staging object for the runtime's own raises and rooms for their
 * strings, used in turn so that a handler's copy of an earlier exception keeps its strings
 * (on the board they are string literals).
 */
public final class Artiq6ExceptionRaiser implements ExceptionRuntime {
    private static final int ROOMS = 8;
    private static final int INFLIGHT = 0, UW = INFLIGHT + ArtiqException.SIZE, STAGING = UW + ExceptionRaiser.UW_SIZE,
            STRINGS = STAGING + ArtiqException.SIZE;
    public static final int SCRATCH_SIZE = STRINGS + ROOMS * STRING_ROOM, MAX_BACKTRACE = 128;

    /** Where the unwinder is: no walk, the cleanup phase towards a handler frame, or the forced (uncaught) walk. */
    private enum Phase { NONE, CLEANUP, FORCED }

    private final GuestMemory memory;
    private final Abi abi;
    private final FdeSource frames;
    private final int scratch;
    /** INFLIGHT.exception (null: None) and its name's bytes as the personality compares them. */
    private ArtiqException inFlight;
    private byte[] inFlightName;
    private boolean handled = true;
    private Phase phase = Phase.NONE;
    private int handlerSp;
    private int nextRoom;
    private final List<Unwinder.Frame> backtrace = new ArrayList<>();
    private int framesLastUnwound;

    /** The raiser of a core with calling convention {@code abi}; {@code scratch}: 8-byte aligned guest memory of {@link #SCRATCH_SIZE} bytes. */
    public Artiq6ExceptionRaiser(GuestMemory memory, FdeSource frames, int scratch, Abi abi) {
        if ((scratch & 7) != 0) throw new IllegalArgumentException("scratch area 0x%08x is not 8-byte aligned".formatted(scratch));
        this.memory = memory;
        this.abi = abi;
        this.frames = frames;
        this.scratch = scratch;
    }

    @Override public void registerExports(Runtime runtime) { EhExports.registerArtiq6(runtime, this); }

    @Override
    public void reset() {
        inFlight = null;
        inFlightName = null;
        handled = true;
        phase = Phase.NONE;
        backtrace.clear();
    }

    @Override public int framesLastUnwound() { return framesLastUnwound; }

    /** Guest address of INFLIGHT's exception (what a landing pad gets in r4 / a1). */
    public int inFlightAddress() { return scratch + INFLIGHT; }

    /** Guest address of INFLIGHT's {@code _Unwind_Exception} (r3 / a0 at a landing pad). */
    public int unwindExceptionAddress() { return scratch + UW; }

    /** Whether a handler frame has the in-flight exception (eh_artiq.rs {@code handled}). */
    public boolean handled() { return handled; }

    /** {@code __artiq_raise(exception)}: the CPU is at the runtime entry, its return address in the raising frame. */
    public Outcome raise(Cpu cpu, int exceptionPointer) {
        byte[] object = memory.read(exceptionPointer, ArtiqException.SIZE);
        ArtiqException exception = ArtiqException.readNamed(memory, exceptionPointer);
        memory.write(inFlightAddress(), object);
        int uw = unwindExceptionAddress();
        memory.store64(uw, EXCEPTION_CLASS);
        for (int off = 8; off < ExceptionRaiser.UW_SIZE; off += 4) memory.store32(uw + off, 0);
        inFlight = exception;
        inFlightName = memory.read(memory.load32(inFlightAddress() + ArtiqException.NAMED_NAME),
                memory.load32(inFlightAddress() + ArtiqException.NAMED_NAME + 4));
        handled = false;
        framesLastUnwound = 0;
        RegisterState start = RegisterState.callerOf(cpu, abi);
        Optional<Integer> handler = search(start);
        if (handler.isPresent()) {
            phase = Phase.CLEANUP;
            handlerSp = handler.get();
            return cleanupWalk(cpu, start);
        }
        phase = Phase.FORCED;
        backtrace.clear();
        return forcedWalk(cpu, start);
    }

    /**
     * {@code __artiq_reraise()}: once a handler frame has the exception, raises it anew from the
     * caller ("No active exception to reraise", a RuntimeError, if none was raised); before
     * that, a cleanup pad's way of resuming the walk.
     */
    public Outcome reraise(Cpu cpu) {
        if (!handled) return resume(cpu);
        if (inFlight == null) {
            ArtiqException none = new ArtiqException(ExceptionNames.id("RuntimeError").orElseThrow(), "ksupport/eh_artiq.rs",
                    0, 0, "__artiq_reraise", "No active exception to reraise", List.of(0L, 0L, 0L));
            return raiseBuiltin(cpu, none);
        }
        return raise(cpu, inFlightAddress());
    }

    /** {@code _Unwind_Resume}: a cleanup pad is done; the walk it interrupted goes on from its caller. */
    public Outcome resume(Cpu cpu) {
        int callSite = abi.callSite(cpu);
        framesLastUnwound = 0;
        RegisterState from = RegisterState.callerOf(cpu, abi);
        return switch (phase) {
            case NONE -> throw new EhException(callSite, "_Unwind_Resume called at 0x%08x with no exception being unwound".formatted(callSite));
            case CLEANUP -> cleanupWalk(cpu, from);
            case FORCED -> forcedWalk(cpu, from);
        };
    }

    @Override
    public Outcome raiseBuiltin(Cpu cpu, ArtiqException exception) {
        String nameString = exception.nameString();
        exception = ExceptionRuntime.fitted(exception, nameString.getBytes(StandardCharsets.UTF_8).length);
        int room = scratch + STRINGS + (nextRoom++ % ROOMS) * STRING_ROOM;
        exception.writeNamed(memory, scratch + STAGING, room, nameString);
        return raise(cpu, scratch + STAGING);
    }

    /** A walk from {@code start}, its frames counted into {@link #framesLastUnwound}. */
    private <T> Unwinder.Walk<T> walk(RegisterState start, Unwinder.FrameVisitor<T> visit) {
        Unwinder.Walk<T> walk = Unwinder.walk(start, frames, memory, MAX_FRAMES, visit);
        framesLastUnwound += walk.framesLookedUp();
        return walk;
    }

    /** Phase 1: sp of the first frame with a catch clause for the exception, if any. */
    private Optional<Integer> search(RegisterState start) {
        return Optional.ofNullable(walk(start, (state, fde) -> action(fde, state) instanceof Lsda.Catch ? state.sp() : null).result());
    }

    /** Phase 2: the next cleanup or catch pad up to the handler frame gets control. */
    private Outcome cleanupWalk(Cpu cpu, RegisterState start) {
        Unwinder.Walk<Caught> walk = walk(start, (state, fde) -> {
            boolean handlerFrame = state.sp() == handlerSp;
            return switch (action(fde, state)) {
                case Lsda.Cleanup c -> install(cpu, state, c.landingPad(), true, handlerFrame);
                case Lsda.Catch c -> install(cpu, state, c.landingPad(), false, handlerFrame);
                case Lsda.None none -> {
                    if (handlerFrame) throw new EhException(state.pc(),
                            "_Unwind_RaiseException: the handler frame at 0x%08x has no landing pad in phase 2".formatted(state.pc()));
                    yield null;
                }
            };
        });
        if (walk.result() != null) return walk.result();
        int pc = walk.last().pc();
        throw new EhException(pc, "_Unwind_RaiseException: phase 2 reached the end of the stack at 0x%08x before the handler frame (sp 0x%08x)"
                .formatted(pc, handlerSp));
    }

    /** The forced unwind of an uncaught exception: backtrace, cleanup pads on the way, then terminate. */
    private Outcome forcedWalk(Cpu cpu, RegisterState start) {
        Caught cleanup = walk(start, (state, fde) -> {
            // The stop function records the frame before its personality runs.
            if (backtrace.size() < MAX_BACKTRACE) backtrace.add(new Unwinder.Frame(state.pc(), state.sp()));
            return action(fde, state) instanceof Lsda.Cleanup c ? install(cpu, state, c.landingPad(), true, false) : null;
        }).result();
        if (cleanup != null) return cleanup;
        phase = Phase.NONE;
        int sp = backtrace.isEmpty() ? 0 : backtrace.getLast().sp();
        return new Uncaught(List.of(new InFlight(inFlight, sp, 0, backtrace.size())), List.copyOf(backtrace));
    }

    private Lsda.Action action(EhFrame.Fde fde, RegisterState state) {
        if (fde.lsda() == null || fde.cie().personality() == null) return new Lsda.None();
        return Lsda.parse(memory, fde.lsda(), fde.pcBegin()).actionForName(state.lookupPc(), inFlightName);
    }

    private Caught install(Cpu cpu, RegisterState frame, int landingPad, boolean cleanup, boolean handlerFrame) {
        if (handlerFrame) {
            handled = true;
            phase = Phase.NONE;
        }
        ExceptionRuntime.installLandingPad(cpu, abi, frame, landingPad, unwindExceptionAddress(), inFlightAddress());
        return new Caught(landingPad, frame.sp(), cleanup, inFlight);
    }
}
