package org.coredev.python.corpus;

import org.coredev.python.ParseException;
import org.coredev.python.parser.Parser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Parses every .py file under the machine's Python standard library folder (including its
 * site-packages) and checks each verdict against CPython's own {@code ast.parse}, which the
 * test asks at run time (resources/corpus/classify_stdlib.py), so it follows whatever python3
 * is installed.
 */
class StdlibCorpusTest {
    @Test
    void everyStdlibFileThatCPythonAcceptsParsesAndEveryRejectedFileIsRejected() throws IOException {
        Path stdlib = Python3.stdlib();
        String listing = Python3.run(Python3.resource("/corpus/classify_stdlib.py").toString(), stdlib.toString());
        List<String> wrong = new ArrayList<>();
        int accepted = 0, rejected = 0;
        long lines = 0;
        String version = "?";
        for (String line : listing.split("\n")) {
            if (line.startsWith("PYTHON ")) { version = line.substring(7); continue; }
            if (line.isEmpty()) continue;
            boolean ok = line.startsWith("OK ");
            Path file = Path.of(line.substring(line.indexOf(' ') + 1));
            byte[] bytes = Files.readAllBytes(file);
            String error = null;
            try {
                Parser.parse(file.toString(), bytes);
            } catch (ParseException e) {
                error = e.getMessage().lines().findFirst().orElse("");
            }
            if (ok) {
                accepted++;
                for (byte b : bytes) if (b == '\n') lines++;
                if (error != null) wrong.add("rejected a file CPython accepts: " + error);
            } else {
                rejected++;
                if (error == null) wrong.add("accepted a file CPython rejects: " + file);
            }
        }
        System.out.printf("stdlib corpus (python %s, %s): %d files parsed (%d lines), %d rejected as CPython does%n",
                version, stdlib, accepted, lines, rejected);
        assertTrue(accepted > 500, "too few files found under " + stdlib + ": " + accepted);
        assertTrue(wrong.isEmpty(), wrong.size() + " disagreements with CPython " + version + ":\n"
                + String.join("\n", wrong.subList(0, Math.min(40, wrong.size()))));
    }
}
