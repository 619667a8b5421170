package org.coredev.compiler.elf;

import java.io.ByteArrayOutputStream;

/** A byte buffer in the target's byte order, with the DWARF LEB128 forms. */
final class Bytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final boolean bigEndian;

    Bytes(boolean bigEndian) { this.bigEndian = bigEndian; }

    int size() { return out.size(); }
    byte[] toArray() { return out.toByteArray(); }

    Bytes u8(int v) { out.write(v); return this; }
    Bytes u16(int v) { return bigEndian ? u8(v >> 8).u8(v) : u8(v).u8(v >> 8); }
    Bytes u32(int v) { return bigEndian ? u16(v >>> 16).u16(v) : u16(v).u16(v >>> 16); }
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
}
