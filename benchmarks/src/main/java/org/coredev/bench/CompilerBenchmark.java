package org.coredev.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.coredev.compiler.Compiler;
import org.coredev.compiler.Target;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Warm compile time of a kernel-language program, source text to kernel image bytes (parse,
 * type inference, IR, RV32 code, register allocation, ELF writer), against the target of
 * 20 ms. Programs from the compiler's test suite; run from the repository root.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CompilerBenchmark {
    @Param({"functions", "try_except"})
    public String program;

    @Param({"RV32G"})
    public String target;

    private String source;

    @Setup
    public void read() throws Exception {
        source = Files.readString(Path.of("compiler/src/test/resources/programs", program + ".py"));
    }

    @Benchmark
    public byte[] compile() {
        return Compiler.compileProgram(program + ".py", source, Target.valueOf(target));
    }
}
