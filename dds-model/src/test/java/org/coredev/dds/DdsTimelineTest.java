package org.coredev.dds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DdsTimelineTest {
    private static DdsTimeline.Entry entry(long t, long ftw, long acc, double offset, double amp, boolean sw) {
        return new DdsTimeline.Entry("ch", t, ftw, 32, acc, 1e9, offset, amp, sw, 0, "test");
    }

    @Test
    void phaseAdvancesExactlyWithThePhaseAccumulator() {
        DdsTimeline tl = new DdsTimeline();
        tl.add(entry(100, 1L << 30, 0, 0.0, 1, true));        // a quarter turn per ns: 250 MHz
        assertEquals(250e6, tl.frequencyAt("ch", 100));
        assertEquals(0.0, tl.phaseAt("ch", 100));
        assertEquals(0.25, tl.phaseAt("ch", 101));
        assertEquals(0.75, tl.phaseAt("ch", 103));
        assertEquals(0.0, tl.phaseAt("ch", 100 + 4_000_000_000_000L), "exact after an hour");
    }

    @Test
    void phaseOffsetIsAddedModuloOneTurn() {
        DdsTimeline tl = new DdsTimeline();
        tl.add(entry(0, 1L << 31, 0, 0.75, 1, true));
        assertEquals(0.25, tl.phaseAt("ch", 1));
    }

    @Test
    void sampledWaveformFollowsSwitchAndAmplitude() {
        DdsTimeline tl = new DdsTimeline();
        tl.add(entry(0, 1L << 30, 0, 0.0, 0.5, true));
        tl.add(entry(4, 1L << 30, 0, 0.0, 0.5, false));
        double[] w = tl.sample("ch", 0, 1, 6);
        assertEquals(0.0, w[0], 1e-12);
        assertEquals(0.5, w[1], 1e-12);
        assertEquals(0.0, w[2], 1e-12);
        assertEquals(-0.5, w[3], 1e-12);
        assertEquals(0.0, w[4]);
        assertEquals(0.0, w[5]);
    }

    @Test
    void stateBeforeTheFirstEntryIsAnException() {
        DdsTimeline tl = new DdsTimeline();
        tl.add(entry(10, 0, 0, 0, 1, false));
        DdsException e = assertThrows(DdsException.class, () -> tl.stateAt("ch", 5));
        assertTrue(e.getMessage().contains("ch has no output state at 5 mu"));
    }

    @Test
    void formatPrintsHertzTurnsAndFraction() {
        DdsTimeline tl = new DdsTimeline();
        tl.add(entry(1200, 1L << 30, 0, 0.25, 0.5, true));
        String line = tl.format().strip();
        assertEquals("1200 mu  ch               f=250000000.000 Hz  phase=0.250000 turns  amp=0.500000  sw=on  "
                + "att=0.000 dB  (test)", line);
    }

    @Test
    void vcdCarriesRealSignals() {
        DdsTimeline tl = new DdsTimeline();
        tl.add(entry(0, 0, 0, 0, 1, false));
        tl.add(entry(1000, 1L << 30, 0, 0.5, 0.25, true));
        String vcd = tl.toVcd();
        assertTrue(vcd.contains("$var real 64 ! ch_freq_hz $end"), vcd);
        assertTrue(vcd.contains("$var real 64 # ch_amplitude $end"), vcd);
        assertTrue(vcd.contains("$var wire 1 $ ch_rf_sw $end"), vcd);
        assertTrue(vcd.contains("#1000\nr2.5E8 !\nr0.5 \"\nr0.25 #\n1$"), vcd);
    }
}
