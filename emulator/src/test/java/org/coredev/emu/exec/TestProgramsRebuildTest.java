package org.coredev.emu.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The committed ELFs are exactly what their sources build to with Debian's riscv64-unknown-elf-gcc. */
class TestProgramsRebuildTest {
    @Test
    void committedElfsRebuildIdentically() throws Exception {
        ExternalTool.Run run = ExternalTool.run("gcc-riscv64-unknown-elf",
                List.of("bash", "src/test/isa/build.sh", "--check"), Path.of("."));
        assertEquals(0, run.exitStatus(), () -> new String(run.stdout()) + new String(run.stderr()));
    }
}
