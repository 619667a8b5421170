package org.coredev.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.coredev.emu.device.CoreDevice;
import org.coredev.emu.device.DeviceDbFile;
import org.coredev.emu.device.KernelOutcome;
import org.coredev.emu.device.KernelRun;
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
 * A pulse-train kernel end to end: loader, CPU, runtime calls and RTIO model together
 * (examples/kernels/pulses.elf: 20000 pulses, 40000 RTIO events, 20 ms of timeline). Reports
 * simulated RTIO events per wall second ({@code events}) and simulated microseconds per wall
 * second ({@code simulatedMicros}: divided by 10^6 it is the simulated-time / wall-time ratio).
 * Run from the repository root.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class KernelBenchmark {
    /** The CPU's execution tier: the interpreter, or hot blocks translated to JVM bytecode. */
    @Param({"interpret", "translate"})
    public String tier;

    private CoreDevice device;
    private byte[] kernel;

    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Simulated {
        public long events;
        public long simulatedMicros;

        @Setup(Level.Iteration)
        public void clear() {
            events = 0;
            simulatedMicros = 0;
        }
    }

    @Setup(Level.Iteration)
    public void setUp() throws Exception {
        kernel = Files.readAllBytes(Path.of("examples/kernels/pulses.elf"));
        device = new CoreDevice(DeviceDbFile.builtIn());
        device.rv32().setTranslation(tier.equals("translate"));
    }

    @Benchmark
    public KernelRun pulseTrain(Simulated counters) throws Exception {
        KernelRun run = device.run("pulses.elf", kernel);
        if (!(run.outcome() instanceof KernelOutcome.Finished)) throw new IllegalStateException(run.outcome().describe());
        counters.events += run.endEvent() - run.firstEvent();
        // The timeline the kernel covers: from its start to its last event.
        long last = device.rtio().eventLog().get(run.endEvent() - 1).timestampMu();
        counters.simulatedMicros += (last - run.startMu()) / 1000;
        return run;
    }
}
