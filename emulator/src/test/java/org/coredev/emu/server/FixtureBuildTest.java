package org.coredev.emu.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The committed fixture kernels are what their C sources build to (Debian clang and lld). */
class FixtureBuildTest {
    @Test
    @Timeout(120)
    void fixtureKernelsRebuildByteForByte() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", KernelSessionTest.FIXTURES.resolve("build.sh").toString(), "--check")
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        // build.sh names the Debian package (clang, lld) when a tool is missing
        assertEquals(0, p.exitValue(), output);
    }
}
