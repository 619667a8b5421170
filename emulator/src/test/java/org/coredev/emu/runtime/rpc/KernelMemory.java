package org.coredev.emu.runtime.rpc;

import java.nio.charset.StandardCharsets;
import org.coredev.emu.bus.Bus;
import org.coredev.emu.bus.BusFault;
import org.coredev.emu.bus.Ram;
import org.coredev.emu.runtime.GuestMemory;

/** 64 KiB of kernel RAM at 0x40000000 with a bump allocator, for laying out values by hand. */
final class KernelMemory {
    static final int BASE = 0x4000_0000, SIZE = 64 << 10;
    final Bus bus = new Bus();
    final Ram ram = bus.addRam("ram", BASE, SIZE);
    final GuestMemory memory = new GuestMemory(bus);
    private int next = BASE + 0x1000;

    int alloc(int size, int alignment) {
        next = (next + alignment - 1) & -alignment;
        int at = next;
        next += Math.max(size, 1);
        return at;
    }

    int words(int... values) {
        int at = alloc(4 * values.length, 4);
        for (int k = 0; k < values.length; k++) memory.store32(at + 4 * k, values[k]);
        return at;
    }

    int int64(long value) {
        int at = alloc(8, 8);
        memory.store64(at, value);
        return at;
    }

    int float64(double value) { return int64(Double.doubleToRawLongBits(value)); }

    int bytes(int... values) {
        int at = alloc(values.length, 1);
        for (int k = 0; k < values.length; k++) memory.store8(at + k, values[k]);
        return at;
    }

    /** The contents, then a {data, length} slice pointing at them; returns the slice's address. */
    int slice(byte[] data) {
        int contents = alloc(data.length, 1);
        memory.write(contents, data);
        return words(contents, data.length);
    }

    int slice(String text) { return slice(text.getBytes(StandardCharsets.UTF_8)); }

    int load32(int address) {
        try {
            return bus.load(address, 4);
        } catch (BusFault e) {
            throw new AssertionError(e);
        }
    }

    long load64(int address) { return Integer.toUnsignedLong(load32(address)) | (long) load32(address + 4) << 32; }

    int load8(int address) {
        try {
            return bus.load(address, 1);
        } catch (BusFault e) {
            throw new AssertionError(e);
        }
    }

    String string(int slice) {
        int data = load32(slice), length = load32(slice + 4);
        return new String(memory.read(data, length), StandardCharsets.UTF_8);
    }
}
