package org.coredev.loader;

import java.util.Arrays;

/**
 * A {@link TargetMemory} backed by one byte array covering {@code [base, base + size)}.
 * An access outside that window is a programming error of the caller and throws
 * {@link IndexOutOfBoundsException}: the linker never makes one, it checks that an image fits first.
 */
public final class ByteArrayMemory implements TargetMemory {
    private final int base;
    private final byte[] bytes;

    /** Memory covering {@code size} bytes from {@code base}. */
    public ByteArrayMemory(int base, int size) {
        this.base = base;
        this.bytes = new byte[size];
    }

    /** The lowest address held. */
    public int base() {
        return base;
    }

    /** How many bytes are held. */
    public int size() {
        return bytes.length;
    }

    @Override
    public void write(int address, byte[] data) {
        System.arraycopy(data, 0, bytes, index(address, data.length), data.length);
    }

    @Override
    public byte[] read(int address, int length) {
        int from = index(address, length);
        return Arrays.copyOfRange(bytes, from, from + length);
    }

    private int index(int address, int length) {
        long offset = Integer.toUnsignedLong(address) - Integer.toUnsignedLong(base);
        if (offset < 0 || length < 0 || offset + length > bytes.length) {
            throw new IndexOutOfBoundsException("0x%08x+%d is outside memory 0x%08x..0x%08x"
                    .formatted(address, length, base, base + bytes.length));
        }
        return (int) offset;
    }
}
