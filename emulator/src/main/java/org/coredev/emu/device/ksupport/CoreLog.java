package org.coredev.emu.device.ksupport;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.coredev.emu.cpu.Cpu;
import org.coredev.emu.device.LogLine;
import org.coredev.emu.runtime.Runtime;
import org.coredev.emu.runtime.RuntimeExport;

/**
 * The core log as kernels reach it: {@code core_log(fmt, ...)} (ksupport/glue.c formats with
 * vsnprintf, {@link CFormat}, and sends the text to the comms CPU) and the runtime's own
 * {@code println!} lines (e.g. "DMA trace called ... not found").
 *
 * <p>The comms CPU appends the text to the session's log buffer and, once the buffer ends with a
 * newline, logs each line at INFO with target "kernel" (runtime/session.rs,
 * {@code flush_log_buffer}); text without a newline waits for the next call. Lines reach the
 * device log as {@code INFO(kernel): text}, stamped with the simulated time of the call that
 * completed them.
 *
 * <p>Cost: a mailbox round trip to the comms CPU (500 cycles, as the RTIO runtime's mailbox
 * requests) plus formatting, estimated at 60 cycles a formatted byte (vsnprintf runs twice, once
 * to size the buffer, each pass a few branches and a store per byte). While the comms CPU logs,
 * the kernel waits for its acknowledgement, and logging prints to the UART at INFO by default
 * (runtime/main.rs: "UART log level set to INFO by default"): each line goes out as
 * {@code "[ssssss.uuuuuus]  INFO(kernel): text\n"} at misoc's default 115200 baud, 10 bits a
 * character, through a 16-character transmit FIFO (misoc cores/uart.py), so the kernel waits
 * until all but 16 characters of the backlog are sent: about 87 us a character once the FIFO
 * is full, several milliseconds for a typical line.
 */
public final class CoreLog {
    public static final int CALL_CYCLES = 500, CYCLES_PER_BYTE = 60;
    /** One UART character: 10 bits at 115200 baud, in mu (1 ns). */
    public static final long UART_CHARACTER_MU = 86_806;
    public static final int UART_FIFO_DEPTH = 16;
    /** {@code "[%6d.%06ds] %5s(%s): "} with level INFO and target kernel, plus the newline. */
    private static final int UART_LINE_OVERHEAD = "[     0.000000s]  INFO(kernel): ".length() + 1;
    public static final String PREFIX = "INFO(kernel): ";

    private final Cpu cpu;
    private final int muPerCycle;
    private final Consumer<LogLine> sink;
    private final StringBuilder buffer = new StringBuilder();
    private long uartIdleAtMu = Long.MIN_VALUE;

    private CoreLog(Cpu cpu, int muPerCycle, Consumer<LogLine> sink) {
        this.cpu = cpu;
        this.muPerCycle = muPerCycle;
        this.sink = sink;
    }

    /** Registers {@code core_log}; lines go to {@code sink}. */
    public static CoreLog register(Runtime runtime, Cpu cpu, int muPerCycle, Consumer<LogLine> sink) {
        CoreLog log = new CoreLog(cpu, muPerCycle, sink);
        // int core_log(const char *fmt, ...): always returns 0 (glue.c).
        runtime.register(RuntimeExport.of("core_log", "i(p)", CALL_CYCLES, a -> {
            byte[] text = CFormat.format(a.memory(), a.i(0), new VarArgs(a, 1));
            cpu.addCycles((long) CYCLES_PER_BYTE * text.length);
            log.send(text);
            return 0;
        }));
        return log;
    }

    private long nowMu() { return cpu.cycles() * muPerCycle; }

    /**
     * ksupport's {@code send_to_core_log}: the valid UTF-8 prefix of the text, then, if the rest
     * is not valid, "(invalid utf-8)\n".
     */
    public void send(byte[] text) {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            write(decoder.decode(java.nio.ByteBuffer.wrap(text)).toString());
        } catch (CharacterCodingException e) {
            int valid = validUtf8Prefix(text);
            write(new String(text, 0, valid, StandardCharsets.UTF_8));
            write("(invalid utf-8)\n");
        }
    }

    /** Appends text to the session's log buffer; complete lines are logged (session.rs). */
    public void write(String text) {
        buffer.append(text);
        // An empty buffer would make the board's flush_log_buffer panic on its last-character slice; nothing to log here.
        if (buffer.isEmpty() || buffer.charAt(buffer.length() - 1) != '\n') return;
        long at = nowMu();
        int uartCharacters = 0;
        String[] lines = buffer.substring(0, buffer.length() - 1).split("\n", -1);
        for (String line : lines) {
            if (line.endsWith("\r")) line = line.substring(0, line.length() - 1);   // Rust's str::lines
            sink.accept(new LogLine(at, PREFIX + line));
            uartCharacters += UART_LINE_OVERHEAD + line.getBytes(StandardCharsets.UTF_8).length;
        }
        buffer.setLength(0);
        uart(uartCharacters);
    }

    /** The comms CPU pushes the characters into the UART FIFO; the kernel waits until all but a FIFO-full are out. */
    private void uart(int characters) {
        long now = nowMu();
        long start = Math.max(uartIdleAtMu, now);
        uartIdleAtMu = start + characters * UART_CHARACTER_MU;
        long pushedAt = uartIdleAtMu - UART_FIFO_DEPTH * UART_CHARACTER_MU;
        if (pushedAt > now) cpu.addCycles((pushedAt - now + muPerCycle - 1) / muPerCycle);
    }

    private static int validUtf8Prefix(byte[] text) {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(text);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(text.length);
        decoder.decode(in, out, true);
        return in.position();
    }
}
