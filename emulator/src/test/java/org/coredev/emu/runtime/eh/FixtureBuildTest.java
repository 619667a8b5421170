package org.coredev.emu.runtime.eh;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The committed fixtures are what build.sh makes from the sources with Debian's clang and lld. */
class FixtureBuildTest {
    @Test
    void committedFixturesRebuildByteForByte() throws Exception {
        String out = EhMachine.tool("clang and lld", "bash", "build.sh", "--check");
        assertTrue(out.contains("reproduce byte for byte"), out);
    }
}
