package org.coredev.rtio;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.coredev.rtio.phy.TtlOut;
import org.coredev.rtio.trace.RtioEvent;
import org.junit.jupiter.api.Test;

/** Lane distributor, lane FIFOs and output driver behaviour at the CRI level. */
class SedTest {
    private static RtioCore core(RtioConfig config) {
        return new RtioCore(config, List.of(
                Channel.of(0, "ttl0", new TtlOut()),
                Channel.of(1, "ttl1", new TtlOut()),
                new Channel(2, "late", new TtlOut(), 2, 64)));
    }

    @Test
    void fullLaneSetsWaitUntilItsOldestEventLeaves() {
        RtioCore c = core(RtioConfig.kasli().withLanes(8, 4));
        long cpu = 0;
        long t0 = 10_000;
        int status = 0;
        for (int i = 0; i < 4; i++) {
            status = c.output(cpu, 0, t0 + 16L * i, i & 1);
        }
        assertEquals(1, status, "four events fill a lane of four: wait");
        assertEquals(t0, c.waitEndsAtMu());
        assertEquals(1, c.outputStatus(t0 - 1));
        assertEquals(0, c.outputStatus(t0));
        assertEquals(1, c.output(t0, 0, t0 + 1000, 0), "the fifth event fills the lane again");
        assertEquals(t0 + 16, c.waitEndsAtMu());
        c.drain();
        assertEquals(5, c.eventLog().size(), "waiting loses no event");
    }

    @Test
    void decreasingTimestampsMoveToTheNextLane() {
        RtioCore c = core(RtioConfig.kasli().withLanes(4, 16));
        // Each write goes back in time: lanes 0,1,2,3 take one each; the fifth wraps to lane 0 whose last is later.
        for (int i = 0; i < 4; i++) {
            assertEquals(0, c.output(0, 0, 100_000 - 1000L * i, 1));
        }
        assertEquals(0, c.asyncErrorBits());
        c.output(0, 0, 100_000 - 4000, 1);
        assertEquals(4, c.asyncErrorBits());
        assertEquals(new AsyncError(AsyncError.Kind.SEQUENCE_ERROR, 0, "ttl0", 96_000), c.asyncErrors().getFirst());
    }

    @Test
    void sameCoarseCycleOnTwoChannelsIsNoCollision() {
        RtioCore c = core(RtioConfig.kasli());
        c.output(0, 0, 1000, 1);
        c.output(0, 1 << 8, 1003, 1);
        c.drain();
        assertEquals(0, c.asyncErrorBits());
        assertEquals(2, c.eventLog().size());
        assertEquals(1000, c.eventLog().get(0).timestampMu());
        assertEquals(1003, c.eventLog().get(1).timestampMu());
    }

    @Test
    void replacementKeepsTheLastWrittenData() {
        RtioCore c = core(RtioConfig.kasli());
        c.output(0, 0, 1000, 1);
        c.output(0, 0, 1000, 0);
        c.output(0, 0, 1000, 1);
        c.drain();
        assertEquals(List.of(new RtioEvent(RtioEvent.Kind.OUTPUT, 0, 1000, 0, 1)), c.eventLog().events());
        assertEquals(0, c.asyncErrorBits());
    }

    @Test
    void latencyCompensationDelaysTheEventAndCountsForUnderflow() {
        RtioCore c = core(RtioConfig.kasli());
        // 12 cycles of slack are not enough on ttl0 but are on "late", compensated by 2 cycles.
        assertEquals(2, c.output(800, 0, 800 + 12 * 8, 1) & 2);
        assertEquals(0, c.output(800, 2 << 8, 800 + 12 * 8, 1) & 2);
        TtlOut late = (TtlOut) c.phy(2);
        c.advanceTo(800 + 12 * 8 + 15);
        assertFalse(late.level(), "compensated event reaches the pin two cycles later");
        c.advanceTo(800 + 12 * 8 + 16);
        assertTrue(late.level());
        assertEquals(800 + 12 * 8, c.eventLog().get(0).timestampMu(), "the log shows the kernel's timestamp");
    }

    @Test
    void nonZeroDestinationIsUnreachable() {
        RtioCore c = core(RtioConfig.kasli());
        assertEquals(4, c.output(0, 1 << 24, 10_000, 1));
        assertEquals(InputResult.DESTINATION_UNREACHABLE, c.input(0, 1 << 16, 100).status());
    }

    @Test
    void spreadingMovesToTheNextLaneWhenTheCurrentOneIsFull() {
        RtioCore plain = core(RtioConfig.kasli().withLanes(2, 2));
        RtioCore spread = core(RtioConfig.kasli().withLanes(2, 2).withSpread(true));
        for (RtioCore c : List.of(plain, spread)) {
            c.output(0, 0, 10_000, 1);
            c.output(0, 0, 10_100, 0);
        }
        assertEquals(1, plain.output(0, 0, 10_200, 1) & 1, "a third event finds the lane full: it is lost");
        assertEquals(1, plain.lostEvents());
        assertEquals(0, spread.output(0, 0, 10_200, 1) & 1, "with spreading it goes to lane 1");
        assertEquals(0, spread.lostEvents());
    }

    @Test
    void resetDiscardsQueuedEvents() {
        RtioCore c = core(RtioConfig.kasli());
        c.output(0, 0, 50_000, 1);
        c.reset(1000);
        c.drain();
        assertEquals(0, c.eventLog().size());
        assertEquals(0, c.output(1000, 0, 1200, 1) & 2, "the distributor's last timestamps were cleared too");
    }

    @Test
    void wideOutputKeepsAllWords() {
        RtioCore c = core(RtioConfig.kasli());
        int[] words = {1, 2, 3, 4};
        c.outputWide(0, 0, 5000, words);
        c.drain();
        assertArrayEquals(words, c.eventLog().wideData(0));
        assertEquals(1L | (2L << 32), c.eventLog().get(0).data());
    }

    @Test
    void outputToUnknownChannelIsIgnoredAndNoted() {
        RtioCore c = core(RtioConfig.kasli());
        assertEquals(0, c.output(0, 42 << 8, 5000, 1));
        c.drain();
        assertEquals(0, c.eventLog().size());
        assertTrue(c.coreLog().getFirst().contains("channel 42"));
    }

    @Test
    void channelDefinedTwiceIsRejected() {
        RtioException e = assertThrows(RtioException.class, () -> new RtioCore(RtioConfig.kasli(), List.of(
                Channel.of(3, "a", new TtlOut()), Channel.of(3, "b", new TtlOut()))));
        assertTrue(e.getMessage().contains("channel 3"));
    }

    @Test
    void laneCountMustBeAPowerOfTwo() {
        assertThrows(RtioException.class, () -> RtioConfig.kasli().withLanes(6, 128));
    }

    @Test
    void counterIsCoarse() {
        RtioCore c = core(RtioConfig.kasli());
        assertEquals(1000, c.counterMu(1007));
        assertEquals(1008, c.counterMu(1008));
    }

    @Test
    void drainStopsAfterTheLastEventEvenWithARunningLoopedClock() {
        org.coredev.rtio.phy.TtlClockGen clk = new org.coredev.rtio.phy.TtlClockGen();
        org.coredev.rtio.phy.SpiMaster spi = new org.coredev.rtio.phy.SpiMaster();
        spi.attachSlave(t -> 1);
        RtioCore c = new RtioCore(RtioConfig.kasli(), List.of(Channel.of(0, "clk", clk),
                Channel.of(1, "in", new org.coredev.rtio.phy.TtlInOut()), Channel.of(2, "spi", spi)));
        c.connect(0, 1, 5);
        c.output(0, 0, 1000, 1 << 20);                          // runs for ever
        c.output(0, (2 << 8) | 1, 1000, 0x06 | (31 << 8) | (200 << 16));
        c.output(0, 2 << 8, 1008, 0);                          // a long SPI read: 32 bits, div 202
        long reached = c.drain();
        assertTrue(reached < 1_000_000, "reached " + reached);
        assertEquals(1, c.inputFifoLevel(2), "the SPI read arrived");
    }
}
