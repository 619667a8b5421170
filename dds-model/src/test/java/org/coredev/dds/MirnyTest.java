package org.coredev.dds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coredev.rtio.Channel;
import org.coredev.rtio.phy.SpiMaster;
import org.coredev.rtio.phy.SpiTransfer;
import org.coredev.rtio.phy.TtlOut;
import org.junit.jupiter.api.Test;

/** The Mirny CPLD and its ADF5356s fed the SPI words ARTIQ's mirny.py and adf5356.py send (cs=1). */
class MirnyTest {
    private final IssueLog issues = new IssueLog();
    private final DdsTimeline timeline = new DdsTimeline();
    private final Mirny mirny = new Mirny("mirny0_cpld", 100e6, 2, issues, timeline);
    private final Adf5356 pll = mirny.channel(0, "mirny0_ch0");
    private long now = 1000;

    private int transfer(int bits, int word, boolean end) {
        int miso = mirny.transfer(new SpiTransfer(0, now, now + 100, 1, bits, word >>> (32 - bits), SpiMaster.CS_POLARITY, end));
        now += 200;
        return miso;
    }

    private int readReg(int addr) {
        return transfer(24, addr << 25, true) & 0xffff;
    }

    private void writeReg(int addr, int data) {
        transfer(24, addr << 25 | 1 << 24 | (data & 0xffff) << 8, true);
    }

    private void writePll(int channel, int data) {   // mirny.py write_ext(channel | 4, 32, data)
        transfer(8, (channel | 4) << 25, false);
        transfer(32, data, true);
    }

    /** REFIN 100 MHz (the oscillator), R = 2: f_PFD 50 MHz; INT 100: VCO 5 GHz; RF divider 16: 312.5 MHz. */
    private void program() {
        writePll(0, 6 << 27 | 2 << 15 | 4);                      // REG4: MUXOUT digital lock detect, R = 2
        writePll(0, 4 << 21 | 1 << 6 | 3 << 4 | 6);              // REG6: divide by 16, output A on at +5 dBm
        writePll(0, 1 << 21 | 100 << 4);                         // REG0: autocal, INT = 100
    }

    @Test
    void register0ReadsTheBoardRevisionProtocolAndEachPllsMuxout() {
        int reg0 = readReg(0);
        assertEquals(Mirny.HW_REV, reg0 & 3, "a v1.1 board, which mirny.py supports");
        assertEquals(0, (reg0 >> 2) & 3, "PROTO_REV_MATCH");
        assertEquals(0, (reg0 >> 8) & 1, "an unprogrammed PLL's MUXOUT is three-state: low");
        program();
        assertEquals(1, (readReg(0) >> 8) & 1, "locked: MUXOUT (digital lock detect) high");
        writeReg(1, 1 << 4);                                     // CLK_SEL 1: no input
        assertEquals(0, (readReg(0) >> 8) & 1, "no reference: unlocked");
        assertEquals(1 << 4, readReg(1), "register 1 reads back");
        assertEquals(List.of(), issues.all());
    }

    @Test
    void theOutputFrequencyFollowsTheRegistersOnTheTimeline() {
        program();
        assertTrue(pll.locked(mirny.reference(), true));
        assertEquals(5e9, pll.vcoHz(mirny.reference()), 1e-3);
        assertEquals(312.5e6, pll.outputHz(mirny.reference(), true), 1e-3);
        DdsTimeline.Entry out = timeline.last("mirny0_ch0");
        assertEquals(312.5e6, out.frequencyHz(), 1e-3);
        assertEquals(1.0, out.amplitude());
        assertTrue(out.cause().contains("locked, +5 dBm"), out.cause());
        assertFalse(out.rfSwitch(), "the RF switch is open until register 2 or the TTL closes it");
        writeReg(2, 1);
        assertTrue(timeline.last("mirny0_ch0").rfSwitch());
        writeReg(1, 1);                                          // CE_N for PLL 0: powered down
        assertEquals(0.0, timeline.last("mirny0_ch0").amplitude());
    }

    @Test
    void fractionalWordsTakeEffectAtTheNextReg0Write() {
        program();
        writePll(0, 1 << 23 << 4 | 1);                          // REG1: FRAC1 = 2^23 (one half), buffered
        assertEquals(312.5e6, pll.outputHz(mirny.reference(), true), 1e-3);
        writePll(0, 1 << 21 | 100 << 4);
        assertEquals(50e6 * 100.5 / 16, pll.outputHz(mirny.reference(), true), 1e-3);
    }

    @Test
    void attenuatorsLatchAtChipSelectReleaseAndAShortPllWriteIsAnError() {
        transfer(16, (0 | 8) << 25 | 0xf7 << 16, true);         // set_att_mu(0, 0xf7): 1 dB
        assertEquals(0xf7, mirny.attenuatorCode(0));
        transfer(16, (1 | 8) << 25 | 0x10 << 16, true);
        assertEquals(0xf7, transfer(16, (0 | 8) << 25 | 0xf7 << 16, true) & 0xff, "attenuator 0 shifts out its own code");
        program();
        assertEquals(1.0, timeline.last("mirny0_ch0").attenuationDb());
        transfer(8, 4 << 25, false);
        transfer(16, 0x1234 << 16, true);
        assertEquals(1, issues.errors().size(), issues.all().toString());
        assertTrue(issues.errors().getFirst().message().contains("of 16 bits: it takes 32"), issues.all().toString());
    }

    @Test
    void deviceDbEntriesMakeTheBoardAndNameItsChannels() {
        Map<String, Object> db = new LinkedHashMap<>();
        db.put("spi_mirny0", Board.local("artiq.coredevice.spi2", "SPIMaster", Map.of("channel", 0L)));
        db.put("ttl_mirny0_sw0", Board.local("artiq.coredevice.ttl", "TTLOut", Map.of("channel", 1L)));
        db.put("mirny0_ch0", Board.local("artiq.coredevice.adf5356", "ADF5356",
                Map.of("channel", 0L, "sw_device", "ttl_mirny0_sw0", "cpld_device", "mirny0_cpld")));
        db.put("mirny0_cpld", Board.local("artiq.coredevice.mirny", "Mirny", Map.of("spi_device", "spi_mirny0", "clk_sel", "sma")));
        assertEquals(List.of("ttl_mirny0_sw0"), List.copyOf(DdsModels.tappedDevices(db)));
        Map<String, Channel> channels = Map.of("spi_mirny0", Channel.of(0, "spi_mirny0", new SpiMaster()),
                "ttl_mirny0_sw0", Channel.of(1, "ttl_mirny0_sw0", new TtlTap(new TtlOut())));
        DdsModels models = DdsModels.fromDeviceDb(db, channels::get);
        Mirny m = models.mirnys().get("mirny0_cpld");
        assertEquals("mirny0_ch0", m.plls().getFirst().name());
        assertEquals("mirny0_cpld_ch1", m.plls().get(1).name());
    }
}
