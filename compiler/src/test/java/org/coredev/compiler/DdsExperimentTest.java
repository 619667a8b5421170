package org.coredev.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.coredev.dds.DdsTimeline;
import org.coredev.emu.device.CoreDevice;
import org.coredev.emu.device.DeviceConfig;
import org.coredev.emu.device.DeviceDbFile;
import org.coredev.emu.device.KernelRun;
import org.coredev.emu.device.KernelRunAssert;
import org.coredev.emu.runtime.rpc.PrintingHost;
import org.coredev.rtio.trace.RtioEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Urukul / AD9910, SPIMaster and TTLClockGen drivers of drivers.py against the emulated core
 * device's DDS and RTIO models, with the built-in device database: what the chips output after
 * ARTIQ's init / set / sw.on() sequence, and the RTIO events of the SPI and clock generator drivers.
 */
class DdsExperimentTest {
    private static DeviceConfig withTarget(DeviceConfig b, Target target) {
        return new DeviceConfig(b.source(), target.loaderTarget(),
                b.refPeriod(), b.channels(), b.loopbacks(), b.stimulusFiles(), b.rawDb());
    }

    private record Ran(CoreDevice device, KernelRun run, String printed) { }

    private static Ran runExperiment(String name, String source, DeviceConfig config, Target target) throws Exception {
        byte[] elf = Compiler.compileExperiment(name, source, target, config.rawDb(), s -> { });
        return run(name, elf, config);
    }

    private static Ran run(String name, byte[] elf, DeviceConfig config) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CoreDevice device = new CoreDevice(config).withHost(new PrintingHost(new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err, Compiler.rpcServices(elf)));
        KernelRun run = device.run(name, elf);
        return new Ran(device, run, out.toString(StandardCharsets.UTF_8));
    }

    private static final String DDS = """
            from artiq.experiment import *


            class Dds(EnvExperiment):
                def build(self):
                    self.setattr_device("core")
                    self.setattr_device("urukul0_cpld")
                    self.setattr_device("urukul0_ch0")

                @kernel
                def run(self):
                    self.core.break_realtime()
                    self.urukul0_cpld.init()
                    self.urukul0_ch0.init()
                    self.urukul0_ch0.set(100*MHz, amplitude=0.5)
                    self.urukul0_ch0.sw.on()
            """;

    @ParameterizedTest
    @EnumSource(Target.class)
    void initSetAndSwitchOnGive100MHzAtHalfAmplitudeFromTheIoUpdate(Target target) throws Exception {
        Ran r = runExperiment("dds.py", DDS, withTarget(DeviceDbFile.builtIn(), target), target);
        KernelRunAssert.assertThat(r.run()).finished().hasNoRtioErrors();
        assertEquals(List.of(), r.device().dds().issues().all());

        List<RtioEvent> ioUpdate = r.run().events("ttl_urukul0_io_update");
        RtioEvent lastRise = ioUpdate.stream().filter(e -> e.data() == 1).reduce((a, b) -> b).orElseThrow();
        DdsTimeline timeline = r.device().dds().timeline();
        long ftw = Math.round(100e6 * Math.pow(2, 32) / 1e9);
        DdsTimeline.Entry before = timeline.stateAt("urukul0_ch0", lastRise.timestampMu() - 1);
        assertTrue(before == null || before.ftw() != ftw, String.valueOf(before));
        DdsTimeline.Entry set = timeline.stateAt("urukul0_ch0", lastRise.timestampMu());
        assertEquals(ftw, set.ftw());
        assertEquals(1e9, set.sysclkHz(), 1e-3);                    // 125 MHz / 4 * pll_n 32
        assertEquals(100e6, set.frequencyHz(), 0.5);
        assertEquals(0.5, set.amplitude(), 1.0 / 0x3fff);           // ASF round(0.5 * 0x3fff)
        assertEquals(0.0, set.offsetTurns(), 0.0);

        RtioEvent swOn = r.run().events("ttl_urukul0_sw0").getLast();
        assertEquals(1, swOn.data());
        assertTrue(swOn.timestampMu() >= lastRise.timestampMu() + 8, swOn + " after " + lastRise);
        DdsTimeline.Entry on = timeline.last("urukul0_ch0");
        assertTrue(on.rfSwitch(), on.toString());
        assertEquals(ftw, on.ftw());
        assertEquals(swOn.timestampMu(), on.timeMu());
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void setTakesArtiqsFullArgumentListThroughStackArguments(Target target) throws Exception {
        String source = DDS.replace("self.urukul0_ch0.set(100*MHz, amplitude=0.5)",
                "print(self.urukul0_ch0.set(100*MHz, 0.25, 0.5, 0, now_mu(), 7))");
        Ran r = runExperiment("dds_full.py", source, withTarget(DeviceDbFile.builtIn(), target), target);
        KernelRunAssert.assertThat(r.run()).finished().hasNoRtioErrors();
        assertEquals("0.25\n", r.printed());                         // pow_to_turns of set_mu's POW
        DdsTimeline.Entry set = r.device().dds().timeline().last("urukul0_ch0");
        assertEquals(100e6, set.frequencyHz(), 0.5);
        assertEquals(0.5, set.amplitude(), 1.0 / 0x3fff);
        assertEquals(0.25, set.offsetTurns(), 1e-9);
    }

    @Test
    void staReadWritesTheConfigAndDataWordsWithSpi2Timing() throws Exception {
        DeviceConfig config = DeviceDbFile.builtIn();
        String program = """
                core.break_realtime()
                sta = urukul0_cpld.sta_read()
                print((sta >> 16) & 0x7f)
                """;
        Ran r = run("sta.py", Compiler.compileProgram("sta.py", program, Target.RV32G, config.rawDb()), config);
        KernelRunAssert.assertThat(r.run()).finished().hasNoRtioErrors();
        assertEquals("9\n", r.printed());   // STA PROTO_REV of the rev 9 CPLD, read back through SPI input
        List<RtioEvent> input = r.run().events("spi_urukul0").stream().filter(e -> e.kind() == RtioEvent.Kind.INPUT).toList();
        assertEquals(1, input.size(), input.toString());
        assertEquals(9, (input.getFirst().data() >> 16) & 0x7f);
        List<RtioEvent> spi = r.run().events("spi_urukul0").stream().filter(e -> e.kind() == RtioEvent.Kind.OUTPUT).toList();
        assertEquals(4, spi.size(), spi.toString());
        // config (address 1): SPI_CS_POLARITY, 24 bits, div 2, CS_CFG; then SPI_END | SPI_INPUT, 28 bits, div 16
        assertEquals(List.of(1, 0, 1, 0), spi.stream().map(RtioEvent::address).toList());
        assertEquals(0x08 | (23 << 8) | (0 << 16) | (1 << 24), spi.get(0).data());
        assertEquals(0x08 | 0x02 | 0x04 | (27 << 8) | (14 << 16) | (1 << 24), spi.get(2).data());
        long t0 = spi.get(0).timestampMu();
        assertEquals(8, spi.get(1).timestampMu() - t0);                             // set_config_mu: one coarse cycle
        assertEquals(8 + ((24 + 1) * 2 + 1) * 8, spi.get(2).timestampMu() - t0);    // write: ((length + 1) * div + 1) cycles
        long cfg = (0xfffL << 8) | (1L << 44) | (0b1111L << 47);                    // clk_sel 2, ATT_EN, profiles 7
        assertEquals(((cfg >> 28) & 0xffffff) << 8, spi.get(1).data() & 0xffff_ffffL);
        assertEquals((cfg & 0xfffffff) << 4, spi.get(3).data() & 0xffff_ffffL);
    }

    @Test
    void clockGeneratorFrequencyChangesAreRtioWrites(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("device_db.py");
        Files.writeString(db, DeviceDbFile.builtInSource() + """

                device_db["clkgen0"] = {"type": "local", "module": "artiq.coredevice.ttl", "class": "TTLClockGen",
                                        "arguments": {"channel": 13}}
                """);
        DeviceConfig config = DeviceDbFile.load(db);
        String program = """
                core.break_realtime()
                clkgen0.set(1 * MHz)
                delay(10 * us)
                clkgen0.set_mu(0x200000)
                delay(10 * us)
                clkgen0.stop()
                """;
        Ran r = run("clk.py", Compiler.compileProgram("clk.py", program, Target.RV32G, config.rawDb()), config);
        KernelRunAssert.assertThat(r.run()).finished().hasNoRtioErrors();
        List<RtioEvent> clk = r.run().events("clkgen0");
        // ftw = round(2**24 * f * coarse_ref_period) (ttl.py TTLClockGen.frequency_to_ftw)
        assertEquals(List.of(Math.round(Math.pow(2, 24) * 1e6 * 8e-9), 0x200000L, 0L), clk.stream().map(RtioEvent::data).toList());
        assertEquals(10_000, clk.get(1).timestampMu() - clk.get(0).timestampMu());
        assertEquals(10_000, clk.get(2).timestampMu() - clk.get(1).timestampMu());
    }

    @Test
    void attenuatorAndCfgSwitchGoThroughTheCpld() throws Exception {
        DeviceConfig config = DeviceDbFile.builtIn();
        String program = """
                core.break_realtime()
                urukul0_cpld.init()
                urukul0_cpld.set_att(1, 10.0)
                urukul0_cpld.cfg_sw(2, True)
                """;
        Ran r = run("att.py", Compiler.compileProgram("att.py", program, Target.RV32G, config.rawDb()), config);
        KernelRunAssert.assertThat(r.run()).finished().hasNoRtioErrors();
        List<RtioEvent> spi = r.run().events("spi_urukul0").stream().filter(e -> e.kind() == RtioEvent.Kind.OUTPUT).toList();
        // set_all_att_mu: SPI_CS_POLARITY | SPI_END, 32 bits, div 6, CS_ATT, then the word with 255 - 80 at channel 1
        int att = spi.indexOf(spi.stream().filter(e -> e.address() == 1 && e.data() == (0x08 | 0x02 | (31 << 8) | (4 << 16) | (2 << 24)))
                .findFirst().orElseThrow());
        assertEquals(175L << 8, spi.get(att + 1).data());
        var cpld = r.device().dds().cplds().get("urukul0_cpld");
        assertEquals(10.0, cpld.attenuationDb(1), 1e-9);
        assertEquals(31.875, cpld.attenuationDb(0), 1e-9);   // att_reg 0 at start, as urukul.py's default
        assertEquals(0b0100, cpld.cfg() & 0xf);              // cfg_sw(2): RF_SW bit 2
        assertEquals(0L, cpld.cfg() & (1L << 43));           // IO_RST released after init
    }

    @Test
    void unknownDriverMethodNamesTheSupportedOnes() {
        CompileException e = assertThrows(CompileException.class, () -> Compiler.compileProgram("m.py",
                "urukul0_ch0.set_frequency(1.0)\n", Target.RV32G, DeviceDbFile.builtIn().rawDb()));
        assertTrue(e.getMessage().startsWith("m.py:1:"), e.getMessage());
        assertTrue(e.getMessage().contains("AD9910 'urukul0_ch0' has no kernel method 'set_frequency'"), e.getMessage());
        assertTrue(e.getMessage().contains("set_mu"), e.getMessage());
    }

    @Test
    void aDeviceOfADriverClassCannotBeAValue() {
        CompileException e = assertThrows(CompileException.class, () -> Compiler.compileProgram("v.py",
                "x = urukul0_cpld\n", Target.RV32G, DeviceDbFile.builtIn().rawDb()));
        assertTrue(e.getMessage().contains("device 'urukul0_cpld' (CPLD) can only be used to call its methods"), e.getMessage());
    }
}
