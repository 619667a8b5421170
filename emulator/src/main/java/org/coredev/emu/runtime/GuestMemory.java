package org.coredev.emu.runtime;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.coredev.emu.bus.Bus;
import org.coredev.emu.bus.BusFault;

/**
 * The kernel's memory as runtime functions see it, in the guest's byte order (RAM holds bytes;
 * a device register is a value, whichever the order): every bad access is a {@link GuestFault}.
 */
public final class GuestMemory {
    private final Bus bus;
    private final boolean bigEndian;

    /** A little-endian guest's memory (RISC-V). */
    public GuestMemory(Bus bus) { this(bus, ByteOrder.LITTLE_ENDIAN); }

    public GuestMemory(Bus bus, ByteOrder order) {
        this.bus = bus;
        this.bigEndian = order == ByteOrder.BIG_ENDIAN;
    }

    public ByteOrder order() { return bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN; }

    /**
     * Alignment of an int64 or a double in the guest's C structs: 8 on RISC-V (psABI), 4 on OR1K
     * (the data layout of ARTIQ's or1k target and Rust's, "i64:32:32-f64:32:32"). OR1K is the
     * only big-endian kernel CPU, so the byte order tells them apart.
     */
    public int wideAlignment() { return bigEndian ? 4 : 8; }

    public Bus bus() { return bus; }

    public int load32(int address) { return load(address, 4); }
    public int load16(int address) { return load(address, 2); }
    public int load8(int address) { return load(address, 1); }

    public long load64(int address) {
        if (bigEndian) return (long) load32(address) << 32 | Integer.toUnsignedLong(load32(address + 4));
        return Integer.toUnsignedLong(load32(address)) | (long) load32(address + 4) << 32;
    }

    private int load(int address, int size) {
        try {
            int v = bus.load(address, size);
            return bigEndian && size > 1 && bus.ramAt(address) != null ? swap(v, size) : v;
        } catch (BusFault e) {
            throw new GuestFault(address, e.getMessage());
        }
    }

    public void store32(int address, int value) { store(address, value, 4); }
    public void store16(int address, int value) { store(address, value, 2); }
    public void store8(int address, int value) { store(address, value, 1); }

    public void store64(int address, long value) {
        store32(address, (int) (bigEndian ? value >>> 32 : value));
        store32(address + 4, (int) (bigEndian ? value : value >>> 32));
    }

    private void store(int address, int value, int size) {
        try {
            bus.store(address, bigEndian && size > 1 && bus.ramAt(address) != null ? swap(value, size) : value, size);
        } catch (BusFault e) {
            throw new GuestFault(address, e.getMessage());
        }
    }

    /** A RAM word's bytes in the other order: the bus composes RAM little-endian. */
    private static int swap(int v, int size) {
        return size == 4 ? Integer.reverseBytes(v) : Short.reverseBytes((short) v) & 0xffff;
    }

    public byte[] read(int address, int length) {
        if (length < 0) throw new GuestFault(address, "negative length %d at 0x%08x".formatted(length, address));
        try {
            return bus.read(address, length);
        } catch (BusFault e) {
            throw new GuestFault(e.address(), e.getMessage());
        }
    }

    public void write(int address, byte[] data) {
        try {
            bus.write(address, data);
        } catch (BusFault e) {
            throw new GuestFault(e.address(), e.getMessage());
        }
    }

    /** A NUL-terminated UTF-8 string of at most {@code max} bytes. */
    public String cString(int address, int max) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (int k = 0; k < max; k++) {
            int c = load8(address + k);
            if (c == 0) return bytes.toString(StandardCharsets.UTF_8);
            bytes.write(c);
        }
        throw new GuestFault(address, "string at 0x%08x is not terminated within %d bytes".formatted(address, max));
    }
}
