package org.coredev.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.coredev.python.ast.Module;
import org.coredev.python.lexer.Source;
import org.coredev.python.parser.Parser;
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
 * Source lines per second of the Python front end (lexer + parser + AST construction, from
 * decoded text) on the top-level modules of the machine's CPython standard library (about 200
 * files, real-world code of every shape). Each operation parses the whole set; the
 * {@code lines} counter reports lines per second. Target: 1 M lines/s warm.
 * The library folder is asked from python3 unless {@code -p stdlib=DIR} is given.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = "-Xss8m")
public class ParserBenchmark {
    @Param({""})
    public String stdlib;

    private final List<Source> sources = new ArrayList<>();
    private long linesPerOp;

    /** Source lines parsed, reported by JMH as a rate. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Parsed {
        public long lines;

        @Setup(Level.Iteration)
        public void clear() { lines = 0; }
    }

    @Setup(Level.Trial)
    public void load() throws Exception {
        Path dir = Path.of(stdlib.isEmpty() ? askPython() : stdlib);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".py")).sorted().toList()) {
                Source s = Source.decode(p.toString(), Files.readAllBytes(p));
                try {
                    Parser.parse(s);
                } catch (RuntimeException e) {
                    continue; // only files that parse take part
                }
                sources.add(s);
                linesPerOp += s.text().lines().count();
            }
        }
        if (sources.isEmpty()) throw new IllegalStateException("no Python files under " + dir);
    }

    private static String askPython() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("python3", "-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])").start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0 || out.isEmpty()) throw new IllegalStateException("python3 (Debian package python3) not found; pass -p stdlib=DIR");
        return out;
    }

    @Benchmark
    public int parseStdlib(Parsed parsed) {
        int statements = 0;
        for (Source s : sources) {
            Module m = Parser.parse(s);
            statements += m.body().size();
        }
        parsed.lines += linesPerOp;
        return statements;
    }
}
