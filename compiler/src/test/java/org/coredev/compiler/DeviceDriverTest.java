package org.coredev.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.coredev.emu.device.CoreDevice;
import org.coredev.emu.device.DeviceConfig;
import org.coredev.emu.device.DeviceDbFile;
import org.coredev.emu.device.KernelRun;
import org.coredev.emu.device.KernelRunAssert;
import org.coredev.rtio.trace.RtioEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Devices of the device database, used as ARTIQ kernels use them: led0.pulse_mu(), core.break_realtime(). */
class DeviceDriverTest {
    private static DeviceConfig config(Target target) throws Exception {
        DeviceConfig b = DeviceDbFile.builtIn();
        return new DeviceConfig(b.source(), target.loaderTarget(),
                b.refPeriod(), b.channels(), b.loopbacks(), b.stimulusFiles(), b.rawDb());
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void blinkThroughAnAliasedTtlPulsesAsTheCExampleDoes(Target target) throws Exception {
        String program = """
                core.break_realtime()
                for i in range(4):
                    led0.pulse_mu(250000)
                    delay_mu(250000)
                """;
        DeviceConfig config = config(target);
        byte[] elf = Compiler.compileProgram("blink.py", program, target, config.rawDb());
        KernelRun run = new CoreDevice(config).run("blink.py", elf);
        KernelRunAssert.assertThat(run).finished().hasNoRtioErrors().channel("led0").hasEdges(8).pulseWidthsAre(250_000);
        List<RtioEvent> events = run.events("ttl3");   // led0 is an alias of ttl3
        assertEquals(8, events.size());
        assertTrue(events.getFirst().timestampMu() >= 125_000, events.toString());
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void setOAndTtlInOutOutputEnable(Target target) throws Exception {
        String program = """
                core.break_realtime()
                ttl0.output()
                delay_mu(int64(100))
                ttl_out.set_o(True)
                ttl0.on()
                delay_mu(int64(800))
                ttl_out.set_o(False)
                ttl0.off()
                """;
        DeviceConfig config = config(target);
        byte[] elf = Compiler.compileProgram("seto.py", program, target, config.rawDb());
        KernelRun run = new CoreDevice(config).run("seto.py", elf);
        KernelRunAssert.assertThat(run).finished().hasNoRtioErrors().channel("ttl_out").hasEdges(2).pulseWidthsAre(800);
        List<RtioEvent> ttl0 = run.events("ttl0");
        assertEquals(3, ttl0.size(), ttl0.toString());   // output enable, on, off
        assertEquals(1, ttl0.getFirst().address());     // target_oe = channel << 8 | 1
        assertEquals(100, ttl0.get(1).timestampMu() - ttl0.getFirst().timestampMu());
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void resetPutsTheCursorAheadAndWaitUntilMuWaitsForTheCounter(Target target) throws Exception {
        String program = """
                core.reset()
                t0 = now_mu()
                ahead = t0 - core.get_rtio_counter_mu()
                print(ahead > 0, ahead <= 125000)
                led0.pulse_mu(1000)
                at_mu(t0 + 5000)
                led0.pulse_mu(1000)
                core.wait_until_mu(now_mu())
                print(core.get_rtio_counter_mu() >= now_mu(), now_mu() - t0)
                """;
        DeviceConfig config = config(target);
        byte[] elf = Compiler.compileProgram("reset.py", program, target, config.rawDb());
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        KernelRun run = new CoreDevice(config).withHost(new org.coredev.emu.runtime.rpc.PrintingHost(new java.io.PrintStream(out, true),
                System.err, Compiler.rpcServices(elf))).run("reset.py", elf);
        KernelRunAssert.assertThat(run).finished().hasNoRtioErrors().channel("led0").hasEdges(4).pulseWidthsAre(1000);
        assertEquals("True True\nTrue 6000\n", out.toString());
        List<RtioEvent> events = run.events("ttl3");
        assertEquals(5000, events.get(2).timestampMu() - events.getFirst().timestampMu());
    }

    @Test
    void aNameTheProgramAssignsIsNotTheDevice() {
        CompileException e = assertThrows(CompileException.class, () -> Compiler.compileProgram("s.py",
                "led0 = 5\nled0.on()\n", Target.RV32G, Map.of("led0", Map.of("type", "local",
                        "module", "artiq.coredevice.ttl", "class", "TTLOut", "arguments", Map.of("channel", 3L)))));
        assertTrue(e.getMessage().startsWith("s.py:2:"), e.getMessage());
    }

    @Test
    void unknownMethodNamesTheDeviceAndTheSupportedOnes() throws Exception {
        CompileException e = assertThrows(CompileException.class, () -> Compiler.compileProgram("m.py",
                "ttl3.toggle()\n", Target.RV32G, DeviceDbFile.builtIn().rawDb()));
        assertEquals("m.py:1:1: TTLOut 'ttl3' has no kernel method 'toggle' (supported: off, on, output, pulse, pulse_mu, set_o)", e.getMessage());
    }

    @Test
    void aTypeErrorInsideADriverNamesTheDriverNotALineOfTheUsersFile() throws Exception {
        // pulse_mu's delay_mu needs an int64; a list element of int32 reaches it.
        CompileException e = assertThrows(CompileException.class, () -> Compiler.compileProgram("w.py",
                "ws = [int32(100), int32(200)]\nttl3.pulse_mu(ws[0])\n", Target.RV32G, DeviceDbFile.builtIn().rawDb()));
        assertTrue(e.getMessage().startsWith("drivers.py:") && e.getMessage().contains("int64 vs int32")
                && e.getMessage().endsWith("(in coredev's driver of TTL.pulse_mu, called from w.py)"), e.getMessage());
    }

    @Test
    void deviceUsedAsAValueIsRefused() throws Exception {
        CompileException e = assertThrows(CompileException.class, () -> Compiler.compileProgram("v.py",
                "x = ttl0\n", Target.RV32G, DeviceDbFile.builtIn().rawDb()));
        assertTrue(e.getMessage().startsWith("v.py:1:5: device 'ttl0' (TTLInOut) can only be used to call its methods"), e.getMessage());
    }

    @Test
    void withoutADeviceDatabaseADeviceNameIsUndefined() {
        CompileException e = assertThrows(CompileException.class, () -> Compiler.compileProgram("u.py",
                "ttl0.on()\n", Target.RV32G));
        assertTrue(e.getMessage().startsWith("u.py:1:1:"), e.getMessage());
    }
}
