package org.coredev.cli;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class ExecCommandTest {
    static final String ISA = "../emulator/src/test/isa/";
    static final String ISA_OR1K = "../emulator/src/test/isa-or1k/";

    @Test
    void or1kProgramRunsWithTheCpuTakenFromTheElf() {
        CliRunner.Result r = CliRunner.run("exec", ISA_OR1K + "exitcode.elf");
        assertEquals(7, r.exitStatus(), r.err());
        assertEquals("exiting with status 7\n", r.out());
    }

    @Test
    void or1kProgramRunsWithCpuOr1k() {
        CliRunner.Result r = CliRunner.run("exec", "--cpu", "or1k", ISA_OR1K + "or1k_alu.elf");
        assertEquals(0, r.exitStatus(), r.err());
        assertEquals("PASS or1k_alu\n", r.out());
    }

    @Test
    void cpuThatDoesNotMatchTheElfIsBadInput() {
        CliRunner.Result r = CliRunner.run("exec", "--cpu", "or1k", ISA + "rv32um.elf");
        assertEquals(2, r.exitStatus());
        assertTrue(r.err().contains("a RISC-V ELF; --cpu or1k cannot run it"), r.err());
        r = CliRunner.run("exec", "--cpu", "rv32g", ISA_OR1K + "or1k_alu.elf");
        assertEquals(2, r.exitStatus());
        assertTrue(r.err().contains("an OpenRISC ELF"), r.err());
    }

    @Test
    void passingProgramExitsZeroSilently() {
        CliRunner.Result r = CliRunner.run("exec", ISA + "rv32um.elf");
        assertEquals(0, r.exitStatus(), r.err());
        assertEquals("", r.out());
    }

    @Test
    void failingProgramNamesTheTest() {
        CliRunner.Result r = CliRunner.run("exec", ISA + "selftest_fail.elf");
        assertEquals(1, r.exitStatus());
        assertTrue(r.err().contains("FAIL test 3"), r.err());
    }

    @Test
    void programOutputAndExitStatusPassThrough() {
        CliRunner.Result r = CliRunner.run("exec", ISA + "exitcode.elf");
        assertEquals(7, r.exitStatus());
        assertFalse(r.out().isEmpty());
    }

    @Test
    void maxCyclesStopsWithPcAndSymbol() {
        CliRunner.Result r = CliRunner.run("exec", "--max-cycles", "100", ISA + "rv32ud.elf");
        assertEquals(124, r.exitStatus());
        assertTrue(r.err().matches("(?s).*stopped after \\d+ cycles \\(--max-cycles\\) at pc 0x[0-9a-f]{8} <.+>.*"), r.err());
    }

    @Test
    void statsReportInstructionsCyclesAndMips() {
        CliRunner.Result r = CliRunner.run("exec", "--stats", ISA + "rv32um.elf");
        assertEquals(0, r.exitStatus());
        assertTrue(r.err().contains("instructions retired: "), r.err());
        assertTrue(r.err().contains("guest MIPS: "), r.err());
    }

    @Test
    void missingFileIsBadInput() {
        CliRunner.Result r = CliRunner.run("exec", "no-such-file.elf");
        assertEquals(2, r.exitStatus());
        assertTrue(r.err().contains("no-such-file.elf"), r.err());
    }

    @Test
    void nonElfIsBadInputNamingTheFile() {
        CliRunner.Result r = CliRunner.run("exec", ISA + "rv32um.S");
        assertEquals(2, r.exitStatus());
        assertTrue(r.err().contains("rv32um.S: not an ELF file"), r.err());
    }

    @Test
    void everySubcommandHasHelp() {
        for (String sub : new String[] {"exec", "run", "ddb", "check"}) {
            CliRunner.Result r = CliRunner.run(sub, "--help");
            assertEquals(0, r.exitStatus());
            assertTrue(r.out().contains("Usage: coredev " + sub), r.out());
        }
    }
}
