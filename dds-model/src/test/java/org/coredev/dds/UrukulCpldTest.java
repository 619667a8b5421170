package org.coredev.dds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.coredev.rtio.trace.RtioEvent;
import org.junit.jupiter.api.Test;

class UrukulCpldTest {

    @Test
    void initReadsProtoRevNineAndLatchesTheDriversCfg() {
        Board b = Board.ad9910();
        b.cpld.init(false);
        b.finish();
        assertEquals(b.cpld.cfgReg, b.cpldModel().cfg());
        assertEquals(9, (b.cpldModel().sta() >> 16) & 0x7f);
        for (int ch = 0; ch < 4; ch++) {
            assertEquals(7, b.ad9910(ch).profile(), "DEFAULT_PROFILE on channel " + ch);
        }
        assertEquals(List.of(), b.errors());
    }

    @Test
    void initReadsProtoRevEightAndLatchesTheDriversCfg() {
        Board b = new Board("ad9910", 8, true, 2);
        b.cpld.init(false);
        b.finish();
        assertEquals(b.cpld.cfgReg, b.cpldModel().cfg());
        assertEquals(2, b.cpldModel().clockSelect());
        assertEquals(List.of(), b.errors());
    }

    @Test
    void protoRevMismatchIsDetectedByTheDriversStatusRead() {
        Board b = new Board("ad9910", 8, true, 2);
        Drivers.Cpld rev9Driver = new Drivers.Cpld(b.k, b.spi, 9, b.ioUpdate, 2, 0);
        Kernel.ValueError e = assertThrows(Kernel.ValueError.class, () -> rev9Driver.init(false));
        assertEquals("Urukul proto_rev mismatch", e.getMessage());
    }

    @Test
    void cpldInitEmitsArtiqsSpiSequence() {
        Board b = Board.ad9910();
        long t0 = b.k.now;
        b.cpld.init(false);
        b.finish();
        List<RtioEvent> spi = b.core.eventLog().events(Board.SPI, RtioEvent.Kind.OUTPUT);
        long cfg = b.cpld.cfgReg;
        long withRst = cfg | (1L << 43);
        // urukul.py ProtoRev9.init: dummy config, sta_read (24 + 28 bits, the second with SPI_INPUT
        // at the read divider), then cfg_write(cfg) 100 us later.
        long[][] expected = {
            {0, 1, 0x0100_1708L},
            {1008, 1, 0x0100_1708L},
            {1016, 0, ((withRst >>> 28) & 0xFFFFFF) << 8},
            {1016 + 408, 1, 0x010e_1b0eL},
            {1016 + 416, 0, (withRst & 0xFFFFFFF) << 4},
        };
        for (int i = 0; i < expected.length; i++) {
            RtioEvent e = spi.get(i);
            assertEquals(t0 + expected[i][0], e.timestampMu(), "event " + i + " time");
            assertEquals(expected[i][1], e.address(), "event " + i + " address");
            assertEquals(expected[i][2] & 0xffff_ffffL, e.data() & 0xffff_ffffL, "event " + i + " data");
        }
        RtioEvent last = spi.get(spi.size() - 1);
        assertEquals((cfg & 0xFFFFFFF) << 4, last.data() & 0xffff_ffffL);
        assertEquals(9, spi.size());
    }

    @Test
    void rfSwitchThroughCfgTurnsOnWhenTheCfgIsLatched() {
        Board b = Board.ad9910();
        b.cpld.init(false);
        b.k.delayUs(10);
        long start = b.k.now;
        b.cpld.cfgSw(1, true);
        b.finish();
        // Two transfers of 24 and 28 bits at divider 2 (16 mu a bit): latched at the end of the second.
        long latch = start + 8 + (25 * 2 + 1) * 8 + 8 + 28 * 16;
        DdsTimeline tl = b.timeline();
        assertFalse(tl.stateAt("urukul0_ch1", latch - 1).rfSwitch());
        assertTrue(tl.stateAt("urukul0_ch1", latch).rfSwitch());
        assertFalse(tl.stateAt("urukul0_ch0", latch).rfSwitch());
        assertTrue(b.cpldModel().rfSwitch(1));
        assertEquals(0b0010, b.cpldModel().sta() & 0xf, "STA.RF_SW");
    }

    @Test
    void rfSwitchThroughTtlFollowsTheTtlEdgesExactly() {
        Board b = Board.ad9910();
        b.cpld.init(false);
        long on = b.k.now + 1003;
        b.k.atMu(on);
        b.sw.get(2).on();
        b.k.delayMu(250);
        b.sw.get(2).off();
        b.finish();
        DdsTimeline tl = b.timeline();
        assertFalse(tl.stateAt("urukul0_ch2", on - 1).rfSwitch());
        assertTrue(tl.stateAt("urukul0_ch2", on).rfSwitch());
        assertTrue(tl.stateAt("urukul0_ch2", on + 249).rfSwitch());
        assertFalse(tl.stateAt("urukul0_ch2", on + 250).rfSwitch());
    }

    @Test
    void rfSwitchIsTheOrOfCfgAndTtl() {
        Board b = Board.ad9910();
        b.cpld.init(false);
        b.sw.get(0).on();
        b.k.delayUs(5);
        b.cpld.cfgSw(0, true);
        b.k.delayUs(5);
        b.sw.get(0).off();
        long afterTtlOff = b.k.now;
        b.finish();
        assertTrue(b.timeline().stateAt("urukul0_ch0", afterTtlOff + 1).rfSwitch(), "CFG still holds it on");
    }

    @Test
    void attenuatorWritesAndReadsBack() {
        Board b = Board.ad9910();
        b.cpld.init(false);
        b.cpld.setAttMu(0, 255);
        b.cpld.setAttMu(2, 255 - 80);        // 10 dB
        long afterWrite = b.k.now;
        b.k.delayUs(10);
        int read = b.cpld.getAttMu();
        b.finish();
        assertEquals(0x00AF_00FF, read);
        assertEquals(0x00AF_00FFL, b.cpldModel().attenuatorRegister());
        assertEquals(0.0, b.cpldModel().attenuationDb(0));
        assertEquals(10.0, b.cpldModel().attenuationDb(2));
        assertEquals(31.875, b.cpldModel().attenuationDb(1));
        assertEquals(10.0, b.timeline().stateAt("urukul0_ch2", afterWrite).attenuationDb());
        assertEquals(List.of(), b.errors());
    }

    @Test
    void chipSelectRoutesDdsTransfersToOneChipOnly() {
        Board b = Board.ad9910();
        b.cpld.init(false);
        Drivers.Ad9910 ch1 = b.ad9910Driver(1);
        ch1.write32(Drivers.Ad9910.REG_FTW, 0x1234_5678);
        b.finish();
        assertEquals(0x1234_5678L, b.ad9910(1).bufferedRegister(Ad9910.FTW));
        assertEquals(0L, b.ad9910(0).bufferedRegister(Ad9910.FTW));
        assertEquals(0L, b.ad9910(2).bufferedRegister(Ad9910.FTW));
    }

    @Test
    void multiDdsSelectWritesEveryChipWithMaskNu() {
        Board b = Board.ad9910();
        b.cpld.init(false);
        b.cpld.cfgMaskNu(0, true);
        b.cpld.cfgMaskNu(3, true);
        Drivers.Ad9910 all = new Drivers.Ad9910(b.k, b.cpld, 3, b.refclk, 0);
        all.write32(Drivers.Ad9910.REG_FTW, 0x0abc_def0);
        b.finish();
        assertEquals(0x0abc_def0L, b.ad9910(0).bufferedRegister(Ad9910.FTW));
        assertEquals(0x0abc_def0L, b.ad9910(3).bufferedRegister(Ad9910.FTW));
        assertEquals(0L, b.ad9910(1).bufferedRegister(Ad9910.FTW));
    }

    @Test
    void cfgIoUpdateReachesOnlyChipsWithMaskNu() {
        Board b = new Board("ad9910", 9, false, 2);
        b.cpld.init(false);
        b.cpld.cfgMaskNu(0, true);
        Drivers.Ad9910 ch0 = b.ad9910Driver(0);
        Drivers.Ad9910 ch1 = b.ad9910Driver(1);
        ch0.write32(Drivers.Ad9910.REG_FTW, 11);
        ch1.write32(Drivers.Ad9910.REG_FTW, 22);
        ch0.ioUpdate.pulseMu(8);
        b.finish();
        assertEquals(11L, b.ad9910(0).register(Ad9910.FTW));
        assertEquals(0L, b.ad9910(1).register(Ad9910.FTW), "channel 1 has MASK_NU clear: it listens to the TTL");
    }

    @Test
    void chipSelectChangeInsideATransactionIsAnError() {
        Board b = Board.ad9910();
        b.cpld.init(false);
        b.spi.setConfigMu(Drivers.SPI_CONFIG, 8, 2, 4);
        b.spi.write(Drivers.Ad9910.REG_FTW << 24);
        b.spi.setConfigMu(Drivers.SPI_CONFIG | Drivers.SPI_END, 32, 2, 5);
        b.spi.write(0);
        b.finish();
        assertTrue(b.errors().stream().anyMatch(i -> i.channel().equals("urukul0_cpld")
                && i.message().contains("chip select changed from 4 to 5")), b.errors().toString());
    }

    @Test
    void wrongSpiModeIsReported() {
        Board b = Board.ad9910();
        b.spi.setConfigMu(Drivers.SPI_END, 24, 2, 1);      // SPI_CS_POLARITY missing
        b.spi.write(0);
        b.finish();
        assertTrue(b.errors().getFirst().message().contains("does not match Urukul"));
    }

    @Test
    void unsupportedProtoRevIsRejected() {
        DdsException e = assertThrows(DdsException.class,
                () -> new UrukulCpld("u", 7, 125e6, true, new IssueLog(), new DdsTimeline()));
        assertTrue(e.getMessage().contains("proto_rev must be 8 or 9"));
    }
}
