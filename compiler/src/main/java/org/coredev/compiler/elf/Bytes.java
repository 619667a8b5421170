package org.coredev.compiler.elf;

import java.io.ByteArrayOutputStream;

/** A little-endian byte buffer with the DWARF LEB128 forms. */
final class Bytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    int size() { return out.size(); }
    byte[] toArray() { return out.toByteArray(); }

    Bytes u8(int v) { out.write(v); return this; }
    Bytes u16(int v) { u8(v); return u8(v >> 8); }
    Bytes u32(int v) { u16(v); return u16(v >>> 16); }
    Bytes bytes(byte[] b) { out.writeBytes(b); return this; }

    Bytes align(int a) {
        while (out.size() % a != 0) out.write(0);
        return this;
    }

    Bytes uleb(int v) {
        do {
            int b = v & 0x7f;
            v >>>= 7;
            out.write(v != 0 ? b | 0x80 : b);
        } while (v != 0);
        return this;
    }

    Bytes sleb(int v) {
        while (true) {
            int b = v & 0x7f;
            v >>= 7;
            boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
            out.write(done ? b : b | 0x80);
            if (done) return this;
        }
    }

    static void put32(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >> 8);
        b[at + 2] = (byte) (v >> 16);
        b[at + 3] = (byte) (v >> 24);
    }

    static int get32(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }
}
