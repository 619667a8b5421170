package org.coredev.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.coredev.loader.ByteArrayMemory;
import org.coredev.loader.ElfImage;
import org.coredev.loader.LoadedImage;
import org.coredev.loader.Linker;
import org.coredev.loader.SymbolResolver;
import org.coredev.loader.Target;
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
 * How long the loader takes to read, check, place, relocate and bind a typical kernel (the rv32g
 * fixture: 4 segments, 11 relocations, 5 runtime imports), against the target of under 1 ms
 * per load. {@code parse} isolates reading and checking; {@code loadAndLink} is the whole path the
 * emulator takes for every kernel run. Run from the repository root (the fixture path is relative).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LoaderBenchmark {
    @Param("loader/src/test/fixtures/kernel-rv32g.elf")
    public String kernel;

    private byte[] bytes;
    private Linker linker;

    @Setup
    public void setUp() throws IOException {
        bytes = Files.readAllBytes(Path.of(kernel));
        Map<String, Integer> runtime = new LinkedHashMap<>();
        String[] exports = {"now", "rtio_output", "rtio_get_counter", "rtio_input_timestamp", "__fixdfdi",
            "__muldf3"};
        for (int i = 0; i < exports.length; i++) {
            runtime.put(exports[i], 0x45001000 + 0x40 * i);
        }
        int size = 1 << 20;
        linker = new Linker(Target.RV32G, new ByteArrayMemory(Linker.DEFAULT_PAYLOAD_ADDRESS, size),
                SymbolResolver.of(runtime), Linker.DEFAULT_PAYLOAD_ADDRESS, Linker.DEFAULT_PAYLOAD_ADDRESS + size);
    }

    @Benchmark
    public ElfImage parse() {
        return ElfImage.read("kernel.elf", bytes);
    }

    @Benchmark
    public LoadedImage loadAndLink() {
        return linker.load("kernel.elf", bytes);
    }
}
