package org.coredev.emu.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.coredev.rtio.trace.RtioEvent;
import org.junit.jupiter.api.Test;

/** The analyzer dump's layout, read back with comm_analyzer.py's decode_dump as the test host implements it. */
class AnalyzerDumpTest {
    @Test
    void outputsAndInputsUseTheGatewaysMessageLayout() {
        List<RtioEvent> events = List.of(new RtioEvent(RtioEvent.Kind.OUTPUT, 5, 1000, 2, 0x1_2345_6789L),
                new RtioEvent(RtioEvent.Kind.INPUT, 9, 1080, 0, 1));
        AnalyzerClient.Dump dump = AnalyzerClient.decode(AnalyzerDump.encode(events, 0, 2000, 12));
        assertEquals(List.of(new AnalyzerClient.Output(5, 1000, 1000, 2, 0x1_2345_6789L), new AnalyzerClient.Input(9, 1080, 1080, 1),
                new AnalyzerClient.Stopped(2000)), dump.messages());
        assertEquals(12, dump.logChannel());
        assertEquals(true, dump.ddsOnehotSel());
        assertEquals(96, dump.sentBytes());
        assertEquals(96, dump.totalByteCount());
    }

    @Test
    void aFullRingKeepsTheNewestMessagesAndCountsEveryByte() {
        List<RtioEvent> events = new ArrayList<>();
        for (int k = 0; k < 20_000; k++) events.add(new RtioEvent(RtioEvent.Kind.OUTPUT, 1, 8L * k, 0, k & 1));
        AnalyzerClient.Dump dump = AnalyzerClient.decode(AnalyzerDump.encode(events, 0, 200_000, 2));
        assertEquals(512 * 1024, dump.sentBytes());
        assertEquals(20_001L * 32, dump.totalByteCount());
        assertEquals(16384, dump.messages().size());
        int firstKept = 20_001 - 16384;
        assertEquals(8L * firstKept, ((AnalyzerClient.Output) dump.messages().getFirst()).timestamp());
        assertEquals(new AnalyzerClient.Stopped(200_000), dump.messages().getLast());
    }

    @Test
    void eventsTheServerAlreadyDiscardedStillCountInTheTotal() {
        List<RtioEvent> events = new ArrayList<>();
        for (int k = 0; k < 100; k++) events.add(new RtioEvent(RtioEvent.Kind.OUTPUT, 1, 8L * k, 0, k & 1));
        AnalyzerClient.Dump dump = AnalyzerClient.decode(AnalyzerDump.encode(events, 50_000, 1_000, 2));
        assertEquals(101 * 32, dump.sentBytes());
        assertEquals(50_101L * 32, dump.totalByteCount());
        assertEquals(101, dump.messages().size());
    }
}
