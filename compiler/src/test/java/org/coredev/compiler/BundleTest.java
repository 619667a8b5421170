package org.coredev.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import org.coredev.emu.EmulatorException;
import org.coredev.emu.device.CoreDevice;
import org.coredev.emu.device.DeviceConfig;
import org.coredev.emu.device.DeviceDbFile;
import org.coredev.emu.device.KernelOutcome;
import org.coredev.emu.device.KernelRun;
import org.coredev.emu.device.KernelRunAssert;
import org.coredev.emu.device.ResidentBundle;
import org.coredev.loader.BundleLayout;
import org.coredev.loader.ValueType;
import org.coredev.rtio.trace.RtioEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Bundles: kernels compiled once, loaded once and kept resident, then called by name with the
 * host's arguments, with no new compilation, upload or relinking, and attribute writeback after
 * each call.
 */
class BundleTest {
    private static final String SCAN = """
            from artiq.experiment import *

            class Scan(EnvExperiment):
                def build(self):
                    self.setattr_device("core")
                    self.setattr_device("ttl0")
                    self.total = 0
                    self.last_width = 0.0
                    self.label = "none"

                @kernel
                def pulses(self, n: TInt32, width: TFloat) -> TInt32:
                    self.core.break_realtime()
                    delay(1e-3)   # soft-float targets take ~20 us an iteration: slack for 6 of them
                    for i in range(n):
                        self.ttl0.pulse(width)
                        delay(width)
                    self.total += n
                    self.last_width = width
                    return self.total

                @kernel
                def spaced(self, gaps: TList(TInt64), name: TStr):
                    self.core.break_realtime()
                    for g in gaps:
                        delay_mu(g)
                        self.ttl0.pulse_mu(8)
                    self.label = name

                @kernel
                def scaled(self, t: TTuple([TInt64, TFloat]), on: TBool) -> TFloat:
                    self.core.break_realtime()
                    if on:
                        self.ttl0.on()
                    delay_mu(t[0])
                    return t[1] * 2.0
            """;

    private static DeviceConfig config(Target target) throws Exception {
        DeviceConfig b = DeviceDbFile.builtIn();
        return new DeviceConfig(b.source(), target.loaderTarget(),
                b.refPeriod(), b.channels(), b.loopbacks(), b.stimulusFiles(), b.rawDb());
    }

    private record Loaded(CoreDevice device, CompiledBundle compiled, ResidentBundle bundle) { }

    private static Loaded load(Target target, String source, List<String> methods) throws Exception {
        DeviceConfig config = config(target);
        CompiledBundle compiled = Compiler.compileBundle("scan", "scan.py", source, target, config.rawDb(), s -> { }, methods);
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true);
        CoreDevice device = new CoreDevice(config).withHost(compiled.host(sink, sink));
        ResidentBundle bundle = device.loadBundle("scan.elf", compiled.image());
        KernelRunAssert.assertThat(bundle.load()).finished();
        return new Loaded(device, compiled, bundle);
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void repeatedCallsRunResidentCodeAndWriteBackEachTime(Target target) throws Exception {
        Loaded l = load(target, SCAN, List.of("pulses", "spaced", "scaled"));
        int residentEnd = l.device().bundles().getFirst().image().image().end();
        for (int call = 1; call <= 3; call++) {
            KernelRun run = l.device().call(l.bundle(), "pulses", 2 * call, 1e-6);
            KernelRunAssert.assertThat(run).finished().hasNoRtioErrors().channel("ttl0").hasEdges(4 * call).pulseWidthsAre(1000);
            assertEquals("scan", run.residentBundle());
            assertEquals(call * (call + 1), run.value());                       // the running total, returned
            assertEquals((long) call * (call + 1), l.compiled().instance().attribute("total"));   // written back
            assertEquals(1e-6, l.compiled().instance().attribute("last_width"));
        }
        // Nothing else was loaded: one resident image, the device's memory unchanged past it.
        assertEquals(1, l.device().bundles().size());
        assertEquals(residentEnd, l.device().bundles().getFirst().image().image().end());
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void listsStringsTuplesAndBoolsCrossIntoEntryPoints(Target target) throws Exception {
        Loaded l = load(target, SCAN, List.of("pulses", "spaced", "scaled"));
        KernelRun run = l.device().call(l.bundle(), "Scan.spaced", List.of(100L, 250L, 1000L), "three");
        KernelRunAssert.assertThat(run).finished();
        List<RtioEvent> rises = run.events("ttl0").stream().filter(e -> e.data() == 1).toList();
        assertEquals(3, rises.size());
        assertEquals(250 + 8, rises.get(1).timestampMu() - rises.get(0).timestampMu());
        assertEquals(1000 + 8, rises.get(2).timestampMu() - rises.get(1).timestampMu());
        assertEquals("three", l.compiled().instance().attribute("label"));
        assertNull(run.value());

        KernelRun scaled = l.device().call(l.bundle(), "scaled", new Object[] {5000L, 1.25}, true);
        KernelRunAssert.assertThat(scaled).finished().channel("ttl0").hasEdges(1);
        assertEquals(2.5, scaled.value());
    }

    @Test
    void theManifestListsEntriesAndEmbeddedAttributes() throws Exception {
        Loaded l = load(Target.RV32G, SCAN, List.of("pulses", "spaced"));
        BundleLayout layout = l.bundle().layout();
        assertEquals("scan", layout.name());
        BundleLayout.Entry pulses = layout.entry("pulses").orElseThrow();
        assertEquals("Scan.pulses", pulses.kernel());
        assertEquals(List.of(ValueType.Scalar.INT32, ValueType.Scalar.FLOAT), pulses.params());
        assertEquals(ValueType.Scalar.INT32, pulses.returns());
        assertEquals(List.of(new ValueType.ListOf(ValueType.Scalar.INT64), ValueType.Scalar.STR),
                layout.entry("spaced").orElseThrow().params());
        BundleLayout.Attribute total = layout.attribute("self.total").orElseThrow();
        assertEquals(ValueType.Scalar.INT32, total.type());
        assertTrue(total.written());
        assertEquals(ValueType.Scalar.STR, layout.attribute("self.label").orElseThrow().type());
        // The attribute's cell holds the value the last call wrote.
        l.device().call(l.bundle(), "pulses", 3, 1e-6);
        int cell = l.bundle().image().image().base() + total.offset();
        assertEquals(3, l.device().runtime().memory().load32(cell));
        assertEquals(layout, BundleLayout.parse(layout.format(), "again"));
    }

    @Test
    void badCallsAreRefusedWithTheEntryAndTypeNamed() throws Exception {
        Loaded l = load(Target.RV32G, SCAN, List.of("pulses"));
        EmulatorException noSuch = assertThrows(EmulatorException.class, () -> l.device().call(l.bundle(), "spaced", List.of(), "x"));
        assertEquals("bundle 'scan' has no kernel 'spaced' (it has Scan.pulses)", noSuch.getMessage());
        EmulatorException count = assertThrows(EmulatorException.class, () -> l.device().call(l.bundle(), "pulses", 1));
        assertEquals("Scan.pulses() takes 2 arguments (int32, float), 1 given", count.getMessage());
        EmulatorException type = assertThrows(EmulatorException.class, () -> l.device().call(l.bundle(), "pulses", "two", 1e-6));
        assertEquals("argument 1 of Scan.pulses(): int32 expected, got String two", type.getMessage());
        EmulatorException range = assertThrows(EmulatorException.class, () -> l.device().call(l.bundle(), "pulses", 1L << 40, 1e-6));
        assertTrue(range.getMessage().contains("does not fit in int32"), range.getMessage());
        EmulatorException twice = assertThrows(EmulatorException.class, () -> l.device().loadBundle("again.elf", l.compiled().image()));
        assertEquals("again.elf: a bundle named 'scan' is already resident", twice.getMessage());
        EmulatorException plain = assertThrows(EmulatorException.class, () -> l.device().loadBundle("k.elf",
                Compiler.compileProgram("k.py", "x = 1\n", Target.RV32G)));
        assertTrue(plain.getMessage().startsWith("k.elf: not a bundle"), plain.getMessage());
    }

    @Test
    void compileErrorsNameTheKernelAndTheParameter() {
        CompileException unannotated = assertThrows(CompileException.class, () -> Compiler.compileBundle("b", "scan.py", """
                from artiq.experiment import *

                class Scan(EnvExperiment):
                    def build(self):
                        self.setattr_device("core")

                    @kernel
                    def go(self, n):
                        pass
                """, Target.RV32G, DeviceDbFile.builtIn().rawDb(), s -> { }, List.of("go")));
        assertTrue(unannotated.getMessage().contains("scan.py:8:5"), unannotated.getMessage());
        assertTrue(unannotated.getMessage().contains("parameter 'n' of entry.Scan.go()"), unannotated.getMessage());
        CompileException missing = assertThrows(CompileException.class, () -> Compiler.compileBundle("b", "scan.py", SCAN,
                Target.RV32G, DeviceDbFile.builtIn().rawDb(), s -> { }, List.of("nothing")));
        assertTrue(missing.getMessage().endsWith("Scan has no @kernel method 'nothing'"), missing.getMessage());
    }

    @Test
    void aBundleAndAnUploadedKernelShareTheDevice() throws Exception {
        Loaded l = load(Target.RV32G, SCAN, List.of("pulses"));
        l.device().call(l.bundle(), "pulses", 1, 1e-6);
        // An ordinary kernel loads after the bundle and does not disturb it.
        KernelRun k = l.device().run("k.py", Compiler.compileProgram("k.py", "core.break_realtime()\nttl1.pulse_mu(100)\n", Target.RV32G,
                l.device().config().rawDb()));
        KernelRunAssert.assertThat(k).finished().channel("ttl1").hasEdges(2);
        assertNull(k.residentBundle());
        KernelRun again = l.device().call(l.bundle(), "pulses", 1, 1e-6);
        assertEquals(2, again.value());
        assertInstanceOf(KernelOutcome.Finished.class, again.outcome());
    }
}
