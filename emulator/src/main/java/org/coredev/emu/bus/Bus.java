package org.coredev.emu.bus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The kernel CPU's address space: RAM regions as arrays and MMIO windows as devices.
 * Regions may not overlap. The CPU keeps a fast path for one RAM region and asks the bus for
 * everything else.
 */
public final class Bus {
    /** A mapped MMIO window; its length is the device's when it was mapped. */
    public record Mapping(String name, int base, MmioDevice device, int length) {
        boolean contains(int address) { return Integer.compareUnsigned(address - base, length) < 0; }
        /** Whether all of [address, address + size) lies in the window. */
        boolean holds(int address, int size) {
            int off = address - base;
            return Integer.compareUnsigned(off, length) < 0 && off <= length - size;
        }
    }

    private final List<Ram> rams = new ArrayList<>();
    private final List<Mapping> devices = new ArrayList<>();
    /** The window the last device access went to, tried first: a kernel talks to one CSR bank at a time. */
    private Mapping lastDevice;

    public Ram addRam(String name, int base, int size) {
        Ram ram = new Ram(name, base, size);
        checkFree(name, base, Integer.toUnsignedLong(base) + size);
        rams.add(ram);
        rams.sort(Comparator.comparingLong(r -> Integer.toUnsignedLong(r.base())));
        return ram;
    }

    public void addDevice(String name, int base, MmioDevice device) {
        if (device.length() <= 0) throw new IllegalArgumentException(name + ": empty MMIO window");
        checkFree(name, base, Integer.toUnsignedLong(base) + device.length());
        devices.add(new Mapping(name, base, device, device.length()));
    }

    private void checkFree(String name, int base, long end) {
        long start = Integer.toUnsignedLong(base);
        if (end > 0x1_0000_0000L) throw new IllegalArgumentException(name + " passes the end of the address space");
        for (Ram r : rams) {
            if (start < r.endExclusive() && Integer.toUnsignedLong(r.base()) < end)
                throw new IllegalArgumentException(name + " overlaps RAM " + r.name());
        }
        for (Mapping m : devices) {
            long ms = Integer.toUnsignedLong(m.base());
            if (start < ms + m.length() && ms < end)
                throw new IllegalArgumentException(name + " overlaps device " + m.name());
        }
    }

    public List<Ram> rams() { return List.copyOf(rams); }
    public List<Mapping> devices() { return List.copyOf(devices); }

    /** The RAM region holding {@code address}, or null. */
    public Ram ramAt(int address) {
        for (Ram r : rams) if (r.contains(address)) return r;
        return null;
    }

    /** Reads {@code size} bytes (1, 2, 4), zero-extended. The access must lie in one region. */
    public int load(int address, int size) throws BusFault {
        Mapping d = lastDevice;   // regions never overlap, so the cached window answers for itself
        if (d != null && d.holds(address, size)) return d.device().load(address - d.base(), size);
        for (Ram r : rams) {
            if (r.contains(address)) {
                int off = address - r.base();
                if (off > r.size() - size) break;
                return r.load(off, size);
            }
        }
        for (Mapping m : devices) {
            if (m.contains(address)) {
                if (!m.holds(address, size)) break;
                lastDevice = m;
                return m.device().load(address - m.base(), size);
            }
        }
        throw new BusFault(address, "load of %d bytes at 0x%08x: nothing mapped there".formatted(size, address));
    }

    public void store(int address, int value, int size) throws BusFault {
        Mapping d = lastDevice;
        if (d != null && d.holds(address, size)) {
            d.device().store(address - d.base(), value, size);
            return;
        }
        for (Ram r : rams) {
            if (r.contains(address)) {
                int off = address - r.base();
                if (off > r.size() - size) break;
                r.store(off, value, size);
                return;
            }
        }
        for (Mapping m : devices) {
            if (m.contains(address)) {
                if (!m.holds(address, size)) break;
                lastDevice = m;
                m.device().store(address - m.base(), value, size);
                return;
            }
        }
        throw new BusFault(address, "store of %d bytes at 0x%08x: nothing mapped there".formatted(size, address));
    }

    /** Copies bytes into RAM (program loading); every byte must land in RAM. */
    public void write(int address, byte[] data) throws BusFault {
        write(address, data, 0, data.length);
    }

    public void write(int address, byte[] data, int from, int length) throws BusFault {
        int done = 0;
        while (done < length) {
            int a = address + done;
            Ram r = ramAt(a);
            if (r == null) throw new BusFault(a, "write of %d bytes at 0x%08x: no RAM there".formatted(length - done, a));
            int off = a - r.base();
            int n = Math.min(length - done, r.size() - off);
            System.arraycopy(data, from + done, r.bytes(), off, n);
            done += n;
        }
    }

    /** Copies bytes out of RAM. */
    public byte[] read(int address, int length) throws BusFault {
        byte[] out = new byte[length];
        int done = 0;
        while (done < length) {
            int a = address + done;
            Ram r = ramAt(a);
            if (r == null) throw new BusFault(a, "read of %d bytes at 0x%08x: no RAM there".formatted(length - done, a));
            int off = a - r.base();
            int n = Math.min(length - done, r.size() - off);
            System.arraycopy(r.bytes(), off, out, done, n);
            done += n;
        }
        return out;
    }
}
