package org.coredev.emu.device.ksupport;

import java.util.Map;
import java.util.TreeMap;
import org.coredev.emu.bus.Bus;
import org.coredev.emu.device.KernelEnd;
import org.coredev.emu.device.KernelOutcome;
import org.coredev.emu.runtime.GuestMemory;

/**
 * Memory the comms CPU's runtime owns and kernels may read: cache rows (a kernel gets a pointer
 * to them from {@code cache_get}) and DMA traces (a trace's id is its address). On the board
 * they live in the comms CPU's heap in main RAM below ksupport; here {@link #map} adds a RAM
 * window for them to the bus, by default the 8 MiB just below ksupport's region
 * ({@link #BASE}..0x45000000).
 *
 * <p>A first-fit allocator with coalescing; allocation order and addresses depend only on the
 * calls made, so runs are reproducible. Running out of heap ends the kernel (the board's
 * runtime panics on a failed allocation).
 */
public final class RuntimeHeap {
    public static final int BASE = 0x4480_0000, SIZE = 8 << 20;
    private static final int GRANULE = 8;

    private final GuestMemory memory;
    private final int base, size;
    /** Free blocks, start -> length (unsigned addresses fit: the heap is below 0x80000000 or tested so). */
    private final TreeMap<Long, Long> free = new TreeMap<>();
    /** Allocated address -> (block start, block length). */
    private final Map<Integer, long[]> allocated = new TreeMap<>();

    public RuntimeHeap(GuestMemory memory, int base, int size) {
        if (size <= 0 || (size % GRANULE) != 0) throw new IllegalArgumentException("heap size must be a positive multiple of 8: " + size);
        this.memory = memory;
        this.base = base;
        this.size = size;
        free.put(Integer.toUnsignedLong(base), (long) size);
    }

    /** Adds a RAM region for the heap to {@code bus} and returns the heap over it. */
    public static RuntimeHeap map(Bus bus, int base, int size) {
        bus.addRam("runtime heap", base, size);
        return new RuntimeHeap(new GuestMemory(bus), base, size);
    }

    /** The default window, {@link #BASE} + {@link #SIZE}. */
    public static RuntimeHeap map(Bus bus) { return map(bus, BASE, SIZE); }

    public GuestMemory memory() { return memory; }
    public int base() { return base; }
    public int size() { return size; }

    /** Bytes currently allocated (with rounding). */
    public long used() {
        long n = 0;
        for (long[] b : allocated.values()) n += b[1];
        return n;
    }

    /**
     * {@code bytes} (0 allowed) at an address aligned to {@code alignment} (a power of two), zeroed.
     *
     * @param what named in the message if the heap is full
     */
    public int allocate(int bytes, int alignment, String what) {
        if (bytes < 0 || Integer.bitCount(alignment) != 1) throw new IllegalArgumentException("bad allocation " + bytes + "/" + alignment);
        long length = Math.max(GRANULE, ((long) bytes + GRANULE - 1) & -GRANULE);
        for (var block : free.entrySet()) {
            long start = block.getKey(), end = start + block.getValue();
            long at = (start + alignment - 1) & -(long) alignment;
            if (at + length > end) continue;
            free.remove(start);
            if (at > start) free.put(start, at - start);
            if (at + length < end) free.put(at + length, end - at - length);
            allocated.put((int) at, new long[] {at, length});
            memory.write((int) at, new byte[(int) length]);
            return (int) at;
        }
        throw new KernelEnd(new KernelOutcome.HostError(
                "runtime heap exhausted: no room for %d bytes of %s (%d of %d bytes in use); the board's runtime panics here"
                        .formatted(bytes, what, used(), size)));
    }

    /** Returns a block from {@link #allocate}; freeing anything else is a programming error. */
    public void free(int address) {
        long[] block = allocated.remove(address);
        if (block == null) throw new IllegalArgumentException("not an allocated block: 0x%08x".formatted(address));
        long start = block[0], length = block[1];
        var before = free.floorEntry(start);
        if (before != null && before.getKey() + before.getValue() == start) {
            start = before.getKey();
            length += before.getValue();
            free.remove(before.getKey());
        }
        Long after = free.get(start + length);
        if (after != null) {
            free.remove(start + length);
            length += after;
        }
        free.put(start, length);
    }
}
