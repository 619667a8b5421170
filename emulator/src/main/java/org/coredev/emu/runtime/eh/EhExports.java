package org.coredev.emu.runtime.eh;

import org.coredev.emu.runtime.Args;
import org.coredev.emu.runtime.GuestFault;
import org.coredev.emu.runtime.Runtime;
import org.coredev.emu.runtime.RuntimeExport;

/**
 * The exception exports of the runtime (artiq/firmware/ksupport/api.rs): {@code __artiq_raise},
 * {@code __artiq_resume}, {@code __artiq_end_catch}, {@code __artiq_personality},
 * {@code _Unwind_Resume} and the {@code __nac3_*} aliases of the first four, plus
 * {@code __artiq_reraise} of older firmware (ARTIQ 7 and before).
 *
 * <p>Raise and resume never return: they throw {@link KernelRaise}. Their cycle cost is charged
 * to the CPU before the throw (the dispatcher's charge happens only on return): a base cost plus
 * a cost per frame unwound. These are estimates of libunwind on VexRiscv (parsing an FDE and
 * running its CFA program, then the LSDA), not measured on a board.
 */
public final class EhExports {
    /** Estimated cycles of a raise or resume before the first frame, and per frame unwound. */
    public static final int RAISE_CYCLES = 2000, FRAME_CYCLES = 1500, END_CATCH_CYCLES = 60;

    private EhExports() {}

    /** Registers every exception export of the board on {@code runtime}. */
    public static void register(Runtime runtime, ExceptionRaiser raiser) {
        for (String prefix : new String[] {"__artiq_", "__nac3_"}) {
            runtime.register(RuntimeExport.of(prefix + "raise", "v(p)", RAISE_CYCLES, args ->
                    raised(args, raiser.raise(args.cpu(), args.i(0)), raiser)));
            runtime.register(RuntimeExport.of(prefix + "resume", "v()", RAISE_CYCLES, args ->
                    raised(args, raiser.resume(args.cpu()), raiser)));
            runtime.register(RuntimeExport.of(prefix + "end_catch", "v()", END_CATCH_CYCLES, args -> {
                raiser.endCatch(args.returnAddress());
                return 0;
            }));
            String personality = prefix + "personality";
            runtime.register(RuntimeExport.of(personality, "i(iilpp)", 1, args -> {
                // Only the unwinder calls the personality; a kernel calling it is a bug in the kernel.
                throw new GuestFault(args.returnAddress(), "%s called directly from 0x%08x: only the unwinder calls it"
                        .formatted(personality, args.returnAddress()));
            }));
        }
        runtime.register(RuntimeExport.of("__artiq_reraise", "v(p)", RAISE_CYCLES, args ->
                raised(args, raiser.raise(args.cpu(), args.i(0)), raiser)));
        runtime.register(RuntimeExport.of("_Unwind_Resume", "v(p)", RAISE_CYCLES, args ->
                raised(args, raiser.resume(args.cpu()), raiser)));
        // ARTIQ's test of the id table shared by host and runtime (eh_artiq.rs): raises the id
        // given, its message the runtime's name for that id.
        runtime.register(RuntimeExport.of("test_exception_id_sync", "v(i)", RAISE_CYCLES, args -> {
            int id = args.i(0);
            String message = Integer.compareUnsigned(id, ExceptionNames.count()) < 0 ? ExceptionNames.name(id)
                    : "unallocated internal exception id";
            ArtiqException exception = new ArtiqException(id, "ksupport/eh_artiq.rs", 0, 0, "test_exception_id_sync",
                    message, java.util.List.of(0L, 0L, 0L));
            return raised(args, raiser.raiseBuiltin(args.cpu(), exception), raiser);
        }));
    }

    /**
     * ARTIQ 6's exception exports (release-6 ksupport/api.rs): {@code __artiq_raise},
     * {@code __artiq_reraise} (no argument), {@code _Unwind_Resume} and {@code __artiq_personality};
     * no {@code __artiq_resume} or {@code __artiq_end_catch}, so an image of today's scheme does
     * not link, as on the board.
     */
    public static void registerArtiq6(Runtime runtime, Artiq6ExceptionRaiser raiser) {
        runtime.register(RuntimeExport.of("__artiq_raise", "v(p)", RAISE_CYCLES, args ->
                raised(args, raiser.raise(args.cpu(), args.i(0)), raiser)));
        runtime.register(RuntimeExport.of("__artiq_reraise", "v()", RAISE_CYCLES, args ->
                raised(args, raiser.reraise(args.cpu()), raiser)));
        runtime.register(RuntimeExport.of("_Unwind_Resume", "v(p)", RAISE_CYCLES, args ->
                raised(args, raiser.resume(args.cpu()), raiser)));
        runtime.register(RuntimeExport.of("__artiq_personality", "i(iilpp)", 1, args -> {
            throw new GuestFault(args.returnAddress(), "__artiq_personality called directly from 0x%08x: only the unwinder calls it"
                    .formatted(args.returnAddress()));
        }));
    }

    /**
     * Estimated cycles of the raise or resume {@code raiser} did last; runtime functions that
     * raise through {@link ExceptionRuntime#raiseBuiltin} charge this before throwing.
     */
    public static long unwindCycles(ExceptionRuntime raiser) {
        return RAISE_CYCLES + (long) FRAME_CYCLES * raiser.framesLastUnwound();
    }

    private static long raised(Args args, ExceptionRuntime.Outcome outcome, ExceptionRuntime raiser) {
        args.cpu().addCycles(unwindCycles(raiser));
        throw new KernelRaise(outcome);
    }
}
