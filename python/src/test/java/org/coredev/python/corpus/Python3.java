package org.coredev.python.corpus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Runs the machine's python3 for the corpus tests; a missing python3 fails the test, naming the Debian package. */
final class Python3 {
    private Python3() { }

    /** Runs {@code python3 args...} and returns its standard output; fails the test if python3 is missing or fails. */
    static String run(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("python3");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int rc = p.waitFor();
            assertEquals(0, rc, "python3 " + String.join(" ", args) + " failed");
            return out;
        } catch (IOException e) {
            return fail("python3 is needed to run this test and was not found (install the Debian package python3): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while running python3");
        }
    }

    /** The machine's standard library folder. */
    static Path stdlib() {
        return Path.of(run("-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])").strip());
    }

    /** A test resource as a file path. */
    static Path resource(String name) {
        try {
            return Path.of(Python3.class.getResource(name).toURI());
        } catch (Exception e) {
            return fail("missing test resource " + name);
        }
    }
}
