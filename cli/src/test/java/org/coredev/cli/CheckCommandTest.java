package org.coredev.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code coredev check} through picocli with captured output. */
class CheckCommandTest {
    @TempDir Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = new CommandLine(new CheckCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    private Path file(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void validFilesExitZero() throws Exception {
        Path a = file("a.py", "def f[T](x: T) -> T:\n    return x\n");
        Path b = file("b.py", "match x:\n    case [1, *_]:\n        pass\n");
        assertEquals(0, run(a.toString(), b.toString()));
        assertEquals("2 files checked, 0 with errors\n", out.toString().replace(System.lineSeparator(), "\n"));
        assertEquals("", err.toString());
    }

    @Test
    void anyBadFileExitsOneAndEachErrorIsPrinted() throws Exception {
        Path good = file("good.py", "x = 1\n");
        Path bad1 = file("bad1.py", "if x\n    pass\n");
        Path bad2 = file("bad2.py", "x = 1\ny = 0777\n");
        assertEquals(1, run(good.toString(), bad1.toString(), bad2.toString()));
        assertEquals(bad1 + ":1:5: expected ':'\n    if x\n        ^\n"
                + bad2 + ":2:5: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers\n"
                + "    y = 0777\n        ^\n", err.toString().replace(System.lineSeparator(), "\n"));
        assertEquals("3 files checked, 2 with errors\n", out.toString().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void noFilesIsAUsageError() {
        assertEquals(2, run());
    }
}
