package org.coredev.dds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The AD9910's digital ramp generator as ARTIQ's drivers use it on Urukul (DRCTL low). */
class DigitalRampTest {
    static final int REG_RAMP_LIMIT = 0x0b, REG_RAMP_STEP = 0x0c, REG_RAMP_RATE = 0x0d;
    static final int CFR1_SDIO_INPUT_ONLY = 2, CFR1_DRG_AUTOCLEAR = 1 << 14, CFR1_DRG_LOAD_LRR = 1 << 15;
    static final int CFR2 = (1 << 24) | (1 << 16), CFR2_DRG_ENABLE = 1 << 19;   // asf_profile_enable, effective_ftw

    private static Board initialised() {
        Board b = Board.ad9910();
        b.cpld.init(false);
        b.ad9910Driver(0).init(false);
        return b;
    }

    @Test
    void aNegativeDecrementStepRampsTheFrequencyUpToTheUpperLimitAndHoldsThere() {
        Board b = initialised();
        Drivers.Ad9910 d = b.ad9910Driver(0);
        b.k.delayUs(100);
        int step = (int) Math.round(1e6 / 1e9 * 4294967296.0);              // 1 MHz a step
        int upper = 20 * step;
        d.write64(REG_RAMP_LIMIT, upper, 0);
        d.write64(REG_RAMP_STEP, -step, 0);                                 // decrement by -1 MHz: up
        d.write32(REG_RAMP_RATE, 250 << 16);                                // 250 SYNC_CLK cycles: 1 us
        d.write32(Drivers.Ad9910.REG_CFR2, CFR2 | CFR2_DRG_ENABLE);
        long update = b.k.now;
        d.ioUpdate.pulseMu(8);
        b.k.delayUs(5.5);
        int midway = d.read32(Drivers.Ad9910.REG_FTW);                      // the effective FTW: the ramp's
        b.k.delayUs(40);
        int held = d.read32(Drivers.Ad9910.REG_FTW);
        b.finish();
        // The update is registered at the first SYNC_CLK edge (every 4 ns) at or after it: one step there.
        long edge = (update + 3) / 4 * 4;
        long read = update + 8 + 5500;
        assertEquals((int) ((read - edge) / 1000 + 1) * step, midway, "one step at the edge, then one a microsecond");
        assertEquals(upper, held, "held at the upper limit");
        DdsTimeline tl = b.timeline();
        double stepHz = step * 1e9 / 4294967296.0;
        assertEquals(6 * stepHz, tl.frequencyAt("urukul0_ch0", edge + 5500), 1e-6);
        assertEquals(20 * stepHz, tl.frequencyAt("urukul0_ch0", edge + 19_000 + 10), 1e-6);
        assertEquals(20 * stepHz, tl.frequencyAt("urukul0_ch0", edge + 40_000), 1e-6);
        List<DdsTimeline.Entry> ramp = tl.entries("urukul0_ch0").stream().filter(e -> e.cause().equals("digital ramp")).toList();
        assertEquals(19, ramp.size(), "an entry at each of the 19 steps after the first, none once held");
        assertEquals(edge + 1000, ramp.getFirst().timeMu());
        assertEquals(List.of(), b.errors());
    }

    /**
     * ARTIQ's measure_io_update_alignment: a ramp of step 1 per SYNC_CLK cycle runs between an
     * IO_UPDATE at delay i and one at 0x1000 + j; the parity of the count read back tells whether a
     * SYNC_CLK edge lies between the two delays.
     */
    private static int measureAlignment(Board b, Drivers.Ad9910 d, int start, int stop) {
        d.write32(Drivers.Ad9910.REG_CFR1, CFR1_DRG_LOAD_LRR | CFR1_DRG_AUTOCLEAR | CFR1_SDIO_INPUT_ONLY);
        d.write32(Drivers.Ad9910.REG_CFR2, CFR2 | CFR2_DRG_ENABLE);
        d.write64(REG_RAMP_LIMIT, -1, 0);
        d.write32(REG_RAMP_RATE, 0x00010000);
        d.write64(REG_RAMP_STEP, -1, 0);
        long t = (b.k.now + 8) & ~7L;
        b.k.atMu(t + start);
        d.ioUpdate.pulseMu(16 - start);
        d.setCfr1();
        d.write64(REG_RAMP_STEP, 0, 0);
        b.k.atMu(t + 0x1000 + stop);
        d.ioUpdate.pulseMu(16 - stop);
        int ftw = d.read32(Drivers.Ad9910.REG_FTW);
        b.k.delayUs(100);
        d.write32(Drivers.Ad9910.REG_CFR2, CFR2);
        d.ioUpdate.pulseMu(8);
        return ftw & 1;
    }

    @Test
    void theRampCountsSyncClkEdgesSoArtiqsIoUpdateAlignmentFindsOneEdgeEveryFourMu() {
        Board b = initialised();
        Drivers.Ad9910 d = b.ad9910Driver(0);
        b.k.delayUs(100);
        int[] narrow = new int[4], wide = new int[4];
        for (int i = 0; i < 4; i++) {
            narrow[i] = measureAlignment(b, d, i, i + 1);
            wide[i] = measureAlignment(b, d, i, i + 2);
        }
        b.finish();
        // SYNC_CLK (250 MHz) has one edge in every 4 mu: exactly one 1-mu window holds it (even count).
        int edgeWindow = -1, withEdge = 0;
        for (int i = 0; i < 4; i++) {
            if (narrow[i] == 0) {
                edgeWindow = i;
                withEdge++;
            }
        }
        assertEquals(1, withEdge, "windows (i, i+1] holding an edge: " + java.util.Arrays.toString(narrow));
        for (int i = 0; i < 4; i++) {
            boolean holds = edgeWindow == i || edgeWindow == (i + 1) % 4;
            assertEquals(holds ? 0 : 1, wide[i], "window (" + i + ", " + (i + 2) + "]: " + java.util.Arrays.toString(wide));
        }
        assertTrue(b.errors().isEmpty(), b.errors().toString());
    }
}
