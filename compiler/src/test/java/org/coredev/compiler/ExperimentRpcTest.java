package org.coredev.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.coredev.emu.device.CoreDevice;
import org.coredev.emu.device.DeviceConfig;
import org.coredev.emu.device.DeviceDbFile;
import org.coredev.emu.device.KernelOutcome;
import org.coredev.emu.device.KernelRun;
import org.coredev.emu.device.KernelRunAssert;
import org.coredev.rtio.trace.RtioEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * RPCs from an experiment's kernel to its host methods (on the instance build() created) and
 * attribute writeback after the kernel, through CoreDevice with the built-in device database.
 */
class ExperimentRpcTest {
    private static DeviceConfig config(Target target) throws Exception {
        DeviceConfig b = DeviceDbFile.builtIn();
        return new DeviceConfig(b.source(), target.loaderTarget(),
                b.refPeriod(), b.channels(), b.loopbacks(), b.stimulusFiles(), b.rawDb());
    }

    private record Ran(KernelRun run, CompiledExperiment experiment, String printed, String hostPrinted) {
        String repr(String attribute) { return experiment.instance().repr(experiment.instance().attribute(attribute)); }
    }

    private static Ran run(String source, Target target) throws Exception {
        DeviceConfig config = config(target);
        StringBuilder host = new StringBuilder();
        CompiledExperiment compiled = Compiler.compileExperimentForRun("exp.py", source, target, config.rawDb(), host::append);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true);
        KernelRun run = new CoreDevice(config).withHost(compiled.host(ps, ps)).run("exp.py", compiled.image());
        return new Ran(run, compiled, out.toString(), host.toString());
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void kernelsSetAppendAndMutateDatasetsAsAsyncRpcs(Target target) throws Exception {
        Ran r = run("""
                from artiq.experiment import *

                class Scan(EnvExperiment):
                    def build(self):
                        self.setattr_device("core")

                    @kernel
                    def run(self):
                        self.set_dataset("counts", [0, 0, 0], broadcast=True)
                        self.set_dataset("last", 1.5, archive=False)
                        for i in range(3):
                            self.mutate_dataset("counts", i, 10 * i)
                        self.set_dataset("seen", [0])
                        self.append_to_dataset("seen", 7)
                """, target);
        KernelRunAssert.assertThat(r.run()).finished();
        assertEquals("{'counts': [0, 10, 20], 'last': 1.5, 'seen': [0, 7]}", r.repr("__coredev_datasets__"));
        assertEquals("[0, 10, 20]", r.experiment().instance().repr(r.experiment().instance().interpreter().callFromHost(
                r.experiment().instance().attribute("get_dataset"), List.of("counts"), java.util.Map.of())));
        assertEquals("{2=set_dataset, 3=mutate_dataset, 4=append_to_dataset}", Compiler.rpcServices(r.experiment().image()).toString());
        CompileException other = assertThrows(CompileException.class, () -> run("""
                from artiq.experiment import *

                class Scan(EnvExperiment):
                    def build(self):
                        self.setattr_device("core")

                    @kernel
                    def run(self):
                        self.set_dataset("x", 1, colour=2)
                """, target));
        assertTrue(other.getMessage().startsWith("exp.py:9:34: keyword arguments of RPCs are not supported yet"), other.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void rpcsReturnStringsAndListsIntoStackTheKernelAllocates(Target target) throws Exception {
        Ran r = run("""
                from artiq.experiment import *

                class Ret(EnvExperiment):
                    def build(self):
                        self.setattr_device("core")
                        self.setattr_device("ttl0")

                    def label(self, n) -> TStr:
                        return "scan-" + str(n)

                    def widths(self, n) -> TList(TInt64):
                        return [100 * (k + 1) for k in range(n)]

                    def gains(self) -> TList(TFloat):
                        return [0.5, 1.25]

                    def empty(self) -> TStr:
                        return ""

                    def flags(self) -> TList(TBool):
                        return [True, False, True]

                    def fit(self, n) -> TTuple([TBool, TInt64, TInt32, TFloat]):
                        return (n > 1, 1 << (32 + n), -n, n / 4)

                    @kernel
                    def run(self):
                        for i in range(3):
                            s = self.label(i)
                            print(s, s == "scan-1")
                        ws = self.widths(4)
                        g = self.gains()
                        print(ws, len(ws), g[0] + g[1], self.empty() == "", self.flags())
                        ok, big, neg, q = self.fit(3)
                        print(ok, big, neg, q, self.fit(1))
                        self.core.break_realtime()
                        for w in ws:
                            self.ttl0.pulse_mu(w)
                            delay_mu(1000)
                """, target);
        KernelRunAssert.assertThat(r.run()).finished().channel("ttl0").hasEdges(8);
        List<RtioEvent> edges = r.run().events("ttl0");
        List<Long> widths = new ArrayList<>();
        for (int k = 0; k < edges.size(); k += 2) widths.add(edges.get(k + 1).timestampMu() - edges.get(k).timestampMu());
        assertEquals(List.of(100L, 200L, 300L, 400L), widths);   // the list the host returned
        assertEquals("scan-0 False\nscan-1 True\nscan-2 False\n[100, 200, 300, 400] 4 1.75 True [True, False, True]\n"
                + "True 34359738368 -3 0.75 (False, 8589934592, -1, 0.25)\n", r.printed());
    }

    /** Values returned in a loop keep their own storage: the previous iteration's str, list and tuple are unchanged. */
    @ParameterizedTest
    @EnumSource(Target.class)
    void rpcResultsKeptFromAnEarlierIterationKeepTheirValues(Target target) throws Exception {
        Ran r = run("""
                from artiq.experiment import *

                class Keep(EnvExperiment):
                    def build(self):
                        self.setattr_device("core")

                    def label(self, n) -> TStr:
                        return "run" + str(n)

                    def point(self, n) -> TList(TInt32):
                        return [n, n * n]

                    def entry(self, n) -> TTuple([TStr, TInt32, TStr]):
                        return ("name" + str(n), n * 10, "x" * n)

                    @kernel
                    def run(self):
                        prev_s = self.label(9)
                        prev_p = self.point(9)
                        prev_e = self.entry(9)
                        for i in range(3):
                            s = self.label(i)
                            p = self.point(i)
                            e = self.entry(i)
                            print(prev_s, s, prev_p[1], p[1], prev_e[0], e[0], e[1], e[2])
                            prev_s = s
                            prev_p = p
                            prev_e = e
                """, target);
        KernelRunAssert.assertThat(r.run()).finished();
        assertEquals("run9 run0 81 0 name9 name0 0 \nrun0 run1 0 1 name0 name1 10 x\nrun1 run2 1 4 name1 name2 20 xx\n", r.printed());
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void aHostExceptionUnwindsThroughAFrameThatMovedItsStack(Target target) throws Exception {
        // label() grows the stack of next(); boom() raises in a later rpc_recv of the same frame.
        Ran r = run("""
                from artiq.experiment import *

                class Ret(EnvExperiment):
                    def build(self):
                        self.setattr_device("core")

                    def label(self, n) -> TStr:
                        return "x" * n

                    def boom(self) -> TStr:
                        raise ValueError("no label")

                    @kernel
                    def next(self, n):
                        a = self.label(n)
                        b = self.boom()
                        return len(a) + len(b)

                    @kernel
                    def run(self):
                        total = 0
                        for i in range(3):
                            try:
                                total += self.next(100 * (i + 1))
                            except ValueError:
                                total += 1
                        print(total, self.label(5))
                """, target);
        KernelRunAssert.assertThat(r.run()).finished();
        assertEquals("3 xxxxx\n", r.printed());
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void anRpcReturningATupleHoldingAListIsRefusedAtItsAnnotation(Target target) {
        CompileException e = assertThrows(CompileException.class, () -> run("""
                from artiq.experiment import *

                class Ret(EnvExperiment):
                    def build(self):
                        self.setattr_device("core")

                    def names(self) -> TTuple([TInt32, TList(TInt32)]):
                        return (1, [2])

                    @kernel
                    def run(self):
                        print(self.names())
                """, target));
        assertTrue(e.getMessage().contains(":7:") && e.getMessage().contains("TList of any of those but TNone, or TTuple of TInt32, TInt64, TFloat, TBool and TStr"), e.getMessage());
    }

    /** An RPC's str lives in the frame of the kernel function that called it: it may not be returned from it. */
    @Test
    void aKernelFunctionCannotReturnTheStrAnRpcGaveIt() {
        CompileException e = assertThrows(CompileException.class, () -> run("""
                from artiq.experiment import *

                class Ret(EnvExperiment):
                    def build(self):
                        self.setattr_device("core")

                    def name(self) -> TStr:
                        return "ion"

                    @kernel
                    def get(self):
                        s = self.name()
                        return s

                    @kernel
                    def run(self):
                        print(self.get(), self.name() + "!")
                """, Target.RV32G));
        assertEquals("exp.py:13:16: a str built in Ret.get() cannot be returned: its bytes live in that function's "
                + "frame, gone when it returns", e.getMessage());
    }

    /** Lists of strs, lists and tuples come back as the board's runtime writes them and read as the kernel's own. */
    @ParameterizedTest
    @EnumSource(Target.class)
    void rpcsReturnListsOfStringsListsAndTuples(Target target) throws Exception {
        Ran r = run("""
                from artiq.experiment import *

                class Ret(EnvExperiment):
                    def build(self):
                        self.setattr_device("core")

                    def names(self, n) -> TList(TStr):
                        return ["ch" + str(k) for k in range(n)] + [""]

                    def grid(self, n) -> TList(TList(TInt64)):
                        return [[10 * r + c for c in range(r)] for r in range(n)]

                    def pulses(self) -> TList(TTuple([TBool, TFloat, TStr, TInt64])):
                        return [(True, 0.5, "ttl0", 1 << 40), (False, -1.0, "", -2)]

                    def nested(self) -> TList(TList(TTuple([TInt32, TBool]))):
                        return [[(1, True)], [], [(2, False), (3, True)]]

                    @kernel
                    def run(self):
                        kept = self.grid(2)
                        for i in range(2):
                            g = self.grid(3 + i)
                            print(self.names(i + 1), g, len(g[2]), g[2][1] + 1)
                        print(kept, self.pulses(), self.nested())
                        ps = self.pulses()
                        on, t, name, mu = ps[0]
                        print(on, t * 2, name == "ttl0", mu + 1, ps[1][2] == "", self.nested()[2][1][0])
                """, target);
        KernelRunAssert.assertThat(r.run()).finished();
        assertEquals("['ch0', ''] [[], [10], [20, 21]] 2 22\n"
                + "['ch0', 'ch1', ''] [[], [10], [20, 21], [30, 31, 32]] 2 22\n"
                + "[[], [10]] [(True, 0.5, 'ttl0', 1099511627776), (False, -1.0, '', -2)] [[(1, True)], [], [(2, False), (3, True)]]\n"
                + "True 1.0 True 1099511627777 True 3\n", r.printed());
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void asyncRpcsFromAKernelLoopAppendToAHostList(Target target) throws Exception {
        Ran r = run("""
                from artiq.experiment import *

                class Report(EnvExperiment):
                    def build(self):
                        self.setattr_device("core")
                        self.seen = []

                    @rpc(flags={"async"})
                    def report(self, i, t, xs):
                        self.seen.append((i, t, xs))

                    @kernel
                    def run(self):
                        for i in range(4):
                            self.report(i, i * 0.5, [i, i + 1, -i])
                """, target);
        KernelRunAssert.assertThat(r.run()).finished();
        assertEquals("[(0, 0.0, [0, 1, 0]), (1, 0.5, [1, 2, -1]), (2, 1.0, [2, 3, -2]), (3, 1.5, [3, 4, -3])]", r.repr("seen"));
        assertEquals("{2=report}", Compiler.rpcServices(r.experiment().image()).toString());
    }

    /** The host reads lists of lists and of tuples as the board lays them out (rpc_proto.rs send_value). */
    @ParameterizedTest
    @EnumSource(Target.class)
    void listsOfListsAndTuplesReachTheHostWhole(Target target) throws Exception {
        Ran r = run("""
                from artiq.experiment import *

                class Scan(EnvExperiment):
                    def build(self):
                        self.setattr_device("core")
                        self.seen = []

                    @rpc(flags={"async"})
                    def record(self, grid, pulses):
                        self.seen.append((grid, pulses))

                    def total(self, rows) -> TInt32:
                        s = 0
                        for row in rows:
                            for x in row:
                                s += x
                        return s

                    @kernel
                    def run(self):
                        grid = [[1, 2], [3, 4, 5], [6]]
                        for i in range(2):
                            grid[0][1] = 10 * i
                            self.record(grid, [(i, 0.5 * i, "ttl"), (-i, -0.25, "")])
                        print(self.total([[7, 8], [], [9]]), self.total(grid))
                """, target);
        KernelRunAssert.assertThat(r.run()).finished();
        assertEquals("[([[1, 0], [3, 4, 5], [6]], [(0, 0.0, 'ttl'), (0, -0.25, '')]), "
                + "([[1, 10], [3, 4, 5], [6]], [(1, 0.5, 'ttl'), (-1, -0.25, '')])]", r.repr("seen"));
        assertEquals("24 29\n", r.printed());
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void synchronousRpcDecidesHowManyPulsesTheKernelEmits(Target target) throws Exception {
        Ran r = run("""
                from artiq.experiment import *

                class Pulses(EnvExperiment):
                    def build(self):
                        self.setattr_device("core")
                        self.setattr_device("led0")
                        self.asked = 0

                    def get_count(self, base) -> TInt32:
                        self.asked += 1
                        return base * 2 + 1

                    def get_period(self) -> TInt64:
                        return 2000

                    @kernel
                    def run(self):
                        n = self.get_count(2)
                        period = self.get_period()
                        self.core.break_realtime()   # after the RPCs: each takes about 3 ms
                        for i in range(n):
                            self.led0.pulse_mu(period // 2)
                            delay_mu(period // 2)
                        print("pulses", n)
                """, target);
        KernelRunAssert.assertThat(r.run()).finished().hasNoRtioErrors();
        List<RtioEvent> led = r.run().events("led0");
        long t0 = led.getFirst().timestampMu();
        List<String> edges = new ArrayList<>();
        for (RtioEvent e : led) edges.add((e.timestampMu() - t0) + ":" + e.data());
        assertEquals(List.of("0:1", "1000:0", "2000:1", "3000:0", "4000:1", "5000:0", "6000:1", "7000:0", "8000:1", "9000:0"), edges);
        assertEquals("pulses 5\n", r.printed());
        assertEquals("1", r.repr("asked"));
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void hostMethodRaisingIsAnExceptionInTheKernel(Target target) throws Exception {
        String source = """
                from artiq.experiment import *

                class Faulty(EnvExperiment):
                    def build(self):
                        self.setattr_device("core")

                    def check(self, x) -> TInt32:
                        if x > 2:
                            raise ValueError("x too large")
                        return x

                    @kernel
                    def run(self):
                        total = 0
                        try:
                            total += self.check(5)
                        except ValueError:
                            print("caught")
                        print(self.check(1))
                        self.check(3)
                        print("not reached")
                """;
        Ran r = run(source, target);
        KernelOutcome.Uncaught u = assertInstanceOf(KernelOutcome.Uncaught.class, r.run().outcome(), r.run().outcome().describe());
        assertEquals("ValueError", u.name());
        assertEquals("x too large", u.message());
        assertEquals("caught\n1\n", r.printed());
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void attributesTheKernelAssignsAreWrittenBackToTheHostInstance(Target target) throws Exception {
        Ran r = run("""
                from artiq.experiment import *

                class Writeback(EnvExperiment):
                    def build(self):
                        self.setattr_device("core")
                        self.result = 0
                        self.mean = 0.0
                        self.samples = [0, 0, 0]
                        self.untouched = 7

                    @kernel
                    def run(self):
                        total = 0
                        for i in range(10):
                            total += i * self.untouched
                        self.result = total
                        self.mean = total / 10
                        self.samples[1] = 42

                    def analyze(self):
                        return "%d %.1f %s" % (self.result, self.mean, self.samples)
                """, target);
        KernelRunAssert.assertThat(r.run()).finished();
        assertEquals("315", r.repr("result"));
        assertEquals("31.5", r.repr("mean"));
        assertEquals("7", r.repr("untouched"));
        assertEquals("'315 31.5 [0, 42, 0]'", r.experiment().instance().repr(r.experiment().instance().callMethod("analyze")));
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void exceptAsGivesTheMessageOfAHostExceptionAndOfAnRtioUnderflow(Target target) throws Exception {
        Ran r = run("""
                from artiq.experiment import *

                class Messages(EnvExperiment):
                    def build(self):
                        self.setattr_device("core")
                        self.setattr_device("led0")
                        self.messages = []

                    def check(self, x) -> TInt32:
                        raise ValueError("x is " + str(x))

                    def note(self, m):
                        self.messages.append(m)

                    @kernel
                    def run(self):
                        try:
                            self.check(5)
                        except ValueError as e:
                            self.note(str(e))
                        try:
                            at_mu(0)
                            self.led0.on()
                        except RTIOUnderflow as e:
                            print(e)
                """, target);
        KernelRunAssert.assertThat(r.run()).finished();
        assertEquals("['x is 5']", r.repr("messages"));
        // The runtime's message with its parameters filled in (channel, timestamp, slack).
        assertTrue(r.printed().matches("RTIO underflow at channel 0x0003:ttl3, 0 mu, slack -\\d+ mu\n"), r.printed());
    }

    @Test
    void programCallingTheInternalRpcBuiltinIsACompileError() {
        CompileException e = assertThrows(CompileException.class,
                () -> Compiler.compileProgram("p.py", "x = 2\n__coredev_rpc(x, 'f', True, 'n', 1)\n", Target.RV32G));
        assertTrue(e.getMessage().startsWith("p.py:2:1: __coredev_rpc is the compiler's own"), e.getMessage());
    }

    @Test
    void asyncRpcMustReturnNone() {
        CompileException e = assertThrows(CompileException.class, () -> Compiler.compileExperimentForRun("exp.py", """
                from artiq.experiment import *

                class Bad(EnvExperiment):
                    def build(self):
                        self.setattr_device("core")

                    @rpc(flags={"async"})
                    def f(self) -> TInt32:
                        return 1

                    @kernel
                    def run(self):
                        self.f()
                """, Target.RV32G, DeviceDbFile.builtIn().rawDb(), x -> { }));
        assertTrue(e.getMessage().startsWith("exp.py:8:5: async RPC f must return None"), e.getMessage());
    }
}
