package org.coredev.emu.device;

import org.coredev.emu.cpu.Cpu;
import org.coredev.emu.device.ksupport.CFormat;
import org.coredev.emu.device.ksupport.VarArgs;
import org.coredev.emu.runtime.Args;
import org.coredev.emu.runtime.Runtime;
import org.coredev.emu.runtime.RuntimeExport;
import org.coredev.rtio.InputResult;
import org.coredev.rtio.KernelInitiator;
import org.coredev.rtio.RtioCore;

/**
 * The RTIO exports of ksupport's rtio.rs, as the board runs them: CSR writes and reads on the
 * RTIO core, spinning on the wait bits (here: simulated time jumps to when the bit clears) and
 * raising RTIOUnderflow / RTIOOverflow / RTIODestinationUnreachable from the status bits.
 *
 * <p>Cycle costs (VexRiscv at 125 MHz; a CSR access through the wishbone-to-CSR bridge takes
 * about 4 cycles, a call and return about 8): rtio_output writes target and o_data and reads
 * o_status, 3 CSR accesses + call = 24 cycles (192 ns; ARTIQ's test_pulse_rate accepts 100 to
 * 480 ns per sustained TTL event); rtio_output_wide adds one access per extra word;
 * rtio_get_counter is a counter_update write and a 64-bit read = 3 accesses + call = 20 cycles
 * (160 ns; test_rtio's consecutive counter reads must be 50 ns to 1 us apart); input calls write
 * target and i_timeout (3 accesses) and read i_status and the result (3 more) = 32 cycles plus
 * the wait; rtio_init and rtio_get_destination_status are requests to the comms CPU through the
 * mailbox, a few microseconds: 500 cycles.
 */
final class RtioRuntime {
    static final int OUTPUT_CYCLES = 24, COUNTER_CYCLES = 20, INPUT_CYCLES = 32, MAILBOX_CYCLES = 500;

    private final RtioCore core;
    private final KernelInitiator csr;
    private final Cpu cpu;
    private final int muPerCycle;
    private final KernelRaiser raiser;

    private final java.util.function.Consumer<LogLine> log;

    RtioRuntime(RtioCore core, KernelInitiator csr, Cpu cpu, int muPerCycle, KernelRaiser raiser,
                java.util.function.Consumer<LogLine> log) {
        this.log = log;
        this.core = core;
        this.csr = csr;
        this.cpu = cpu;
        this.muPerCycle = muPerCycle;
        this.raiser = raiser;
    }

    private long now() { return cpu.cycles() * muPerCycle; }

    /** Simulated time moves on to {@code mu} (the CPU spinning on a status bit). */
    private void waitUntil(long mu) {
        long cycles = (mu + muPerCycle - 1) / muPerCycle;
        if (cycles > cpu.cycles()) cpu.addCycles(cycles - cpu.cycles());
    }

    void register(Runtime runtime) {
        runtime.register(RuntimeExport.of("rtio_init", "v()", MAILBOX_CYCLES, a -> {
            core.reset(now());
            return 0;
        }));
        runtime.register(RuntimeExport.of("rtio_get_destination_status", "i(i)", MAILBOX_CYCLES,
                a -> a.i(0) == 0 ? 1 : 0));
        runtime.register(RuntimeExport.of("rtio_get_counter", "l()", COUNTER_CYCLES, a -> csr.getCounter(now())));
        runtime.register(RuntimeExport.of("rtio_output", "v(ii)", OUTPUT_CYCLES, a -> {
            int target = a.i(0);
            checkStatus(target >> 8, csr.output(now(), target, a.i(1)));
            return 0;
        }));
        runtime.register(RuntimeExport.of("rtio_output_wide", "v(ip)", OUTPUT_CYCLES, this::outputWide));
        runtime.register(RuntimeExport.of("rtio_input_timestamp", "l(li)", INPUT_CYCLES, a -> {
            InputResult r = input(a.i(1), a.l(0));
            return r.hasEvent() ? r.timestampMu() : -1;
        }));
        runtime.register(RuntimeExport.of("rtio_input_data", "i(i)", INPUT_CYCLES, a -> input(a.i(0), -1).data()));
        // TimestampedData {i64, i32} is 16 bytes: returned through a hidden pointer in a0 (psABI).
        runtime.register(RuntimeExport.of("rtio_input_timestamped_data", "v(pli)", INPUT_CYCLES, a -> {
            InputResult r = input(a.i(2), a.l(1));
            int out = a.i(0);
            a.memory().store64(out, r.hasEvent() ? r.timestampMu() : -1);
            a.memory().store32(out + 8, r.hasEvent() ? r.data() : 0);
            return 0;
        }));
        // rtio_log(fmt, ...) is printf-like (ksupport/glue.c); its text goes to the analyzer and here to the log.
        runtime.register(RuntimeExport.of("rtio_log", "v(p)", OUTPUT_CYCLES, a -> {
            byte[] text = CFormat.format(a.memory(), a.i(0), new VarArgs(a, 1));
            core.log(csr.now(), text);
            log.accept(new LogLine(now(), "rtio_log: " + new String(text, java.nio.charset.StandardCharsets.UTF_8)));
            return 0;
        }));
    }

    private long outputWide(Args a) {
        int target = a.i(0), slice = a.i(1);
        int pointer = a.memory().load32(slice), length = a.memory().load32(slice + 4);
        if (length < 1 || length > KernelInitiator.O_DATA_WORDS)
            throw raiser.raise("ValueError", "rtio_output_wide: {0} data words (1 to 16 allowed)", length, 0, 0);
        int[] words = new int[length];
        for (int k = 0; k < length; k++) words[k] = a.memory().load32(pointer + 4 * k);
        cpu.addCycles(length);
        checkStatus(target >> 8, csr.outputWide(now(), target, words));
        return 0;
    }

    private void checkStatus(int channel, int status) {
        if (status == 0) return;
        long timestamp = csr.now();
        while ((status & 1) != 0) {              // FIFO full: the CPU spins until a slot frees
            waitUntil(csr.oStatusClearsAtMu());
            status = csr.readOStatus(now());
        }
        if ((status & 2) != 0) {
            long counter = csr.getCounter(now());
            throw raiser.raise("RTIOUnderflow", core.underflowMessage(channel, timestamp, counter), timestamp, channel, timestamp - counter);
        }
        if ((status & 4) != 0)
            throw raiser.raise("RTIODestinationUnreachable", "RTIO destination unreachable, output, at {0} mu, channel {1}", timestamp, channel, 0);
    }

    private InputResult input(int channel, long timeout) {
        InputResult r = csr.input(now(), channel, timeout);
        waitUntil(r.atMu());
        if ((r.status() & InputResult.OVERFLOW) != 0)
            throw raiser.raise("RTIOOverflow", core.overflowMessage(channel), channel, 0, 0);
        if ((r.status() & InputResult.DESTINATION_UNREACHABLE) != 0)
            throw raiser.raise("RTIODestinationUnreachable", "RTIO destination unreachable, input, on channel {0}", channel, 0, 0);
        return r;
    }
}
