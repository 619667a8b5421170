package org.coredev.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
 * {@code with interleave:} as ARTIQ's interleaver gives it: the threads' statements run in the
 * timeline's order (the earlier thread first on a tie), loops over constant ranges unrolled, and
 * what cannot be timed when compiling refused at its line.
 */
class InterleaveTimelineTest {
    private record Ran(KernelRun run, String printed) { }

    private static Ran run(String program, Target target) throws Exception {
        DeviceConfig b = DeviceDbFile.builtIn();
        DeviceConfig config = new DeviceConfig(b.source(), target.loaderTarget(), b.refPeriod(), b.channels(), b.loopbacks(),
                b.stimulusFiles(), b.rawDb());
        byte[] elf = Compiler.compileProgram("i.py", program, target, config.rawDb());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        KernelRun run = new CoreDevice(config)
                .withHost(new PrintingHost(new PrintStream(out, true), System.err, Compiler.rpcServices(elf))).run("i.py", elf);
        return new Ran(run, out.toString());
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void statementsRunInTimelineOrderAndTheBlockEndsAtTheLatestThread(Target target) throws Exception {
        Ran r = run("""
                def wait(n):
                    delay_mu(n)

                t0 = now_mu()
                with interleave:
                    with sequential:
                        print("A", now_mu() - t0)
                        delay_mu(3)
                        print("B", now_mu() - t0)
                    with sequential:
                        print("C", now_mu() - t0)
                        wait(2)
                        print("D", now_mu() - t0)
                        delay(2 * ns)
                        print("E", now_mu() - t0)
                    for i in range(3):
                        delay_mu(2)
                        print("loop", i, now_mu() - t0)
                print("end", now_mu() - t0)
                """, target);
        KernelRunAssert.assertThat(r.run()).finished();
        // Ties go to the earlier thread: D (2) before loop 0 (2), B (3), then E (4) before loop 1 (4).
        assertEquals("A 0\nC 0\nD 2\nloop 0 2\nB 3\nE 4\nloop 1 4\nloop 2 6\nend 6\n", r.printed());
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void devicePulsesOfTwoThreadsAreSubmittedInTimestampOrder(Target target) throws Exception {
        Ran r = run("""
                core.break_realtime()
                delay(1 * ms)
                with interleave:
                    for k in range(3):
                        ttl3.pulse(300 * ns)
                        delay(700 * ns)
                    with sequential:
                        delay(500 * ns)
                        ttl4.pulse(1 * us)
                """, target);
        KernelRunAssert.assertThat(r.run()).finished().hasNoRtioErrors();
        List<String> order = new ArrayList<>();
        long t0 = r.run().events("ttl3").getFirst().timestampMu();
        for (String device : List.of("ttl3", "ttl4"))
            for (RtioEvent e : r.run().events(device)) order.add(device + "@" + (e.timestampMu() - t0) + ":" + e.data());
        assertEquals(List.of("ttl3@0:1", "ttl3@300:0", "ttl3@1000:1", "ttl3@1300:0", "ttl3@2000:1", "ttl3@2300:0",
                "ttl4@500:1", "ttl4@1500:0"), order);
    }

    @Test
    void whatCannotBeTimedWhenCompilingIsRefusedAtItsLine() {
        CompileException runtime = assertThrows(CompileException.class, () -> Compiler.compileProgram("i.py", """
                def f(n):
                    with interleave:
                        delay_mu(n)
                        delay_mu(2)
                f(3)
                """, Target.RV32G));
        assertEquals("i.py:3:9: cannot interleave this statement: how long it takes is not known when compiling "
                + "(delays of constants, calls of functions with such delays and loops over constant ranges are)", runtime.getMessage());
        CompileException leaving = assertThrows(CompileException.class, () -> Compiler.compileProgram("i.py", """
                while True:
                    with interleave:
                        break
                        delay_mu(1)
                """, Target.RV32G));
        assertEquals("i.py:3:9: this 'break' statement transfers control out of the 'with interleave:' statement; "
                + "it cannot be interleaved", leaving.getMessage());
        CompileException at = assertThrows(CompileException.class, () -> Compiler.compileProgram("i.py", """
                with interleave:
                    at_mu(now_mu() + 5)
                """, Target.RV32G));
        assertEquals("i.py:2:5: cannot interleave this statement: how long it takes is not known when compiling "
                + "(delays of constants, calls of functions with such delays and loops over constant ranges are)", at.getMessage());
    }
}
