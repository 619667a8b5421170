package org.coredev.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.coredev.emu.device.CoreDevice;
import org.coredev.emu.device.DeviceConfig;
import org.coredev.emu.device.DeviceDbFile;
import org.coredev.emu.device.KernelRun;
import org.coredev.emu.device.KernelRunAssert;
import org.coredev.emu.runtime.rpc.PrintingHost;
import org.coredev.rtio.trace.RtioEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Experiment files: build() runs on the host evaluator, the @kernel run method and the kernels it
 * calls are compiled with the experiment's attributes embedded, and the traces on the emulated
 * core device are exactly the ones ARTIQ's semantics give.
 */
class ExperimentTest {
    private static DeviceConfig config(Target target) throws Exception {
        DeviceConfig b = DeviceDbFile.builtIn();
        return new DeviceConfig(b.source(), target.loaderTarget(),
                b.refPeriod(), b.channels(), b.loopbacks(), b.stimulusFiles(), b.rawDb());
    }

    private record Ran(KernelRun run, String printed, String hostPrinted) { }

    private static Ran run(String name, String source, Target target) throws Exception {
        DeviceConfig config = config(target);
        StringBuilder host = new StringBuilder();
        byte[] elf = Compiler.compileExperiment(name, source, target, config.rawDb(), host::append);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        KernelRun run = new CoreDevice(config)
                .withHost(new PrintingHost(new PrintStream(out, true), System.err, Compiler.rpcServices(elf))).run(name, elf);
        return new Ran(run, out.toString(), host.toString());
    }

    /** Each event of a device as "time relative to t0:data". */
    private static List<String> edges(KernelRun run, String device, long t0) throws Exception {
        List<String> out = new ArrayList<>();
        for (RtioEvent e : run.events(device)) out.add((e.timestampMu() - t0) + ":" + e.data());
        return out;
    }

    private static final String BLINK = """
            from artiq.experiment import *


            class Blink(EnvExperiment):
                def build(self):
                    self.setattr_device("core")
                    self.setattr_device("led0")
                    self.setattr_argument("count", NumberValue(4, precision=0, type="int"))
                    self.period = 500 * us
                    print("built with", self.count, "blinks")

                @kernel
                def run(self):
                    self.core.break_realtime()
                    for i in range(self.count):
                        self.led0.pulse(self.period / 2)
                        delay(self.period / 2)
            """;

    @ParameterizedTest
    @EnumSource(Target.class)
    void timelineFunctionsImportFromArtiqLanguageCoreAndAnUncalledKernelDoesNotBlock(Target target) throws Exception {
        Ran r = run("imp.py", """
                from artiq.experiment import *
                from artiq.language.core import delay, delay_mu, now_mu, at_mu, parallel, sequential
                from artiq.language.units import us

                class Imp(EnvExperiment):
                    def build(self):
                        self.setattr_device("core")
                        self.setattr_device("ttl0")
                        self.setattr_device("ttl1")
                        self.setattr_device("ttl2")

                    @kernel
                    def run(self):
                        self.core.break_realtime()
                        self.ttl2.output()
                        with parallel:
                            self.ttl0.pulse(1*us)
                            self.ttl1.pulse(2*us)
                        delay_mu(8)
                        print(now_mu() > 0)

                    @kernel
                    def never_called(self):
                        self.no_such_attribute.pulse(1*us)
                """, target);
        KernelRunAssert.assertThat(r.run()).finished().hasNoRtioErrors();
        assertEquals("True\n", r.printed());
        assertEquals(r.run().events("ttl0").getFirst().timestampMu(), r.run().events("ttl1").getFirst().timestampMu());
        assertEquals(0, r.run().events("ttl2").size());   // TTLOut.output() writes nothing
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void blinkGivesEightEdgesAtTheRightTimes(Target target) throws Exception {
        Ran r = run("blink.py", BLINK, target);
        KernelRunAssert.assertThat(r.run()).finished().hasNoRtioErrors();
        List<RtioEvent> led = r.run().events("led0");
        long t0 = led.getFirst().timestampMu();
        assertTrue(t0 >= 125_000, "break_realtime leaves slack: " + t0);
        assertEquals(List.of("0:1", "250000:0", "500000:1", "750000:0", "1000000:1", "1250000:0", "1500000:1", "1750000:0"),
                edges(r.run(), "led0", t0));
        assertEquals("built with 4 blinks\n", r.hostPrinted());
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void pulseTrainFromAListAttributeThroughAKernelMethodWithDefaults(Target target) throws Exception {
        String source = """
                from artiq.experiment import *

                GAP = 2 * us

                class PulseTrain(EnvExperiment):
                    def build(self):
                        self.setattr_device("core")
                        self.out = self.get_device("ttl_out")
                        self.widths = [100 * ns, 250 * ns, 1 * us]
                        self.sent = 0

                    @kernel
                    def pulse_all(self, repeats=2):
                        for r in range(repeats):
                            for w in self.widths:
                                self.out.pulse(w)
                                delay(GAP)
                                self.sent += 1

                    @kernel
                    def run(self):
                        self.core.break_realtime()
                        delay(1 * ms)   # soft-float cores (rv32ima, or1k) spend ~10 us an iteration on float math
                        self.pulse_all()
                        self.pulse_all(repeats=1)
                        print("sent", self.sent, "pulses of", len(self.widths), "widths")
                """;
        Ran r = run("train.py", source, target);
        KernelRunAssert.assertThat(r.run()).finished().hasNoRtioErrors();
        long t0 = r.run().events("ttl_out").getFirst().timestampMu();
        List<String> expected = new ArrayList<>();
        long t = 0;
        for (int k = 0; k < 9; k++) {
            long width = new long[] {100, 250, 1000}[k % 3];
            expected.add(t + ":1");
            expected.add((t + width) + ":0");
            t += width + 2000;
        }
        assertEquals(expected, edges(r.run(), "ttl_out", t0));
        assertEquals("sent 9 pulses of 3 widths\n", r.printed());
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void loopbackGatingCountsAndTimestampsTheEdges(Target target) throws Exception {
        String source = """
                from artiq.experiment import *

                class Loopback(EnvExperiment):
                    def build(self):
                        self.setattr_device("core")
                        self.setattr_device("ttl_out")
                        self.setattr_device("ttl_in")

                    @kernel
                    def run(self):
                        self.core.break_realtime()
                        self.ttl_in.input()
                        delay(1 * ms)   # slack for the soft-float cores' pulse() float math
                        t0 = now_mu()
                        with parallel:
                            gate_end = self.ttl_in.gate_rising(10 * us)
                            with sequential:
                                delay(1 * us)
                                for i in range(3):
                                    self.ttl_out.pulse(500 * ns)
                                    delay(1 * us)
                        print(gate_end - t0)
                        print(self.ttl_in.timestamp_mu(gate_end) - t0)
                        print(self.ttl_in.count(gate_end))
                        print(self.ttl_in.timestamp_mu(gate_end))
                """;
        Ran r = run("loopback.py", source, target);
        KernelRunAssert.assertThat(r.run()).finished().hasNoRtioErrors();
        // Rising edges leave ttl_out at t0 + 1000, 2500, 4000 and come back through the loopback
        // with the input latency the RTIO model gives; the first is timestamped, the other two
        // counted, then there is none (-1). seconds_to_mu(10 * us) is 9999: ARTIQ's floor division.
        List<RtioEvent> out = r.run().events("ttl_out");
        long t0 = out.getFirst().timestampMu() - 1000;
        assertEquals(List.of("1000:1", "1500:0", "2500:1", "3000:0", "4000:1", "4500:0"), edges(r.run(), "ttl_out", t0));
        List<Long> inputs = new ArrayList<>();
        for (RtioEvent e : r.run().events("ttl_in")) if (e.kind() == RtioEvent.Kind.INPUT) inputs.add(e.timestampMu() - t0);
        assertEquals(3, inputs.size(), inputs.toString());
        long latency = inputs.getFirst() - 1000;
        assertTrue(latency >= 0 && latency < 1000, "input latency " + latency);
        assertEquals(List.of(1000 + latency, 2500 + latency, 4000 + latency), inputs);
        assertEquals("9999\n" + (1000 + latency) + "\n2\n-1\n", r.printed());
        List<RtioEvent> in = r.run().events("ttl_in");
        assertEquals(List.of(1L, 2L, 2L), in.stream().filter(e -> e.kind() == RtioEvent.Kind.OUTPUT).map(e -> (long) e.address()).toList(),
                "output enable off, then the sensitivity register opened and closed: " + in);
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void slowLoopUnderflowsAfterTheEventsItCouldSchedule(Target target) throws Exception {
        String source = """
                from artiq.experiment import *

                class SlowLoop(EnvExperiment):
                    def build(self):
                        self.setattr_device("core")
                        self.setattr_device("ttl_out")

                    @kernel
                    def run(self):
                        self.core.break_realtime()
                        for i in range(100000):
                            self.ttl_out.pulse(10 * ns)
                            delay(10 * ns)
                """;
        Ran r = run("slow.py", source, target);
        KernelRunAssert.assertThat(r.run()).raised("RTIOUnderflow");
        List<RtioEvent> events = r.run().events("ttl_out");
        assertTrue(events.size() >= 2 && events.size() < 200_000, "some pulses went out before the underflow: " + events.size());
        long t0 = events.getFirst().timestampMu();
        for (int k = 0; k < events.size(); k++) {
            assertEquals(t0 + (k / 2) * 20L + (k % 2) * 10L, events.get(k).timestampMu(), "event " + k);
            assertEquals(k % 2 == 0 ? 1 : 0, events.get(k).data(), "event " + k);
        }
    }

    @Test
    void unknownAttributeNamesTheFileLineAndColumn() {
        String source = BLINK.replace("self.led0.pulse(self.period / 2)", "self.led1.pulse(self.period / 2)");
        CompileException e = assertThrows(CompileException.class,
                () -> Compiler.compileExperiment("blink.py", source, Target.RV32G, DeviceDbFile.builtIn().rawDb(), x -> { }));
        assertEquals("blink.py:16:13: Blink has no attribute 'led1' after build()", e.getMessage());
    }

    @Test
    void deviceMissingFromTheDatabaseFailsInBuildWithItsPosition() {
        String source = BLINK.replace("self.setattr_device(\"led0\")", "self.setattr_device(\"led9\")");
        CompileException e = assertThrows(CompileException.class,
                () -> Compiler.compileExperiment("blink.py", source, Target.RV32G, DeviceDbFile.builtIn().rawDb(), x -> { }));
        assertTrue(e.getMessage().contains("led9") && e.getMessage().startsWith("artiq/experiment.py:"), e.getMessage());
    }

    @Test
    void hostMethodUsedAsAValueIsRefused() {
        String source = BLINK.replace("    @kernel\n    def run(self):", "    def report(self):\n        pass\n\n    @kernel\n    def run(self):")
                .replace("self.core.break_realtime()", "self.core.break_realtime()\n        f = self.report");
        CompileException e = assertThrows(CompileException.class,
                () -> Compiler.compileExperiment("blink.py", source, Target.RV32G, DeviceDbFile.builtIn().rawDb(), x -> { }));
        assertTrue(e.getMessage().startsWith("blink.py:18:13: host method self.report can only be called (an RPC)"), e.getMessage());
    }

    @Test
    void runThatIsNotAKernelIsRefused() {
        String source = BLINK.replace("    @kernel\n", "");
        CompileException e = assertThrows(CompileException.class,
                () -> Compiler.compileExperiment("blink.py", source, Target.RV32G, DeviceDbFile.builtIn().rawDb(), x -> { }));
        assertEquals("blink.py:4:1: Blink.run is not a @kernel method: coredev runs the kernel of an experiment", e.getMessage());
    }

    /** Seeded random edits of the blink experiment: an image or a CompileException, never another exception. */
    @Test
    void mutatedExperimentsCompileOrFailWithCompileException() throws Exception {
        String[] snippets = {"self.", "(", ")", ":", "\n    ", "@kernel\n", "1.5", "led0", "[1, 2]", "x", "=", ", ", "\"s\""};
        java.util.Map<String, ?> db = DeviceDbFile.builtIn().rawDb();
        java.util.Random random = new java.util.Random(20261127);
        int compiled = 0, rejected = 0;
        for (int n = 0; n < 150; n++) {
            StringBuilder s = new StringBuilder(BLINK);
            for (int e = 0, edits = 1 + random.nextInt(2); e < edits; e++) {
                int at = random.nextInt(s.length() + 1);
                if (random.nextBoolean()) s.insert(at, snippets[random.nextInt(snippets.length)]);
                else s.delete(at, Math.min(s.length(), at + 1 + random.nextInt(8)));
            }
            try {
                Compiler.compileExperiment("m.py", s.toString(), Target.RV32G, db, x -> { });
                compiled++;
            } catch (CompileException e) {
                rejected++;
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError("mutant " + n + " crashed the compiler:\n" + s, e);
            }
        }
        assertTrue(compiled > 0 && rejected > 0, compiled + " compiled, " + rejected + " rejected");
    }

    @Test
    void kernelMethodsAreNamedClassDotMethodInTheImage(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path elf = dir.resolve("blink.elf");
        java.nio.file.Files.write(elf, Compiler.compileExperiment("blink.py", BLINK, Target.RV32G, DeviceDbFile.builtIn().rawDb(), x -> { }));
        Process p;
        try {
            p = new ProcessBuilder("riscv64-unknown-elf-readelf", "-s", "-W", elf.toString()).start();
        } catch (java.io.IOException e) {
            throw new AssertionError("riscv64-unknown-elf-readelf not found: install the Debian package gcc-riscv64-unknown-elf", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor());
        assertEquals("", err);
        assertTrue(out.contains(" Blink.run") && out.contains("__modinit__"), out);
    }

    @Test
    void experimentFilesAreToldFromPrograms() {
        assertTrue(Compiler.isExperiment("blink.py", BLINK));
        assertTrue(!Compiler.isExperiment("p.py", "print(1)\n"));
        assertTrue(!Compiler.isExperiment("bad.py", "class (\n"));
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void kernelsRaiseAndCatchTheFilesExceptionClassesAndNameThemWhenUncaught(Target target) throws Exception {
        String source = """
                from artiq.experiment import *

                class ScanError(Exception):
                    pass

                class LockLost(ScanError):
                    pass

                class Scan(EnvExperiment):
                    def build(self):
                        self.setattr_device("core")

                    @kernel
                    def step(self, k):
                        if k == 2:
                            raise LockLost("lock lost at 2")
                        if k == 3:
                            raise ScanError("scan")
                        return k

                    @kernel
                    def run(self):
                        for k in range(4):
                            try:
                                self.step(k)
                            except (LockLost, ValueError) as e:
                                print("lock", e)
                            except Exception:
                                print("other")
                        self.step(2)
                """;
        Ran r = run("scan.py", source, target);
        assertEquals("lock lock lost at 2\nother\n", r.printed());
        byte[] elf = Compiler.compileExperiment("scan.py", source, target, config(target).rawDb(), s -> { });
        assertEquals(java.util.Map.of(23, "ScanError", 24, "LockLost"), Compiler.exceptionNames(elf));
        var uncaught = (org.coredev.emu.device.KernelOutcome.Uncaught) r.run().outcome();
        // Today's runtime knows only the preallocated ids; ARTIQ 6's exception object carries the name ("24:LockLost").
        assertEquals(target.namedExceptions() ? "LockLost" : "24", uncaught.name());
        assertEquals("lock lost at 2", uncaught.message());
    }
}
