package org.coredev.emu.runtime.eh;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.coredev.emu.bus.Bus;
import org.coredev.emu.bus.BusFault;
import org.coredev.emu.bus.Ram;
import org.coredev.emu.cpu.StopReason;
import org.coredev.emu.cpu.rv32.Rv32Cpu;
import org.coredev.emu.runtime.Abi;
import org.coredev.emu.runtime.GuestMemory;
import org.coredev.emu.runtime.Runtime;
import org.coredev.emu.runtime.RuntimeExport;
import org.coredev.emu.runtime.RuntimeFunction;
import org.coredev.loader.LoadedImage;
import org.coredev.loader.Linker;
import org.coredev.loader.Target;
import org.coredev.loader.TargetMemory;

/**
 * A small core device for the unwinder tests: 1 MiB of RAM at 0x40000000 holding the kernel (at
 * +0x10000), the raiser's scratch area and the stack (at the top); the runtime's entry points at
 * 0x45000000 are a trap range, so calling an import stops the CPU.
 */
final class EhMachine {
    static final Path FIXTURES = Path.of("src/test/eh-fixtures");
    static final int RAM = 0x4000_0000, RAM_SIZE = 1 << 20, PAYLOAD = RAM + 0x1_0000, SCRATCH = RAM + 0xa000;
    static final int STACK_TOP = RAM + RAM_SIZE - 64;
    /** Where the kernel function returns to: an address in the trap range no export uses. */
    static final int EXIT = Runtime.ENTRY_BASE + Runtime.ENTRY_SIZE - 0x1000;

    final Bus bus = new Bus();
    final Ram ram = bus.addRam("ram", RAM, RAM_SIZE);
    final Rv32Cpu cpu;
    final GuestMemory memory = new GuestMemory(bus);
    final Runtime runtime;
    final UnwindTables tables = new UnwindTables(memory);
    final ExceptionRaiser raiser = new ExceptionRaiser(memory, tables, SCRATCH);
    final List<String> calls = new ArrayList<>();
    LoadedImage image;

    EhMachine(Rv32Cpu.Variant variant) {
        cpu = new Rv32Cpu(variant, bus, ram);
        cpu.setTrapRange(Runtime.ENTRY_BASE, Runtime.ENTRY_SIZE);
        runtime = new Runtime(Abi.of(variant), memory);
    }

    static Target target(Rv32Cpu.Variant variant) {
        return variant == Rv32Cpu.Variant.RV32G ? Target.RV32G : Target.RV32IMA;
    }

    void export(String name, String signature, RuntimeFunction body) {
        runtime.register(RuntimeExport.of(name, signature, 1, body));
    }

    /**
     * Registers {@code raiser}'s exports and the others catch.cpp imports: {@code kernel_raise(id)}
     * raises the built-in with that id through {@code raiser}, {@code note(v)} adds v to
     * {@code notes}, {@code __cxa_end_catch} runs {@code endCatch}; the C++ runtime's own entry
     * points fail the test if called.
     */
    void exportCatchFixture(ExceptionRuntime raiser, List<Integer> notes, RuntimeFunction endCatch) {
        raiser.registerExports(runtime);
        export("kernel_raise", "v(i)", a -> {
            int id = a.i(0);
            throw new KernelRaise(raiser.raiseBuiltin(a.cpu(),
                    new ArtiqException(id, "catch.cpp", 15, 5, "inner", "raised {0}", List.of((long) id, 0L, 0L))));
        });
        export("note", "v(i)", a -> {
            notes.add(a.i(0));
            return 0;
        });
        export("entered", "i(i)", a -> a.i(0) * 10);
        export("__cxa_begin_catch", "p(p)", a -> a.i(0));
        export("__cxa_end_catch", "v()", endCatch);
        export("_ZSt9terminatev", "v()", a -> { throw new AssertionError("terminate called"); });
        export("__gxx_personality_v0", "v()", a -> { throw new AssertionError("C++ personality called"); });
    }

    /** Loads a fixture ELF (after the test registered the exports it imports). */
    LoadedImage load(String fileName) throws IOException {
        byte[] bytes = Files.readAllBytes(FIXTURES.resolve(fileName));
        TargetMemory target = new TargetMemory() {
            @Override public void write(int address, byte[] data) {
                try {
                    bus.write(address, data);
                } catch (BusFault e) {
                    throw new AssertionError(e);
                }
            }

            @Override public byte[] read(int address, int length) {
                try {
                    return bus.read(address, length);
                } catch (BusFault e) {
                    throw new AssertionError(e);
                }
            }
        };
        Linker linker = new Linker(target(cpu.variant()), target, runtime, PAYLOAD, RAM + RAM_SIZE - 1);
        image = linker.load(fileName, bytes);
        tables.add(image);
        cpu.flushDecodeCache();
        return image;
    }

    /** Sets up a call of {@code function(arg)} that returns to {@link #EXIT}. */
    void call(String function, int arg) {
        cpu.setX(1, EXIT);
        cpu.setX(2, STACK_TOP);
        cpu.setX(10, arg);
        cpu.setPc(image.entry(function));
    }

    /** Runs until the CPU calls a runtime entry; returns its address. */
    int runToCall() {
        for (int k = 0; k < 10_000; k++) {
            StopReason stop = cpu.run(100_000);
            switch (stop) {
                case StopReason.RuntimeCall call -> { return call.pc(); }
                case StopReason.Budget b -> { }
                default -> fail("unexpected stop " + stop + " at " + image.symbolize(cpu.pc()));
            }
        }
        return fail("the kernel did not call the runtime");
    }

    /**
     * Runs to completion, serving runtime calls; returns the outcome of an uncaught exception, or
     * null when the function returned to {@link #EXIT}. Caught outcomes are collected in {@code caught}.
     */
    ExceptionRaiser.Uncaught runServing(List<ExceptionRaiser.Caught> caught) {
        return runServing(caught, Integer.MAX_VALUE);
    }

    /** {@link #runServing(List)} that stops (returning null) once {@code stopAfter} landing pads got control. */
    ExceptionRaiser.Uncaught runServing(List<ExceptionRaiser.Caught> caught, int stopAfter) {
        for (int k = 0; k < 1000; k++) {
            if (caught.size() >= stopAfter) return null;
            int pc = runToCall();
            if (pc == EXIT) return null;
            RuntimeExport export = runtime.functionAt(pc);
            if (export == null) fail("call of unknown runtime address 0x%08x".formatted(pc));
            calls.add(export.name());
            try {
                runtime.dispatch(cpu, export);
            } catch (KernelRaise raise) {
                switch (raise.outcome()) {
                    case ExceptionRaiser.Caught c -> caught.add(c);
                    case ExceptionRaiser.Uncaught u -> { return u; }
                }
            }
        }
        return fail("too many runtime calls");
    }

    String symbolize(int returnAddress) {
        return tables.symbolize(returnAddress, true).replaceFirst("\\+0x[0-9a-f]+$", "");
    }

    /** Runs an external tool; a missing tool fails naming its Debian package. */
    static String tool(String debianPackage, String... command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).directory(FIXTURES.toFile()).start();
        } catch (IOException e) {
            return fail("cannot run " + command[0] + " (install the Debian package " + debianPackage + "): " + e.getMessage());
        }
        p.getOutputStream().close();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", command) + " did not finish within 120 s");
        }
        if (p.exitValue() != 0) fail(String.join(" ", command) + " failed: " + new String(err.join()));
        return new String(out.join());
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            in.transferTo(b);
            return b.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
