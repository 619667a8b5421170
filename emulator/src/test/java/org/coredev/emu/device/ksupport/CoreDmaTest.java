package org.coredev.emu.device.ksupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.coredev.emu.cpu.rv32.Rv32Cpu;
import org.coredev.emu.runtime.GuestFault;
import org.coredev.emu.runtime.RuntimeExport;
import org.coredev.rtio.Channel;
import org.coredev.rtio.RtioConfig;
import org.coredev.rtio.RtioCore;
import org.coredev.rtio.phy.TtlOut;
import org.coredev.rtio.trace.RtioEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The dma_* exports as kernels call them, on a real RTIO core with two TTL outputs. */
class CoreDmaTest {
    private static final int TTL = 5, TTL2 = 6;
    private Machine m;
    private RtioCore rtio;
    private CoreDma dma;
    /** Where the kernel's imports point (what the rebinder did to them). */
    private final Map<String, Integer> bound = new TreeMap<>();
    /** Outputs that reached the (stub) RTIO export instead of the recorder. */
    private final List<Integer> direct = new ArrayList<>();
    private int nowAddress, nowLo;

    private void boot(Rv32Cpu.Variant variant) {
        m = new Machine(variant);
        rtio = new RtioCore(RtioConfig.kasli(), List.of(Channel.of(TTL, "ttl_out", new TtlOut()), Channel.of(TTL2, "ttl2", new TtlOut())));
        // The now CSR pair (here plain RAM) and stand-ins for the RTIO runtime's output exports.
        nowAddress = m.alloc(16, 8);
        nowLo = variant == Rv32Cpu.Variant.RV32G ? 8 : 4;
        m.runtime.defineData("now", nowAddress);
        m.runtime.register(RuntimeExport.of("rtio_output", "v(ii)", 24, a -> direct.add(a.i(1)) ? 0 : 0));
        m.runtime.register(RuntimeExport.of("rtio_output_wide", "v(ip)", 24, a -> 0));
        for (String s : List.of("rtio_output", "rtio_output_wide")) bound.put(s, m.runtime.resolve(s).orElseThrow());
        CoreLog log = CoreLog.register(m.runtime, m.cpu, Machine.MU_PER_CYCLE, m.log::add);
        dma = CoreDma.register(m.runtime, m.heap, rtio, m.cpu, Machine.MU_PER_CYCLE, m.raiser, log, bound::put);
    }

    private void setNow(long t) {
        m.memory.store32(nowAddress, (int) (t >>> 32));
        m.memory.store32(nowAddress + nowLo, (int) t);
    }

    /** The kernel's rtio_output(target, data) at now = t, through whatever its import points to. */
    private void output(int target, long t, int data) {
        setNow(t);
        m.call(m.runtime.nameAt(bound.get("rtio_output")), target, data);
    }

    private void outputWide(int target, long t, int... words) {
        setNow(t);
        m.call(m.runtime.nameAt(bound.get("rtio_output_wide")), target, m.intList(words));
    }

    private int name(String n) { return m.bytes(n.getBytes(StandardCharsets.UTF_8), false); }

    private void start(String n) { m.call("dma_record_start", name(n), n.length()); }

    private void stop(long duration) {
        m.setPair(10, duration);
        m.cpu.setX(12, 0);
        m.call("dma_record_stop", (int) duration, (int) (duration >>> 32), 0);
    }

    /** dma_retrieve through the hidden result pointer: {duration, address, uses_ddma}. */
    private long[] retrieve(String n) {
        int result = m.alloc(16, 8);
        m.memory.store8(result + 12, 1);
        m.call("dma_retrieve", result, name(n), n.length());
        return new long[] {m.memory.load64(result), m.memory.load32(result + 8), m.memory.load8(result + 12)};
    }

    private void playback(long timestamp, int address) {
        m.call("dma_playback", (int) timestamp, (int) (timestamp >>> 32), address, 0);
    }

    /** Records two 100 ns pulses on TTL as ARTIQ's recorder does: timestamps from 0, duration = now at the end. */
    private void recordPulses(String n) {
        start(n);
        assertTrue(dma.recording());
        output(TTL << 8, 100, 1);
        output(TTL << 8, 200, 0);
        output(TTL2 << 8, 200, 1);
        stop(300);
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void recordedEventsAreStoredInTheBoardsFormat(Rv32Cpu.Variant variant) {
        boot(variant);
        recordPulses("pulses");
        assertFalse(dma.recording());
        DmaTrace trace = dma.trace("pulses").orElseThrow();
        assertEquals(0, trace.address() % 64, "64-byte aligned");
        assertEquals(300, trace.durationMu());
        byte[] stored = m.memory.read(trace.address(), 3 * 17 + 1);
        assertEquals(17, stored[0]);
        assertEquals(TTL, stored[1]);
        assertEquals(100, stored[4]);               // timestamp, little-endian
        assertEquals(0, stored[12]);                // address
        assertEquals(1, stored[13]);                // data
        assertEquals(0, stored[51], "end marker");
        assertEquals(trace.events(), DmaTrace.decode(stored));
        assertEquals(0, rtio.eventLog().size(), "nothing reached the RTIO core while recording");
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void retrieveReturnsDurationAndTraceAddress(Rv32Cpu.Variant variant) {
        boot(variant);
        recordPulses("pulses");
        long[] r = retrieve("pulses");
        assertEquals(300, r[0]);
        assertEquals(dma.trace("pulses").orElseThrow().address(), (int) r[1]);
        assertEquals(0, r[2], "no distributed DMA");
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void playbackOffsetsEveryTimestamp(Rv32Cpu.Variant variant) {
        boot(variant);
        recordPulses("pulses");
        int address = (int) retrieve("pulses")[1];
        long at = m.nowMu() + 125_000;
        playback(at, address);
        playback(at + 300, address);
        rtio.drain();
        List<RtioEvent> events = rtio.eventLog().events();
        assertEquals(List.of(at + 100, at + 200, at + 200, at + 400, at + 500, at + 500),
                events.stream().map(RtioEvent::timestampMu).toList());
        assertEquals(List.of(TTL, TTL, TTL2, TTL, TTL, TTL2), events.stream().map(RtioEvent::channel).toList());
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void playbackKeepsTheCpuWaitingWhileTheEngineRuns(Rv32Cpu.Variant variant) {
        boot(variant);
        start("forty");
        for (int k = 0; k < 40; k++) output(TTL << 8, 100L * (k + 1), k & 1);
        stop(4000);
        int address = (int) retrieve("forty")[1];
        long t = m.cpu.cycles();
        playback(m.nowMu() + 125_000, address);
        long cycles = m.cpu.cycles() - t;
        // setup + first read + 40 x (3 + 2 reads of 16 bytes) + finish (+ the jump into the runtime)
        long engine = CoreDma.PLAYBACK_SETUP_CYCLES + CoreDma.PLAYBACK_START_CYCLES + 40 * 5 + CoreDma.PLAYBACK_FINISH_CYCLES;
        assertTrue(cycles >= engine && cycles < engine + 5, "cycles " + cycles);
        // ARTIQ's test_dma_playback_time: a 40-event trace plays in under 4.5 us.
        assertTrue(cycles * Machine.MU_PER_CYCLE < 4500);
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void underflowIsRaisedAfterTheTraceAndDiscardsTheRest(Rv32Cpu.Variant variant) {
        boot(variant);
        recordPulses("pulses");
        int address = (int) retrieve("pulses")[1];
        long late = m.nowMu() - 1000;
        Machine.Raised e = assertThrows(Machine.Raised.class, () -> playback(late, address));
        assertEquals("RTIOUnderflow", e.name);
        assertEquals(TTL, e.p0);
        assertEquals(late + 100, e.p1);
        assertEquals("RTIOUnderflow: RTIO underflow at channel 0x0005:ttl_out, %d mu".formatted(late + 100), e.getMessage());
        rtio.drain();
        assertEquals(0, rtio.eventLog().size(), "events after the first underflow are discarded, even on-time ones");
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void nestedRecordingRaisesDmaError(Rv32Cpu.Variant variant) {
        boot(variant);
        start("a");
        Machine.Raised e = assertThrows(Machine.Raised.class, () -> start("b"));
        assertEquals("DMAError", e.name);
        assertEquals("DMA is already recording", e.template);
        assertTrue(dma.recording(), "the first recording goes on");
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void stopWithoutRecordingRaisesDmaError(Rv32Cpu.Variant variant) {
        boot(variant);
        Machine.Raised e = assertThrows(Machine.Raised.class, () -> stop(0));
        assertEquals("DMA is not recording", e.template);
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void retrievingAnErasedTraceLogsAndRaisesDmaError(Rv32Cpu.Variant variant) {
        boot(variant);
        recordPulses("gone");
        m.call("dma_erase", name("gone"), 4);
        Machine.Raised e = assertThrows(Machine.Raised.class, () -> retrieve("gone"));
        assertEquals("DMAError", e.name);
        assertEquals("DMA trace not found", e.template);
        assertEquals(List.of(CoreLog.PREFIX + "DMA trace called \"gone\" not found"), m.logText());
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void playbackOfAnErasedTraceIsABadRuntimeCall(Rv32Cpu.Variant variant) {
        boot(variant);
        recordPulses("pulses");
        int address = (int) retrieve("pulses")[1];
        m.call("dma_erase", name("pulses"), 6);
        GuestFault f = assertThrows(GuestFault.class, () -> playback(m.nowMu() + 125_000, address));
        assertEquals(address, f.address());
        assertTrue(f.getMessage().contains("dma_playback"), f.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void recordingStartDropsTheOldTraceOfThatName(Rv32Cpu.Variant variant) {
        boot(variant);
        recordPulses("t");
        start("t");
        assertTrue(dma.trace("t").isEmpty());
        assertThrows(Machine.Raised.class, () -> retrieve("t"));
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void aNewKernelStartsWithoutRecording(Rv32Cpu.Variant variant) {
        boot(variant);
        start("t");
        dma.startKernel();
        assertFalse(dma.recording());
        assertThrows(Machine.Raised.class, () -> stop(0));
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void wideEventsRoundTrip(Rv32Cpu.Variant variant) {
        boot(variant);
        start("wide");
        outputWide(TTL << 8 | 3, 40, 0x11111111, 0x22222222, 0x33333333);
        stop(40);
        DmaTrace.Event e = dma.trace("wide").orElseThrow().events().getFirst();
        assertEquals(13 + 12, e.recordBytes());
        assertEquals(3, e.target() & 0xff);
        assertEquals(List.of(e), DmaTrace.decode(dma.trace("wide").orElseThrow().bytes()));
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void fullRecordBufferIsFlushedToTheCommsCpu(Rv32Cpu.Variant variant) {
        boot(variant);
        start("long");
        long t = m.cpu.cycles();
        output(TTL << 8, 0, 1);
        long one = m.cpu.cycles() - t;
        int perBuffer = CoreDma.RECORD_BUFFER_BYTES / 17;
        for (int k = 1; k < perBuffer; k++) output(TTL << 8, 10L * k, k & 1);
        t = m.cpu.cycles();
        output(TTL << 8, 10L * perBuffer, 0);
        assertEquals(one + CoreDma.MAILBOX_CYCLES + perBuffer * 17 / 4, m.cpu.cycles() - t);
        assertTrue(one >= CoreDma.RECORD_OUTPUT_CYCLES && one < CoreDma.RECORD_OUTPUT_CYCLES + 5, "cycles " + one);
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void recordingRebindsTheOutputImportsAndStopRebindsThemBack(Rv32Cpu.Variant variant) {
        boot(variant);
        start("r");
        assertEquals(m.runtime.resolve(CoreDma.RECORD_OUTPUT).orElseThrow(), bound.get("rtio_output"));
        assertEquals(m.runtime.resolve(CoreDma.RECORD_OUTPUT_WIDE).orElseThrow(), bound.get("rtio_output_wide"));
        output(TTL << 8, 10, 1);
        assertEquals(List.of(), direct);
        stop(10);
        assertEquals(m.runtime.resolve("rtio_output").orElseThrow(), bound.get("rtio_output"));
        assertEquals(m.runtime.resolve("rtio_output_wide").orElseThrow(), bound.get("rtio_output_wide"));
        output(TTL << 8, 20, 7);
        assertEquals(List.of(7), direct);
        assertEquals(1, dma.trace("r").orElseThrow().events().size());
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void recordedTimestampIsTheNowCsrPair(Rv32Cpu.Variant variant) {
        boot(variant);
        start("t");
        output(TTL << 8, 0x1_2345_6789L, 1);
        stop(0);
        assertEquals(0x1_2345_6789L, dma.trace("t").orElseThrow().events().getFirst().timestampMu());
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void wideRecordWithoutDataIsABadRuntimeCall(Rv32Cpu.Variant variant) {
        boot(variant);
        start("w");
        assertThrows(GuestFault.class, () -> outputWide(TTL << 8, 0));
    }
}
