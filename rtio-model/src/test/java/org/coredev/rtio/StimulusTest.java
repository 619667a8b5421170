package org.coredev.rtio;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.coredev.rtio.phy.TtlInOut;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input stimulus from files and from Java. */
class StimulusTest {
    @TempDir
    Path dir;

    private static RtioCore core() {
        return new RtioCore(RtioConfig.kasli(), List.of(Channel.of(0, "ttl0", new TtlInOut()),
                Channel.of(3, "ttl_in", new TtlInOut())));
    }

    @Test
    void stimulusFileEdgesBecomeTimestampedInputs() throws Exception {
        Path f = dir.resolve("edges.txt");
        Files.writeString(f, """
                # two pulses on ttl_in
                1000  ttl_in 1
                1200  ttl_in 0   # falling, not gated
                5000  3      high
                """);
        RtioCore c = core();
        c.output(0, (3 << 8) | 2, 400, 1);
        c.addStimulus(InputStimulus.read(f));
        assertEquals(1080, c.input(0, 3, 10_000).timestampMu());
        assertEquals(5080, c.input(0, 3, 10_000).timestampMu(), "the level went low at 1200, so 5000 rises again");
        assertEquals(-1, c.input(0, 3, 10_000).timestampOrMinusOne());
    }

    @Test
    void badLevelNamesFileLineAndColumn() {
        RtioException e = assertThrows(RtioException.class,
                () -> InputStimulus.parse("s.txt", "10 ttl0 1\n20 ttl0 maybe\n"));
        assertEquals("s.txt:2:9: level 'maybe' must be 0, 1, low or high", e.getMessage());
    }

    @Test
    void badTimeAndFieldCountAreReported() {
        assertTrue(assertThrows(RtioException.class, () -> InputStimulus.parse("s", "x ttl0 1"))
                .getMessage().startsWith("s:1:1: time 'x'"));
        assertTrue(assertThrows(RtioException.class, () -> InputStimulus.parse("s", "1 ttl0"))
                .getMessage().contains("expected '<time mu> <channel> <level>'"));
        assertTrue(assertThrows(RtioException.class, () -> InputStimulus.parse("s", "1 99999999999 1"))
                .getMessage().contains("above 65535"));
    }

    @Test
    void unknownChannelNameIsRejected() {
        RtioCore c = core();
        InputStimulus s = InputStimulus.parse("s", "10 nope 1");
        assertEquals("no RTIO channel named 'nope'", assertThrows(RtioException.class, () -> c.addStimulus(s)).getMessage());
    }

    @Test
    void missingFileIsAnRtioException() {
        assertThrows(RtioException.class, () -> InputStimulus.read(dir.resolve("missing.txt")));
    }

    @Test
    void stimulusInThePastIsRejected() {
        RtioCore c = core();
        c.advanceTo(10_000);
        assertThrows(RtioException.class, () -> c.addStimulus(0, 5000, true));
    }

    @Test
    void negativeLoopbackDelayIsRejected() {
        RtioCore c = core();
        RtioException e = assertThrows(RtioException.class, () -> c.connect(0, 3, -1));
        assertTrue(e.getMessage().contains("0x0000:ttl0 -> channel 0x0003:ttl_in"), e.getMessage());
    }
}
