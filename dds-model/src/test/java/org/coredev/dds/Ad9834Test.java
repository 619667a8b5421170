package org.coredev.dds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coredev.rtio.Channel;
import org.coredev.rtio.phy.SpiMaster;
import org.coredev.rtio.phy.SpiTransfer;
import org.coredev.rtio.phy.TtlOut;
import org.junit.jupiter.api.Test;

/** The AD9834 model fed the 16-bit words ARTIQ's ad9834.py writes (SPI_CLK_POLARITY, 16 bits, cs=1). */
class Ad9834Test {
    private final IssueLog issues = new IssueLog();
    private final DdsTimeline timeline = new DdsTimeline();
    private final Ad9834 chip = new Ad9834("dds0", 75e6, issues, timeline);
    private long now = 1000;

    private void word(int w) {
        word(w, 16, SpiMaster.CLK_POLARITY, 1);
    }

    private void word(int w, int bits, int config, int cs) {
        chip.transfer(new SpiTransfer(0, now, now + 100, cs, bits, w, config | SpiMaster.END, true));
        now += 200;
    }

    @Test
    void resetHoldsTheOutputAndB28TakesBothFrequencyWordsBeforeTheRegisterChanges() {
        word(Ad9834.B28 | Ad9834.RESET);                       // init(), then set_frequency_reg(0, ftw)
        assertEquals(0.0, timeline.last("dds0").amplitude(), "RESET: the output at midscale");
        long ftw = Math.round(10e6 / 75e6 * (1 << 28));
        word(0x4000 | (int) (ftw & 0x3fff));                   // FREQ0, the 14 LSBs: held
        assertEquals(0, chip.frequencyWord(0));
        word(0x4000 | (int) (ftw >>> 14));                     // the 14 MSBs: now the register changes
        assertEquals(ftw, chip.frequencyWord(0));
        word(Ad9834.B28);                                      // output_enable()
        DdsTimeline.Entry out = timeline.last("dds0");
        assertEquals(1.0, out.amplitude());
        assertEquals(10e6, out.frequencyHz(), 0.2, "FTW x 75 MHz / 2^28");
        assertEquals(now - 200 + 100, out.timeMu(), "at the end of the word that changed it");
        assertEquals(List.of(), issues.all());
    }

    @Test
    void withoutB28OneWordChangesTheMsbsOrTheLsbsAsHlbSays() {
        word(Ad9834.HLB);
        word(0x8000 | 0x1111);                                 // FREQ1 MSBs
        word(0);
        word(0x8000 | 0x3fff);                                 // FREQ1 LSBs
        assertEquals(0x1111L << 14 | 0x3fff, chip.frequencyWord(1));
        assertEquals(0, chip.frequencyWord(0));
    }

    @Test
    void fselAndPselChooseTheRegistersTheOutputShows() {
        word(Ad9834.B28);
        word(0x8000 | 0x0000);
        word(0x8000 | 0x0400);                                 // FREQ1 = 0x400 << 14
        word(0xe000 | 0x400);                                  // PHASE1 = 0x400: a quarter turn
        assertEquals(0x400, chip.phaseWord(1));
        assertEquals(0.0, timeline.last("dds0").frequencyHz(), "FREQ0 still selected");
        word(Ad9834.B28 | Ad9834.FSEL | Ad9834.PSEL);
        DdsTimeline.Entry out = timeline.last("dds0");
        assertEquals((0x400L << 14) * 75e6 / (1 << 28), out.frequencyHz(), 1e-6);
        assertEquals(0.25, out.offsetTurns());
        word(Ad9834.B28 | Ad9834.FSEL | Ad9834.PSEL | Ad9834.SLEEP12);
        assertEquals(0.0, timeline.last("dds0").amplitude(), "SLEEP12 powers the DAC down");
    }

    @Test
    void aWrongClockPolarityOrLengthIsAnIssueAndAnotherChipSelectIsNotThisChip() {
        word(Ad9834.RESET, 16, 0, 1);
        word(Ad9834.RESET, 8, SpiMaster.CLK_POLARITY, 1);
        word(Ad9834.RESET, 16, SpiMaster.CLK_POLARITY, 2);
        assertEquals(0, chip.control());
        assertEquals(2, issues.errors().size(), issues.all().toString());
        assertTrue(issues.errors().get(0).message().contains("needs SPI_CLK_POLARITY"), issues.all().toString());
        assertTrue(issues.errors().get(1).message().contains("SPI transfer of 8 bits"), issues.all().toString());
        assertEquals(null, timeline.last("dds0"));
    }

    @Test
    void deviceDbEntryAttachesTheChipToItsSpiMaster() {
        Map<String, Object> db = new LinkedHashMap<>();
        db.put("spi_dds0", Board.local("artiq.coredevice.spi2", "SPIMaster", Map.of("channel", 0L)));
        db.put("dds0", Board.local("artiq.coredevice.ad9834", "AD9834", Map.of("spi_device", "spi_dds0", "clk_freq", 50e6)));
        Map<String, Channel> channels = Map.of("spi_dds0", Channel.of(0, "spi_dds0", new SpiMaster()),
                "ttl0", Channel.of(1, "ttl0", new TtlOut()));
        DdsModels models = DdsModels.fromDeviceDb(db, channels::get);
        assertEquals(List.of("dds0"), List.copyOf(models.ad9834s().keySet()));
        assertEquals("dds0", models.ad9834("dds0").name());

        db.put("dds0", Board.local("artiq.coredevice.ad9834", "AD9834", Map.of("spi_device", "ttl0")));
        DdsException e = assertThrows(DdsException.class, () -> DdsModels.fromDeviceDb(db, channels::get));
        assertEquals("device dds0: spi_device ttl0 is a TTLOut channel, not an SPI master", e.getMessage());
    }
}
