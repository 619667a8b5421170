package org.coredev.emu.exec;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.coredev.emu.EmulatorException;
import org.coredev.emu.cpu.rv32.Rv32Cpu;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Our ISA test programs (src/test/isa, built with riscv64-unknown-elf-gcc) pass on the emulator. */
class IsaProgramsTest {
    static final Path ISA = Path.of("src/test/isa");

    static List<Path> selfCheckingPrograms() throws IOException {
        try (Stream<Path> files = Files.list(ISA)) {
            return files.filter(p -> p.getFileName().toString().matches("rv32u.*\\.elf")).sorted().toList();
        }
    }

    static Result run(Path elf, long maxCycles) throws IOException, EmulatorException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        BareMetalImage image = BareMetalImage.parse(elf.toString(), Files.readAllBytes(elf));
        BareMetalRunner runner = new BareMetalRunner(image, Rv32Cpu.Variant.RV32G, out, err);
        ExecOutcome outcome = runner.run(maxCycles);
        return new Result(outcome, out.toString(), err.toString(), runner.cpu().instret());
    }

    record Result(ExecOutcome outcome, String stdout, String stderr, long instret) {}

    @Test
    void thereAreTestPrograms() throws IOException {
        assertTrue(selfCheckingPrograms().size() >= 8, "expected the rv32u* programs in " + ISA.toAbsolutePath());
    }

    @TestFactory
    Stream<DynamicTest> everyIsaProgramPasses() throws IOException {
        return selfCheckingPrograms().stream().map(elf -> DynamicTest.dynamicTest(elf.getFileName().toString(), () -> {
            Result r = run(elf, 100_000_000);
            assertEquals(new ExecOutcome.Passed(), r.outcome(), () -> elf + ": " + r.outcome().message() + "\n" + r.stderr());
            assertTrue(r.instret() > 10);
        }));
    }

    @Test
    void deliberateFailureReportsItsTestNumber() throws Exception {
        Result r = run(ISA.resolve("selftest_fail.elf"), 1_000_000);
        assertEquals(new ExecOutcome.Failed(3), r.outcome());
        assertEquals("FAIL test 3", r.outcome().message());
        assertEquals(1, r.outcome().exitStatus());
    }

    @Test
    void writeSyscallsReachStdoutAndStderr() throws Exception {
        Result r = run(ISA.resolve("hello.elf"), 10_000_000);
        assertEquals(new ExecOutcome.Exited(0), r.outcome());
        assertFalse(r.stdout().isEmpty());
        assertFalse(r.stderr().isEmpty());
    }

    @Test
    void exitStatusIsTheProgramsOwn() throws Exception {
        Result r = run(ISA.resolve("exitcode.elf"), 10_000_000);
        assertEquals(new ExecOutcome.Exited(7), r.outcome());
        assertEquals(7, r.outcome().exitStatus());
    }

    @Test
    void runawayProgramStopsAtTheCycleBudgetNamingPcAndSymbol() throws Exception {
        Result r = run(ISA.resolve("hello.elf"), 50);
        ExecOutcome.Timeout t = assertInstanceOf(ExecOutcome.Timeout.class, r.outcome());
        assertEquals(124, t.exitStatus());
        assertTrue(t.message().matches("stopped after \\d+ cycles \\(--max-cycles\\) at pc 0x[0-9a-f]{8} <\\w+(\\+0x[0-9a-f]+)?>"), t.message());
    }
}
