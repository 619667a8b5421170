package org.coredev.compiler;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Whatever the source, compiling ends in an image or a CompileException naming the file: no other exception. */
class HostileSourceTest {
    private static final String[] SNIPPETS = {"(", ")", ":", "x", "1", "1.5", "int64(", "print(", "None", " + ", " // ",
            "\n", "    ", "def ", "return ", "if ", "while ", "for i in range(", "True", "\"s\"", " == ", " and ", ",",
            "a, b = ", "break", "f(", "not ", "-", "**", "assert ", "raise ValueError(", "now_mu()", "at_mu(", "="};

    @Test
    void mutatedProgramsCompileOrFailWithCompileException() throws Exception {
        List<Path> programs;
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/programs"))) {
            programs = files.filter(f -> f.toString().endsWith(".py")).sorted().toList();
        }
        Random random = new Random(20261127);
        int compiled = 0, rejected = 0;
        for (int n = 0; n < 600; n++) {
            String source = Files.readString(programs.get(n % programs.size()));
            StringBuilder s = new StringBuilder(source);
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(s.length() + 1);
                switch (random.nextInt(3)) {
                    case 0 -> { if (at < s.length()) s.deleteCharAt(at); }
                    case 1 -> s.insert(at, SNIPPETS[random.nextInt(SNIPPETS.length)]);
                    default -> {
                        int end = Math.min(s.length(), at + random.nextInt(20));
                        s.delete(at, end);
                    }
                }
            }
            Target target = Target.values()[n % 2];
            try {
                Compiler.compileProgram("m.py", s.toString(), target);
                compiled++;
            } catch (CompileException e) {
                assertTrue(e.getMessage().startsWith("m.py:"), e.getMessage());
                rejected++;
            } catch (RuntimeException | StackOverflowError e) {
                fail("mutant " + n + " crashed the compiler:\n" + s, e);
            }
        }
        assertTrue(compiled > 0 && rejected > 0, compiled + " compiled, " + rejected + " rejected");
    }

    @Test
    void veryLongExpressionIsCompiledOrRefusedWithoutCrashing() {
        String program = "x = 1" + " + 1".repeat(20000) + "\nprint(x)\n";
        try {
            Compiler.compileProgram("long.py", program, Target.RV32G);
        } catch (CompileException e) {
            assertTrue(e.getMessage().startsWith("long.py:"), e.getMessage());
        }
    }

    @Test
    void integerTooLargeForInt64IsRefused() {
        CompileException e = assertThrows(CompileException.class,
                () -> Compiler.compileProgram("big.py", "x = 99999999999999999999\n", Target.RV32G));
        assertTrue(e.getMessage().startsWith("big.py:1:5:"), e.getMessage());
    }
}
