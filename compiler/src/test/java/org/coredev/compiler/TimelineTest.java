package org.coredev.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The timeline built-ins store the `now` CSR pair as the board expects (high word, then the low
 * word at now+8 on rv32g, now+4 on rv32ima): RTIO events land at the timestamps the program asks.
 */
class TimelineTest {
    private static final String PULSES = """
            t0 = rtio_get_counter() + 125000
            at_mu(t0)
            for i in range(3):
                rtio_output(3 << 8, 1)
                delay_mu(int64(1000))
                rtio_output(3 << 8, 0)
                delay_mu(int64(4000))
            at_mu(t0 + (int64(1) << 32) + 7)
            rtio_output(3 << 8, 1)
            print(now_mu() - t0)
            """;

    private static CoreDevice device(Target target, ByteArrayOutputStream out, byte[] elf) throws Exception {
        DeviceConfig b = DeviceDbFile.builtIn();
        DeviceConfig config = new DeviceConfig(b.source(), target.loaderTarget(),
                b.refPeriod(), b.channels(), b.loopbacks(), b.stimulusFiles(), b.rawDb());
        return new CoreDevice(config).withHost(new PrintingHost(new PrintStream(out, true), System.err, Compiler.rpcServices(elf)));
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void underflowRaisedByTheRuntimeIsCaughtInTheKernel(Target target) throws Exception {
        String program = """
                def late_pulse():
                    at_mu(rtio_get_counter() - 1000)
                    rtio_output(3 << 8, 1)
                    print("not reached")
                try:
                    late_pulse()
                except RTIOUnderflow:
                    print("underflow caught")
                at_mu(rtio_get_counter() + 125000)
                rtio_output(3 << 8, 1)
                print("recovered")
                """;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] elf = Compiler.compileProgram("late.py", program, target);
        KernelRun run = device(target, out, elf).run("late.py", elf);
        KernelRunAssert.assertThat(run).finished();
        assertEquals("underflow caught\nrecovered\n", out.toString());
        assertEquals(1, run.events("ttl3").size(), run.events("ttl3").toString());
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void pulsesLandAtTheProgrammedTimestamps(Target target) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] elf = Compiler.compileProgram("pulses.py", PULSES, target);
        CoreDevice device = device(target, out, elf);
        KernelRun run = device.run("pulses.py", elf);
        KernelRunAssert.assertThat(run).finished().hasNoRtioErrors().channel("ttl3").pulseWidthsAre(1000);
        List<RtioEvent> events = run.events("ttl3");
        assertEquals(7, events.size(), events.toString());
        long t0 = events.getFirst().timestampMu();
        for (int k = 0; k < 6; k++) assertEquals(t0 + (k / 2) * 5000L + (k % 2) * 1000L, events.get(k).timestampMu(), "event " + k);
        // A timestamp beyond 32 bits: the high word is stored too.
        assertEquals(t0 + (1L << 32) + 7, events.get(6).timestampMu());
        assertEquals(((1L << 32) + 7) + "\n", out.toString());
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void underflowIsCaughtAsAnException(Target target) throws Exception {
        String program = """
                try:
                    at_mu(rtio_get_counter() - 1000)
                    rtio_output(3 << 8, 1)
                except ZeroDivisionError:
                    print("wrong clause")
                except Exception as e:
                    print("caught", len(str(e)) > 0)
                """;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] elf = Compiler.compileProgram("late.py", program, target);
        KernelRun run = device(target, out, elf).run("late.py", elf);
        KernelRunAssert.assertThat(run).finished();
        assertEquals("caught True\n", out.toString());
    }
}
