package org.coredev.python.corpus;

import org.coredev.python.ParseException;
import org.coredev.python.eval.Interpreter;
import org.coredev.python.lexer.Source;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Differential test of the host evaluator: each program in resources/evalprograms prints what
 * it computes (numbers, strings and formatting, containers, functions, classes, exceptions,
 * host-side experiment code); the machine's python3 runs it at test time and our interpreter
 * must print exactly the same text.
 */
class EvaluatorMatchesCPythonTest {
    @TestFactory
    Stream<DynamicTest> programsPrintWhatCPythonPrints() throws IOException {
        List<Path> programs;
        try (Stream<Path> s = Files.list(Python3.resource("/evalprograms"))) {
            programs = s.filter(p -> p.toString().endsWith(".py")).sorted().toList();
        }
        assertTrue(programs.size() >= 3, "programs found: " + programs);
        return programs.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            String expected = Python3.run(p.toString());
            StringBuilder out = new StringBuilder();
            Interpreter in = new Interpreter();
            in.setStdout(out::append);
            try {
                in.run(Source.decode(p.toString(), Files.readAllBytes(p)), "__main__");
            } catch (ParseException e) {
                out.append(e.getMessage()).append('\n');
            }
            assertEquals(expected, out.toString());
        }));
    }
}
