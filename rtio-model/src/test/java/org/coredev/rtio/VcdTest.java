package org.coredev.rtio;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.coredev.rtio.phy.SpiMaster;
import org.coredev.rtio.phy.TtlClockGen;
import org.coredev.rtio.phy.TtlInOut;
import org.coredev.rtio.phy.TtlOut;
import org.coredev.rtio.trace.VcdWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** VCD files that GTKWave's tools accept. */
class VcdTest {
    @TempDir
    Path dir;

    private static RtioCore tracedRun() {
        SpiMaster spi = new SpiMaster();
        spi.attachSlave(t -> 0x5);
        RtioCore c = new RtioCore(RtioConfig.kasli().withSignalTrace(true), List.of(
                Channel.of(0, "ttl0", new TtlOut()),
                Channel.of(1, "ttl in 1", new TtlInOut()),
                Channel.of(2, "clkgen0", new TtlClockGen()),
                Channel.of(3, "spi0", spi)));
        c.connect(0, 1, 10);
        c.output(0, 0, 1000, 1);
        c.output(0, 0, 1500, 0);
        c.output(0, 2 << 8, 1000, 1 << 20);
        c.output(0, (3 << 8) | 1, 2000, 0x02 | 0x04 | (7 << 8) | (2 << 16) | (1 << 24));
        c.output(0, 3 << 8, 2008, 0xA5000000);
        c.drain();
        return c;
    }

    private static String run(Path workDir, String... command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            fail(command[0] + " is missing: install the Debian package 'gtkwave' (" + e.getMessage() + ")");
            throw e;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), command[0] + " did not finish");
        assertEquals(0, p.exitValue(), command[0] + " failed: " + out);
        return out;
    }

    @Test
    void vcdConvertsToFstAndBackWithChannelNamedSignals() throws Exception {
        Path vcd = dir.resolve("trace.vcd");
        VcdWriter.write(tracedRun().signalTrace(), vcd);
        Path fst = dir.resolve("trace.fst");
        run(dir, "vcd2fst", vcd.toString(), fst.toString());
        assertTrue(Files.size(fst) > 0);
        String back = run(dir, "fst2vcd", fst.toString());
        for (String name : List.of("ttl0", "ttl_in_1", "ttl_in_1_oe", "clkgen0_ftw", "clkgen0_freq_mhz",
                "spi0_cs", "spi0_clk", "spi0_mosi", "spi0_miso", "spi0_data_out", "spi0_data_in")) {
            assertTrue(back.contains(" " + name + " "), "signal " + name + " in:\n" + back);
        }
        assertTrue(back.contains("#1000"), "ttl0 rises at 1000");
        assertTrue(back.contains("#1010"), "the loopback reaches ttl in 1 at 1010");
    }

    @Test
    void ttlPinChangesAreWrittenAtTheirTimes() throws Exception {
        java.io.StringWriter w = new java.io.StringWriter();
        VcdWriter.write(tracedRun().signalTrace(), w);
        String text = w.toString();
        assertTrue(text.contains("$var wire 1 ! ttl0 $end"), text);
        assertTrue(text.contains("#1000\n1!"), text);
        assertTrue(text.contains("#1500\n0!"), text);
        assertTrue(text.contains("$var real 64"), text);
        assertFalse(text.contains("$date"), "no date: the same run gives the same file");
    }

    @Test
    void sameRunGivesTheSameFile() throws Exception {
        java.io.StringWriter a = new java.io.StringWriter();
        java.io.StringWriter b = new java.io.StringWriter();
        VcdWriter.write(tracedRun().signalTrace(), a);
        VcdWriter.write(tracedRun().signalTrace(), b);
        assertEquals(a.toString(), b.toString());
    }

    @Test
    void signalTraceIsOffByDefault() {
        RtioCore c = new RtioCore(RtioConfig.kasli(), List.of(Channel.of(0, "ttl0", new TtlOut())));
        assertNull(c.signalTrace());
    }
}
