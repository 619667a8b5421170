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
import org.coredev.rtio.trace.RtioEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Objects of the experiment file's own classes that build() keeps in attributes: a kernel reads
 * and assigns their attributes, calls their kernel methods (compiled for that object) and their
 * host methods (RPCs), and what it assigned is written back to the host object after the kernel.
 */
class HostObjectTest {
    private static DeviceConfig config(Target target) throws Exception {
        DeviceConfig b = DeviceDbFile.builtIn();
        return new DeviceConfig(b.source(), target.loaderTarget(),
                b.refPeriod(), b.channels(), b.loopbacks(), b.stimulusFiles(), b.rawDb());
    }

    private record Ran(KernelRun run, CompiledExperiment experiment, String printed) {
        /** A host method's result after the kernel (the host objects as writeback left them). */
        String host(String method) { return String.valueOf(experiment.instance().callMethod(method)); }
    }

    private static Ran run(String source, Target target) throws Exception {
        DeviceConfig config = config(target);
        CompiledExperiment compiled = Compiler.compileExperimentForRun("exp.py", source, target, config.rawDb(), s -> { });
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true);
        KernelRun run = new CoreDevice(config).withHost(compiled.host(ps, ps)).run("exp.py", compiled.image());
        return new Ran(run, compiled, out.toString());
    }

    private static final String PULSER = """
            from artiq.experiment import *

            class Pulser:
                def __init__(self, ttl, width_mu):
                    self.ttl = ttl
                    self.width_mu = width_mu
                    self.fired = 0
                    self.widths = [0, 0, 0]

                @kernel
                def fire(self, n):
                    for i in range(n):
                        self.ttl.pulse_mu(self.width_mu)
                        delay_mu(1000)
                        self.widths[self.fired % 3] = self.width_mu
                        self.fired += 1

                def label(self, k) -> TStr:
                    return "pulser %d of width %d" % (k, self.width_mu)

            class Scan:
                def __init__(self, pulser):
                    self.pulser = pulser
                    self.points = 2

                @kernel
                def sweep(self):
                    for p in range(self.points):
                        self.pulser.fire(1)
                        self.pulser.width_mu += 100

            """;

    @ParameterizedTest
    @EnumSource(Target.class)
    void kernelMethodsOfHostObjectsRunAndTheirAttributesAreWrittenBack(Target target) throws Exception {
        Ran r = run(PULSER + """
                class Exp(EnvExperiment):
                    def build(self):
                        self.setattr_device("core")
                        self.setattr_device("ttl0")
                        self.pulser = Pulser(self.ttl0, 200)
                        self.scan = Scan(self.pulser)

                    @kernel
                    def run(self):
                        self.core.break_realtime()
                        self.pulser.fire(2)
                        self.scan.sweep()
                        self.scan.pulser.fire(1)
                        print(self.pulser.fired, self.scan.pulser.width_mu, self.pulser.label(7))

                    def summary(self):
                        return "%d %d %s %d" % (self.pulser.fired, self.pulser.width_mu, self.pulser.widths, self.scan.points)
                """, target);
        KernelRunAssert.assertThat(r.run()).finished().channel("ttl0").hasEdges(10);
        List<RtioEvent> edges = r.run().events("ttl0");
        List<Long> widths = new ArrayList<>();
        for (int k = 0; k < edges.size(); k += 2) widths.add(edges.get(k + 1).timestampMu() - edges.get(k).timestampMu());
        // self.scan.pulser is self.pulser: one object, one width, whichever path the kernel takes.
        assertEquals(List.of(200L, 200L, 200L, 300L, 400L), widths);
        // The RPC runs on the host object as it was when the kernel started (writeback comes after).
        assertEquals("5 400 pulser 7 of width 200\n", r.printed());
        assertEquals("5 400 [300, 400, 200] 2", r.host("summary"));
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void aMethodOfAnObjectReachesTheExperimentThroughItsParent(Target target) throws Exception {
        Ran r = run("""
                from artiq.experiment import *

                class Stage:
                    def __init__(self, parent):
                        self.parent = parent
                        self.offset = 5

                    @kernel
                    def shifted(self, x):
                        self.parent.total += x + self.offset
                        return self.parent.total

                class Exp(EnvExperiment):
                    def build(self):
                        self.setattr_device("core")
                        self.stage = Stage(self)
                        self.total = 1

                    @kernel
                    def run(self):
                        print(self.stage.shifted(10), self.total, self.stage.parent.stage.shifted(0))
                """, target);
        KernelRunAssert.assertThat(r.run()).finished();
        assertEquals("16 16 21\n", r.printed());
        assertEquals("21", String.valueOf(r.experiment().instance().attribute("total")));
    }

    @Test
    void aHostObjectUsedAsAValueIsAnErrorAtItsUse() {
        CompileException e = assertThrows(CompileException.class, () -> run(PULSER + """
                class Exp(EnvExperiment):
                    def build(self):
                        self.setattr_device("core")
                        self.setattr_device("ttl0")
                        self.pulser = Pulser(self.ttl0, 200)

                    @kernel
                    def run(self):
                        p = self.pulser
                """, Target.RV32G));
        assertTrue(e.getMessage().startsWith("exp.py:40:13: self.pulser is a host object (a Pulser)"), e.getMessage());
    }

    @Test
    void aMissingAttributeOfAHostObjectNamesItsPath() {
        CompileException e = assertThrows(CompileException.class, () -> run(PULSER + """
                class Exp(EnvExperiment):
                    def build(self):
                        self.setattr_device("core")
                        self.setattr_device("ttl0")
                        self.scan = Scan(Pulser(self.ttl0, 200))

                    @kernel
                    def run(self):
                        print(self.scan.pulser.gain)
                """, Target.RV32G));
        assertEquals("exp.py:40:15: self.scan.pulser (a Pulser) has no attribute 'gain' after build()", e.getMessage().lines().findFirst().orElseThrow());
    }
}
