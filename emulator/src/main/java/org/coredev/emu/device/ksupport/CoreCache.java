package org.coredev.emu.device.ksupport;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.coredev.emu.cpu.Cpu;
import org.coredev.emu.device.KernelRaiser;
import org.coredev.emu.runtime.Args;
import org.coredev.emu.runtime.GuestFault;
import org.coredev.emu.runtime.GuestMemory;
import org.coredev.emu.runtime.Runtime;
import org.coredev.emu.runtime.RuntimeExport;

/**
 * The core device cache (ARTIQ's {@code core_cache}): rows of int32 values by string key that
 * persist across kernels (artiq/firmware/runtime/cache.rs, ksupport/lib.rs).
 *
 * <ul>
 * <li>{@code const CSlice<i32> *cache_get(CSlice<u8> key)}: a pointer to the row's
 *     {@code {data, length}} slice in runtime memory ({@link RuntimeHeap}); the kernel reads and
 *     may even write the values in place. A missing key gives an empty slice. Getting a row
 *     borrows it until the kernel ends.</li>
 * <li>{@code void cache_put(CSlice<u8> key, const CSlice<i32> *list)}: stores a copy. A borrowed
 *     row cannot be replaced: {@code CacheError("cannot put into a busy cache row")}. Putting an
 *     empty list keeps an empty row.</li>
 * </ul>
 * The key travels by value, pointer in the first register and length in the next (the kernel
 * compiler passes strings as a {ptr, len} pair; ksupport takes a {@code CSlice} by value).
 * Each call is a mailbox round trip to the comms CPU: 500 cycles, plus one cycle a word copied
 * by {@code cache_put}.
 */
public final class CoreCache {
    public static final int CALL_CYCLES = 500;
    /** Longest key read (the board has no limit but its memory). */
    public static final int MAX_KEY = 1 << 16;

    private final RuntimeHeap heap;
    private final GuestMemory memory;
    private final KernelRaiser raiser;
    private final Cpu cpu;
    private final TreeMap<String, Row> rows = new TreeMap<>();
    /** The slice returned for a missing key: {valid pointer, 0}. */
    private final int emptySlice;

    private static final class Row {
        final int slice;
        int data, length;
        boolean borrowed;

        Row(int slice) { this.slice = slice; }
    }

    private CoreCache(RuntimeHeap heap, Cpu cpu, KernelRaiser raiser) {
        this.heap = heap;
        this.cpu = cpu;
        this.memory = heap.memory();
        this.raiser = raiser;
        emptySlice = heap.allocate(8, 8, "the empty cache row");
        memory.store32(emptySlice, emptySlice + 8);
    }

    /** Registers {@code cache_get} and {@code cache_put}. */
    public static CoreCache register(Runtime runtime, RuntimeHeap heap, Cpu cpu, KernelRaiser raiser) {
        CoreCache cache = new CoreCache(heap, cpu, raiser);
        runtime.register(RuntimeExport.of("cache_get", "p(pi)", CALL_CYCLES, a -> cache.get(key(a, "cache_get"))));
        runtime.register(RuntimeExport.of("cache_put", "v(pip)", CALL_CYCLES, a -> {
            int list = a.i(2);
            int pointer = a.memory().load32(list), length = a.memory().load32(list + 4);
            if (length < 0 || length > (heap.size() >> 2))
                throw new GuestFault(list, "cache_put: list at 0x%08x has length %d".formatted(list, length));
            int[] values = new int[length];
            for (int k = 0; k < length; k++) values[k] = a.memory().load32(pointer + 4 * k);
            cpu.addCycles(length);
            cache.put(key(a, "cache_put"), values);
            return 0;
        }));
        return cache;
    }

    /** The key argument (a0 pointer, a1 length), UTF-8 as ksupport requires (it panics otherwise). */
    static String key(Args a, String function) { return string(a, 0, function); }

    /** A string passed by value as parameters {@code first} (pointer) and {@code first + 1} (length). */
    static String string(Args a, int first, String function) {
        int pointer = a.i(first), length = a.i(first + 1);
        if (length < 0 || length > MAX_KEY)
            throw new GuestFault(pointer, "%s: string at 0x%08x has length %d".formatted(function, pointer, length));
        byte[] bytes = a.memory().read(pointer, length);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new GuestFault(pointer, "%s: string at 0x%08x is not valid UTF-8 (ksupport panics on it)".formatted(function, pointer));
        }
    }

    /** cache.rs {@code get}: the row's slice (now borrowed), or the shared empty slice. */
    public int get(String key) {
        Row row = rows.get(key);
        if (row == null) return emptySlice;
        row.borrowed = true;
        return row.slice;
    }

    /** cache.rs {@code put}, raising CacheError for a borrowed row. */
    public void put(String key, int[] values) {
        Row row = rows.get(key);
        if (row != null && row.borrowed) throw raiseAfterReply("CacheError", "cannot put into a busy cache row");
        if (row == null) {
            row = new Row(heap.allocate(8, 8, "cache row '" + key + "'"));
            rows.put(key, row);
        } else {
            heap.free(row.data);
        }
        row.data = heap.allocate(4 * values.length, 8, "cache row '" + key + "'");
        row.length = values.length;
        for (int k = 0; k < values.length; k++) memory.store32(row.data + 4 * k, values[k]);
        memory.store32(row.slice, row.data);
        memory.store32(row.slice + 4, row.length);
    }

    /** The comms CPU answered (a raising call never reaches the export's own charge), then ksupport raises. */
    private RuntimeException raiseAfterReply(String name, String message) {
        cpu.addCycles(CALL_CYCLES);
        return raiser.raise(name, message, 0, 0, 0);
    }

    /** The runtime unborrows every row when a kernel ends (session.rs, RunFinished / RunException). */
    public void unborrowAll() {
        for (Row row : rows.values()) row.borrowed = false;
    }

    /** The row's current values as the kernel would read them, if the key exists. */
    public Optional<List<Integer>> row(String key) {
        Row row = rows.get(key);
        if (row == null) return Optional.empty();
        List<Integer> out = new ArrayList<>();
        for (int k = 0; k < row.length; k++) out.add(memory.load32(row.data + 4 * k));
        return Optional.of(List.copyOf(out));
    }

    /** Whether a kernel has borrowed the row since it started. */
    public boolean borrowed(String key) {
        Row row = rows.get(key);
        return row != null && row.borrowed;
    }
}
