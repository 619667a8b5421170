package org.coredev.emu.device.ksupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.coredev.emu.cpu.rv32.Rv32Cpu;
import org.coredev.emu.runtime.GuestFault;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** cache_get / cache_put as kernels call them: key by value in a0/a1, lists as slice pointers. */
class CoreCacheTest {
    private Machine m;
    private CoreCache cache;

    private void boot(Rv32Cpu.Variant variant) {
        m = new Machine(variant);
        cache = CoreCache.register(m.runtime, m.heap, m.cpu, m.raiser);
    }

    private int key(String k) { return m.bytes(k.getBytes(StandardCharsets.UTF_8), false); }

    private int get(String k) { return m.call("cache_get", key(k), k.length()); }

    private void put(String k, int... values) { m.call("cache_put", key(k), k.length(), m.intList(values)); }

    /** The values the kernel sees through the returned slice pointer. */
    private int[] read(int slice) {
        int data = m.memory.load32(slice), length = m.memory.load32(slice + 4);
        int[] out = new int[length];
        for (int k = 0; k < length; k++) out[k] = m.memory.load32(data + 4 * k);
        return out;
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void missingKeyGivesAnEmptyList(Rv32Cpu.Variant variant) {
        boot(variant);
        assertEquals(0, read(get("x1")).length);
        assertFalse(cache.borrowed("x1"));
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void putValuesComeBackFromRuntimeMemory(Rv32Cpu.Variant variant) {
        boot(variant);
        put("x2", 1, 2, 3);
        int slice = get("x2");
        assertTrue(Integer.compareUnsigned(slice - m.heap.base(), m.heap.size()) < 0, "slice lives in the runtime heap");
        assertEquals(List.of(1, 2, 3), java.util.Arrays.stream(read(slice)).boxed().toList());
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void putReplacesAnUnborrowedRow(Rv32Cpu.Variant variant) {
        boot(variant);
        put("x3", 1, 2, 3);
        put("x3", 1, 2, 3, 4, 5);
        assertEquals(Optional.of(List.of(1, 2, 3, 4, 5)), cache.row("x3"));
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void putIntoABorrowedRowRaisesCacheError(Rv32Cpu.Variant variant) {
        boot(variant);
        put("x4", 1, 2, 3);
        get("x4");
        Machine.Raised e = assertThrows(Machine.Raised.class, () -> put("x4"));
        assertEquals("CacheError", e.name);
        assertEquals("cannot put into a busy cache row", e.template);
        assertEquals(Optional.of(List.of(1, 2, 3)), cache.row("x4"), "row unchanged");
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void rowsAreUnborrowedWhenTheKernelEnds(Rv32Cpu.Variant variant) {
        boot(variant);
        put("x5", 7);
        get("x5");
        cache.unborrowAll();
        put("x5");
        assertEquals(Optional.of(List.of()), cache.row("x5"), "an empty put keeps an empty row");
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void kernelWritesThroughTheSliceChangeTheRow(Rv32Cpu.Variant variant) {
        boot(variant);
        put("x6", 10, 20);
        int slice = get("x6");
        m.memory.store32(m.memory.load32(slice) + 4, 99);
        assertEquals(Optional.of(List.of(10, 99)), cache.row("x6"));
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void rowSliceKeepsItsAddressAcrossPuts(Rv32Cpu.Variant variant) {
        boot(variant);
        put("x7", 1);
        int first = get("x7");
        cache.unborrowAll();
        put("x7", 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertEquals(first, get("x7"));
        assertEquals(9, read(first).length);
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void callsCostAMailboxRoundTrip(Rv32Cpu.Variant variant) {
        boot(variant);
        put("x8", 1, 2);
        long t = m.cpu.cycles();
        get("x8");
        long get = m.cpu.cycles() - t;
        t = m.cpu.cycles();
        put("x9", 1, 2, 3, 4);
        assertEquals(4, m.cpu.cycles() - t - get, "put costs one cycle more per word copied");
        assertTrue(get >= CoreCache.CALL_CYCLES);
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void invalidUtf8KeyIsABadRuntimeCall(Rv32Cpu.Variant variant) {
        boot(variant);
        int bad = m.bytes(new byte[] {(byte) 0xc3}, false);
        GuestFault f = assertThrows(GuestFault.class, () -> m.call("cache_get", bad, 1));
        assertTrue(f.getMessage().contains("cache_get") && f.getMessage().contains("UTF-8"), f.getMessage());
    }
}
