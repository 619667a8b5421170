package org.coredev.emu.exec;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.coredev.emu.cpu.rv32.Rv32Cpu;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The same static programs under qemu-riscv32 and coredev's runner give identical stdout, stderr
 * and exit status: every ISA test program (including the deliberate failure) and the C programs.
 */
class QemuDifferentialTest {
    @TestFactory
    Stream<DynamicTest> qemuAndCoredevAgree() throws Exception {
        List<Path> programs = new ArrayList<>();
        try (Stream<Path> files = Files.list(IsaProgramsTest.ISA)) {
            files.filter(p -> p.toString().endsWith(".elf")).sorted().forEach(programs::add);
        }
        assertTrue(programs.size() >= 10);
        return programs.stream().map(elf -> DynamicTest.dynamicTest(elf.getFileName().toString(), () -> {
            ExternalTool.Run qemu = ExternalTool.run("qemu-user", List.of("qemu-riscv32", elf.toAbsolutePath().toString()), Path.of("."));
            ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
            BareMetalImage image = BareMetalImage.parse(elf.toString(), Files.readAllBytes(elf));
            ExecOutcome outcome = new BareMetalRunner(image, Rv32Cpu.Variant.RV32G, out, err).run(1_000_000_000L);
            assertEquals(new String(qemu.stdout()), out.toString(), "stdout");
            assertEquals(new String(qemu.stderr()), err.toString(), "stderr");
            // A tohost failure ends our run at the store with status 1; qemu runs on to exit(n).
            int expected = outcome instanceof ExecOutcome.Failed f ? (f.testNumber() & 0xff) : outcome.exitStatus();
            assertEquals(qemu.exitStatus(), expected, "exit status (" + outcome + ")");
        }));
    }
}
