package org.coredev.emu.runtime.lib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.coredev.emu.cpu.rv32.Rv32Cpu;
import org.coredev.emu.exec.BareMetalImage;
import org.coredev.emu.exec.BareMetalRunner;
import org.coredev.emu.exec.ExecOutcome;

/** Runs the committed programs of src/test/runtime-lib on coredev's CPU, and external tools. */
final class TestPrograms {
    static final Path DIR = Path.of("src/test/runtime-lib");

    private TestPrograms() {}

    /** Runs {@code name}.elf to its exit and returns its stdout; fails unless it exits with status 0. */
    static String run(String name, Rv32Cpu.Variant variant) throws Exception {
        Path elf = DIR.resolve(name + ".elf");
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        BareMetalImage image = BareMetalImage.parse(elf.toString(), Files.readAllBytes(elf));
        ExecOutcome outcome = new BareMetalRunner(image, variant, out, err).run(2_000_000_000L);
        assertEquals(new ExecOutcome.Exited(0), outcome, () -> elf + ": " + outcome.message() + "\n" + err);
        return out.toString();
    }

    record ToolRun(int exitStatus, String output) {}

    /** Runs an external command; a missing tool fails the test naming its Debian package. */
    static ToolRun tool(String debianPackage, List<String> command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            fail("cannot run " + command.getFirst() + " (install the Debian package " + debianPackage + "): " + e.getMessage());
            throw e;
        }
        p.getOutputStream().close();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(command + " did not finish within 300 s");
        }
        return new ToolRun(p.exitValue(), new String(out.join()));
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
