package org.coredev.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.coredev.compiler.CompiledBundle;
import org.coredev.compiler.CompiledExperiment;
import org.coredev.compiler.Compiler;
import org.coredev.compiler.Target;
import org.coredev.emu.device.CoreDevice;
import org.coredev.emu.device.DeviceConfig;
import org.coredev.emu.device.DeviceDbFile;
import org.coredev.emu.device.KernelRun;
import org.coredev.emu.device.ResidentBundle;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One call of the same kernel (8 TTL pulses, a running total written back) three ways:
 * {@code bundled}, resident in a bundle and called by name (no compile, no upload);
 * {@code compileAndLoad}, compiled and loaded for every call (what ARTIQ does for each kernel
 * call); {@code precompiled}, compiled once and loaded again for every call (ARTIQ's
 * {@code core.precompile}, which uploads the image each time).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BundleBenchmark {
    static final String BUNDLE = """
            from artiq.experiment import *

            class Scan(EnvExperiment):
                def build(self):
                    self.setattr_device("core")
                    self.setattr_device("ttl0")
                    self.total = 0

                @kernel
                def pulses(self, n: TInt32, width: TFloat):
                    self.core.break_realtime()
                    for i in range(n):
                        self.ttl0.pulse(width)
                        delay(width)
                    self.total += n
            """;
    /** The same kernel as an experiment whose run() makes the call, as ARTIQ compiles a kernel call. */
    static final String PER_CALL = BUNDLE + """

                @kernel
                def run(self):
                    self.pulses(8, 1e-6)
            """;

    private DeviceConfig config;
    private CoreDevice device;
    private ResidentBundle bundle;
    private CompiledExperiment precompiled;
    private final PrintStream sink = new PrintStream(new ByteArrayOutputStream() {
        @Override public void write(byte[] b, int off, int len) { }
    });

    /** A fresh device each iteration: the RTIO event log of a device grows with every call. */
    @Setup(Level.Iteration)
    public void setUp() throws Exception {
        config = DeviceDbFile.builtIn();
        CompiledBundle compiled = Compiler.compileBundle("scan", "scan.py", BUNDLE, Target.RV32G, config.rawDb(), s -> { },
                List.of("pulses"));
        device = new CoreDevice(config).withHost(compiled.host(sink, sink));
        bundle = device.loadBundle("scan.elf", compiled.image());
        precompiled = Compiler.compileExperimentForRun("scan.py", PER_CALL, Target.RV32G, config.rawDb(), s -> { });
    }

    @Benchmark
    public KernelRun bundled() throws Exception {
        return device.call(bundle, "pulses", 8, 1e-6);
    }

    @Benchmark
    public KernelRun compileAndLoad() throws Exception {
        CompiledExperiment e = Compiler.compileExperimentForRun("scan.py", PER_CALL, Target.RV32G, config.rawDb(), s -> { });
        return device.withHost(e.host(sink, sink)).run("scan.py", e.image());
    }

    @Benchmark
    public KernelRun precompiled() throws Exception {
        return device.withHost(precompiled.host(sink, sink)).run("scan.py", precompiled.image());
    }
}
