package org.coredev.emu.server;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads the board's protocol fields from a socket: little-endian integers (today's board answers
 * the greeting with "e"; ARTIQ 6's "E", network order), length-prefixed byte strings with a bound, strict UTF-8. A stream that ends
 * inside a field is an {@link EOFException} naming the field.
 */
final class WireIn {
    private final InputStream in;
    private final boolean bigEndian;

    WireIn(InputStream in) { this(in, java.nio.ByteOrder.LITTLE_ENDIAN); }

    /** A reader of integers in {@code order} (big-endian: ARTIQ 6's network order). */
    WireIn(InputStream in, java.nio.ByteOrder order) {
        this.in = in;
        this.bigEndian = order == java.nio.ByteOrder.BIG_ENDIAN;
    }

    /** One byte, or -1 at a clean end of stream (only where a new message may start). */
    int u8OrEnd() throws IOException {
        return in.read();
    }

    int u8(String what) throws IOException {
        int b = in.read();
        if (b < 0) throw new EOFException("connection closed inside " + what);
        return b;
    }

    int i32(String what) throws IOException {
        byte[] b = exact(4, what);
        int v = 0;
        for (int k = 0; k < 4; k++) v = v << 8 | (b[bigEndian ? k : 3 - k] & 0xff);
        return v;
    }

    long i64(String what) throws IOException {
        byte[] b = exact(8, what);
        long v = 0;
        for (int k = 0; k < 8; k++) v = v << 8 | (b[bigEndian ? k : 7 - k] & 0xff);
        return v;
    }

    /** A u32 length and that many bytes; a length above {@code max} is refused before reading. */
    byte[] bytes(String what, int max) throws IOException {
        long length = Integer.toUnsignedLong(i32(what + " length"));
        if (length > max) throw new IOException("%s of %d bytes exceeds the limit of %d bytes".formatted(what, length, max));
        return exact((int) length, what);
    }

    String string(String what, int max) throws IOException {
        return utf8(bytes(what, max), what);
    }

    static String utf8(byte[] bytes, String what) throws IOException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException(what + " is not valid UTF-8");
        }
    }

    byte[] exact(int length, String what) throws IOException {
        byte[] b = in.readNBytes(length);
        if (b.length != length) throw new EOFException("connection closed inside %s (%d of %d bytes)".formatted(what, b.length, length));
        return b;
    }
}
