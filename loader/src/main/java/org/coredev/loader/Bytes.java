package org.coredev.loader;

/** Reads and writes ELF words in a byte array in either byte order; callers check bounds first. */
final class Bytes {
    private Bytes() {
    }

    static int u8(byte[] b, long offset) {
        return b[(int) offset] & 0xff;
    }

    static int u16(byte[] b, long offset, boolean bigEndian) {
        int i = (int) offset;
        int b0 = b[i] & 0xff;
        int b1 = b[i + 1] & 0xff;
        return bigEndian ? b0 << 8 | b1 : b1 << 8 | b0;
    }

    static int i32(byte[] b, long offset, boolean bigEndian) {
        int i = (int) offset;
        int b0 = b[i] & 0xff;
        int b1 = b[i + 1] & 0xff;
        int b2 = b[i + 2] & 0xff;
        int b3 = b[i + 3] & 0xff;
        return bigEndian ? b0 << 24 | b1 << 16 | b2 << 8 | b3 : b3 << 24 | b2 << 16 | b1 << 8 | b0;
    }

    /** An ELF32 word read as an unsigned value, so sums of offsets and sizes cannot overflow. */
    static long u32(byte[] b, long offset, boolean bigEndian) {
        return Integer.toUnsignedLong(i32(b, offset, bigEndian));
    }

    static void put32(byte[] b, long offset, int value, boolean bigEndian) {
        int i = (int) offset;
        for (int k = 0; k < 4; k++) {
            int shift = bigEndian ? 24 - 8 * k : 8 * k;
            b[i + k] = (byte) (value >>> shift);
        }
    }
}
