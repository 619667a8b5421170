package org.coredev.loader;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Runs binutils / the fixture build script; a missing tool fails the test naming its Debian package. */
final class ExternalTools {
    record Result(int exitCode, String output) {
    }

    private ExternalTools() {
    }

    static Result run(String debianPackage, Path directory, String... command) {
        try {
            Process p = new ProcessBuilder(List.of(command)).directory(directory.toFile())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(p.waitFor(), out);
        } catch (IOException e) {
            return fail("cannot run %s (install the Debian package %s): %s"
                    .formatted(command[0], debianPackage, e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted running " + command[0]);
        }
    }
}
