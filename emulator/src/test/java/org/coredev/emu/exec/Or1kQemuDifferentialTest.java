package org.coredev.emu.exec;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.fornwall.jelf.ElfFile;
import net.fornwall.jelf.ElfSegment;
import org.coredev.emu.cpu.rv32.Rv32Cpu;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OR1K test programs under qemu-or1k and coredev's runner give identical stdout, stderr and
 * exit status, including the deliberate failure; and each program's own verdict is the expected one.
 * So do the OR1K builds of the bare-metal benchmark workloads (examples/bare-metal/or1k), run for
 * a few rounds.
 */
class Or1kQemuDifferentialTest {
    static final Path ISA_OR1K = Path.of("src/test/isa-or1k");
    static final Path WORKLOADS_OR1K = Path.of("../examples/bare-metal/or1k");

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

    /**
     * Rounds per workload for the short runs, a few million guest instructions each but one round
     * of double (soft float: about 230 M). The full runs take 1.6 G, 1.8 G and 150 G instructions.
     */
    static final Map<String, Integer> SHORT_ROUNDS = Map.of("int", 16, "int64", 1000, "double", 1);

    /**
     * A copy of a committed workload with its {@code volatile uint32_t rounds} (initialised from
     * ROUNDS) set to {@code rounds} in the ELF's data segment: the same code as a build with
     * -DROUNDS=n, without needing the compiler.
     */
    static Path withRounds(Path elf, int rounds, Path dir) throws Exception {
        byte[] bytes = Files.readAllBytes(elf);
        int address = BareMetalImage.parse(elf.toString(), bytes).symbols().address("rounds").orElseThrow();
        ElfFile parsed = ElfFile.from(bytes);
        for (int i = 0; i < parsed.e_phnum; i++) {
            ElfSegment ph = parsed.getProgramHeader(i);
            long offset = Integer.toUnsignedLong(address) - ph.p_vaddr;
            if (ph.p_type == ElfSegment.PT_LOAD && offset >= 0 && offset + 4 <= ph.p_filesz) {
                ByteBuffer.wrap(bytes).putInt((int) (ph.p_offset + offset), rounds);  // big-endian, as OR1K
                Path copy = dir.resolve(elf.getFileName());
                Files.write(copy, bytes);
                assertTrue(copy.toFile().setExecutable(true), "qemu-or1k runs only executable files");
                return copy;
            }
        }
        throw new AssertionError(elf + ": rounds (0x%x) is in no loaded file data".formatted(address));
    }

    @TestFactory
    Stream<DynamicTest> workloadsAgreeWithQemu(@TempDir Path dir) {
        return Stream.of("int", "int64", "double").map(name -> DynamicTest.dynamicTest(name, () -> {
            int rounds = SHORT_ROUNDS.get(name);
            Path elf = withRounds(WORKLOADS_OR1K.resolve(name + ".elf"), rounds, dir);
            ExternalTool.Run qemu = ExternalTool.run("qemu-user", List.of("qemu-or1k", elf.toAbsolutePath().toString()), Path.of("."));
            Result ours = runOnCoredev(elf);
            assertEquals(new String(qemu.stdout()), ours.stdout(), "stdout");
            assertEquals(new String(qemu.stderr()), ours.stderr(), "stderr");
            assertEquals(qemu.exitStatus(), ours.outcome().exitStatus(), "exit status (" + ours.outcome() + ")");
            // The workload passed its own checks and printed its one line, for the patched round count.
            assertEquals(new ExecOutcome.Exited(0), ours.outcome(), ours.stdout());
            assertTrue(ours.stdout().matches(name + ": rounds " + rounds + "( .+)? checksum 0x\\p{XDigit}+\n"), ours.stdout());
        }));
    }

    @Test
    void committedElfsRebuildIdentically() throws Exception {
        ExternalTool.Run run = ExternalTool.run("gcc-or1k-elf",
                List.of("bash", "src/test/isa-or1k/build.sh", "--check"), Path.of("."));
        assertEquals(0, run.exitStatus(), () -> new String(run.stdout()) + new String(run.stderr()));
    }
}
