package org.coredev.emu.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.coredev.emu.runtime.rpc.RpcCall;
import org.coredev.emu.runtime.rpc.RpcException;
import org.coredev.emu.runtime.rpc.RpcTag;
import org.coredev.emu.runtime.rpc.RpcType;
import org.coredev.emu.runtime.rpc.RpcValue;

/**
 * RPC values on the host connection, as the board writes and reads them
 * (libproto_artiq/rpc_proto.rs {@code send_args} with tags, {@code recv_return}; the host side is
 * comm_kernel.py {@code _receive_rpc_args} and {@code _send_rpc_value}).
 *
 * <p>Arguments travel tagged: each value is preceded by its tag byte; a tuple adds its arity, an
 * array its dimension count. A list writes its length, then its element tag once; bool, int32,
 * int64 and float elements follow as one block, other elements each carry their full tag again.
 * The argument list ends with a zero byte, followed by the return tag as a byte string. Return
 * values come back untagged, laid out by the tag the host sends first.
 */
final class RpcWire {
    /** Elements of a list or array the server accepts in one reply (as the kernel side's RpcCodec). */
    static final int MAX_ELEMENTS = 1 << 24;
    static final int MAX_STRING = 64 << 20;

    private RpcWire() {}

    /** The body of an RPCRequest after its async byte: service, tagged arguments, 0, return tag. */
    static void writeCall(WireOut out, RpcCall call) {
        out.i32(call.service());
        for (RpcValue v : call.args()) writeTagged(out, v);
        for (Map.Entry<String, RpcValue> e : call.kwargs().entrySet()) {
            out.u8('k').string(e.getKey());
            writeTagged(out, e.getValue());
        }
        out.u8(0);
        out.bytes(call.returns().tag().getBytes(StandardCharsets.ISO_8859_1));
    }

    static void writeTagged(WireOut out, RpcValue v) {
        RpcType type = v.type();
        out.u8(type.letter());
        switch (v) {
            case RpcValue.None n -> { }
            case RpcValue.Bool b -> out.u8(b.value() ? 1 : 0);
            case RpcValue.Int32 i -> out.i32(i.value());
            case RpcValue.Int64 i -> out.i64(i.value());
            case RpcValue.Float64 f -> out.i64(Double.doubleToRawLongBits(f.value()));
            case RpcValue.Str s -> out.string(s.value());
            case RpcValue.Bytes b -> out.bytes(b.value());
            case RpcValue.ByteArray b -> out.bytes(b.value());
            case RpcValue.Tuple t -> {
                out.u8(t.values().size());
                for (RpcValue e : t.values()) writeTagged(out, e);
            }
            case RpcValue.ListOf l -> {
                out.i32(l.values().size());
                writeElements(out, l.element(), l.values());
            }
            case RpcValue.Array a -> {
                out.u8(a.shape().size());
                for (int s : a.shape()) out.i32(s);
                writeElements(out, a.element(), a.values());
            }
            case RpcValue.Range r -> {
                for (long x : new long[] {r.start(), r.stop(), r.step()})
                    writeTagged(out, r.element() instanceof RpcType.Int64 ? RpcValue.int64(x) : RpcValue.int32((int) x));
            }
            case RpcValue.Keyword k -> {
                out.string(k.name());
                writeTagged(out, k.value());
            }
            case RpcValue.ObjectRef o -> out.i32(o.id());
        }
    }

    private static void writeElements(WireOut out, RpcType element, List<RpcValue> values) {
        out.u8(element.letter());
        if (isBlock(element)) {
            for (RpcValue v : values) writeUntagged(out, v);
        } else {
            for (RpcValue v : values) writeTagged(out, v);
        }
    }

    /** rpc_proto.rs special-cases lists and arrays of these: one block of raw elements. */
    private static boolean isBlock(RpcType t) {
        return t instanceof RpcType.Bool || t instanceof RpcType.Int32 || t instanceof RpcType.Int64 || t instanceof RpcType.Float64;
    }

    private static void writeUntagged(WireOut out, RpcValue v) {
        switch (v) {
            case RpcValue.Bool b -> out.u8(b.value() ? 1 : 0);
            case RpcValue.Int32 i -> out.i32(i.value());
            case RpcValue.Int64 i -> out.i64(i.value());
            case RpcValue.Float64 f -> out.i64(Double.doubleToRawLongBits(f.value()));
            default -> throw new IllegalArgumentException("not a block element: " + v);
        }
    }

    /** The return type named by the tag bytes of an RPCReply. */
    static RpcType returnType(byte[] tag) throws IOException {
        byte[] full = new byte[tag.length + 1];
        full[0] = ':';
        System.arraycopy(tag, 0, full, 1, tag.length);
        try {
            return RpcTag.parse(full).returns();
        } catch (RpcException | IllegalArgumentException e) {
            throw new IOException("RPCReply: bad return tag: " + e.getMessage());
        }
    }

    /** Reads one untagged return value of {@code type} (comm_kernel.py {@code _send_rpc_value}). */
    static RpcValue readValue(WireIn in, RpcType type) throws IOException {
        return switch (type) {
            case RpcType.None n -> RpcValue.NONE;
            case RpcType.Bool b -> in.u8("bool") != 0 ? RpcValue.TRUE : RpcValue.FALSE;
            case RpcType.Int32 i -> RpcValue.int32(in.i32("int32"));
            case RpcType.Int64 i -> RpcValue.int64(in.i64("int64"));
            case RpcType.Float64 f -> RpcValue.float64(Double.longBitsToDouble(in.i64("float")));
            case RpcType.Str s -> RpcValue.str(in.string("str", MAX_STRING));
            case RpcType.Bytes b -> new RpcValue.Bytes(in.bytes("bytes", MAX_STRING));
            case RpcType.ByteArray b -> new RpcValue.ByteArray(in.bytes("bytearray", MAX_STRING));
            case RpcType.Tuple t -> {
                List<RpcValue> values = new ArrayList<>();
                for (RpcType e : t.elements()) values.add(readValue(in, e));
                yield new RpcValue.Tuple(values);
            }
            case RpcType.ListOf l -> {
                int n = count(in.i32("list length"), "list");
                yield new RpcValue.ListOf(l.element(), readElements(in, l.element(), n));
            }
            case RpcType.Array a -> {
                List<Integer> shape = new ArrayList<>();
                long n = 1;
                for (int k = 0; k < a.dims(); k++) {
                    int s = count(in.i32("array dimension"), "array dimension");
                    shape.add(s);
                    n *= s;
                    if (n > MAX_ELEMENTS) throw new IOException("array of more than %d elements".formatted(MAX_ELEMENTS));
                }
                if (shape.isEmpty()) throw new IOException("array with 0 dimensions");
                yield new RpcValue.Array(a.element(), shape, readElements(in, a.element(), (int) n));
            }
            case RpcType.Range r -> {
                long start = integer(readValue(in, r.element())), stop = integer(readValue(in, r.element())),
                        step = integer(readValue(in, r.element()));
                yield new RpcValue.Range(r.element(), start, stop, step);
            }
            case RpcType.Keyword k -> throw new IOException("a keyword cannot be a return value");
            case RpcType.HostObject o -> throw new IOException("a host object cannot be a return value");
        };
    }

    private static List<RpcValue> readElements(WireIn in, RpcType element, int n) throws IOException {
        List<RpcValue> out = new ArrayList<>(Math.min(n, 1024));
        for (int k = 0; k < n; k++) out.add(readValue(in, element));
        return out;
    }

    private static int count(int raw, String what) throws IOException {
        if (raw < 0 || raw > MAX_ELEMENTS) throw new IOException("%s length %d out of range".formatted(what, Integer.toUnsignedLong(raw)));
        return raw;
    }

    private static long integer(RpcValue v) throws IOException {
        return switch (v) {
            case RpcValue.Int32 i -> i.value();
            case RpcValue.Int64 i -> i.value();
            default -> throw new IOException("range of " + v.type().describe());
        };
    }
}
