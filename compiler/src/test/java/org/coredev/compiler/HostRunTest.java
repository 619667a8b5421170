package org.coredev.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.coredev.emu.device.CoreDevice;
import org.coredev.emu.device.DeviceConfig;
import org.coredev.emu.device.DeviceDbFile;
import org.coredev.emu.device.KernelRunAssert;
import org.junit.jupiter.api.Test;

/** An experiment's host run(): kernels called from host code, bundles opened with {@code with bundled(...)}. */
class HostRunTest {
    private static final String HEADER = """
            from artiq.experiment import *

            class Scan(EnvExperiment):
                def build(self):
                    self.setattr_device("core")
                    self.setattr_device("ttl0")
                    self.setattr_device("ttl1")
                    self.total = 0
                    self.results = []

                @kernel
                def pulses(self, n: TInt32) -> TInt32:
                    self.core.break_realtime()
                    for i in range(n):
                        self.ttl0.pulse(1*us)
                        delay(1*us)
                    self.total += n
                    return self.total

                @kernel
                def short(self):
                    self.pulses(1)

                @kernel
                def plain(self, k) -> TInt32:
                    return 7 * k

                @kernel
                def other_ttl(self):
                    self.core.break_realtime()
                    self.ttl1.pulse(1*us)

                @kernel
                def fails(self):
                    raise ValueError("bad k")

                def analyze(self):
                    print("results", self.results)
            """;

    private record Ran(HostRun.Result result, List<HostRun.Call> calls, String out, ExperimentSession session) { }

    private static Ran run(String runMethod) throws Exception {
        String source = HEADER + runMethod;
        DeviceConfig config = DeviceDbFile.builtIn();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        ExperimentSession session = Compiler.openExperiment("scan.py", source, config.rawDb(), out::print);
        List<HostRun.Call> seen = new ArrayList<>();
        HostRun run = new HostRun(session, new CoreDevice(config), Target.RV32G, out, out, seen::add);
        HostRun.Result result = run.run();
        assertEquals(seen, result.calls());
        return new Ran(result, seen, bytes.toString(StandardCharsets.UTF_8), session);
    }

    @Test
    void callsInABundledBlockHitResidentCodeAndLinkedKernelsShareItsState() throws Exception {
        Ran r = run("""

                    def run(self):
                        self.results.append(self.plain(2))
                        with bundled(self.pulses):
                            for n in range(1, 4):
                                self.results.append(self.pulses(n))
                            self.short()
                        self.results.append(self.total)
                        with bundled(self.pulses):
                            self.results.append(self.pulses(1))
                """);
        assertNull(r.result().hostError());
        assertEquals(0, r.result().exitStatus());
        assertEquals("results [14, 1, 3, 6, 7, 8]\n", r.out());
        List<String> lines = r.calls().stream().map(HostRun.Call::describe).toList();
        assertEquals(7, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("Scan.plain(2): compiled, uploaded "), lines.get(0));
        assertTrue(lines.get(1).matches("bundle 'pulses' \\(Scan.pulses\\): compiled once, uploaded \\d+ bytes, resident from now on"), lines.get(1));
        for (int k = 2; k <= 4; k++)
            assertEquals("Scan.pulses(%d): resident in bundle 'pulses': nothing compiled, nothing uploaded".formatted(k - 1), lines.get(k));
        assertTrue(lines.get(5).startsWith("Scan.short(): compiled, linked against bundle 'pulses', uploaded "), lines.get(5));
        // Entering bundled() again with the same kernels reuses the resident bundle: no second load.
        assertEquals("Scan.pulses(1): resident in bundle 'pulses': nothing compiled, nothing uploaded", lines.get(6));
        for (int k = 2; k <= 4; k++)
            KernelRunAssert.assertThat(r.calls().get(k).run()).finished().hasNoRtioErrors().channel("ttl0").hasEdges(2 * (k - 1));
        KernelRunAssert.assertThat(r.calls().get(5).run()).finished().channel("ttl0").hasEdges(2);
        assertEquals(8L, r.session().instance().attribute("total"));
    }

    @Test
    void coreBundleReturnsAHandleAndBundledTakesKernelsOnly() throws Exception {
        Ran r = run("""

                    def run(self):
                        b = self.core.bundle(self.pulses, self.short)
                        self.results.append(self.pulses(2))
                        self.short()
                        b.close()
                        self.results.append(self.pulses(1))
                        try:
                            bundled(self.analyze)
                        except TypeError as e:
                            self.results.append(str(e))
                """);
        assertEquals("results [2, 4, 'bundled() takes @kernel methods of the experiment (self.f, self.g), not <bound method analyze of Scan object>']\n",
                r.out());
        List<HostRun.Call.Kind> kinds = r.calls().stream().map(HostRun.Call::kind).toList();
        // After close(), pulses is an ordinary kernel again: compiled with the host's total (3) quoted.
        assertEquals(List.of(HostRun.Call.Kind.BUNDLE_LOADED, HostRun.Call.Kind.RESIDENT, HostRun.Call.Kind.RESIDENT,
                HostRun.Call.Kind.COMPILED), kinds);
        assertEquals(4L, r.session().instance().attribute("total"));
    }

    @Test
    void aKernelUsingWhatTheBundleLacksIsRefusedAtItsLine() throws Exception {
        CompileException e = assertThrows(CompileException.class, () -> run("""

                    def run(self):
                        with bundled(self.pulses):
                            self.other_ttl()
                """));
        assertTrue(e.getMessage().startsWith("scan.py:31:9: device self.ttl1 (ttl1) is not in bundle 'pulses'"), e.getMessage());
    }

    @Test
    void aKernelThatDoesNotFinishRaisesInTheHostCode() throws Exception {
        Ran r = run("""

                    def run(self):
                        try:
                            self.fails()
                        except RuntimeError as e:
                            self.results.append(str(e))
                        self.results.append(self.plain(1))
                        self.fails()
                """);
        assertTrue(r.out().isEmpty(), r.out());   // analyze() does not run after an uncaught error
        assertEquals(1, r.result().exitStatus());
        assertEquals(r.calls().get(2).run(), r.result().stoppedBy());
        assertTrue(r.result().hostError().contains("RuntimeError: kernel Scan.fails did not finish: "), r.result().hostError());
        assertEquals("['kernel Scan.fails did not finish: %s', 7]".formatted(r.calls().get(0).run().outcome().describe().lines().findFirst().orElseThrow()),
                r.session().instance().repr(r.session().instance().attribute("results")));
    }
}
