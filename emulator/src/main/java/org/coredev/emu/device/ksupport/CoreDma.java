package org.coredev.emu.device.ksupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.coredev.emu.cpu.Cpu;
import org.coredev.emu.device.KernelRaiser;
import org.coredev.emu.runtime.Abi;
import org.coredev.emu.runtime.Args;
import org.coredev.emu.runtime.GuestFault;
import org.coredev.emu.runtime.Runtime;
import org.coredev.emu.runtime.RuntimeExport;
import org.coredev.rtio.RtioCore;

/**
 * RTIO DMA: recording output events into named traces and playing them back through the RTIO
 * core (ksupport/lib.rs, runtime/rtio_dma.rs, gateware/rtio/dma.py, coredevice/dma.py).
 *
 * <p>Exports and their C types (the kernel compiler passes a string as a {ptr, len} pair in two
 * registers and returns the 16-byte tuple of {@code dma_retrieve} through a hidden pointer in a0):
 * <ul>
 * <li>{@code dma_record_start(CSlice<u8> name)}: DMAError "DMA is already recording" if one is in
 *     progress; drops any trace of that name (runtime/rtio_dma.rs {@code record_start}); then,
 *     as ksupport does, rebinds the kernel's {@code rtio_output} and {@code rtio_output_wide}
 *     imports ({@link ImportRebinder}) to the recording functions
 *     ({@code __coredev_dma_record_output[_wide]}, ksupport's {@code dma_record_output[_wide]}),
 *     which append the event with the timeline cursor read from the now CSR pair and check no
 *     RTIO status.</li>
 * <li>{@code dma_record_stop(i64 duration, bool enable_ddma)}: DMAError "DMA is not recording"
 *     if none is; rebinds the imports back to the RTIO exports and stores the trace, 64-byte
 *     aligned, in runtime memory ({@link RuntimeHeap}). No DRTIO, so {@code enable_ddma} changes nothing.</li>
 * <li>{@code dma_erase(CSlice<u8> name)}: forgets the trace (nothing happens for an unknown name).</li>
 * <li>{@code DmaTrace dma_retrieve(CSlice<u8> name)}: {duration i64, address i32, uses_ddma bool
 *     (always false)}; an unknown name logs {@code DMA trace called "name" not found} and raises
 *     DMAError "DMA trace not found".</li>
 * <li>{@code dma_playback(i64 timestamp, i32 ptr, bool uses_ddma)}: the DMA engine writes every
 *     event with its timestamp plus {@code timestamp}, as a second CRI master, while the CPU
 *     waits; a full lane stalls it. The first underflow (or unreachable destination) is latched
 *     and every later event of the trace is discarded (dma.py CRIMaster), then ksupport raises
 *     RTIOUnderflow "RTIO underflow at channel 0xCCCC:name, T mu" (or
 *     RTIODestinationUnreachable). A pointer that is not a live trace (erased, replaced, never
 *     recorded) is a bad runtime call here; the board would replay whatever memory holds.</li>
 * </ul>
 *
 * <p>Cycle costs (125 MHz), estimates from the code paths, checked against ARTIQ's hardware
 * tests (artiq/test/coredevice/test_rtio.py, DMATest):
 * <ul>
 * <li>recording an event: {@link #RECORD_OUTPUT_CYCLES} (call and return, now_hi/now_lo CSR
 *     reads, a 17-byte record written byte by byte), a cycle more per extra wide word; every
 *     64 KiB the buffer goes to the comms CPU: a mailbox round trip (500) plus a copy (a cycle
 *     per 4 bytes). test_dma_record_time requires under 11 us an event: 0.56 us here with the kernel's loop.</li>
 * <li>dma_record_start / dma_record_stop: {@link #RECORD_START_CYCLES} (a mailbox round trip,
 *     two import rebinds and an instruction cache flush); stop adds the final flush and the
 *     comms CPU's copy of the trace into place.</li>
 * <li>dma_erase, dma_retrieve: a mailbox round trip, 500.</li>
 * <li>dma_playback: {@link #PLAYBACK_SETUP_CYCLES} (call and 6 CSR writes: base address,
 *     time offset, cri_con, enable), {@link #PLAYBACK_START_CYCLES} before the first record
 *     arrives from SDRAM, then per event 3 cycles through the CRI master (IDLE, WRITE,
 *     CHECK_STATE) plus a cycle per 16 bytes of record read from the 128-bit SDRAM port, and
 *     {@link #PLAYBACK_FINISH_CYCLES} (3 CSR accesses) at the end: 2.1 us for a 40-event trace,
 *     under test_dma_playback_time's 4.5 us; 0.56 us for a 2-event, 200 ns trace, so replaying it
 *     back to back underflows as test_dma_underflow requires.</li>
 * </ul>
 */
public final class CoreDma {
    public static final int MAILBOX_CYCLES = 500, RECORD_START_CYCLES = 1000, RECORD_OUTPUT_CYCLES = 40;
    /** The recording functions the kernel's rtio_output imports point to while recording. */
    public static final String RECORD_OUTPUT = "__coredev_dma_record_output", RECORD_OUTPUT_WIDE = "__coredev_dma_record_output_wide";
    public static final int PLAYBACK_SETUP_CYCLES = 32, PLAYBACK_START_CYCLES = 16, PLAYBACK_FINISH_CYCLES = 12;
    /** ksupport's recording buffer; full, it is sent to the comms CPU. */
    public static final int RECORD_BUFFER_BYTES = 64 * 1024;
    /** Trace alignment the DMA engine requires (ksupport asserts {@code ptr % 64 == 0}). */
    public static final int TRACE_ALIGNMENT = 64;

    private final RuntimeHeap heap;
    private final RtioCore core;
    private final Cpu cpu;
    private final int muPerCycle;
    private final KernelRaiser raiser;
    private final CoreLog log;
    private final ImportRebinder rebinder;
    private final Runtime runtime;
    private final TreeMap<String, DmaTrace> byName = new TreeMap<>();
    private final TreeMap<Integer, DmaTrace> byAddress = new TreeMap<>();

    private boolean recording;
    private String recordingName;
    private final List<DmaTrace.Event> recorded = new ArrayList<>();
    private int bufferedBytes;

    private CoreDma(Runtime runtime, RuntimeHeap heap, RtioCore core, Cpu cpu, int muPerCycle, KernelRaiser raiser,
                    CoreLog log, ImportRebinder rebinder) {
        this.runtime = runtime;
        this.rebinder = rebinder;
        this.heap = heap;
        this.core = core;
        this.cpu = cpu;
        this.muPerCycle = muPerCycle;
        this.raiser = raiser;
        this.log = log;
    }

    /**
     * Registers the dma_* exports and the two recording functions. {@code rebinder} re-points the
     * running kernel's imports; the RTIO exports {@code rtio_output} / {@code rtio_output_wide}
     * must be registered (before the first recording stops) to be re-pointed back to.
     */
    public static CoreDma register(Runtime runtime, RuntimeHeap heap, RtioCore core, Cpu cpu, int muPerCycle,
                                   KernelRaiser raiser, CoreLog log, ImportRebinder rebinder) {
        CoreDma dma = new CoreDma(runtime, heap, core, cpu, muPerCycle, raiser, log, rebinder);
        runtime.register(RuntimeExport.of("dma_record_start", "v(pi)", RECORD_START_CYCLES, a -> {
            dma.recordStart(CoreCache.string(a, 0, "dma_record_start"));
            return 0;
        }));
        runtime.register(RuntimeExport.of("dma_record_stop", "v(li)", RECORD_START_CYCLES, a -> {
            dma.recordStop(a.l(0));
            return 0;
        }));
        runtime.register(RuntimeExport.of("dma_erase", "v(pi)", MAILBOX_CYCLES, a -> {
            dma.erase(CoreCache.string(a, 0, "dma_erase"));
            return 0;
        }));
        runtime.register(RuntimeExport.of("dma_retrieve", "v(ppi)", MAILBOX_CYCLES, dma::retrieve));
        runtime.register(RuntimeExport.of(RECORD_OUTPUT, "v(ii)", RECORD_OUTPUT_CYCLES, a -> {
            dma.record(a.i(0), dma.timelineCursor(), a.i(1));
            return 0;
        }));
        runtime.register(RuntimeExport.of(RECORD_OUTPUT_WIDE, "v(ip)", RECORD_OUTPUT_CYCLES, a -> {
            int slice = a.i(1);
            int pointer = a.memory().load32(slice), length = a.memory().load32(slice + 4);
            if (length < 1 || length > 16)     // ksupport asserts the hardware limit (and would panic)
                throw new GuestFault(slice, "rtio_output_wide while recording DMA: %d data words (1 to 16 allowed)".formatted(length));
            int[] words = new int[length];
            for (int k = 0; k < length; k++) words[k] = a.memory().load32(pointer + 4 * k);
            cpu.addCycles(length - 1);
            dma.record(a.i(0), dma.timelineCursor(), words);
            return 0;
        }));
        runtime.register(RuntimeExport.of("dma_playback", "v(lii)", PLAYBACK_FINISH_CYCLES, a -> {
            dma.playback(a.l(0), a.i(1));
            return 0;
        }));
        return dma;
    }

    private long nowMu() { return cpu.cycles() * muPerCycle; }

    /** True between {@code dma_record_start} and {@code dma_record_stop}. */
    public boolean recording() { return recording; }

    /**
     * The timeline cursor as ksupport's recorder reads it: the now_hi / now_lo CSR pair behind the
     * {@code now} export (now_lo 8 bytes after now_hi on rv32g boards' 64-bit CSR bus, else 4).
     */
    private long timelineCursor() {
        int hi = runtime.resolve("now").orElseThrow(() -> new IllegalStateException("the runtime exports no 'now'"));
        int lo = hi + (runtime.abi() == Abi.ILP32D ? 8 : 4);
        return (long) runtime.memory().load32(hi) << 32 | Integer.toUnsignedLong(runtime.memory().load32(lo));
    }

    /** Appends an event to the recording (what the recording functions do; the caller charges the call). */
    void record(int target, long timestampMu, int... words) {
        // Reachable only through rebound imports, i.e. while recording, unless a kernel imports the
        // recording function by name; such an event is dropped (the board would leave it in its
        // idle buffer).
        if (!recording) return;
        DmaTrace.Event e = new DmaTrace.Event(target, timestampMu, words);
        if (RECORD_BUFFER_BYTES - bufferedBytes < e.recordBytes()) flush();
        bufferedBytes += e.recordBytes();
        recorded.add(e);
    }

    /** Points the kernel's rtio_output / rtio_output_wide imports at these runtime functions. */
    private void rebind(String output, String outputWide) {
        rebinder.rebind("rtio_output", address(output));
        rebinder.rebind("rtio_output_wide", address(outputWide));
    }

    private int address(String export) {
        return runtime.resolve(export).orElseThrow(() -> new IllegalStateException("the runtime exports no '" + export + "'"));
    }

    /** ksupport sends its buffer to the comms CPU, which appends it to the trace. */
    private void flush() {
        cpu.addCycles(MAILBOX_CYCLES + bufferedBytes / 4);
        bufferedBytes = 0;
    }

    /** A new kernel starts with ksupport's recorder idle (the kernel CPU is restarted for each kernel). */
    public void startKernel() {
        recording = false;
        recorded.clear();
        bufferedBytes = 0;
    }

    private void recordStart(String name) {
        if (recording) throw raiser.raise("DMAError", "DMA is already recording", 0, 0, 0);
        rebind(RECORD_OUTPUT, RECORD_OUTPUT_WIDE);
        recording = true;
        recordingName = name;
        recorded.clear();
        bufferedBytes = 0;
        erase(name);          // rtio_dma.rs record_start: the old trace of that name goes now
    }

    private void recordStop(long durationMu) {
        flush();
        if (!recording) throw raiser.raise("DMAError", "DMA is not recording", 0, 0, 0);
        rebind("rtio_output", "rtio_output_wide");
        recording = false;
        DmaTrace draft = new DmaTrace(recordingName, 0, durationMu, recorded);
        byte[] bytes = draft.bytes();
        cpu.addCycles(bytes.length / 4);
        int address = heap.allocate(bytes.length, TRACE_ALIGNMENT, "DMA trace '" + recordingName + "'");
        heap.memory().write(address, bytes);
        DmaTrace trace = new DmaTrace(recordingName, address, durationMu, recorded);
        erase(recordingName);
        byName.put(trace.name(), trace);
        byAddress.put(address, trace);
        recorded.clear();
    }

    private void erase(String name) {
        DmaTrace old = byName.remove(name);
        if (old == null) return;
        byAddress.remove(old.address());
        heap.free(old.address());
    }

    private long retrieve(Args a) {
        int result = a.i(0);
        String name = CoreCache.string(a, 1, "dma_retrieve");
        DmaTrace trace = byName.get(name);
        if (trace == null) {
            log.write("DMA trace called " + rustDebug(name) + " not found\n");
            cpu.addCycles(MAILBOX_CYCLES);     // the comms CPU answered before ksupport raises
            throw raiser.raise("DMAError", "DMA trace not found", 0, 0, 0);
        }
        // struct DmaTrace { i64 duration; i32 address; bool uses_ddma; } (16 bytes, repr(C))
        a.memory().store64(result, trace.durationMu());
        a.memory().store32(result + 8, trace.address());
        a.memory().store8(result + 12, 0);
        return 0;
    }

    private void playback(long offsetMu, int pointer) {
        DmaTrace trace = byAddress.get(pointer);
        if (trace == null)
            throw new GuestFault(pointer, "dma_playback: no DMA trace at 0x%08x (erased, replaced or never recorded)".formatted(pointer));
        cpu.addCycles(PLAYBACK_SETUP_CYCLES);
        long t = nowMu() + (long) PLAYBACK_START_CYCLES * muPerCycle;
        int error = 0, errorChannel = 0;
        long errorTimestamp = 0;
        for (DmaTrace.Event e : trace.events()) {
            t += (3L + (e.recordBytes() + 15) / 16) * muPerCycle;
            if (error != 0) continue;           // discarded until the error is acknowledged
            long timestamp = e.timestampMu() + offsetMu;
            int status = e.wordCount() == 1
                    ? core.output(t, e.target(), timestamp, Integer.toUnsignedLong(e.word(0)))
                    : core.outputWide(t, e.target(), timestamp, e.words());
            while ((status & 1) != 0) {         // lane full: the CRI master waits in CHECK_STATE
                t = Math.max(t, core.waitEndsAtMu());
                status = core.outputStatus(t);
            }
            if ((status & 6) != 0) {
                error = (status & 2) != 0 ? 1 : 2;
                errorChannel = e.channel();
                errorTimestamp = timestamp;
            }
        }
        long cycles = (t + muPerCycle - 1) / muPerCycle;
        if (cycles > cpu.cycles()) cpu.addCycles(cycles - cpu.cycles());
        String channel = "0x%04x:%s".formatted(errorChannel, core.channelName(errorChannel));
        if (error == 1)
            throw raiser.raise("RTIOUnderflow", "RTIO underflow at channel %s, %d mu".formatted(channel, errorTimestamp),
                    errorChannel, errorTimestamp, 0);
        if (error == 2)
            throw raiser.raise("RTIODestinationUnreachable",
                    "RTIO destination unreachable, output, at channel %s, %d mu".formatted(channel, errorTimestamp),
                    errorChannel, errorTimestamp, 0);
    }

    /** Rust's {@code {:?}} of a str: quoted, with quotes, backslashes and control characters escaped. */
    static String rustDebug(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) b.append("\\u{%x}".formatted((int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }

    /** The stored trace of that name, if any. */
    public Optional<DmaTrace> trace(String name) { return Optional.ofNullable(byName.get(name)); }

    /** Every stored trace, by name. */
    public List<DmaTrace> traces() { return List.copyOf(byName.values()); }
}
