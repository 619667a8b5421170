package org.coredev.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
    static final String KERNELS = "../examples/kernels/";

    @Test
    void blinkPrintsItsExpectedTrace() throws Exception {
        CliRunner.Result r = CliRunner.run("run", KERNELS + "blink.elf");
        assertEquals(0, r.exitStatus(), r.err());
        assertEquals(Files.readString(Path.of(KERNELS + "blink.expected")), r.out());
    }

    @Test
    void underflowExitsOneWithTheException() {
        CliRunner.Result r = CliRunner.run("run", "--quiet", KERNELS + "underflow.elf");
        assertEquals(1, r.exitStatus());
        assertTrue(r.out().startsWith("uncaught exception RTIOUnderflow: RTIO underflow at channel 0x0004:ttl4"), r.out());
    }

    @Test
    void runawayKernelStopsAtTheCycleBudget() {
        CliRunner.Result r = CliRunner.run("run", "--max-cycles", "100000", KERNELS + "runaway.elf");
        assertEquals(124, r.exitStatus());
        assertTrue(r.out().contains("cycle budget exhausted after 100000 cycles, at pc 0x"), r.out());
        assertTrue(r.out().contains("<__modinit__+0x"), r.out());
    }

    @Test
    void guestFaultExitsThree() {
        CliRunner.Result r = CliRunner.run("run", "--quiet", KERNELS + "fault.elf");
        assertEquals(3, r.exitStatus());
        assertTrue(r.out().contains("store access fault at address 0x00000010"), r.out());
    }

    @Test
    void vcdIsWritten(@TempDir Path dir) throws Exception {
        Path vcd = dir.resolve("out.vcd");
        CliRunner.Result r = CliRunner.run("run", "--quiet", "--vcd", vcd.toString(), KERNELS + "loopback.elf");
        assertEquals(0, r.exitStatus(), r.err());
        assertTrue(Files.readString(vcd).startsWith("$version"));
    }

    @Test
    void extraLoopbackFromTheCommandLine() {
        // ttl2 -> ttl1 (an input): accepted and wired; the kernel does not use it.
        CliRunner.Result r = CliRunner.run("run", "--quiet", "--loopback", "ttl2:ttl1:5", KERNELS + "blink.elf");
        assertEquals(0, r.exitStatus(), r.err());
    }

    @Test
    void badLoopbackSpecIsBadInput() {
        CliRunner.Result r = CliRunner.run("run", "--loopback", "ttl2", KERNELS + "blink.elf");
        assertEquals(2, r.exitStatus());
        assertTrue(r.err().contains("--loopback ttl2"), r.err());
        CliRunner.Result unknown = CliRunner.run("run", "--loopback", "ttl2:nope", KERNELS + "blink.elf");
        assertEquals(2, unknown.exitStatus());
        assertTrue(unknown.err().contains("'nope'"), unknown.err());
    }

    @Test
    void pythonProgramIsCompiledAndPrintsToStdout(@TempDir Path dir) throws Exception {
        Path program = dir.resolve("prog.py");
        Files.writeString(program, "x = 7\nprint(x // 2, -x % 3, 7 / 2)\nassert x == 7\n");
        CliRunner.Result r = CliRunner.run("run", program.toString());
        assertEquals(0, r.exitStatus(), r.err());
        assertEquals("3 2 3.5\n", r.out());
    }

    @Test
    void failingAssertInProgramExitsOne(@TempDir Path dir) throws Exception {
        Path program = dir.resolve("prog.py");
        Files.writeString(program, "print('before')\nassert 1 == 2\n");
        CliRunner.Result r = CliRunner.run("run", program.toString());
        assertEquals(1, r.exitStatus());
        assertEquals("before\n", r.out());
        assertTrue(r.err().contains("AssertionError"), r.err());
    }

    @Test
    void typeErrorInProgramIsBadInputWithPosition(@TempDir Path dir) throws Exception {
        Path program = dir.resolve("prog.py");
        Files.writeString(program, "x = 1\nx = \"s\"\n");
        CliRunner.Result r = CliRunner.run("run", program.toString());
        assertEquals(2, r.exitStatus());
        assertTrue(r.err().contains("prog.py:2:"), r.err());
    }

    @Test
    void hostRunWithABundleShowsResidentCallsAndTheirCost() throws Exception {
        CliRunner.Result r = CliRunner.run("run", "../examples/experiments/bundled_scan.py");
        assertEquals(0, r.exitStatus(), r.err());
        assertEquals("total after 1 pulses: 1\ntotal after 2 pulses: 3\ntotal after 3 pulses: 6\ntotal written back: 7\n", r.out());
        List<String> headers = r.err().lines().filter(l -> l.startsWith("== ")).toList();
        assertEquals(5, headers.size(), r.err());
        assertTrue(headers.get(0).matches("== bundle 'pulses' \\(BundledScan.pulses\\): compiled once, uploaded \\d+ bytes, resident from now on"),
                headers.get(0));
        for (int n = 1; n <= 3; n++)
            assertEquals("== BundledScan.pulses(%d): resident in bundle 'pulses': nothing compiled, nothing uploaded".formatted(n),
                    headers.get(n));
        assertTrue(headers.get(4).startsWith("== BundledScan.check(): compiled, linked against bundle 'pulses', uploaded "), headers.get(4));
        assertEquals(2 * (1 + 2 + 3 + 1), r.err().lines().filter(l -> l.contains("ttl0")).count(), r.err());
    }

    @Test
    void aFileWithSeveralExperimentsRunsTheOneNamedByClass(@TempDir Path dir) throws Exception {
        Path experiment = dir.resolve("two.py");
        Files.writeString(experiment, """
                from artiq.experiment import *

                class One(EnvExperiment):
                    def build(self):
                        self.setattr_device("core")

                    @kernel
                    def run(self):
                        print("one")

                class Two(One):
                    @kernel
                    def run(self):
                        print("two")
                """);
        CliRunner.Result both = CliRunner.run("run", experiment.toString());
        assertEquals(2, both.exitStatus());
        assertTrue(both.err().contains("several experiment classes (One, Two): choose one with --class"), both.err());
        CliRunner.Result two = CliRunner.run("run", "--class", "Two", experiment.toString());
        assertEquals(0, two.exitStatus(), two.err());
        assertEquals("two\n", two.out());
        CliRunner.Result none = CliRunner.run("run", "-c", "Three", experiment.toString());
        assertEquals(2, none.exitStatus());
        assertTrue(none.err().contains("no experiment class 'Three' in this file (it has One, Two)"), none.err());
    }

    @Test
    void experimentFileRunsItsRunKernel(@TempDir Path dir) throws Exception {
        Path experiment = dir.resolve("blink.py");
        Files.writeString(experiment, """
                from artiq.experiment import *

                class Blink(EnvExperiment):
                    def build(self):
                        self.setattr_device("core")
                        self.setattr_device("led0")
                        print("build done")

                    @kernel
                    def run(self):
                        self.core.break_realtime()
                        for i in range(3):
                            self.led0.pulse(1 * us)
                            delay(1 * us)
                        print("kernel done")
                """);
        CliRunner.Result r = CliRunner.run("run", experiment.toString());
        assertEquals(0, r.exitStatus(), r.err());
        assertEquals("build done\nkernel done\n", r.out());
        assertEquals(6, r.err().lines().filter(l -> l.contains("ttl3")).count(), r.err());
    }

    /** As artiq_run: prepare() before the run kernel is compiled (it may set what the kernel reads), analyze() after it. */
    @Test
    void aRunKernelComesBetweenPrepareAndAnalyze(@TempDir Path dir) throws Exception {
        Path experiment = dir.resolve("steps.py");
        Files.writeString(experiment, """
                from artiq.experiment import *

                class Steps(EnvExperiment):
                    def build(self):
                        self.setattr_device("core")
                        self.n = 1

                    def prepare(self):
                        self.n = 4
                        print("prepare")

                    @kernel
                    def run(self):
                        print("kernel", self.n)
                        self.n *= 10
                        if self.n > 100:
                            raise ValueError("too many")

                    def analyze(self):
                        print("analyze", self.n)
                        if self.n > 20:
                            raise RuntimeError("analysis failed")
                """);
        CliRunner.Result r = CliRunner.run("run", experiment.toString());
        assertEquals(1, r.exitStatus(), r.err());
        assertEquals("prepare\nkernel 4\nanalyze 40\n", r.out());
        assertTrue(r.err().contains("RuntimeError: analysis failed"), r.err());

        // A kernel that raises ends the run before analyze(), as artiq_run's.
        Files.writeString(experiment, Files.readString(experiment).replace("self.n = 4", "self.n = 40"));
        r = CliRunner.run("run", experiment.toString());
        assertEquals(1, r.exitStatus(), r.err());
        assertEquals("prepare\nkernel 40\n", r.out());
        assertTrue(r.err().contains("ValueError: too many"), r.err());
    }

    @Test
    void experimentKernelCallsHostMethodsOfItsInstance(@TempDir Path dir) throws Exception {
        Path experiment = dir.resolve("rpc.py");
        Files.writeString(experiment, """
                from artiq.experiment import *

                class Rpc(EnvExperiment):
                    def build(self):
                        self.setattr_device("core")
                        self.factor = 3

                    def scale(self, x) -> TInt32:
                        print("host scales", x)
                        return x * self.factor

                    @rpc(flags={"async"})
                    def show(self, values):
                        print("host got", values)

                    def fail(self):
                        raise RuntimeError("host side failed")

                    @kernel
                    def run(self):
                        n = self.scale(4)
                        self.show([n, n + 1])
                        print("kernel got", n)
                        self.fail()
                """);
        CliRunner.Result r = CliRunner.run("run", experiment.toString());
        assertEquals(1, r.exitStatus(), r.err());
        assertEquals("host scales 4\nhost got [12, 13]\nkernel got 12\n", r.out());
        assertTrue(r.err().contains("RuntimeError") && r.err().contains("host side failed"), r.err());
    }

    @Test
    void experimentErrorIsBadInputWithPosition(@TempDir Path dir) throws Exception {
        Path experiment = dir.resolve("bad.py");
        Files.writeString(experiment, """
                from artiq.experiment import *

                class Bad(EnvExperiment):
                    def build(self):
                        self.setattr_device("core")

                    @kernel
                    def run(self):
                        self.core.break_realtime()
                        self.nothing.on()
                """);
        CliRunner.Result r = CliRunner.run("run", experiment.toString());
        assertEquals(2, r.exitStatus());
        assertTrue(r.err().contains("bad.py:10:9: Bad has no attribute 'nothing'"), r.err());
    }

    @Test
    void loopbackExperimentPrintsLatencyAndCount() {
        CliRunner.Result r = CliRunner.run("run", "../examples/experiments/loopback.py");
        assertEquals(0, r.exitStatus(), r.err());
        assertEquals("80 3\n", r.out());
    }

    @Test
    void blinkExperimentTracesEightEdges() {
        CliRunner.Result r = CliRunner.run("run", "../examples/experiments/blink.py");
        assertEquals(0, r.exitStatus(), r.err());
        assertEquals(8, r.err().lines().filter(l -> l.contains("ttl3")).count(), r.err());
    }

    @Test
    void ddsExperimentPrintsBothFrequenciesAndPlots(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("dds.png");
        CliRunner.Result r = CliRunner.run("run", "../examples/experiments/dds.py", "--plot", png.toString());
        assertEquals(0, r.exitStatus(), r.err());
        assertTrue(r.err().contains("DDS outputs:\n"), r.err());
        java.util.List<String> ch0 = r.err().lines().filter(l -> l.contains("urukul0_ch0") && l.contains(" f=")).toList();
        // 100 MHz then 120 MHz (FTW = round(f * 2**32 / 1 GHz)), half amplitude, switch opened after the first set
        assertTrue(ch0.stream().anyMatch(l -> l.matches(".*f=100000000\\.\\d{3} Hz.*amp=0\\.500\\d* .*sw=on.*")), ch0.toString());
        assertTrue(ch0.stream().anyMatch(l -> l.matches(".*f=120000000\\.\\d{3} Hz.*amp=0\\.500\\d* .*")), ch0.toString());
        assertFalse(r.err().contains("ERROR"), r.err());
        assertTrue(Files.size(png) > 0);
    }

    @Test
    void uncaughtProgramExceptionClassIsNamed(@TempDir Path dir) throws Exception {
        Path program = dir.resolve("prog.py");
        Files.writeString(program, "class CalibrationError(Exception):\n    pass\n\nraise CalibrationError(\"out of range\")\n");
        CliRunner.Result r = CliRunner.run("run", program.toString());
        assertEquals(1, r.exitStatus());
        assertTrue(r.err().contains("uncaught exception CalibrationError: out of range"), r.err());
    }

    @Test
    void missingDeviceDbIsBadInput() {
        CliRunner.Result r = CliRunner.run("run", "--device-db", "missing_db.py", KERNELS + "blink.elf");
        assertEquals(2, r.exitStatus());
        assertTrue(r.err().contains("missing_db.py"), r.err());
    }

    @Test
    void userDeviceDbIsUsed(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("device_db.py");
        Files.writeString(db, """
                device_db = {
                    "core": {"type": "local", "module": "artiq.coredevice.core", "class": "Core",
                             "arguments": {"host": "kasli", "ref_period": 1e-9, "target": "rv32g"}},
                }
                for i in range(8):
                    device_db["ttl" + str(i)] = {"type": "local", "module": "artiq.coredevice.ttl",
                                                 "class": "TTLOut", "arguments": {"channel": i}}
                device_db["led0"] = "ttl3"
                """);
        CliRunner.Result r = CliRunner.run("run", "--device-db", db.toString(), KERNELS + "blink.elf");
        assertEquals(0, r.exitStatus(), r.err());
        assertTrue(r.out().contains("ttl3         on"), r.out());
    }

    @Test
    void anArtiq6DeviceDbRefusesRiscVKernelsAndCompilesProgramsForOr1k(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("device_db.py");
        Files.writeString(db, """
                device_db = {
                    "core": {"type": "local", "module": "artiq.coredevice.core", "class": "Core",
                             "arguments": {"host": "kc705", "ref_period": 1e-9, "target": "or1k"}},
                    "led0": {"type": "local", "module": "artiq.coredevice.ttl", "class": "TTLOut", "arguments": {"channel": 3}},
                }
                """);
        CliRunner.Result r = CliRunner.run("run", "--device-db", db.toString(), KERNELS + "blink.elf");
        assertEquals(2, r.exitStatus(), r.err());
        assertTrue(r.err().contains("blink.elf") && r.err().contains("RISC-V") && r.err().contains("OpenRISC"), r.err());
        Path program = dir.resolve("p.py");
        Files.writeString(program, "core.break_realtime()\nled0.pulse_mu(1000)\nprint(1 << 20, 2.5 * 3.0)\n");
        CliRunner.Result p = CliRunner.run("run", "--device-db", db.toString(), program.toString());
        assertEquals(0, p.exitStatus(), p.err());
        assertTrue(p.out().contains("1048576 7.5"), p.out());
        assertTrue(p.err().contains("led0         on") && p.err().contains("led0         off"), p.err());
    }

    @Test
    void testbenchRunsAProgramAsArtiqsJitTestbench(@TempDir Path dir) throws Exception {
        // ARTIQ's testbench: #ARTIQ# lines uncommented, ref_period 1 us (delay(1.0) is 10^6 mu), the
        // uncaught exception as libartiq_support's terminate prints it (raw message and parameters).
        Path program = dir.resolve("input.py");
        Files.writeString(program, "#ARTIQ#delay(1.0)\nprint(now_mu())\ndef f(x):\n    return array([1, 2])[x]\nf(5)\n");
        CliRunner.Result r = CliRunner.run("run", "--testbench", program.toString());
        assertEquals(1, r.exitStatus(), r.err());
        assertEquals("1000000\n1\nUncaught 10: index {0} out of bounds 0:{1} (5, 2, 0)\nat input.py:4:26\n", r.out());
        CliRunner.Result plain = CliRunner.run("run", program.toString());
        assertEquals(1, plain.exitStatus());
        assertTrue(plain.out().startsWith("0\n"), plain.out());   // without --testbench the #ARTIQ# line is a comment
        CliRunner.Result refused = CliRunner.run("run", "--testbench", "--device-db", program.toString(), program.toString());
        assertEquals(2, refused.exitStatus());
        assertTrue(refused.err().contains("--testbench runs a kernel-language program"), refused.err());
    }

    @Test
    void coreLogFormatsOnTheDeviceAndTestbenchPrintDoesTheSame(@TempDir Path dir) throws Exception {
        // ARTIQ's polymorphic print: containers, ranges, bytes, arrays and exceptions as its kernels print
        // them, floats with the board's %g (six fraction digits), on the core log.
        Path program = dir.resolve("log.py");
        Files.writeString(program, "core_log([1, 2], (True,), range(3), b\"ab\", array([1, 2]), 1.5, \"s\", [\"t\"])\n"
                + "try:\n    [0][4]\nexcept IndexError as e:\n    core_log(e)\n");
        CliRunner.Result r = CliRunner.run("run", program.toString());
        assertEquals(0, r.exitStatus(), r.err());
        assertTrue(r.err().contains("INFO(kernel): [1, 2] (True,) range(0, 3, 1) bytes([97, 98]) array([1, 2]) 1.500000 s [\"t\"]"), r.err());
        assertTrue(r.err().contains("INFO(kernel): 10(4, 1, 0)"), r.err());
        Path printing = dir.resolve("input.py");
        Files.writeString(printing, "print([1, 2], range(3))\n");
        CliRunner.Result t = CliRunner.run("run", "--testbench", printing.toString());
        assertEquals(0, t.exitStatus(), t.err());
        assertEquals("[1, 2] range(0, 3, 1)\n", t.out());
        assertEquals("[1, 2] range(0, 3)\n", CliRunner.run("run", printing.toString()).out());   // the board's print: an RPC, printed as Python's
    }
}
