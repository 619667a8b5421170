package org.coredev.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The ARTIQ host extension (artiq-host-extension/coredev_bundles.py): its own Python unit tests,
 * which play ARTIQ's Core and coredev serve, and the copy coredev run --artiq writes out for the host.
 */
class BundleExtensionTest {
    static final Path EXTENSION = Path.of("../artiq-host-extension").toAbsolutePath().normalize();

    @Test
    void pythonUnitTestsOfTheExtensionPass() throws Exception {
        Process p = new ProcessBuilder("python3", "-m", "unittest", "discover", "-v", "-s", EXTENSION.toString())
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("test_compiled_and_uploaded_once_then_each_call_runs_resident"), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("Ran (1[0-9]|[2-9][0-9]) tests in .*")), out);
        assertTrue(out.strip().endsWith("OK"), out);
    }

    @Test
    void theArtiqHostGetsTheExtensionAsShippedInTheRepo() throws Exception {
        assertArrayEquals(Files.readAllBytes(EXTENSION.resolve(ArtiqHostRun.HOST_EXTENSION)), ArtiqHostRun.hostExtension());
        assertTrue(ArtiqHostRun.DRIVER.contains("coredev_bundles.install()"), "bundled is a builtin under coredev run --artiq");
    }
}
