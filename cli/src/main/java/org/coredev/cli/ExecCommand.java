package org.coredev.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.coredev.emu.EmulatorException;
import org.coredev.emu.cpu.rv32.Rv32Cpu;
import org.coredev.emu.exec.BareMetalImage;
import org.coredev.emu.exec.BareMetalRunner;
import org.coredev.emu.exec.ExecOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code coredev exec}: runs a static bare-metal RISC-V or OpenRISC program on the kernel CPU. */
@Command(name = "exec", mixinStandardHelpOptions = true,
        description = {
                "Runs a static bare-metal RISC-V or OpenRISC (OR1K, big-endian) ELF (ET_EXEC) on the emulated kernel CPU.",
                "Linux write/exit system calls (ecall; l.sys on OR1K) go to stdout/stderr and the exit status; a store to 'tohost' ends the run",
                "(1 = pass, odd value v = FAIL test v>>1)."},
        footer = {"", "Exit status: the program's own, 0 pass, 1 fail, 3 fault, 124 cycle budget exhausted, 2 bad input."})
public final class ExecCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE.elf", description = "Static RV32 or OR1K ELF executable.")
    Path file;

    @Option(names = "--max-cycles", paramLabel = "N", description = "Stop after N CPU cycles (default: ${DEFAULT-VALUE}).")
    long maxCycles = 100_000_000_000L;

    @Option(names = "--stats", description = "Print instructions retired, cycles and guest MIPS to stderr.")
    boolean stats;

    @Option(names = "--cpu", paramLabel = "VARIANT",
            description = "Kernel CPU: ${COMPLETION-CANDIDATES} (default: or1k for an OpenRISC ELF, rv32g otherwise).")
    CpuVariant cpu;

    @Option(names = "--tier", paramLabel = "TIER",
            description = "RV32 execution tier: ${COMPLETION-CANDIDATES}: the interpreter (the reference) or hot blocks "
                    + "translated to JVM bytecode; same results and cycles (default: translate, or the system property coredev.cpu.tier).")
    Tier tier;

    enum Tier { interpret, translate }

    enum CpuVariant {
        rv32g(Rv32Cpu.Variant.RV32G), rv32ima(Rv32Cpu.Variant.RV32IMA), or1k(null);
        final Rv32Cpu.Variant variant;
        CpuVariant(Rv32Cpu.Variant v) { variant = v; }
    }

    @Override
    public Integer call() {
        PrintStream err = System.err;
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            System.err.println("coredev exec: cannot read " + file + ": " + e.getMessage());
            return 2;
        }
        OutputStream out = new BufferedOutputStream(System.out, 1 << 16);
        OutputStream errOut = new BufferedOutputStream(System.err, 1 << 12);
        try {
            BareMetalImage image = BareMetalImage.parse(file.toString(), bytes);
            CpuVariant chosen = cpu != null ? cpu : image.isOr1k() ? CpuVariant.or1k : CpuVariant.rv32g;
            if ((chosen == CpuVariant.or1k) != image.isOr1k()) {
                System.err.printf("coredev exec: %s is %s ELF; --cpu %s cannot run it%n", file,
                        image.isOr1k() ? "an OpenRISC" : "a RISC-V", chosen);
                return 2;
            }
            BareMetalRunner runner = new BareMetalRunner(image,
                    chosen.variant != null ? chosen.variant : Rv32Cpu.Variant.RV32G, out, errOut);
            if (runner.cpu() != null && tier != null) runner.cpu().setTranslation(tier == Tier.translate);
            long start = System.nanoTime();  // wall time for the MIPS figure only; never reaches a trace
            ExecOutcome outcome = runner.run(maxCycles);
            long wall = System.nanoTime() - start;
            out.flush();
            errOut.flush();
            // Outcome lines go to stderr: stdout is the program's own, byte for byte as under qemu.
            if (!outcome.message().isEmpty() && !(outcome instanceof ExecOutcome.Passed)) err.println(outcome.message());
            if (stats) {
                org.coredev.emu.cpu.Cpu c = runner.core();
                err.printf("instructions retired: %d%n", c.instret());
                err.printf("cycles: %d (%.6f s of board time at 125 MHz)%n", c.cycles(), c.cycles() / 125e6);
                err.printf("guest MIPS: %.1f (host time %.3f s)%n", c.instret() / (wall / 1e3), wall / 1e9);
                if (runner.cpu() != null) err.println(runner.cpu().translation()
                        ? "tier: translate (%d blocks translated to JVM bytecode)".formatted(runner.cpu().translatedBlocks())
                        : "tier: interpret");
            }
            return outcome.exitStatus();
        } catch (EmulatorException e) {
            System.err.println("coredev exec: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            System.err.println("coredev exec: " + e.getMessage());
            return 2;
        }
    }
}
