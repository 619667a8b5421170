package org.coredev.emu.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coredev.emu.runtime.rpc.RpcCall;
import org.coredev.emu.runtime.rpc.RpcType;
import org.coredev.emu.runtime.rpc.RpcValue;
import org.junit.jupiter.api.Test;

/** RPC values on the wire, checked against a decoder and encoder written from comm_kernel.py. */
class RpcWireTest {
    private static CommKernelClient.RpcRequest sendAndDecode(RpcCall call) throws IOException {
        WireOut out = new WireOut().u8(call.async() ? 1 : 0);
        RpcWire.writeCall(out, call);
        byte[] bytes = out.toByteArray();
        CommKernelClient host = new CommKernelClient(new ByteArrayInputStream(bytes), new ByteArrayOutputStream());
        CommKernelClient.RpcRequest r = host.readRpcRequestBody();
        assertEquals(-1, host.rawInput().read(), "nothing left over");
        return r;
    }

    @Test
    void scalarsStringsAndBytesArriveAsTheHostReadsThem() throws IOException {
        RpcCall call = new RpcCall(7, List.of(RpcValue.NONE, RpcValue.TRUE, RpcValue.int32(-5), RpcValue.int64(1L << 40),
                RpcValue.float64(-0.125), RpcValue.str("µs"), new RpcValue.Bytes(new byte[] {1, 2}), new RpcValue.ByteArray(new byte[] {3}),
                new RpcValue.ObjectRef(12)), Map.of(), false, RpcType.INT64);
        CommKernelClient.RpcRequest r = sendAndDecode(call);
        assertEquals(7, r.service());
        assertEquals(false, r.async());
        List<Object> a = r.args();
        assertEquals(List.of(CommKernelClient.NONE, true, -5, 1L << 40, -0.125, "µs"), a.subList(0, 6));
        assertArrayEquals(new byte[] {1, 2}, (byte[]) a.get(6));
        assertArrayEquals(new byte[] {3}, (byte[]) a.get(7));
        assertEquals(new CommKernelClient.HostObject(12), a.get(8));
        assertArrayEquals("I".getBytes(StandardCharsets.US_ASCII), r.returnTags());
    }

    @Test
    void containersKeepTheirStructure() throws IOException {
        RpcValue listOfTuples = new RpcValue.ListOf(new RpcType.Tuple(List.of(RpcType.INT32, RpcType.STR)),
                List.of(RpcValue.tuple(RpcValue.int32(1), RpcValue.str("a")), RpcValue.tuple(RpcValue.int32(2), RpcValue.str("b"))));
        RpcValue floats = RpcValue.list(RpcType.FLOAT64, RpcValue.float64(1.5), RpcValue.float64(2.5));
        RpcValue emptyStrings = new RpcValue.ListOf(RpcType.STR, List.of());
        RpcValue array = new RpcValue.Array(RpcType.INT32, List.of(2, 2),
                List.of(RpcValue.int32(1), RpcValue.int32(2), RpcValue.int32(3), RpcValue.int32(4)));
        RpcValue stringArray = new RpcValue.Array(RpcType.STR, List.of(2), List.of(RpcValue.str("x"), RpcValue.str("y")));
        RpcValue range = new RpcValue.Range(RpcType.INT64, 0, 10, 2);
        RpcValue bools = RpcValue.list(RpcType.BOOL, RpcValue.TRUE, RpcValue.FALSE);
        Map<String, RpcValue> kwargs = new LinkedHashMap<>();
        kwargs.put("sep", RpcValue.str(","));
        kwargs.put("count", RpcValue.int32(3));
        RpcCall call = new RpcCall(1, List.of(listOfTuples, floats, emptyStrings, array, stringArray, range, bools), kwargs, true, RpcType.NONE);
        CommKernelClient.RpcRequest r = sendAndDecode(call);
        assertEquals(List.of(
                List.of(new CommKernelClient.Tuple(List.of(1, "a")), new CommKernelClient.Tuple(List.of(2, "b"))),
                List.of(1.5, 2.5),
                List.of(),
                new CommKernelClient.Array(List.of(2, 2), List.of(1, 2, 3, 4)),
                new CommKernelClient.Array(List.of(2), List.of("x", "y")),
                new CommKernelClient.Range(0L, 10L, 2L),
                List.of(true, false)), r.args());
        assertEquals(Map.of("sep", ",", "count", 3), r.kwargs());
        assertEquals(List.of("sep", "count"), List.copyOf(r.kwargs().keySet()));
        assertEquals("n", new String(r.returnTags(), StandardCharsets.US_ASCII));
    }

    /** The host's RPCReply body for {@code tags} and {@code value}, as comm_kernel.py writes it. */
    private static RpcValue reply(String tags, Object value) throws IOException {
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        new CommKernelClient(new ByteArrayInputStream(new byte[0]), written).replyValue(tags, value);
        byte[] b = written.toByteArray();
        WireIn in = new WireIn(new ByteArrayInputStream(Arrays.copyOfRange(b, 5, b.length)));
        RpcType type = RpcWire.returnType(in.bytes("tag", 100));
        RpcValue v = RpcWire.readValue(in, type);
        assertEquals(-1, in.u8OrEnd(), "nothing left over");
        return v;
    }

    @Test
    void returnValuesAreReadByTheTagTheHostSends() throws IOException {
        assertEquals(RpcValue.NONE, reply("n", null));
        assertEquals(RpcValue.int32(-7), reply("i", -7));
        assertEquals(RpcValue.int64(-7L << 33), reply("I", -7L << 33));
        assertEquals(RpcValue.float64(0.1), reply("f", 0.1));
        assertEquals(RpcValue.TRUE, reply("b", true));
        assertEquals(RpcValue.str("héllo"), reply("s", "héllo"));
        assertEquals(new RpcValue.Bytes(new byte[] {9, 8}), reply("B", new byte[] {9, 8}));
        assertEquals(RpcValue.list(RpcType.INT32, RpcValue.int32(1), RpcValue.int32(2)), reply("li", List.of(1, 2)));
        assertEquals(new RpcValue.ListOf(new RpcType.ListOf(RpcType.STR),
                        List.of(RpcValue.list(RpcType.STR, RpcValue.str("a")), RpcValue.list(RpcType.STR))),
                reply("lls", List.of(List.of("a"), List.of())));
        assertEquals(RpcValue.tuple(RpcValue.int32(1), RpcValue.float64(2.0), RpcValue.str("z")),
                reply("t\u0003ifs", new CommKernelClient.Tuple(List.of(1, 2.0, "z"))));
        assertEquals(new RpcValue.Array(RpcType.FLOAT64, List.of(1, 3), List.of(RpcValue.float64(1), RpcValue.float64(2), RpcValue.float64(3))),
                reply("a\u0002f", new CommKernelClient.Array(List.of(1, 3), List.of(1.0, 2.0, 3.0))));
        assertEquals(new RpcValue.Range(RpcType.INT32, 5, 0, -1), reply("ri", new CommKernelClient.Range(5, 0, -1)));
    }

    @Test
    void aReplyThatIsTooShortOrTooLargeIsRefused() {
        WireIn truncated = new WireIn(new ByteArrayInputStream(new byte[] {5, 0, 0, 0, 1, 0, 0, 0}));
        assertEquals("connection closed inside int32 (0 of 4 bytes)",   // five elements announced, one sent
                assertThrows(IOException.class, () -> RpcWire.readValue(truncated, new RpcType.ListOf(RpcType.INT32))).getMessage());
        WireIn huge = new WireIn(new ByteArrayInputStream(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0x7f}));
        assertEquals("list length 2147483647 out of range",
                assertThrows(IOException.class, () -> RpcWire.readValue(huge, new RpcType.ListOf(RpcType.INT32))).getMessage());
        assertThrows(IOException.class, () -> RpcWire.returnType("q".getBytes(StandardCharsets.US_ASCII)));
    }
}
