package org.coredev.emu.device.ksupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.coredev.emu.bus.Bus;
import org.coredev.emu.device.KernelEnd;
import org.coredev.emu.device.KernelOutcome;
import org.junit.jupiter.api.Test;

class RuntimeHeapTest {
    private final RuntimeHeap heap = RuntimeHeap.map(new Bus(), RuntimeHeap.BASE, 4096);

    @Test
    void allocationsAreAlignedAndDistinct() {
        int a = heap.allocate(3, 8, "a");
        int b = heap.allocate(100, 64, "b");
        assertEquals(0, b % 64);
        assertTrue(b >= a + 8);
        assertEquals(RuntimeHeap.BASE, a);
    }

    @Test
    void freedBlocksAreReusedAndCoalesced() {
        int a = heap.allocate(1000, 8, "a");
        int b = heap.allocate(1000, 8, "b");
        heap.allocate(1000, 8, "c");
        heap.free(a);
        heap.free(b);
        assertEquals(a, heap.allocate(2000, 8, "d"), "a and b merged into one block");
    }

    @Test
    void allocationIsZeroed() {
        int a = heap.allocate(16, 8, "a");
        heap.memory().store32(a, 5);
        heap.free(a);
        assertEquals(0, heap.memory().load32(heap.allocate(16, 8, "b")));
    }

    @Test
    void exhaustionEndsTheKernelNamingWhatDidNotFit() {
        KernelEnd e = assertThrows(KernelEnd.class, () -> heap.allocate(8192, 8, "DMA trace 'big'"));
        KernelOutcome.HostError h = assertInstanceOf(KernelOutcome.HostError.class, e.outcome());
        assertTrue(h.message().contains("DMA trace 'big'"), h.message());
    }
}
