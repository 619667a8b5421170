package org.coredev.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example experiment, compiled for the built-in database's rv32g core and for an or1k core
 * (the same database with {@code "target": "or1k"}), prints the same and fires the same RTIO
 * events. The OR1K kernel spends other cycles before its {@code break_realtime()}, so each
 * kernel's trace is compared from its first event on.
 */
class ExamplesOnBothCpusTest {
    private static final Path BUILT_IN_DB = Path.of("../emulator/src/main/resources/org/coredev/emu/device/builtin_device_db.py");
    /** A trace line: "   125256 mu   125.256 us  ttl3   on". */
    private static final Pattern EVENT = Pattern.compile("^\\s*(\\d+) mu\\s+\\S+ \\S+\\s+(.*)$");

    static Stream<String> examples() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("../examples/experiments"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".py")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void anExampleRunsAlikeOnRv32gAndOr1k(String example, @TempDir Path dir) throws Exception {
        String db = Files.readString(BUILT_IN_DB);
        assertTrue(db.contains("\"target\": \"rv32g\""), "the built-in database names its target");
        Path or1kDb = dir.resolve("device_db.py");
        Files.writeString(or1kDb, db.replace("\"target\": \"rv32g\"", "\"target\": \"or1k\""));
        String file = "../examples/experiments/" + example;

        CliRunner.Result rv32 = CliRunner.run("run", file);
        CliRunner.Result or1k = CliRunner.run("run", "--device-db", or1kDb.toString(), file);
        assertEquals(0, rv32.exitStatus(), rv32.err());
        assertEquals(0, or1k.exitStatus(), or1k.err());
        assertEquals(rv32.out(), or1k.out());
        List<String> events = relativeTrace(rv32.err());
        assertTrue(events.size() >= 2, rv32.err());
        assertEquals(events, relativeTrace(or1k.err()));
    }

    /**
     * The trace's events with timestamps from the first event of each kernel run (a run of
     * events; a "== " header or any other line starts the next), and the header lines with the
     * image sizes left out (the OR1K code differs).
     */
    private static List<String> relativeTrace(String stderr) {
        List<String> out = new ArrayList<>();
        Long first = null;
        for (String line : stderr.lines().toList()) {
            Matcher m = EVENT.matcher(line);
            if (m.matches()) {
                long t = Long.parseLong(m.group(1));
                if (first == null) first = t;
                // An event stamped before the run's first (an SPI read's, at 0) keeps its timestamp.
                out.add((t < first ? "@" + t : "+" + (t - first)) + " " + m.group(2).replaceAll("\\s+", " "));
            } else {
                first = null;
                if (line.startsWith("== ")) out.add(line.replaceAll("\\d+ bytes", "N bytes"));
            }
        }
        return out;
    }
}
