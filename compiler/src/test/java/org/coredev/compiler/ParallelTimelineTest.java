package org.coredev.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
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
 * delay() in seconds (1 ns ref_period), TTL pulse() and ARTIQ's {@code with parallel:} /
 * {@code with sequential:}: every RTIO event lands at the timestamp ARTIQ's semantics give.
 */
class ParallelTimelineTest {
    private static DeviceConfig config(Target target) throws Exception {
        DeviceConfig b = DeviceDbFile.builtIn();
        return new DeviceConfig(b.source(), target.loaderTarget(),
                b.refPeriod(), b.channels(), b.loopbacks(), b.stimulusFiles(), b.rawDb());
    }

    private record Ran(KernelRun run, String printed) { }

    private static Ran run(String name, String program, Target target) throws Exception {
        DeviceConfig config = config(target);
        byte[] elf = Compiler.compileProgram(name, program, target, config.rawDb());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        KernelRun run = new CoreDevice(config)
                .withHost(new PrintingHost(new PrintStream(out, true), System.err, Compiler.rpcServices(elf))).run(name, elf);
        return new Ran(run, out.toString());
    }

    /** (timestamp relative to {@code t0}, data) of each event of a channel. */
    private static List<String> edges(KernelRun run, String device, long t0) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        for (RtioEvent e : run.events(device)) out.add((e.timestampMu() - t0) + ":" + e.data());
        return out;
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void parallelBranchesStartTogetherAndTheBlockEndsAtTheLatestBranch(Target target) throws Exception {
        String program = """
                core.break_realtime()
                delay(1 * ms)
                t0 = now_mu()
                rtio_output(1 << 8, 1)        # marks t0 on ttl1
                with parallel:
                    ttl3.pulse(2 * us)
                    with sequential:
                        delay(500 * ns)
                        ttl4.pulse(1 * us)
                        delay(250 * ns)
                        ttl_out.pulse(100 * ns)
                    ttl2.pulse_mu(int64(300))
                print(now_mu() - t0)
                delay(1 * us)
                with sequential:
                    ttl3.pulse(40 * ns)
                    delay(10 * ns)
                    ttl3.pulse(60 * ns)
                print(now_mu() - t0)
                """;
        Ran r = run("parallel.py", program, target);
        KernelRunAssert.assertThat(r.run()).finished().hasNoRtioErrors();
        long t0 = r.run().events("ttl1").getFirst().timestampMu();
        assertEquals(List.of("0:1", "2000:0", "3000:1", "3040:0", "3050:1", "3110:0"), edges(r.run(), "ttl3", t0));
        assertEquals(List.of("500:1", "1500:0"), edges(r.run(), "ttl4", t0));
        assertEquals(List.of("1750:1", "1850:0"), edges(r.run(), "ttl_out", t0));
        assertEquals(List.of("0:1", "300:0"), edges(r.run(), "ttl2", t0));
        assertEquals("2000\n3110\n", r.printed());
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void nestedParallelInsideSequentialInsideParallel(Target target) throws Exception {
        String program = """
                def train(n, period=1 * us):
                    for i in range(n):
                        ttl4.pulse(period / 2)
                        delay(period / 2)

                core.break_realtime()
                delay(1 * ms)
                t0 = now_mu()
                with parallel:
                    with sequential:
                        ttl3.pulse(100 * ns)
                        with parallel:
                            ttl2.pulse(200 * ns)
                            train(2, period=400 * ns)
                        ttl3.pulse(10 * ns)
                    ttl_out.pulse(5 * us)
                print(now_mu() - t0)
                """;
        Ran r = run("nested.py", program, target);
        KernelRunAssert.assertThat(r.run()).finished().hasNoRtioErrors();
        long t0 = r.run().events("ttl3").getFirst().timestampMu();
        // inner parallel starts at 100: ttl2 200 ns, the train 2 x 400 ns ends at 900; then ttl3 again.
        assertEquals(List.of("0:1", "100:0", "900:1", "910:0"), edges(r.run(), "ttl3", t0));
        assertEquals(List.of("100:1", "300:0"), edges(r.run(), "ttl2", t0));
        assertEquals(List.of("100:1", "300:0", "500:1", "700:0"), edges(r.run(), "ttl4", t0));
        assertEquals(List.of("0:1", "5000:0"), edges(r.run(), "ttl_out", t0));
        assertEquals("5000\n", r.printed());
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void delayRoundsToTheNearestMachineUnit(Target target) throws Exception {
        String program = """
                core.break_realtime()
                delay(1 * ms)
                t0 = now_mu()
                ttl2.on()              # marks t0
                delay(1e-6)            # 999.9999999999999 mu before rounding
                ttl3.on()
                delay(core.mu_to_seconds(core.seconds_to_mu(2.6e-9)))   # 2 mu (floor), back to 2 ns
                ttl4.on()
                print(now_mu() - t0)
                """;
        Ran r = run("round.py", program, target);
        KernelRunAssert.assertThat(r.run()).finished().hasNoRtioErrors();
        long t0 = r.run().events("ttl2").getFirst().timestampMu();
        assertEquals(List.of("1000:1"), edges(r.run(), "ttl3", t0));
        assertEquals(List.of("1002:1"), edges(r.run(), "ttl4", t0));
        assertEquals("1002\n", r.printed());
    }

    @Test
    void returnInsideParallelIsRefusedWithItsPosition() {
        CompileException e = assertThrows(CompileException.class, () -> Compiler.compileProgram("p.py", """
                def f():
                    with parallel:
                        delay_mu(int64(5))
                        return
                f()
                """, Target.RV32G));
        assertTrue(e.getMessage().startsWith("p.py:4:9: "), e.getMessage());
    }
}
