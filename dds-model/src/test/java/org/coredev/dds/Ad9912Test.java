package org.coredev.dds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class Ad9912Test {

    private static Board ad9912Board() {
        return new Board("ad9912", 9, true, 2);
    }

    @Test
    void initReadsTheProductIdAndConfiguresThePll() {
        Board b = ad9912Board();
        b.cpld.init(false);
        b.ad9912Driver(0).init();
        b.finish();
        Ad9912 dds = b.ad9912(0);
        assertTrue(dds.initialised());
        assertEquals(0x99, dds.register(Ad9912.SER_CONF));
        assertEquals(0x80, dds.register(Ad9912.PWRCNTRL1));
        assertEquals(2, dds.register(Ad9912.N_DIV), "pll_n 8: N_DIV = 8 / 2 - 2");
        assertEquals(1e9, dds.sysclkHz(), "125 MHz reference, divider 1 for AD9912, N = 8");
        assertTrue(dds.pllLocked());
        assertEquals(List.of(), b.errors());
    }

    @Test
    void productIdReadBeforeSdoIsEnabledReturnsZero() {
        Board b = ad9912Board();
        b.cpld.init(false);
        Drivers.Ad9912 d = b.ad9912Driver(0);
        int id = d.read(Drivers.Ad9912.PRODIDH, 2);
        b.finish();
        assertEquals(0, id);
        assertTrue(b.errors().getFirst().message().contains("before init"));
    }

    @Test
    void setWritesA48BitFtwAndPhaseThatTakeEffectAtIoUpdate() {
        Board b = ad9912Board();
        b.cpld.init(false);
        Drivers.Ad9912 d = b.ad9912Driver(0);
        d.init();
        b.k.delayUs(100);
        long start = b.k.now;
        d.set(100e6, 0.125);
        b.finish();
        Ad9912 dds = b.ad9912(0);
        long ftw = Math.round(100e6 * Math.pow(2, 48) / 1e9);
        assertEquals(ftw, dds.ftw());
        assertEquals(0x800, dds.pow(), "0.125 turns in 14 bits");
        // Instruction (16 bits), two 32-bit words, then the IO_UPDATE pulse.
        long io = start + 8 + (17 * 2 + 1) * 8 + 8 + (33 * 2 + 1) * 8 + 8 + (33 * 2 + 1) * 8;
        DdsTimeline tl = b.timeline();
        assertEquals(0.0, tl.frequencyAt("urukul0_ch0", io - 1));
        assertEquals(ftw * 1e9 / Math.pow(2, 48), tl.frequencyAt("urukul0_ch0", io), 1e-6);
        assertEquals(1e8, tl.frequencyAt("urukul0_ch0", io), 1e-3);
        DdsTimeline.Entry e = tl.stateAt("urukul0_ch0", io);
        assertEquals(io, e.timeMu());
        assertEquals(48, e.accumulatorBits());
        assertEquals(0.125, e.offsetTurns());
        assertEquals(List.of(), b.errors());
    }

    @Test
    void bytesWaitInTheBufferUntilIoUpdate() {
        Board b = ad9912Board();
        b.cpld.init(false);
        Drivers.Ad9912 d = b.ad9912Driver(0);
        d.init();
        d.write(Ad9912.FTW0 + 5, 0x12, 1);
        b.finish();
        assertEquals(0L, b.ad9912(0).ftw());
    }

    @Test
    void ioUpdateDuringTheFtwStreamIsAnError() {
        Board b = ad9912Board();
        b.cpld.init(false);
        Drivers.Ad9912 d = b.ad9912Driver(0);
        d.init();
        b.k.delayUs(100);
        long start = b.k.now;
        d.set(100e6, 0);
        // An extra pulse while the second 32-bit word (FTW3..FTW0) is on the wire (840..1352 mu).
        b.k.atMu(start + 900);
        b.ioUpdate.pulseMu(8);
        b.finish();
        DdsIssue e = b.errors().getFirst();
        assertEquals(start + 900, e.timestampMu());
        assertTrue(e.message().contains("IO_UPDATE while an SPI write is in progress"), e.message());
        assertEquals(Math.round(100e6 * Math.pow(2, 48) / 1e9), b.ad9912(0).ftw(), "the driver's own pulse latches it");
    }

    @Test
    void setBeforeInitIsAnError() {
        Board b = ad9912Board();
        b.cpld.init(false);
        b.ad9912Driver(1).set(10e6, 0);
        b.finish();
        DdsIssue e = b.errors().getFirst();
        assertEquals("urukul0_ch1", e.channel());
        assertTrue(e.message().contains("used before init"), e.message());
    }

    @Test
    void ad9910OnAnAd9912BoardIsRejected() {
        UrukulCpld c = new UrukulCpld("u", 9, 125e6, false, new IssueLog(), new DdsTimeline());
        assertThrows(DdsException.class, () -> c.addAd9910(4, "x"));
        assertFalse(c.sta() % 2 == 1, "IFC_MODE EN_9910 clear on an AD9912 board");
    }
}
