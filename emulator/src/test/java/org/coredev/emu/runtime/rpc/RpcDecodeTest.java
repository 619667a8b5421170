package org.coredev.emu.runtime.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.coredev.emu.runtime.GuestFault;
import org.junit.jupiter.api.Test;

/** Arguments laid out by hand as ARTIQ's compiler lays them out, read back through the tag. */
class RpcDecodeTest {
    private final KernelMemory m = new KernelMemory();

    private RpcCodec.Arguments decode(String tag, int... pointers) {
        return RpcCodec.decodeArguments(m.memory, RpcTag.parse(tag), m.words(pointers));
    }

    @Test
    void scalarsAreReadFromTheirSlots() {
        int unit = m.alloc(0, 1);
        RpcCodec.Arguments a = decode("nbiIf:n", unit, m.bytes(1), m.words(-7), m.int64(1L << 40), m.float64(2.5));
        assertEquals(List.of(RpcValue.NONE, RpcValue.TRUE, new RpcValue.Int32(-7), new RpcValue.Int64(1L << 40),
                new RpcValue.Float64(2.5)), a.args());
    }

    @Test
    void anyNonZeroByteIsTrue() {
        assertEquals(RpcValue.TRUE, decode("b:n", m.bytes(0x80)).args().getFirst());
        assertEquals(RpcValue.FALSE, decode("b:n", m.bytes(0)).args().getFirst());
    }

    @Test
    void stringsAndBytesAreSlices() {
        RpcCodec.Arguments a = decode("sBA:n", m.slice("héllo"), m.slice(new byte[] {0, (byte) 0xff}), m.slice(new byte[] {'a'}));
        assertEquals(new RpcValue.Str("héllo"), a.args().get(0));
        assertEquals(new RpcValue.Bytes(new byte[] {0, (byte) 0xff}), a.args().get(1));
        assertEquals(new RpcValue.ByteArray(new byte[] {'a'}), a.args().get(2));
    }

    @Test
    void emptyStringNeedsNoValidPointer() {
        assertEquals(new RpcValue.Str(""), decode("s:n", m.words(1, 0)).args().getFirst());
    }

    @Test
    void listArgumentIsAPointerToElementsAndLength() {
        int elements = m.words(10, 20, 30);
        int header = m.words(elements, 3);
        RpcValue v = decode("li:n", m.words(header)).args().getFirst();
        assertEquals(RpcValue.list(RpcType.INT32, new RpcValue.Int32(10), new RpcValue.Int32(20), new RpcValue.Int32(30)), v);
    }

    @Test
    void listOfStringsReadsEachSlice() {
        int a = m.slice("a"), b = m.slice("bc");
        int elements = m.words(m.load32(a), 1, m.load32(b), 2);
        int header = m.words(elements, 2);
        assertEquals(RpcValue.list(RpcType.STR, RpcValue.str("a"), RpcValue.str("bc")), decode("ls:n", m.words(header)).args().getFirst());
    }

    @Test
    void listOfListsHoldsPointersToHeaders() {
        int inner1 = m.words(m.words(1, 2), 2), inner2 = m.words(m.words(3), 1);
        int header = m.words(m.words(inner1, inner2), 2);
        RpcValue v = decode("lli:n", m.words(header)).args().getFirst();
        RpcType li = new RpcType.ListOf(RpcType.INT32);
        assertEquals(RpcValue.list(li, RpcValue.list(RpcType.INT32, RpcValue.int32(1), RpcValue.int32(2)),
                RpcValue.list(RpcType.INT32, RpcValue.int32(3))), v);
    }

    @Test
    void tupleFieldsArePaddedToTheirAlignment() {
        // struct { i1 flag; i64 big; i32 small; } : flag at 0, big at 8, small at 16, size 24.
        int t = m.alloc(24, 8);
        m.memory.store8(t, 1);
        m.memory.store64(t + 8, -5L);
        m.memory.store32(t + 16, 77);
        RpcValue v = decode("t\u0003bIi:n", t).args().getFirst();
        assertEquals(RpcValue.tuple(RpcValue.TRUE, RpcValue.int64(-5), RpcValue.int32(77)), v);
    }

    @Test
    void listOfTuplesStridesOverTailPadding() {
        // { i64, i1 } is 16 bytes: the second element starts at +16.
        int elements = m.alloc(32, 8);
        m.memory.store64(elements, 1);
        m.memory.store8(elements + 8, 0);
        m.memory.store64(elements + 16, 2);
        m.memory.store8(elements + 24, 1);
        int header = m.words(elements, 2);
        RpcValue.ListOf l = (RpcValue.ListOf) decode("lt\u0002Ib:n", m.words(header)).args().getFirst();
        assertEquals(List.of(RpcValue.tuple(RpcValue.int64(1), RpcValue.FALSE), RpcValue.tuple(RpcValue.int64(2), RpcValue.TRUE)), l.values());
    }

    @Test
    void arrayIsBufferThenShape() {
        int buffer = m.alloc(48, 8);
        for (int k = 0; k < 6; k++) m.memory.store64(buffer + 8 * k, Double.doubleToRawLongBits(k + 0.5));
        int array = m.words(buffer, 2, 3);
        RpcValue.Array a = (RpcValue.Array) decode("a\u0002f:n", array).args().getFirst();
        assertEquals(List.of(2, 3), a.shape());
        assertEquals(new RpcValue.Float64(5.5), a.values().get(5));
        assertEquals(6, a.values().size());
    }

    @Test
    void rangeIsThreeIntegers() {
        assertEquals(new RpcValue.Range(RpcType.INT32, 0, 10, 2), decode("ri:n", m.words(0, 10, 2)).args().getFirst());
    }

    @Test
    void keywordArgumentsGoToKwargsInOrder() {
        int name1 = m.slice("sep"), name2 = m.slice("end");
        int kw1 = m.words(m.load32(name1), 3, m.load32(m.slice("-")), 1);
        int kw2 = m.alloc(16, 8);
        m.memory.store32(kw2, m.load32(name2));
        m.memory.store32(kw2 + 4, 3);
        m.memory.store64(kw2 + 8, Double.doubleToRawLongBits(1.5));
        RpcCodec.Arguments a = decode("ikskf:n", m.words(4), kw1, kw2);
        assertEquals(List.of(RpcValue.int32(4)), a.args());
        assertEquals(List.of("sep", "end"), List.copyOf(a.kwargs().keySet()));
        assertEquals(Map.of("sep", RpcValue.str("-"), "end", RpcValue.float64(1.5)), a.kwargs());
    }

    @Test
    void hostObjectIsItsIdBehindAPointer() {
        int object = m.words(42, 0xdead);
        assertEquals(new RpcValue.ObjectRef(42), decode("O:n", m.words(object)).args().getFirst());
    }

    @Test
    void invalidUtf8EndsTheKernel() {
        RpcException e = assertThrows(RpcException.class, () -> decode("s:n", m.slice(new byte[] {(byte) 0xc3, 0x28})));
        assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
    }

    @Test
    void wildLengthIsRefusedBeforeReading() {
        RpcException e = assertThrows(RpcException.class, () -> decode("B:n", m.words(KernelMemory.BASE, 0x7fff_0000)));
        assertTrue(e.getMessage().contains("exceeds"), e.getMessage());
    }

    @Test
    void wildListLengthIsRefused() {
        int header = m.words(KernelMemory.BASE, -1);
        RpcException e = assertThrows(RpcException.class, () -> decode("ln:n", m.words(header)));
        assertTrue(e.getMessage().contains("more than"), e.getMessage());
    }

    @Test
    void pointerOutsideMemoryIsAGuestFault() {
        GuestFault f = assertThrows(GuestFault.class, () -> decode("s:n", m.words(0x1000, 4)));
        assertEquals(0x1000, f.address());
    }

    @Test
    void payloadBytesCountWhatWasRead() {
        RpcCodec.Arguments a = decode("s:n", m.slice("abcd"));
        // argv word, slice pointer and length, four bytes of text
        assertEquals(4 + 8 + 4, a.payloadBytes());
    }

    @Test
    void tagIsReadThroughItsSlice() {
        int tag = m.slice("t\u0001i:n".getBytes(StandardCharsets.ISO_8859_1));
        assertArrayEquals("t\u0001i:n".getBytes(StandardCharsets.ISO_8859_1), RpcCodec.readTag(m.memory, tag));
    }
}
