package org.coredev.dds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.coredev.rtio.trace.SignalTrace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DdsVcdTest {

    private static String run(Path dir, String... command) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            fail(command[0] + " is missing: install the Debian package 'gtkwave' (" + e.getMessage() + ")");
            return "";
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), command[0] + " did not finish");
        assertEquals(0, p.exitValue(), command[0] + ": " + out);
        return out;
    }

    @Test
    void ddsVcdSurvivesGtkwavesFstRoundTripWithRealValues(@TempDir Path dir) throws Exception {
        Board b = Board.ad9910();
        b.cpld.init(false);
        Drivers.Ad9910 d = b.ad9910Driver(0);
        d.init(false);
        b.cpld.cfgSw(0, true);
        d.set(100e6, 0, 0.5, -1, -1);
        b.k.delayUs(10);
        b.finish();
        Path vcd = dir.resolve("dds.vcd");
        b.dds.writeVcd(vcd);
        Path fst = dir.resolve("dds.fst");
        run(dir, "vcd2fst", vcd.toString(), fst.toString());
        String back = run(dir, "fst2vcd", fst.toString());
        assertTrue(back.contains("urukul0_ch0_freq_hz"), back);
        assertTrue(back.contains("r100000000.093132"), back);
        assertTrue(back.contains("r0.5000305"), back);
    }

    @Test
    void timelineCanJoinTheRtioCoresSignalTrace() {
        SignalTrace pins = new SignalTrace();
        int ttl = pins.declare("ttl0", 1);
        pins.record(ttl, 0, 0);
        DdsTimeline tl = new DdsTimeline();
        tl.add(new DdsTimeline.Entry("ch", 5, 1L << 30, 32, 0, 1e9, 0, 1, true, 0, "test"));
        tl.appendTo(pins);
        assertEquals(5, pins.signals().size());
        assertEquals("ch_freq_hz", pins.signals().get(1).name());
        assertTrue(pins.signals().get(1).isReal());
    }
}
