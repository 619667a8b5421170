package org.coredev.emu.runtime.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RpcTagTest {
    @Test
    void scalarsParseInOrder() {
        RpcTag tag = RpcTag.parse("nbiIfsBAO:n");
        assertEquals(List.of(RpcType.NONE, RpcType.BOOL, RpcType.INT32, RpcType.INT64, RpcType.FLOAT64,
                RpcType.STR, RpcType.BYTES, RpcType.BYTEARRAY, RpcType.OBJECT), tag.args());
        assertEquals(RpcType.NONE, tag.returns());
    }

    @Test
    void tupleCountIsARawByte() {
        RpcTag tag = RpcTag.parse("t\u0002if:t\u0003bIs");
        assertEquals(List.of(new RpcType.Tuple(List.of(RpcType.INT32, RpcType.FLOAT64))), tag.args());
        assertEquals(new RpcType.Tuple(List.of(RpcType.BOOL, RpcType.INT64, RpcType.STR)), tag.returns());
    }

    @Test
    void nestedCompositesParse() {
        RpcTag tag = RpcTag.parse("llia\u0002frIkf:lt\u0002sa\u0001b");
        assertEquals(new RpcType.ListOf(new RpcType.ListOf(RpcType.INT32)), tag.args().get(0));
        assertEquals(new RpcType.Array(RpcType.FLOAT64, 2), tag.args().get(1));
        assertEquals(new RpcType.Range(RpcType.INT64), tag.args().get(2));
        assertEquals(new RpcType.Keyword(RpcType.FLOAT64), tag.args().get(3));
        assertEquals(new RpcType.ListOf(new RpcType.Tuple(List.of(RpcType.STR, new RpcType.Array(RpcType.BOOL, 1)))), tag.returns());
    }

    @Test
    void noArgumentsIsAColonAndAReturnType() {
        RpcTag tag = RpcTag.parse(":i");
        assertTrue(tag.args().isEmpty());
        assertEquals(RpcType.INT32, tag.returns());
    }

    @Test
    void textWritesTheTagBack() {
        String text = "it\u0002fsla\u0003Ikb:t\u0002lns";
        assertEquals(text, RpcTag.parse(text).text());
    }

    @Test
    void tupleOf58ElementsIsNotCutAtItsColonCountByte() {
        String tag = "t:" + "i".repeat(58) + ":n";
        RpcType.Tuple t = (RpcType.Tuple) RpcTag.parse(tag).args().getFirst();
        assertEquals(58, t.elements().size());
    }

    @Test
    void unknownByteIsNamedWithItsPosition() {
        RpcException e = assertThrows(RpcException.class, () -> RpcTag.parse("ix:n"));
        assertFalse(e.isKernelException());
        assertTrue(e.getMessage().contains("at byte 1"), e.getMessage());
        assertTrue(e.getMessage().contains("'x' (0x78)"), e.getMessage());
    }

    @Test
    void missingSeparatorIsAnError() {
        RpcException e = assertThrows(RpcException.class, () -> RpcTag.parse("is"));
        assertTrue(e.getMessage().contains("at byte 2: no ':'"), e.getMessage());
    }

    @Test
    void missingReturnTypeIsAnError() {
        RpcException e = assertThrows(RpcException.class, () -> RpcTag.parse("i:"));
        assertTrue(e.getMessage().contains("at byte 2: missing return type"), e.getMessage());
    }

    @Test
    void truncatedTupleCountIsAnError() {
        RpcException e = assertThrows(RpcException.class, () -> RpcTag.parse(new byte[] {'t'}));
        assertTrue(e.getMessage().contains("at byte 1: truncated: tuple element count missing"), e.getMessage());
    }

    @Test
    void tupleShorterThanItsCountIsAnError() {
        RpcException e = assertThrows(RpcException.class, () -> RpcTag.parse("t\u0003i"));
        assertTrue(e.getMessage().contains("at byte 3: truncated: a type is missing"), e.getMessage());
    }

    @Test
    void extraBytesAfterTheReturnTypeAreAnError() {
        RpcException e = assertThrows(RpcException.class, () -> RpcTag.parse("i:nn"));
        assertTrue(e.getMessage().contains("at byte 3: 1 extra byte(s)"), e.getMessage());
    }

    @Test
    void keywordInsideACompositeIsRefused() {
        RpcException e = assertThrows(RpcException.class, () -> RpcTag.parse("lki:n"));
        assertTrue(e.getMessage().contains("at byte 1: keyword inside a composite type"), e.getMessage());
    }

    @Test
    void hostObjectCannotBeReturned() {
        RpcException e = assertThrows(RpcException.class, () -> RpcTag.parse(":lO"));
        assertTrue(e.getMessage().contains("at byte 1: a host object cannot be returned"), e.getMessage());
    }

    @Test
    void rangeOfFloatsIsRefused() {
        RpcException e = assertThrows(RpcException.class, () -> RpcTag.parse("rf:n"));
        assertTrue(e.getMessage().contains("at byte 1: range of float"), e.getMessage());
    }

    @Test
    void zeroDimensionalArrayIsRefused() {
        RpcException e = assertThrows(RpcException.class, () -> RpcTag.parse("a\u0000i:n"));
        assertTrue(e.getMessage().contains("at byte 1: an array needs at least one dimension"), e.getMessage());
    }

    @Test
    void rawCountBytesAreEscapedInMessages() {
        RpcException e = assertThrows(RpcException.class, () -> RpcTag.parse("t\u0002i"));
        assertTrue(e.getMessage().contains("\"t\\x02i\""), e.getMessage());
    }

    @Test
    void deepNestingIsRefusedWithoutOverflowingTheStack() {
        RpcException e = assertThrows(RpcException.class, () -> RpcTag.parse("l".repeat(100_000) + "i:n"));
        assertTrue(e.getMessage().contains("nested deeper than"), e.getMessage());
    }

    @Test
    void allocationSizesFollowTheBoard() {
        // rpc_proto.rs Tag::size: tuples with padding, lists counted as 8, arrays as 4 * (1 + dims).
        assertEquals(16, new RpcType.Tuple(List.of(RpcType.BOOL, RpcType.INT64)).allocationSize());
        assertEquals(16, new RpcType.Tuple(List.of(RpcType.INT64, RpcType.BOOL)).allocationSize());
        assertEquals(12, new RpcType.Tuple(List.of(RpcType.INT32, RpcType.STR)).allocationSize());
        assertEquals(8, new RpcType.ListOf(RpcType.INT32).allocationSize());
        assertEquals(12, new RpcType.Array(RpcType.FLOAT64, 2).allocationSize());
        assertEquals(24, new RpcType.Range(RpcType.INT64).allocationSize());
        assertEquals(8, new RpcType.Tuple(List.of(RpcType.FLOAT64)).alignment());
    }

    @Test
    void onOr1kInt64AndFloatFieldsAre4ByteAligned() {
        // The or1k data layout (i64:32:32-f64:32:32): no padding before a 64-bit field.
        assertEquals(12, new RpcType.Tuple(List.of(RpcType.BOOL, RpcType.INT64)).allocationSize(4));
        assertEquals(12, new RpcType.Tuple(List.of(RpcType.INT32, RpcType.FLOAT64)).allocationSize(4));
        assertEquals(4, new RpcType.Tuple(List.of(RpcType.FLOAT64)).alignment(4));
        assertEquals(4, new RpcType.Range(RpcType.INT64).alignment(4));
    }
}
