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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The OR1K test programs under qemu-or1k and coredev's runner give identical stdout, stderr and
 * exit status, including the deliberate failure; and each program's own verdict is the expected one.
 */
class Or1kQemuDifferentialTest {
    static final Path ISA_OR1K = Path.of("src/test/isa-or1k");

    static List<Path> programs() throws Exception {
        List<Path> programs = new ArrayList<>();
        try (Stream<Path> files = Files.list(ISA_OR1K)) {
            files.filter(p -> p.toString().endsWith(".elf")).sorted().forEach(programs::add);
        }
        return programs;
    }

    record Result(ExecOutcome outcome, String stdout, String stderr) {}

    static Result runOnCoredev(Path elf) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        BareMetalImage image = BareMetalImage.parse(elf.toString(), Files.readAllBytes(elf));
        assertTrue(image.isOr1k(), elf + " is an OpenRISC ELF");
        ExecOutcome outcome = new BareMetalRunner(image, Rv32Cpu.Variant.RV32G, out, err).run(1_000_000_000L);
        return new Result(outcome, out.toString(), err.toString());
    }

    @TestFactory
    Stream<DynamicTest> qemuAndCoredevAgree() throws Exception {
        List<Path> programs = programs();
        assertTrue(programs.size() >= 8);
        return programs.stream().map(elf -> DynamicTest.dynamicTest(elf.getFileName().toString(), () -> {
            ExternalTool.Run qemu = ExternalTool.run("qemu-user", List.of("qemu-or1k", elf.toAbsolutePath().toString()), Path.of("."));
            Result ours = runOnCoredev(elf);
            assertEquals(new String(qemu.stdout()), ours.stdout(), "stdout");
            assertEquals(new String(qemu.stderr()), ours.stderr(), "stderr");
            assertEquals(qemu.exitStatus(), ours.outcome().exitStatus(), "exit status (" + ours.outcome() + ")");
        }));
    }

    @TestFactory
    Stream<DynamicTest> assemblerTestsPassOnCoredev() throws Exception {
        return programs().stream().filter(p -> p.getFileName().toString().startsWith("or1k_"))
                .map(elf -> DynamicTest.dynamicTest(elf.getFileName().toString(), () -> {
                    Result r = runOnCoredev(elf);
                    String name = elf.getFileName().toString().replace(".elf", "");
                    assertEquals(new ExecOutcome.Exited(0), r.outcome(), r.stdout());
                    assertTrue(r.stdout().endsWith("PASS " + name + "\n"), r.stdout());
                }));
    }

    @Test
    void selfTestFailureIsReportedWithItsNumber() throws Exception {
        Result r = runOnCoredev(ISA_OR1K.resolve("selftest_fail.elf"));
        assertEquals(new ExecOutcome.Exited(3), r.outcome());
        assertEquals("FAIL\n", r.stdout());
    }

    @Test
    void cProgramPrintsItsResultsAndExitsZero() throws Exception {
        Result r = runOnCoredev(ISA_OR1K.resolve("hello.elf"));
        assertEquals(new ExecOutcome.Exited(0), r.outcome());
        assertTrue(r.stdout().startsWith("hello from or1k\n"), r.stdout());
        assertTrue(r.stdout().contains("7^20 = 79792266297612001\n"), r.stdout());
        assertEquals("this line goes to stderr\n", r.stderr());
    }

    @Test
    void committedElfsRebuildIdentically() throws Exception {
        ExternalTool.Run run = ExternalTool.run("gcc-or1k-elf",
                List.of("bash", "src/test/isa-or1k/build.sh", "--check"), Path.of("."));
        assertEquals(0, run.exitStatus(), () -> new String(run.stdout()) + new String(run.stderr()));
    }
}
