package org.coredev.bench;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.coredev.emu.exec.BareMetalImage;
import org.coredev.emu.exec.BareMetalRunner;
import org.coredev.emu.exec.ExecOutcome;
import org.coredev.emu.cpu.Cpu;
import org.coredev.emu.cpu.rv32.Rv32Cpu;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Guest instructions per second of the kernel CPUs on the three bare-metal workloads in
 * examples/bare-metal: integer code, 64-bit integer arithmetic as kernels do for timestamps, and
 * double precision. {@code arch} picks the core: RV32 ({@code examples/bare-metal/*.elf}) on both
 * tiers (interpreter: decode cache + dispatch loop; translated blocks), or OR1K (the same sources
 * built for or1k, soft float, in {@code examples/bare-metal/or1k/}). The OR1K core has only an
 * interpreter and ignores {@code tier}: its {@code translate} rows measure the interpreter again,
 * so run it with {@code -p arch=or1k -p tier=interpret}. The OR1K builds do different work per
 * round (soft-float double arithmetic is a libgcc call per operation), so compare the arches by
 * instructions per second, not by rounds.
 *
 * <p>Each operation runs the program for 20 M cycles of simulated time, restarting it when it
 * ends; the {@code instructions} counter reports guest instructions per second. The board itself
 * retires at most 125 M instructions/s (125 MHz). Run from the repository root (workload paths
 * are relative).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CpuBenchmark {
    private static final long CYCLES_PER_OP = 20_000_000;

    @Param({"int", "int64", "double"})
    public String workload;

    /** The guest architecture: the RV32 core or the OR1K one. */
    @Param({"rv32", "or1k"})
    public String arch;

    /** The CPU's execution tier: the interpreter, or hot blocks translated to JVM bytecode (RV32 only). */
    @Param({"interpret", "translate"})
    public String tier;

    private BareMetalImage image;
    private BareMetalRunner runner;
    private long deadline;

    /** Guest instructions retired, reported by JMH as a rate. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Retired {
        public long instructions;

        @Setup(Level.Iteration)
        public void clear() { instructions = 0; }
    }

    @Setup(Level.Trial)
    public void load() throws Exception {
        Path dir = switch (arch) {
            case "rv32" -> Path.of("examples/bare-metal");
            case "or1k" -> Path.of("examples/bare-metal/or1k");
            default -> throw new IllegalArgumentException("arch is rv32 or or1k, not " + arch);
        };
        Path elf = dir.resolve(workload + ".elf");
        image = BareMetalImage.parse(elf.toString(), Files.readAllBytes(elf));
        restart();
    }

    private void restart() throws Exception {
        runner = new BareMetalRunner(image, Rv32Cpu.Variant.RV32G, OutputStream.nullOutputStream(), OutputStream.nullOutputStream());
        // The runner picks the core from the ELF's machine; only the RV32 one (cpu()) translates.
        if (runner.cpu() != null) runner.cpu().setTranslation(tier.equals("translate"));
        deadline = 0;
    }

    @Benchmark
    public long run(Retired retired) throws Exception {
        Cpu core = runner.core();
        long before = core.instret();
        deadline += CYCLES_PER_OP;
        ExecOutcome outcome = runner.run(deadline);
        retired.instructions += core.instret() - before;
        if (!(outcome instanceof ExecOutcome.Timeout)) restart();
        return core.pc();
    }
}
