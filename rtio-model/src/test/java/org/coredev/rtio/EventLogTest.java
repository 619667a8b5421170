package org.coredev.rtio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.coredev.rtio.trace.EventLog;
import org.coredev.rtio.trace.RtioEvent;
import org.junit.jupiter.api.Test;

/** The event log's numbering survives discarding, and a discarded event is an error, never another one. */
class EventLogTest {
    private static EventLog logOf(int n) {
        EventLog log = new EventLog();
        for (int k = 0; k < n; k++) log.addOutput(k % 3, 100L * k, 0, k);
        return log;
    }

    @Test
    void discardingKeepsTheNumbersOfLaterEvents() {
        EventLog log = logOf(3000);   // past the first growth of the arrays
        log.discardBefore(2500);
        assertEquals(2500, log.first());
        assertEquals(3000, log.size());
        assertEquals(new RtioEvent(RtioEvent.Kind.OUTPUT, 2500 % 3, 250_000, 0, 2500), log.get(2500));
        assertEquals(2999, log.get(2999).data());
        assertEquals(500, log.events().size());
        assertEquals(2500, log.events().getFirst().data());
        log.addInput(7, 400_000, 1);
        assertEquals(new RtioEvent(RtioEvent.Kind.INPUT, 7, 400_000, 0, 1), log.get(3000));
        assertEquals(List.of(log.get(3000)), log.events(7, RtioEvent.Kind.INPUT));
    }

    @Test
    void aDiscardedEventIsAnErrorThatSaysWhatIsKept() {
        EventLog log = logOf(10);
        log.discardBefore(4);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> log.get(3));
        assertTrue(e.getMessage().contains("event 3 was discarded") && e.getMessage().contains("4 to 9"), e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> log.get(10));
        assertThrows(IndexOutOfBoundsException.class, () -> log.get(-1));
    }

    @Test
    void discardingIsClampedAndNumberingGoesOnAfterClear() {
        EventLog log = logOf(10);
        log.discardBefore(2);
        log.discardBefore(1);          // behind what is already gone: nothing changes
        assertEquals(2, log.first());
        log.discardBefore(1_000);      // past the end: everything goes, numbers stay
        assertEquals(10, log.first());
        assertEquals(10, log.size());
        assertEquals(0, log.events().size());
        log.addOutput(1, 5, 0, 42);
        log.clear();
        assertEquals(11, log.size());
        log.addOutput(1, 6, 0, 43);
        assertEquals(43, log.get(11).data());
    }

    @Test
    void wideDataFollowsItsEventAndGoesWithIt() {
        EventLog log = new EventLog();
        log.addOutput(0, 0, 0, 1);
        log.addWideOutput(2, 8, 1, new int[] {1, 2, 3});
        log.addWideOutput(2, 16, 1, new int[] {4, 5, 6});
        log.discardBefore(2);
        assertArrayEquals(new int[] {4, 5, 6}, log.wideData(2));
        assertThrows(IllegalStateException.class, () -> log.wideData(1));
        log.addOutput(0, 24, 0, 9);
        assertNull(log.wideData(3));
    }
}
