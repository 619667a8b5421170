package org.coredev.bench;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.coredev.emu.exec.BareMetalImage;
import org.coredev.emu.exec.BareMetalRunner;
import org.coredev.emu.exec.ExecOutcome;
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
 * Guest instructions per second of the RV32 kernel CPU, on both tiers (interpreter: decode cache +
 * dispatch loop; translated blocks), on the three
 * bare-metal workloads in examples/bare-metal: integer code, 64-bit integer arithmetic as kernels
 * do for timestamps, and double precision. Each operation runs the program for 20 M cycles of
 * simulated time, restarting it when it ends; the {@code instructions} counter reports guest
 * instructions per second. The board itself retires at most 125 M instructions/s (125 MHz).
 * Run from the repository root (workload paths are relative).
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

    /** The CPU's execution tier: the interpreter, or hot blocks translated to JVM bytecode. */
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
        Path elf = Path.of("examples/bare-metal", workload + ".elf");
        image = BareMetalImage.parse(elf.toString(), Files.readAllBytes(elf));
        restart();
    }

    private void restart() throws Exception {
        runner = new BareMetalRunner(image, Rv32Cpu.Variant.RV32G, OutputStream.nullOutputStream(), OutputStream.nullOutputStream());
        runner.cpu().setTranslation(tier.equals("translate"));
        deadline = 0;
    }

    @Benchmark
    public long run(Retired retired) throws Exception {
        long before = runner.cpu().instret();
        deadline += CYCLES_PER_OP;
        ExecOutcome outcome = runner.run(deadline);
        retired.instructions += runner.cpu().instret() - before;
        if (!(outcome instanceof ExecOutcome.Timeout)) restart();
        return runner.cpu().pc();
    }
}
