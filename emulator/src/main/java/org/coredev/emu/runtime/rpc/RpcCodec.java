package org.coredev.emu.runtime.rpc;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coredev.emu.runtime.GuestFault;
import org.coredev.emu.runtime.GuestMemory;

/**
 * Reads RPC arguments out of kernel memory and writes return values into it, following the
 * kernel's layout of each type on the 32-bit little-endian target (ARTIQ
 * libproto_artiq/rpc_proto.rs {@code send_value} / {@code recv_value}; the layouts are those of
 * compiler/transforms/llvm_ir_generator.py {@code llty_of_type}):
 *
 * <pre>
 *   bool               1 byte (0 or 1)            int32  4 bytes     int64, float  8 bytes, 8-aligned
 *   str, bytes,        { u8 *data; u32 length }   (a CSlice, 8 bytes, 4-aligned)
 *     bytearray
 *   list               pointer to { T *elements; u32 length }
 *   array (n dims)     { T *buffer; u32 shape[n] }, elements in C order
 *   tuple              a C struct of its elements (natural alignment, tail padding)
 *   range              { T start, stop, step }
 *   keyword            { CSlice name; T value }   (top-level arguments only)
 *   host object        pointer to the object, whose first word is its embedding-map id
 * </pre>
 *
 * rpc_send passes the tag as a pointer to a CSlice and the arguments as an array of pointers, one
 * per argument tag (a None argument still has a pointer, to nothing).
 */
public final class RpcCodec {
    /** Bounds on what one RPC may carry, so a wild length ends in an error rather than a huge allocation. */
    static final long MAX_PAYLOAD_BYTES = 64L << 20;
    static final long MAX_VALUES = 1L << 24;

    private RpcCodec() {}

    /** The decoded arguments of one call; {@code payloadBytes} counts the bytes read from kernel memory. */
    public record Arguments(List<RpcValue> args, Map<String, RpcValue> kwargs, long payloadBytes) {
        public Arguments {
            args = List.copyOf(args);
            kwargs = Collections.unmodifiableMap(new LinkedHashMap<>(kwargs));
        }
    }

    /** Decodes the arguments of an rpc_send: {@code argv} is the address of the pointer array. */
    public static Arguments decodeArguments(GuestMemory memory, RpcTag tag, int argv) {
        Reader reader = new Reader(memory);
        List<RpcValue> args = new ArrayList<>();
        Map<String, RpcValue> kwargs = new LinkedHashMap<>();
        for (int k = 0; k < tag.args().size(); k++) {
            int pointer = reader.load32(argv + 4 * k);
            RpcValue v = reader.value(tag.args().get(k), new int[] {pointer});
            if (v instanceof RpcValue.Keyword kw) kwargs.put(kw.name(), kw.value());
            else args.add(v);
        }
        return new Arguments(args, kwargs, reader.bytes);
    }

    /** Decodes one value of {@code type} laid out at {@code address}. */
    public static RpcValue decode(GuestMemory memory, RpcType type, int address) {
        return new Reader(memory).value(type, new int[] {address});
    }

    /** Reads the tag CSlice that rpc_send's second argument points to. */
    public static byte[] readTag(GuestMemory memory, int slice) {
        int data = memory.load32(slice), length = memory.load32(slice + 4);
        if (length < 0 || length > 65536)
            throw new GuestFault(slice, "RPC tag at 0x%08x has an implausible length %d".formatted(slice, Integer.toUnsignedLong(length)));
        return memory.read(data, length);
    }

    static int align(int address, int alignment) {
        return (address + alignment - 1) & -alignment;
    }

    private static final class Reader {
        private final GuestMemory memory;
        long bytes, values;

        Reader(GuestMemory memory) { this.memory = memory; }

        int load32(int address) {
            bytes += 4;
            return memory.load32(address);
        }

        private byte[] read(int address, long length) {
            if (length < 0 || bytes + length > MAX_PAYLOAD_BYTES)
                throw RpcException.abort("RPC argument of %d bytes at 0x%08x exceeds the %d MiB an RPC may carry"
                        .formatted(length, address, MAX_PAYLOAD_BYTES >> 20));
            bytes += length;
            return memory.read(address, (int) length);
        }

        private void count(long n, int address) {
            values += n;
            if (n < 0 || values > MAX_VALUES)
                throw RpcException.abort("RPC argument at 0x%08x has more than %d values".formatted(address, MAX_VALUES));
        }

        /** Reads a value at cursor[0] (aligned first), leaving cursor[0] just past it. */
        RpcValue value(RpcType type, int[] cursor) {
            count(1, cursor[0]);
            switch (type) {
                case RpcType.None n -> { return RpcValue.NONE; }
                case RpcType.Tuple t -> {
                    // Aligning the start follows the struct layout; ARTIQ's send_value only aligns
                    // each field, which differs only for a nested tuple whose first field is less
                    // aligned than another (the board would then read the wrong bytes).
                    cursor[0] = align(cursor[0], t.alignment(memory.wideAlignment()));
                    List<RpcValue> out = new ArrayList<>(t.elements().size());
                    for (RpcType e : t.elements()) out.add(value(e, cursor));
                    cursor[0] = align(cursor[0], t.alignment(memory.wideAlignment()));
                    return new RpcValue.Tuple(out);
                }
                case RpcType.Range r -> {
                    cursor[0] = align(cursor[0], r.alignment(memory.wideAlignment()));
                    long start = integer(value(r.element(), cursor)), stop = integer(value(r.element(), cursor)),
                            step = integer(value(r.element(), cursor));
                    return new RpcValue.Range(r.element(), start, stop, step);
                }
                case RpcType.Keyword k -> {
                    int at = take(cursor, 4, 8);
                    String name = utf8(slice(at), at);
                    return new RpcValue.Keyword(name, value(k.value(), cursor));
                }
                default -> { }
            }
            int at = take(cursor, type.alignment(memory.wideAlignment()), slotSize(type));
            return switch (type) {
                case RpcType.Bool b -> (read(at, 1)[0] != 0) ? RpcValue.TRUE : RpcValue.FALSE;
                case RpcType.Int32 i -> new RpcValue.Int32(load32(at));
                case RpcType.Int64 i -> new RpcValue.Int64(load64(at));
                case RpcType.Float64 f -> new RpcValue.Float64(Double.longBitsToDouble(load64(at)));
                case RpcType.Str s -> new RpcValue.Str(utf8(slice(at), at));
                case RpcType.Bytes b -> new RpcValue.Bytes(slice(at));
                case RpcType.ByteArray b -> new RpcValue.ByteArray(slice(at));
                case RpcType.HostObject o -> new RpcValue.ObjectRef(load32(load32(at)));
                case RpcType.ListOf l -> {
                    int header = load32(at);
                    int elements = load32(header), length = load32(header + 4);
                    yield new RpcValue.ListOf(l.element(), elements(l.element(), elements, Integer.toUnsignedLong(length)));
                }
                case RpcType.Array a -> {
                    int buffer = load32(at);
                    List<Integer> shape = new ArrayList<>(a.dims());
                    long total = 1;
                    for (int d = 0; d < a.dims(); d++) {
                        int n = load32(at + 4 + 4 * d);
                        if (n < 0) throw RpcException.abort("array at 0x%08x has dimension %d of length %d".formatted(at, d, Integer.toUnsignedLong(n)));
                        shape.add(n);
                        total = Math.min(total * n, MAX_VALUES + 1);
                    }
                    yield new RpcValue.Array(a.element(), shape, elements(a.element(), buffer, total));
                }
                default -> throw new IllegalStateException("handled above: " + type);
            };
        }

        /** Reserves a field: aligns the cursor, returns the field's address, moves past it. */
        private static int take(int[] cursor, int alignment, int size) {
            int at = align(cursor[0], alignment);
            cursor[0] = at + size;
            return at;
        }

        private static int slotSize(RpcType type) {
            return switch (type) {
                case RpcType.Bool b -> 1;
                case RpcType.Int64 i -> 8;
                case RpcType.Float64 f -> 8;
                case RpcType.Str s -> 8;
                case RpcType.Bytes b -> 8;
                case RpcType.ByteArray b -> 8;
                case RpcType.Array a -> 4 + 4 * a.dims();
                default -> 4;   // int32, list pointer, object pointer
            };
        }

        private long load64(int address) {
            bytes += 8;
            return memory.load64(address);
        }

        private byte[] slice(int at) {
            int data = load32(at), length = load32(at + 4);
            return length == 0 ? new byte[0] : read(data, Integer.toUnsignedLong(length));
        }

        /** Elements of a list or array: scalars are read as one block (rpc_proto.rs send_elements). */
        private List<RpcValue> elements(RpcType element, int address, long length) {
            count(length, address);
            List<RpcValue> out = new ArrayList<>((int) length);
            switch (element) {
                case RpcType.Bool b -> { for (byte x : read(address, length)) out.add(x != 0 ? RpcValue.TRUE : RpcValue.FALSE); }
                case RpcType.Int32 i -> {
                    ByteBuffer buf = inGuestOrder(read(address, 4 * length));
                    for (long k = 0; k < length; k++) out.add(new RpcValue.Int32(buf.getInt()));
                }
                case RpcType.Int64 i -> {
                    ByteBuffer buf = inGuestOrder(read(address, 8 * length));
                    for (long k = 0; k < length; k++) out.add(new RpcValue.Int64(buf.getLong()));
                }
                case RpcType.Float64 f -> {
                    ByteBuffer buf = inGuestOrder(read(address, 8 * length));
                    for (long k = 0; k < length; k++) out.add(new RpcValue.Float64(buf.getDouble()));
                }
                default -> {
                    values -= length;    // counted again one by one
                    int[] cursor = {address};
                    for (long k = 0; k < length; k++) out.add(value(element, cursor));
                }
            }
            return out;
        }

        private ByteBuffer inGuestOrder(byte[] b) {
            return ByteBuffer.wrap(b).order(memory.order());
        }

        private static long integer(RpcValue v) {
            return switch (v) {
                case RpcValue.Int32 i -> i.value();
                case RpcValue.Int64 i -> i.value();
                default -> throw new IllegalStateException("range of " + v);
            };
        }

        /** The board unwraps from_utf8 on str arguments: invalid UTF-8 ends the kernel. */
        private static String utf8(byte[] bytes, int at) {
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                throw RpcException.abort("string at 0x%08x is not valid UTF-8".formatted(at));
            }
        }
    }
}
