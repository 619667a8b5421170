package org.coredev.emu.exec;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs an external program a test depends on; a missing tool fails the test naming its Debian package. */
final class ExternalTool {
    record Run(int exitStatus, byte[] stdout, byte[] stderr) {}

    static Run run(String debianPackage, List<String> command, Path workDir) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).directory(workDir.toFile()).start();
        } catch (IOException e) {
            fail("cannot run " + command.getFirst() + " (install the Debian package " + debianPackage + "): " + e.getMessage());
            throw e;
        }
        p.getOutputStream().close();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(command + " did not finish within 300 s");
        }
        return new Run(p.exitValue(), out.join(), err.join());
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            in.transferTo(b);
            return b.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
