package org.coredev.emu.runtime.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Return values written through rpc_recv's slot protocol, driven as the compiled kernel drives it. */
class ReturnTransferTest {
    private final KernelMemory m = new KernelMemory();
    private final List<Integer> requested = new ArrayList<>();

    /** The kernel's loop: rpc_recv(slot); while the answer is non-zero, alloca that much (8-aligned) and call again. */
    private int receive(String returnTag, RpcValue value, int slotSize, int slotAlign) {
        ReturnTransfer t = new ReturnTransfer(RpcTag.parse(":" + returnTag).returns(), value);
        int slot = m.alloc(slotSize, slotAlign);
        int size = t.receive(m.memory, slot);
        while (size != 0) {
            requested.add(size);
            size = t.receive(m.memory, m.alloc(size, 8));
        }
        assertTrue(t.done());
        return slot;
    }

    @Test
    void int32NeedsNoAllocation() {
        int slot = receive("i", RpcValue.int32(-3), 4, 4);
        assertEquals(-3, m.load32(slot));
        assertEquals(List.of(), requested);
    }

    @Test
    void int64AndFloatAreWritten() {
        assertEquals(1L << 40, m.load64(receive("I", RpcValue.int64(1L << 40), 8, 8)));
        assertEquals(0.1, Double.longBitsToDouble(m.load64(receive("f", RpcValue.float64(0.1), 8, 8))));
    }

    @Test
    void int32ValueIsAcceptedForInt64() {
        assertEquals(-1L, m.load64(receive("I", RpcValue.int32(-1), 8, 8)));
    }

    @Test
    void stringAsksForItsContents() {
        int slot = receive("s", RpcValue.str("héllo"), 8, 4);
        assertEquals(List.of(6), requested);
        assertEquals(6, m.load32(slot + 4));
        assertEquals("héllo", m.string(slot));
    }

    @Test
    void emptyStringIsADanglingPointerWithoutAllocation() {
        int slot = receive("s", RpcValue.str(""), 8, 4);
        assertEquals(List.of(), requested);
        assertEquals(1, m.load32(slot));
        assertEquals(0, m.load32(slot + 4));
    }

    @Test
    void listIsOneBufferWithHeaderThenElements() {
        int slot = receive("li", RpcValue.list(RpcType.INT32, RpcValue.int32(7), RpcValue.int32(8), RpcValue.int32(9)), 4, 4);
        assertEquals(List.of(8 + 12), requested);
        int header = m.load32(slot);
        assertEquals(header + 8, m.load32(header));
        assertEquals(3, m.load32(header + 4));
        assertEquals(9, m.load32(header + 8 + 8));
    }

    @Test
    void emptyListStillGetsItsHeader() {
        int slot = receive("lf", new RpcValue.ListOf(RpcType.FLOAT64, List.of()), 4, 4);
        assertEquals(List.of(8), requested);
        assertEquals(0, m.load32(m.load32(slot) + 4));
    }

    @Test
    void listOfStringsAsksForEachString() {
        int slot = receive("ls", RpcValue.list(RpcType.STR, RpcValue.str("ab"), RpcValue.str(""), RpcValue.str("xyz")), 4, 4);
        assertEquals(List.of(8 + 3 * 8, 2, 3), requested);
        int elements = m.load32(m.load32(slot));
        assertEquals("ab", m.string(elements));
        assertEquals("", m.string(elements + 8));
        assertEquals("xyz", m.string(elements + 16));
    }

    @Test
    void listOfBoolsIsPackedBytes() {
        int slot = receive("lb", RpcValue.list(RpcType.BOOL, RpcValue.TRUE, RpcValue.FALSE, RpcValue.TRUE), 4, 4);
        assertEquals(List.of(8 + 3), requested);
        int elements = m.load32(m.load32(slot));
        assertEquals(List.of(1, 0, 1), List.of(m.load8(elements), m.load8(elements + 1), m.load8(elements + 2)));
    }

    @Test
    void tupleFieldsLandAtStructOffsets() {
        int slot = receive("t\u0003bIs", RpcValue.tuple(RpcValue.TRUE, RpcValue.int64(-9), RpcValue.str("z")), 24, 8);
        assertEquals(1, m.load8(slot));
        assertEquals(-9L, m.load64(slot + 8));
        assertEquals("z", m.string(slot + 16));
    }

    @Test
    void listOfTuplesUsesTheBoardsAllocationSize() {
        RpcValue v = RpcValue.list(new RpcType.Tuple(List.of(RpcType.INT64, RpcType.BOOL)),
                RpcValue.tuple(RpcValue.int64(1), RpcValue.TRUE), RpcValue.tuple(RpcValue.int64(2), RpcValue.FALSE));
        int slot = receive("lt\u0002Ib", v, 4, 4);
        assertEquals(List.of(8 + 2 * 16), requested);
        int elements = m.load32(m.load32(slot));
        assertEquals(2L, m.load64(elements + 16));
        assertEquals(1, m.load8(elements + 8));
    }

    @Test
    void arrayWritesShapeAndAsksForElements() {
        RpcValue v = new RpcValue.Array(RpcType.FLOAT64, List.of(2, 2),
                List.of(RpcValue.float64(1), RpcValue.float64(2), RpcValue.float64(3), RpcValue.float64(4)));
        int slot = receive("a\u0002f", v, 12, 4);
        assertEquals(List.of(32), requested);
        assertEquals(2, m.load32(slot + 4));
        assertEquals(2, m.load32(slot + 8));
        assertEquals(4.0, Double.longBitsToDouble(m.load64(m.load32(slot) + 24)));
    }

    @Test
    void emptyArrayGetsANullBufferWithoutARoundTrip() {
        int slot = receive("a\u0001i", new RpcValue.Array(RpcType.INT32, List.of(0), List.of()), 8, 4);
        assertEquals(List.of(), requested);
        assertEquals(0, m.load32(slot));
        assertEquals(0, m.load32(slot + 4));
    }

    @Test
    void rangeIsThreeFields() {
        int slot = receive("rI", new RpcValue.Range(RpcType.INT64, 1, 9, 3), 24, 8);
        assertEquals(List.of(1L, 9L, 3L), List.of(m.load64(slot), m.load64(slot + 8), m.load64(slot + 16)));
    }

    @Test
    void noneWritesNothing() {
        int slot = receive("n", RpcValue.NONE, 4, 4);
        m.memory.store32(slot, 0x5a5a5a5a);
        assertEquals(0x5a5a5a5a, m.load32(slot));
    }

    @Test
    void wrongTypeIsATypeMismatch() {
        RpcException e = assertThrows(RpcException.class, () -> new ReturnTransfer(RpcType.INT32, RpcValue.str("x")));
        assertEquals("type mismatch: cannot serialize 'x' as int32", e.getMessage());
    }

    @Test
    void int64OutOfInt32RangeIsATypeMismatch() {
        assertThrows(RpcException.class, () -> new ReturnTransfer(RpcType.INT32, RpcValue.int64(1L << 31)));
    }

    @Test
    void intIsNotAFloat() {
        // comm_kernel.py checks isinstance(value, float) for 'f'.
        assertThrows(RpcException.class, () -> new ReturnTransfer(RpcType.FLOAT64, RpcValue.int32(1)));
    }

    @Test
    void stringWithNulIsRefused() {
        assertThrows(RpcException.class, () -> new ReturnTransfer(RpcType.STR, RpcValue.str("a\0b")));
    }

    @Test
    void mismatchDeepInAListIsFound() {
        RpcValue v = RpcValue.list(RpcType.INT32, RpcValue.int32(1), RpcValue.str("two"));
        RpcException e = assertThrows(RpcException.class, () -> new ReturnTransfer(new RpcType.ListOf(RpcType.INT32), v));
        assertEquals("type mismatch: cannot serialize 'two' as int32", e.getMessage());
    }

    @Test
    void tupleOfWrongArityIsRefused() {
        RpcType t = new RpcType.Tuple(List.of(RpcType.INT32, RpcType.INT32));
        assertThrows(RpcException.class, () -> new ReturnTransfer(t, RpcValue.tuple(RpcValue.int32(1))));
    }
}
