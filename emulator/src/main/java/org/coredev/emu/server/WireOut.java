package org.coredev.emu.server;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds one message of the board's protocols in memory, little-endian as today's board announces
 * with "e", or big-endian (ARTIQ 6's network order, "E"); the caller sends it in one write so that a
 * reader never sees half a message.
 */
final class WireOut {
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final boolean bigEndian;

    /** A little-endian message. */
    WireOut() { this(java.nio.ByteOrder.LITTLE_ENDIAN); }

    WireOut(java.nio.ByteOrder order) { bigEndian = order == java.nio.ByteOrder.BIG_ENDIAN; }

    WireOut u8(int v) {
        buffer.write(v);
        return this;
    }

    WireOut i32(int v) {
        for (int k = 0; k < 4; k++) buffer.write(v >>> (8 * (bigEndian ? 3 - k : k)));
        return this;
    }

    WireOut i64(long v) {
        for (int k = 0; k < 8; k++) buffer.write((int) (v >>> (8 * (bigEndian ? 7 - k : k))));
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
