package org.coredev.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.coredev.emu.device.CoreDevice;
import org.coredev.emu.device.DeviceConfig;
import org.coredev.emu.device.DeviceDbFile;
import org.coredev.emu.device.KernelRun;
import org.coredev.emu.device.KernelRunAssert;
import org.coredev.emu.device.ResidentBundle;
import org.coredev.loader.BundleLayout;
import org.coredev.loader.ElfImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kernels linked against a resident bundle: they call the bundle's kernels there and reach the
 * attributes and devices it embedded through its cells (one copy on the device), and anything
 * else of the host they would need a copy of is refused at compile time.
 */
class LinkedKernelTest {
    private static final String SCAN = """
            from artiq.experiment import *

            @kernel
            def helper(x):
                return x + 1

            class Scan(EnvExperiment):
                def build(self):
                    self.setattr_device("core")
                    self.setattr_device("ttl0")
                    self.setattr_device("ttl1")
                    self.total = 0
                    self.width = 1e-6
                    self.other = 5
                    self.seen = []

                def record(self, n: TInt32):
                    self.seen.append(n)

                @kernel
                def pulses(self, n: TInt32) -> TInt32:
                    self.core.break_realtime()
                    for i in range(n):
                        self.ttl0.pulse(self.width)
                        delay(self.width)
                    self.total += n
                    self.record(self.total)
                    return helper(self.total)

                @kernel
                def short(self):
                    t = self.pulses(2)
                    self.total += 100
                    self.record(t)

                @kernel
                def reads_only(self) -> TInt32:
                    return self.total

                @kernel
                def uses_other(self):
                    self.core.break_realtime()
                    delay_mu(self.other)

                @kernel
                def uses_ttl1(self):
                    self.core.break_realtime()
                    self.ttl1.pulse(1e-6)
            """;

    private static DeviceConfig config(Target target) throws Exception {
        DeviceConfig b = DeviceDbFile.builtIn();
        return new DeviceConfig(b.source(), target.loaderTarget(),
                b.refPeriod(), b.channels(), b.loopbacks(), b.stimulusFiles(), b.rawDb());
    }

    private record Session(ExperimentSession experiment, CoreDevice device, ResidentBundle bundle, CompiledBundle compiled,
                           ByteArrayOutputStream log) { }

    private static Session open(Target target) throws Exception {
        DeviceConfig config = config(target);
        ExperimentSession s = Compiler.openExperiment("scan.py", SCAN, config.rawDb(), out -> { });
        CompiledBundle compiled = s.compileBundle("scan", target, List.of("pulses"));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream sink = new PrintStream(log, true, StandardCharsets.UTF_8);
        CoreDevice device = new CoreDevice(config).withHost(s.host(sink, sink));
        ResidentBundle bundle = device.loadBundle("scan.elf", compiled.image());
        KernelRunAssert.assertThat(bundle.load()).finished();
        return new Session(s, device, bundle, compiled, log);
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void aLinkedKernelCallsTheBundleAndSharesItsState(Target target) throws Exception {
        Session s = open(target);
        assertEquals(4, s.device().call(s.bundle(), "pulses", 3).value());            // helper(3)
        byte[] linked = s.experiment().compileLinked("short", List.of(), target, List.of(s.compiled().layout()));
        KernelRun run = s.device().run("short.elf", linked);
        KernelRunAssert.assertThat(run).finished().hasNoRtioErrors().channel("ttl0").hasEdges(4).pulseWidthsAre(1000);
        // The linked kernel wrote the bundle's cell; writeback brought it to the one host instance.
        assertEquals(105L, s.experiment().instance().attribute("total"));
        // The bundle sees what the linked kernel wrote: there is one copy of self.total.
        assertEquals(107, s.device().call(s.bundle(), "pulses", 1).value());
        assertEquals(106L, s.experiment().instance().attribute("total"));
        // RPCs of both images reach the same host method (one service table for the session).
        assertEquals("[3, 5, 6, 106]", s.experiment().instance().repr(s.experiment().instance().attribute("seen")));
        assertEquals("", s.log().toString(StandardCharsets.UTF_8));
    }

    @Test
    void theLinkedImageImportsTheBundlesCellsAndKernelsAndHoldsNoCopy() throws Exception {
        Session s = open(Target.RV32G);
        ElfImage bundle = ElfImage.read("scan.elf", s.compiled().image());
        assertTrue(bundle.exports().containsAll(List.of("global.self.total", "global.self.width", "Scan.pulses", "helper",
                "entry.Scan.pulses")), bundle.exports().toString());
        BundleLayout layout = s.compiled().layout();
        assertEquals(List.of("core", "ttl0"), layout.objects().stream().map(BundleLayout.HostObject::name).toList());
        assertEquals("TTLInOut", layout.object("ttl0").orElseThrow().className());
        assertTrue(layout.kernel("Scan.pulses").isPresent() && layout.kernel("helper").isPresent(), layout.format());
        assertTrue(layout.attribute("self.other").isEmpty(), layout.format());   // no bundled kernel reads it

        byte[] linked = s.experiment().compileLinked("short", List.of(), Target.RV32G, List.of(layout));
        ElfImage image = ElfImage.read("short.elf", linked);
        assertTrue(image.imports().containsAll(List.of("global.self.total", "Scan.pulses")), image.imports().toString());
        assertFalse(image.exports().contains("global.self.total"), image.exports().toString());
        assertFalse(image.exports().contains("Scan.pulses"), image.exports().toString());
        // A kernel that only reads: its value is the bundle's current one.
        s.device().call(s.bundle(), "pulses", 2);
        KernelRun read = s.device().run("reads.elf", s.experiment().compileLinked("reads_only", List.of(), Target.RV32G, List.of(layout)));
        KernelRunAssert.assertThat(read).finished();
        assertEquals(2L, s.experiment().instance().attribute("total"));
    }

    private static final String DDS = """
            from artiq.experiment import *

            class Dds(EnvExperiment):
                def build(self):
                    self.setattr_device("core")
                    self.setattr_device("urukul0_cpld")
                    self.setattr_device("urukul0_ch0")

                @kernel
                def setup(self):
                    self.core.break_realtime()
                    self.urukul0_cpld.init()
                    self.urukul0_ch0.init()
                    self.urukul0_cpld.set_att(0, 0.0)

                @kernel
                def tone(self):
                    self.core.break_realtime()
                    self.urukul0_ch0.set(100*MHz, amplitude=0.5)
                    self.urukul0_ch0.sw.on()
                    delay(1*ms)
                    self.urukul0_ch0.sw.off()
            """;

    @Test
    void aLinkedKernelDrivesTheBundlesDevicesThroughTheirStateInTheBundle() throws Exception {
        DeviceConfig config = DeviceDbFile.builtIn();
        ExperimentSession s = Compiler.openExperiment("dds.py", DDS, config.rawDb(), out -> { });
        CompiledBundle compiled = s.compileBundle("dds", Target.RV32G, List.of("setup"));
        assertTrue(compiled.layout().attribute("urukul0_cpld.cfg_reg").isPresent(), compiled.layout().format());
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream sink = new PrintStream(log, true, StandardCharsets.UTF_8);
        CoreDevice device = new CoreDevice(config).withHost(s.host(sink, sink));
        ResidentBundle bundle = device.loadBundle("dds.elf", compiled.image());
        KernelRunAssert.assertThat(device.call(bundle, "setup")).finished().hasNoRtioErrors();
        byte[] tone = s.compileLinked("tone", List.of(), Target.RV32G, List.of(compiled.layout()));
        var imports = ElfImage.read("tone.elf", tone).imports();
        assertTrue(imports.stream().anyMatch(i -> i.startsWith("global.urukul0_")), imports.toString());
        KernelRunAssert.assertThat(device.run("tone.elf", tone)).finished().hasNoRtioErrors();
        // The CPLD state the bundle's init() set is what the linked kernel's driver used: the
        // channel came up, at 100 MHz, with its switch toggled.
        var last = device.dds().timeline().last("urukul0_ch0");
        assertEquals(100e6, last.frequencyHz(), 1.0);
    }

    @Test
    void whatTheBundleDidNotEmbedIsRefusedWithItsPlaceAndTheBundle() throws Exception {
        Session s = open(Target.RV32G);
        List<BundleLayout> layouts = List.of(s.compiled().layout());
        CompileException attribute = assertThrows(CompileException.class,
                () -> s.experiment().compileLinked("uses_other", List.of(), Target.RV32G, layouts));
        assertEquals("scan.py:43:18: attribute self.other is not in bundle 'scan': a kernel linked against a bundle uses only "
                + "the attributes and devices the bundle embedded (self.core, self.total, self.ttl0, self.width); add a bundled "
                + "kernel that uses it, or call this kernel outside the bundled block", attribute.getMessage());
        CompileException device = assertThrows(CompileException.class,
                () -> s.experiment().compileLinked("uses_ttl1", List.of(), Target.RV32G, layouts));
        assertTrue(device.getMessage().startsWith("scan.py:48:9: device self.ttl1 (ttl1) is not in bundle 'scan'"), device.getMessage());
        CompileException inBundle = assertThrows(CompileException.class,
                () -> s.experiment().compileLinked("pulses", List.of(3), Target.RV32G, layouts));
        assertTrue(inBundle.getMessage().endsWith("Scan.pulses is in bundle 'scan': call it in the bundle, not linked against it"),
                inBundle.getMessage());
        // The same kernels compile on their own, with copies of their own: no bundle, no refusal.
        KernelRunAssert.assertThat(s.device().run("other.elf", s.experiment().compileKernel("uses_other", List.of(), Target.RV32G)))
                .finished();
    }
}
