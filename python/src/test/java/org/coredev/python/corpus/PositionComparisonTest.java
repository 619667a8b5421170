package org.coredev.python.corpus;

import org.coredev.python.ast.AstDumper;
import org.coredev.python.ast.Module;
import org.coredev.python.lexer.Source;
import org.coredev.python.parser.Parser;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Source positions (lineno, col_offset, end_lineno, end_col_offset of every node) agree with
 * CPython's for the own cases and the stdlib sample of AstDumpComparisonTest, as the machine's
 * python3 reports them at test time (resources/astdump/dump_positions.py). Columns are compared
 * as UTF-8 byte offsets, CPython's unit.
 */
class PositionComparisonTest {
    @Test
    void everyNodePositionMatchesCPython() throws Exception {
        Path stdlib = Python3.stdlib();
        List<String> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(Python3.resource("/astdump/cases"))) {
            s.filter(p -> p.toString().endsWith(".py")).sorted().forEach(p -> files.add(p.toString()));
        }
        for (String line : Files.readAllLines(Python3.resource("/astdump/stdlib-sample.txt"))) {
            if (!line.isBlank() && !line.startsWith("#")) files.add(stdlib.resolve(line.strip()).toString());
        }
        List<String> args = new ArrayList<>();
        args.add(Python3.resource("/astdump/dump_positions.py").toString());
        args.addAll(files);
        String[] lines = Python3.run(args.toArray(String[]::new)).split("\n");
        int minor = Integer.parseInt(lines[0].split(" ")[2].split("\\.")[1]);
        int i = 1, compared = 0;
        while (i < lines.length) {
            assertTrue(lines[i].startsWith("FILE "), lines[i]);
            String file = lines[i++].substring(5);
            Source src = Source.decode(file, Files.readAllBytes(Path.of(file)));
            Module tree = Parser.parse(src);
            for (int k = 0; k < tree.body().size(); k++) {
                assertTrue(i < lines.length && !lines[i].startsWith("FILE "), "statement count of " + file);
                assertEquals(lines[i++], AstDumper.dumpWithPositions(tree.body().get(k), minor, src),
                        "positions in top-level statement " + k + " of " + file);
                compared++;
            }
        }
        assertTrue(compared > 1000, "too few statements compared: " + compared);
    }
}
