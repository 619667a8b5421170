package org.coredev.emu.bus;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A RAM region backed by a byte array, little-endian as the RISC-V board's memory.
 * The CPU reads {@link #bytes()} directly on its fast path; everything else goes through the bus.
 */
public final class Ram {
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    private final String name;
    private final int base;
    private final byte[] bytes;

    /** @param size a multiple of 4096, so page-granular caches need no partial pages */
    public Ram(String name, int base, int size) {
        if (size <= 0 || (size & 0xfff) != 0) throw new IllegalArgumentException("RAM size must be a positive multiple of 4096: " + size);
        if ((base & 0xfff) != 0) throw new IllegalArgumentException("RAM base must be 4096-aligned: 0x" + Integer.toHexString(base));
        if (Integer.toUnsignedLong(base) + size > 0x1_0000_0000L) throw new IllegalArgumentException("RAM region passes the end of the address space");
        this.name = name;
        this.base = base;
        this.bytes = new byte[size];
    }

    public String name() { return name; }
    public int base() { return base; }
    public int size() { return bytes.length; }
    /** Last address inside the region, as an unsigned value. */
    public long endExclusive() { return Integer.toUnsignedLong(base) + bytes.length; }
    /** The backing array; offset 0 is {@link #base()}. */
    public byte[] bytes() { return bytes; }

    public boolean contains(int address) {
        return Integer.compareUnsigned(address - base, bytes.length) < 0;
    }

    public int load(int offset, int size) {
        return switch (size) {
            case 1 -> bytes[offset] & 0xff;
            case 2 -> (short) SHORT_LE.get(bytes, offset) & 0xffff;
            case 4 -> (int) INT_LE.get(bytes, offset);
            default -> throw new IllegalArgumentException("access size " + size);
        };
    }

    public void store(int offset, int value, int size) {
        switch (size) {
            case 1 -> bytes[offset] = (byte) value;
            case 2 -> SHORT_LE.set(bytes, offset, (short) value);
            case 4 -> INT_LE.set(bytes, offset, value);
            default -> throw new IllegalArgumentException("access size " + size);
        }
    }
}
