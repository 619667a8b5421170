package org.coredev.python.corpus;

import org.coredev.python.ast.AstDumper;
import org.coredev.python.ast.Module;
import org.coredev.python.parser.Parser;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Compares our tree, printed by {@link AstDumper}, with CPython's {@code ast.dump} for a sample:
 * own cases (resources/astdump/cases) and ~40 standard-library files (resources/astdump/
 * stdlib-sample.txt). The expected dumps are committed (python/scripts/regen_ast_dumps.py
 * writes them) with the Python version and the source's SHA-256; when the machine's copy of a
 * stdlib file differs from the one dumped, its expected dump is made afresh with the machine's
 * python3 instead.
 */
class AstDumpComparisonTest {
    @TestFactory
    Stream<DynamicTest> ourTreeDumpsLikeCPython() throws IOException {
        Path dir = Python3.resource("/astdump/expected");
        List<Path> dumps;
        try (Stream<Path> s = Files.list(dir)) {
            dumps = s.filter(p -> p.toString().endsWith(".dump")).sorted().toList();
        }
        assertEquals(true, dumps.size() >= 40, "expected at least 40 committed dumps, found " + dumps.size());
        Path[] stdlib = new Path[1];
        return dumps.stream().map(d -> DynamicTest.dynamicTest(d.getFileName().toString(), () -> {
            List<String> expected = Files.readAllLines(d);
            String header = expected.get(0);
            String label = header.substring(header.indexOf("source=") + 7);
            String sha = header.substring(header.indexOf("sha256=") + 7, header.indexOf(' ', header.indexOf("sha256=")));
            Path source;
            if (label.startsWith("cases/")) {
                source = Python3.resource("/astdump/" + label);
            } else {
                if (stdlib[0] == null) stdlib[0] = Python3.stdlib();
                source = stdlib[0].resolve(label.substring("stdlib/".length()));
            }
            byte[] bytes = Files.exists(source) ? Files.readAllBytes(source) : null;
            if (bytes == null || !sha256(bytes).equals(sha)) {
                // A different Python: dump the machine's copy with the machine's python3.
                if (bytes == null) throw new AssertionError("sample file missing on this machine: " + source);
                expected = List.of(Python3.run(Python3.resource("/astdump/dump_file.py").toString(), source.toString()).split("\n"));
                header = expected.get(0);
            }
            int minor = Integer.parseInt(header.split(" ")[2].split("\\.")[1]);
            Module tree = Parser.parse(source.toString(), bytes);
            List<String> got = new ArrayList<>();
            got.add(expected.get(0));
            tree.body().forEach(stmt -> got.add(AstDumper.dump(stmt, minor)));
            assertEquals(expected.size(), got.size(), "number of top-level statements in " + source);
            for (int i = 1; i < got.size(); i++) {
                assertEquals(expected.get(i), got.get(i), "top-level statement " + i + " of " + source);
            }
        }));
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
