package org.coredev.emu.device;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** A PrintStream that hands each complete line to a consumer (host output into the device log). */
final class LogStream extends OutputStream {
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final Consumer<String> sink;

    private LogStream(Consumer<String> sink) { this.sink = sink; }

    static PrintStream of(Consumer<String> sink) {
        return new PrintStream(new LogStream(sink), true, StandardCharsets.UTF_8);
    }

    @Override public void write(int b) {
        if (b == '\n') {
            sink.accept(line.toString(StandardCharsets.UTF_8));
            line.reset();
        } else {
            line.write(b);
        }
    }
}
