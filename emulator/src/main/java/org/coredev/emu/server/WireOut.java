package org.coredev.emu.server;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds one message of the board's protocols in memory (little-endian, as the board announces
 * with "e"); the caller sends it in one write so that a reader never sees half a message.
 */
final class WireOut {
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    WireOut u8(int v) {
        buffer.write(v);
        return this;
    }

    WireOut i32(int v) {
        for (int k = 0; k < 4; k++) buffer.write(v >>> (8 * k));
        return this;
    }

    WireOut i64(long v) {
        for (int k = 0; k < 8; k++) buffer.write((int) (v >>> (8 * k)));
        return this;
    }

    WireOut raw(byte[] b) {
        buffer.writeBytes(b);
        return this;
    }

    /** u32 length, then the bytes (the board's write_bytes). */
    WireOut bytes(byte[] b) {
        i32(b.length);
        return raw(b);
    }

    /** UTF-8, as {@link #bytes} (the board's write_string). */
    WireOut string(String s) {
        return bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    int size() { return buffer.size(); }

    byte[] toByteArray() { return buffer.toByteArray(); }
}
