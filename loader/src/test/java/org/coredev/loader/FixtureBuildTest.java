package org.coredev.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FixtureBuildTest {
    @Test
    void committedFixturesAreReproducedByBuildScript() {
        ExternalTools.Result r = ExternalTools.run("bash", Fixtures.DIR, "bash", "build.sh", "--check");
        assertEquals(0, r.exitCode(), "build.sh --check failed:\n" + r.output());
    }
}
