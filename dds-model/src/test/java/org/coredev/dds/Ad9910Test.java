package org.coredev.dds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.coredev.rtio.trace.RtioEvent;
import org.junit.jupiter.api.Test;

class Ad9910Test {
    private static final double TWO32 = 4294967296.0;

    /** cpld.init() and ch0.init() as ARTIQ's test_ad9910 "init" does. */
    private static Board initialised(Board b) {
        b.cpld.init(false);
        b.ad9910Driver(0).init(false);
        return b;
    }

    @Test
    void initConfiguresSerialPortPllAndLocks() {
        Board b = initialised(Board.ad9910());
        b.finish();
        Ad9910 dds = b.ad9910(0);
        assertTrue(dds.initialised());
        assertTrue(dds.pllLocked());
        assertEquals(1e9, dds.sysclkHz());
        assertEquals(0x2L, dds.register(Ad9910.CFR1), "SDIO input only, MSB first");
        assertEquals(0x0101_0020L, dds.register(Ad9910.CFR2));
        assertEquals(0x0807c000L | (5L << 24) | (7L << 19) | (1L << 8) | (32L << 1), dds.register(Ad9910.CFR3));
        assertEquals(1, (b.cpldModel().sta() >> 8) & 1, "STA.PLL_LOCK for channel 0");
        assertEquals(List.of(), b.errors());
    }

    @Test
    void initSendsArtiqsRegisterSequenceToItsChipSelect() {
        Board b = Board.ad9910();
        b.cpld.init(false);
        long t0 = b.k.now;
        Drivers.Ad9910 d = b.ad9910Driver(0);
        d.init(false);
        b.finish();
        // The data words written with chip select 4, in order (config words carry the chip select).
        java.util.List<Long> words = new java.util.ArrayList<>();
        int cs = 0;
        for (RtioEvent e : b.core.eventLog().events(Board.SPI, RtioEvent.Kind.OUTPUT)) {
            if (e.timestampMu() < t0) {
                continue;
            }
            if (e.address() == 1) {
                cs = (int) ((e.data() >>> 24) & 0xff);
            } else if (cs == 4) {
                words.add(e.data() & 0xffff_ffffL);
            }
        }
        long cfr3 = d.cfr3() & 0xffff_ffffL;
        assertEquals(List.of(
                0x0000_0000L, 0x0000_0002L,          // CFR1: SDIO input only
                0x8300_0000L, 0L,                    // read AUX_DAC
                0x0100_0000L, 0x0101_0020L,          // CFR2: ASF from profiles, effective FTW, sync validation off
                0x0200_0000L, cfr3 | 0x400,          // CFR3 with PFD reset
                0x0200_0000L, cfr3), words);
        // IO_UPDATE pulses: CFR1 (1 ms), CFR2 (1 ms), CFR3 with PFD reset (1 us), CFR3 (1 ms).
        java.util.List<RtioEvent> io = b.core.eventLog().events(Board.IO_UPDATE, RtioEvent.Kind.OUTPUT);
        assertEquals(8, io.size());
        assertEquals(1_000_000, io.get(1).timestampMu() - io.get(0).timestampMu());
        assertEquals(1_000, io.get(5).timestampMu() - io.get(4).timestampMu());
    }

    @Test
    void initWithRegisterIoUpdateAndMaskNuWorks() {
        Board b = new Board("ad9910", 9, false, 2);
        b.cpld.init(false);
        b.cpld.cfgMaskNu(0, true);
        b.ad9910Driver(0).init(false);
        b.cpld.cfgMaskNu(0, false);
        b.finish();
        assertTrue(b.ad9910(0).pllLocked());
        assertEquals(List.of(), b.errors());
    }

    @Test
    void initWithProtoRevEightWorks() {
        Board b = initialised(new Board("ad9910", 8, true, 2));
        b.finish();
        assertTrue(b.ad9910(0).pllLocked());
        assertEquals(List.of(), b.errors());
    }

    @Test
    void initOnUnclockedSmaInputTimesOutWaitingForPllLock() {
        Board b = Board.ad9910();
        b.cpld.init(false);
        b.cpldModel().setSmaClockPresent(false);
        b.cpld.cfgWrite((b.cpld.cfgReg & ~(1L << 44)) | (1L << 40));     // CLK_SEL = SMA, as test_ad9910 does
        Kernel.ValueError e = assertThrows(Kernel.ValueError.class, () -> b.ad9910Driver(0).init(false));
        assertEquals("PLL lock timeout", e.getMessage());
        assertFalse(b.ad9910(0).pllLocked());
    }

    @Test
    void auxDacReadBeforeSerialModeIsSetReadsZeroAndIsReported() {
        Board b = Board.ad9910();
        b.cpld.init(false);
        Drivers.Ad9910 d = b.ad9910Driver(0);
        int aux = d.read32(Drivers.Ad9910.REG_AUX_DAC);
        b.finish();
        assertEquals(0, aux, "the AD9910 answers on SDIO until CFR1 selects 4-wire");
        DdsIssue issue = b.errors().getFirst();
        assertEquals("urukul0_ch0", issue.channel());
        assertTrue(issue.message().contains("read of AUX_DAC before init"), issue.message());
    }

    @Test
    void setHundredMegahertzWritesTheFtwAndTheTimelineShowsItFromIoUpdate() {
        Board b = initialised(Board.ad9910());
        Drivers.Ad9910 d = b.ad9910Driver(0);
        b.k.delayUs(100);
        d.set(100e6, 0.0, 1.0, Drivers.Ad9910.PHASE_MODE_CONTINUOUS, -1);
        b.finish();
        Ad9910 dds = b.ad9910(0);
        long ftw = Math.round(100e6 * TWO32 / 1e9);
        assertEquals(429_496_730L, ftw);
        assertEquals(ftw, dds.ftw());
        assertEquals(0x3fff, dds.asf());
        assertEquals(0, dds.pow());
        long io = d.lastIoUpdateMu;
        DdsTimeline tl = b.timeline();
        assertEquals(0.0, tl.frequencyAt("urukul0_ch0", io - 1));
        assertEquals(ftw * 1e9 / TWO32, tl.frequencyAt("urukul0_ch0", io), 1e-6);
        assertEquals(1.0, tl.amplitudeAt("urukul0_ch0", io));
        assertEquals(List.of(), b.errors());
    }

    @Test
    void setMuEmitsArtiqsSpiAndTtlSequence() {
        Board b = initialised(Board.ad9910());
        Drivers.Ad9910 d = b.ad9910Driver(0);
        b.k.delayUs(100);
        b.k.delayMu(5);                          // set_mu aligns to the coarse grid first
        long t0 = b.k.now & ~7L;
        d.setMu(0x1999_999a, 0x1234, 0x2000, Drivers.Ad9910.PHASE_MODE_CONTINUOUS, -1, 7);
        b.finish();
        List<RtioEvent> events = b.core.eventLog().events().stream().filter(e -> e.timestampMu() >= t0).toList();
        // write64(PROFILE7): 8-bit instruction, 32-bit high word, 32-bit low word with SPI_END; IO_UPDATE pulse of 8 mu.
        long[][] expected = {
            {0, Board.SPI, 1, 0x0400_0708L},
            {8, Board.SPI, 0, 0x1500_0000L},
            {8 + 152, Board.SPI, 1, 0x0400_1f08L},
            {168, Board.SPI, 0, 0x2000_1234L},
            {168 + 536, Board.SPI, 1, 0x0400_1f0aL},
            {712, Board.SPI, 0, 0x1999_999aL},
            {712 + 536, Board.IO_UPDATE, 0, 1},
            {712 + 536 + 8, Board.IO_UPDATE, 0, 0},
        };
        assertEquals(expected.length, events.size(), events.toString());
        for (int i = 0; i < expected.length; i++) {
            RtioEvent e = events.get(i);
            assertEquals(t0 + expected[i][0], e.timestampMu(), "event " + i + " time");
            assertEquals(expected[i][1], e.channel(), "event " + i + " channel");
            assertEquals(expected[i][2], e.address(), "event " + i + " address");
            assertEquals(expected[i][3], e.data() & 0xffff_ffffL, "event " + i + " data");
        }
        Ad9910 dds = b.ad9910(0);
        assertEquals(0x1999_999aL, dds.ftw());
        assertEquals(0x1234, dds.pow());
        assertEquals(0x2000, dds.asf());
        DdsTimeline.Entry e = b.timeline().stateAt("urukul0_ch0", t0 + 1248);
        assertEquals(0x2000 / 16383.0, e.amplitude(), 1e-12);
        assertEquals(0x1234 / 65536.0, e.offsetTurns(), 1e-12);
    }

    @Test
    void getMuReadsBackTheProfileWithRead64() {
        Board b = initialised(Board.ad9910());
        Drivers.Ad9910 d = b.ad9910Driver(0);
        b.k.delayUs(100);
        d.setMu(0x0123_4567, 0x89ab, 0x1555, Drivers.Ad9910.PHASE_MODE_CONTINUOUS, -1, 7);
        b.k.delayUs(10);
        long data = d.read64(Drivers.Ad9910.REG_PROFILE0 + 7);
        b.finish();
        assertEquals(0x0123_4567L, data & 0xffff_ffffL);
        assertEquals(0x89ab, (data >>> 32) & 0xffff);
        assertEquals(0x1555, (data >>> 48) & 0x3fff);
    }

    @Test
    void trackingPhaseModeKeepsPhaseCoherentAcrossFrequencySwitches() {
        Board b = initialised(Board.ad9910());
        Drivers.Ad9910 d = b.ad9910Driver(0);
        d.phaseMode = Drivers.Ad9910.PHASE_MODE_TRACKING;
        String ch = "urukul0_ch0";
        long t1 = 200_000_000;                  // 200 ms, after init
        long t2 = t1 + 10_000;
        long t3 = t2 + 10_000;
        b.k.atMu(t1);
        int ftw1 = d.frequencyToFtw(80e6);
        int pow1 = d.setMu(ftw1, 0, 0x3fff, -1, -1, 7);
        long io1 = d.lastIoUpdateMu;
        b.k.atMu(t2);
        d.set(37.5e6, 0.0, 1.0, -1, -1);
        b.k.atMu(t3);
        int pow3 = d.setMu(ftw1, 0, 0x3fff, -1, -1, 7);
        long io3 = d.lastIoUpdateMu;
        b.k.delayUs(20);
        b.finish();
        DdsTimeline tl = b.timeline();

        // At the IO_UPDATE the accumulator was cleared (CFR1 autoclear), so the phase is the POW the
        // driver computed: (now - 0) * FTW >> 16, with now the timeline after set_cfr1's write32 (704 mu).
        assertEquals(((int) (t1 + 704) * ftw1 >> 16) & 0xffff, pow1 & 0xffff);
        assertEquals((pow1 & 0xffff) / 65536.0, tl.phaseAt(ch, io1), 1e-12);
        assertEquals(0L, tl.stateAt(ch, io1).accumulator());
        assertEquals(((int) (t3 + 704) * ftw1 >> 16) & 0xffff, pow3 & 0xffff);
        assertEquals((pow3 & 0xffff) / 65536.0, tl.phaseAt(ch, io3), 1e-12);

        // Coherence: after switching back, the output is the 80 MHz tone that never stopped, within
        // the 16-bit POW resolution.
        DdsTimeline.Entry first = tl.stateAt(ch, io1);
        for (long t = io3; t < io3 + 5000; t += 777) {
            double diff = tl.phaseAt(ch, t) - first.phaseAt(t);
            diff -= Math.rint(diff);
            assertEquals(0.0, diff, 2.0 / 65536, "phase at " + t);
        }
        assertEquals(37.5e6, tl.frequencyAt(ch, t2 + 2000), 0.2);
        assertEquals(List.of(), b.errors());
    }

    @Test
    void continuousPhaseModeDoesNotRestoreThePhase() {
        Board b = initialised(Board.ad9910());
        Drivers.Ad9910 d = b.ad9910Driver(0);
        String ch = "urukul0_ch0";
        long t1 = 200_000_000;
        b.k.atMu(t1);
        d.set(80e6, 0.0, 1.0, -1, -1);
        long io1 = d.lastIoUpdateMu;
        b.k.atMu(t1 + 10_000);
        d.set(37.5e6, 0.0, 1.0, -1, -1);
        b.k.atMu(t1 + 20_000 + 104);
        d.set(80e6, 0.0, 1.0, -1, -1);
        long io3 = d.lastIoUpdateMu;
        b.finish();
        DdsTimeline tl = b.timeline();
        // The accumulator ran on at 37.5 MHz for 10 us: the 80 MHz tone comes back with another phase.
        double diff = tl.phaseAt(ch, io3 + 100) - tl.stateAt(ch, io1).phaseAt(io3 + 100);
        diff -= Math.rint(diff);
        assertTrue(Math.abs(diff) > 0.01, "phase difference " + diff);
        // ... but the phase is continuous at the switch itself.
        double before = tl.stateAt(ch, io3 - 1).phaseAt(io3);
        assertEquals(before, tl.phaseAt(ch, io3), 1e-9);
    }

    @Test
    void absolutePhaseModeStartsAtThePhaseOffsetAtIoUpdate() {
        Board b = initialised(Board.ad9910());
        Drivers.Ad9910 d = b.ad9910Driver(0);
        b.k.delayUs(100);
        d.set(10e6, 0.25, 0.5, Drivers.Ad9910.PHASE_MODE_ABSOLUTE, -1);
        long io = d.lastIoUpdateMu;
        b.finish();
        DdsTimeline tl = b.timeline();
        assertEquals(0.25, tl.phaseAt("urukul0_ch0", io), 1e-12);
        // 10 MHz = 0.01 turns per ns (FTW rounding: within 1e-9 turns after 25 ns).
        assertEquals(0.5, tl.phaseAt("urukul0_ch0", io + 25), 1e-6);
        assertEquals(d.amplitudeToAsf(0.5) / 16383.0, tl.amplitudeAt("urukul0_ch0", io), 1e-12);
        assertEquals(0x2L, b.ad9910(0).bufferedRegister(Ad9910.CFR1), "set_mu leaves autoclear off for later updates");
    }

    @Test
    void ioUpdateDuringARegisterWriteIsAnErrorAndDoesNotLatchIt() {
        Board b = initialised(Board.ad9910());
        Drivers.Ad9910 d = b.ad9910Driver(0);
        b.k.delayUs(100);
        long start = b.k.now;
        d.write64(Drivers.Ad9910.REG_PROFILE0 + 7, 0x3fff_0000, 0x1000_0000);
        // A pulse in the middle of the last 32-bit transfer.
        b.k.atMu(start + 712 + 200);
        long overlap = b.k.now;
        b.ioUpdate.pulseMu(8);
        b.finish();
        DdsIssue e = b.errors().getFirst();
        assertEquals("urukul0_ch0", e.channel());
        assertEquals(overlap, e.timestampMu());
        assertTrue(e.message().contains("IO_UPDATE while an SPI write of PROFILE7 is in progress"), e.message());
        assertEquals(0L, b.ad9910(0).ftw(), "PROFILE7 was still being shifted in");
    }

    @Test
    void ioUpdateBetweenTheTransfersOfARegisterIsAnError() {
        Board b = initialised(Board.ad9910());
        b.k.delayUs(100);
        b.spi.setConfigMu(Drivers.SPI_CONFIG, 8, 2, 4);
        b.spi.write((Drivers.Ad9910.REG_PROFILE0 + 7) << 24);
        b.spi.setConfigMu(Drivers.SPI_CONFIG, 32, 2, 4);
        b.spi.write(0x3fff_0000);
        long between = b.k.now;
        b.ioUpdate.pulseMu(8);                      // chip select still asserted, 32 bits missing
        b.spi.setConfigMu(Drivers.SPI_CONFIG | Drivers.SPI_END, 32, 2, 4);
        b.spi.write(0x1000_0000);
        b.finish();
        DdsIssue e = b.errors().getFirst();
        assertEquals(between, e.timestampMu());
        assertTrue(e.message().contains("PROFILE7"), e.message());
        assertEquals(0x1000_0000L | (0x3fffL << 48), b.ad9910(0).bufferedRegister(Ad9910.PROFILE0 + 7));
        assertEquals(0L, b.ad9910(0).ftw());
    }

    @Test
    void ioUpdateWithNothingLatchedIsAWarning() {
        Board b = initialised(Board.ad9910());
        b.k.delayUs(100);
        long t = b.k.now;
        b.ioUpdate.pulseMu(8);
        b.finish();
        List<DdsIssue> w = b.dds.issues().warnings();
        assertEquals(1, w.size(), w.toString());
        assertEquals(t, w.getFirst().timestampMu());
        assertEquals("urukul0_cpld", w.getFirst().channel(), "all four channels listen to the TTL");
        assertTrue(w.getFirst().message().contains("nothing latched"));
    }

    @Test
    void setBeforeInitIsAnError() {
        Board b = Board.ad9910();
        b.cpld.init(false);
        Drivers.Ad9910 d = b.ad9910Driver(0);
        d.set(50e6, 0, 1, -1, -1);
        long io = d.lastIoUpdateMu;
        b.finish();
        DdsIssue e = b.errors().getFirst();
        assertEquals("urukul0_ch0", e.channel());
        assertEquals(io, e.timestampMu());
        assertTrue(e.message().contains("used before init"), e.message());
    }

    @Test
    void powerDownSilencesTheOutput() {
        Board b = initialised(Board.ad9910());
        Drivers.Ad9910 d = b.ad9910Driver(0);
        b.k.delayUs(100);
        d.set(20e6, 0, 1, -1, -1);
        d.setCfr1(0, 0, 0, 0b1111);
        long io = b.k.now;
        d.ioUpdate.pulseUs(1);
        b.finish();
        assertEquals(0.0, b.timeline().amplitudeAt("urukul0_ch0", io));
    }

    @Test
    void ramPlaysFrequenciesUpTheProfileSegment() {
        Board b = initialised(Board.ad9910());
        Drivers.Ad9910 d = b.ad9910Driver(0);
        d.setCfr1();
        d.ioUpdate.pulseMu(8);
        // 4 words at 250 SYNC_CLK cycles (1 us) a step, ramp-up, profile 0.
        d.setProfileRam(100, 103, 250, 0, 1);
        b.cpld.setProfile(0, 0);
        d.ioUpdate.pulseMu(8);
        double[] mhz = {10, 20, 30, 40};
        int[] words = new int[4];
        for (int i = 0; i < 4; i++) {
            // The serial port fills the segment from its end address down: write the list reversed.
            words[3 - i] = d.frequencyToFtw(mhz[i] * 1e6);
        }
        d.writeRam(words);
        d.setCfr1(0, 0, 1, 0);                          // RAM enable, destination FTW
        long start = b.k.now;
        d.ioUpdate.pulseMu(8);
        b.k.delayUs(10);
        int ftwRead = d.read32(Drivers.Ad9910.REG_FTW);  // effective FTW (CFR2 bit 16)
        b.finish();
        DdsTimeline tl = b.timeline();
        for (int i = 0; i < 4; i++) {
            assertEquals(mhz[i] * 1e6, tl.frequencyAt("urukul0_ch0", start + i * 1000L + 1), 0.5, "step " + i);
        }
        assertEquals(40e6, tl.frequencyAt("urukul0_ch0", start + 9000), 0.5, "ramp-up holds the last word");
        assertEquals(d.frequencyToFtw(40e6), ftwRead);
        assertEquals(words[0], b.ad9910(0).ramWord(103));
        assertEquals(List.of(), b.errors());
    }

    @Test
    void ramPlaysAmplitudesContinuouslyInRecirculateMode() {
        Board b = initialised(Board.ad9910());
        Drivers.Ad9910 d = b.ad9910Driver(0);
        b.k.delayUs(100);
        d.setMu(d.frequencyToFtw(5e6), 0, 0x3fff, -1, -1, 7);
        d.setProfileRam(0, 1, 25, 0, 4);                // 100 ns a step, continuous recirculate
        b.cpld.setProfile(0, 0);
        d.ioUpdate.pulseMu(8);
        d.writeRam(new int[]{d.amplitudeToAsf(0.25) << 18, d.amplitudeToAsf(0.75) << 18});
        d.write32(Drivers.Ad9910.REG_FTW, d.frequencyToFtw(5e6));
        d.setCfr1(0, 2, 1, 0);                          // RAM enable, destination ASF
        long start = b.k.now;
        d.ioUpdate.pulseMu(8);
        b.k.delayUs(2);
        b.finish();
        DdsTimeline tl = b.timeline();
        // Address 0 holds the word written last (0.75), address 1 the first (0.25).
        assertEquals(0.75, tl.amplitudeAt("urukul0_ch0", start + 50), 1e-4);
        assertEquals(0.25, tl.amplitudeAt("urukul0_ch0", start + 150), 1e-4);
        assertEquals(0.75, tl.amplitudeAt("urukul0_ch0", start + 250), 1e-4);
        assertEquals(0.25, tl.amplitudeAt("urukul0_ch0", start + 1950), 1e-4);
        assertEquals(5e6, tl.frequencyAt("urukul0_ch0", start + 1950), 0.5);
    }
}
