package org.coredev.emu.runtime.rpc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.coredev.emu.runtime.GuestMemory;

/**
 * Writes one RPC return value into kernel memory through rpc_recv's slot protocol
 * (ARTIQ ksupport/lib.rs {@code rpc_recv}, runtime/session.rs, rpc_proto.rs {@code recv_value}).
 * The kernel calls {@code rpc_recv(slot)} with a buffer for the top-level value; as long as the
 * value needs more memory (string contents, list and array storage) the call returns the number
 * of bytes needed, the kernel allocas that much (8-aligned) and calls again with the new buffer;
 * 0 means the value is complete.
 *
 * <p>The board fills memory while it walks the value, pausing at each allocation. Here the walk
 * runs twice: once at the start, without memory, to check the value against the tag and list the
 * allocation sizes in order; once at the end, when every buffer address is known, to write.
 * The kernel reads nothing before rpc_recv returns 0, so it sees the same memory.
 */
public final class ReturnTransfer {
    private final RpcType type;
    private final RpcValue value;
    private final int wideAlignment;
    private final List<Long> sizes;
    private final List<Integer> buffers = new ArrayList<>();
    private int root;
    private boolean started, done;

    /**
     * Checks {@code value} against {@code type} as comm_kernel.py's {@code _send_rpc_value} does.
     *
     * @throws RpcException (abort) "type mismatch: cannot serialize ... as ..." when it does not fit
     */
    public ReturnTransfer(RpcType type, RpcValue value) { this(type, value, 8); }

    /** As {@link #ReturnTransfer(RpcType, RpcValue)} for a guest whose int64 and float64 are {@code wideAlignment}-aligned. */
    public ReturnTransfer(RpcType type, RpcValue value, int wideAlignment) {
        this.type = type;
        this.value = value;
        this.wideAlignment = wideAlignment;
        Walk dry = new Walk(null, null, wideAlignment);
        dry.put(type, value, new int[] {0});
        this.sizes = List.copyOf(dry.requested);
    }

    /** Sizes of the buffers the kernel will be asked for, in order. */
    public List<Long> allocationSizes() { return sizes; }

    /** Bytes the value takes on the wire (its contents), for the transfer time. */
    public long wireBytes() { return wireBytes(value); }

    /** True once rpc_recv has been called for this value. */
    public boolean started() { return started; }

    /** True once the value is written (rpc_recv returned 0). */
    public boolean done() { return done; }

    /** One rpc_recv call: takes the buffer {@code slot}, returns the next size needed or 0 when done. */
    public int receive(GuestMemory memory, int slot) {
        if (done) throw new IllegalStateException("return value already written");
        if (!started) {
            started = true;
            root = slot;
        } else {
            buffers.add(slot);
        }
        if (buffers.size() < sizes.size()) return (int) (long) sizes.get(buffers.size());
        new Walk(memory, buffers, wideAlignment).put(type, value, new int[] {root});
        done = true;
        return 0;
    }

    private static long wireBytes(RpcValue v) {
        return switch (v) {
            case RpcValue.None n -> 0;
            case RpcValue.Bool b -> 1;
            case RpcValue.Int32 i -> 4;
            case RpcValue.Int64 i -> 8;
            case RpcValue.Float64 f -> 8;
            case RpcValue.Str s -> 4 + s.value().getBytes(StandardCharsets.UTF_8).length;
            case RpcValue.Bytes b -> 4 + b.value().length;
            case RpcValue.ByteArray b -> 4 + b.value().length;
            case RpcValue.ListOf l -> 4 + l.values().stream().mapToLong(ReturnTransfer::wireBytes).sum();
            case RpcValue.Array a -> 4L * a.shape().size() + a.values().stream().mapToLong(ReturnTransfer::wireBytes).sum();
            case RpcValue.Tuple t -> t.values().stream().mapToLong(ReturnTransfer::wireBytes).sum();
            case RpcValue.Range r -> 3 * (r.element() instanceof RpcType.Int64 ? 8 : 4);
            case RpcValue.Keyword k -> wireBytes(k.value());
            case RpcValue.ObjectRef o -> 4;
        };
    }

    /**
     * One walk over the value, in rpc_proto.rs recv_value's order. With no memory it only checks
     * and records allocation sizes; with memory it writes, taking buffers in the same order.
     */
    private static final class Walk {
        private final GuestMemory memory;
        private final List<Integer> buffers;
        private final int wide;
        final List<Long> requested = new ArrayList<>();
        private int next;

        Walk(GuestMemory memory, List<Integer> buffers, int wide) {
            this.memory = memory;
            this.wide = wide;
            this.buffers = buffers;
        }

        /** A buffer of {@code size} bytes; as on the board, an empty one is a null pointer without a round trip. */
        private int alloc(long size) {
            if (size == 0) return 0;
            if (memory == null) {
                if (size > Integer.MAX_VALUE) throw RpcException.abort("return value needs a buffer of %d bytes".formatted(size));
                requested.add(size);
                return 0;
            }
            return buffers.get(next++);
        }

        private void store8(int a, int v) { if (memory != null) memory.store8(a, v); }
        private void store32(int a, int v) { if (memory != null) memory.store32(a, v); }
        private void store64(int a, long v) { if (memory != null) memory.store64(a, v); }
        private void write(int a, byte[] b) { if (memory != null) memory.write(a, b); }

        private static int take(int[] cursor, int alignment, int size) {
            int at = RpcCodec.align(cursor[0], alignment);
            cursor[0] = at + size;
            return at;
        }

        void put(RpcType t, RpcValue v, int[] cursor) {
            switch (t) {
                case RpcType.None n -> expect(v instanceof RpcValue.None, v, t);
                case RpcType.Bool b -> {
                    expect(v instanceof RpcValue.Bool, v, t);
                    store8(take(cursor, 1, 1), ((RpcValue.Bool) v).value() ? 1 : 0);
                }
                case RpcType.Int32 i -> store32(take(cursor, 4, 4), (int) integer(v, t, Integer.MIN_VALUE, Integer.MAX_VALUE));
                case RpcType.Int64 i -> store64(take(cursor, wide, 8), integer(v, t, Long.MIN_VALUE, Long.MAX_VALUE));
                case RpcType.Float64 f -> {
                    expect(v instanceof RpcValue.Float64, v, t);
                    store64(take(cursor, wide, 8), Double.doubleToRawLongBits(((RpcValue.Float64) v).value()));
                }
                case RpcType.Str s -> {
                    expect(v instanceof RpcValue.Str str && str.value().indexOf('\0') < 0, v, t);
                    slice(take(cursor, 4, 8), ((RpcValue.Str) v).value().getBytes(StandardCharsets.UTF_8));
                }
                case RpcType.Bytes b -> {
                    expect(v instanceof RpcValue.Bytes, v, t);
                    slice(take(cursor, 4, 8), ((RpcValue.Bytes) v).value());
                }
                case RpcType.ByteArray b -> {
                    expect(v instanceof RpcValue.ByteArray, v, t);
                    slice(take(cursor, 4, 8), ((RpcValue.ByteArray) v).value());
                }
                case RpcType.Tuple tu -> {
                    expect(v instanceof RpcValue.Tuple vt && vt.values().size() == tu.elements().size(), v, t);
                    List<RpcValue> values = ((RpcValue.Tuple) v).values();
                    cursor[0] = RpcCodec.align(cursor[0], tu.alignment(wide));
                    for (int k = 0; k < values.size(); k++) put(tu.elements().get(k), values.get(k), cursor);
                    cursor[0] = RpcCodec.align(cursor[0], tu.alignment(wide));
                }
                case RpcType.ListOf l -> {
                    expect(v instanceof RpcValue.ListOf, v, t);
                    List<RpcValue> values = ((RpcValue.ListOf) v).values();
                    int slot = take(cursor, 4, 4);
                    // One buffer holds the {elements, length} header and the elements after it.
                    long offset = RpcType.alignUp(8, l.element().alignment(wide));
                    int buffer = alloc(offset + l.element().allocationSize(wide) * values.size());
                    store32(slot, buffer);
                    store32(buffer, (int) (buffer + offset));
                    store32(buffer + 4, values.size());
                    elements(l.element(), values, (int) (buffer + offset));
                }
                case RpcType.Array a -> {
                    expect(v instanceof RpcValue.Array va && va.shape().size() == a.dims(), v, t);
                    RpcValue.Array va = (RpcValue.Array) v;
                    int slot = take(cursor, 4, 4);
                    for (int d = 0; d < a.dims(); d++) store32(take(cursor, 4, 4), va.shape().get(d));
                    int buffer = alloc(a.element().allocationSize(wide) * va.values().size());
                    store32(slot, buffer);
                    elements(a.element(), va.values(), buffer);
                }
                case RpcType.Range r -> {
                    expect(v instanceof RpcValue.Range, v, t);
                    RpcValue.Range vr = (RpcValue.Range) v;
                    cursor[0] = RpcCodec.align(cursor[0], r.alignment(wide));
                    for (long x : new long[] {vr.start(), vr.stop(), vr.step()}) {
                        RpcValue e = r.element() instanceof RpcType.Int64 ? new RpcValue.Int64(x) : new RpcValue.Int32((int) x);
                        if (r.element() instanceof RpcType.Int32 && x != (int) x) expect(false, v, t);
                        put(r.element(), e, cursor);
                    }
                }
                case RpcType.Keyword k -> throw RpcException.abort("a keyword cannot be returned to the kernel");
                case RpcType.HostObject o -> throw RpcException.abort("a host object cannot be returned to the kernel");
            }
        }

        private void slice(int at, byte[] data) {
            // An empty slice points at a dangling non-null address, as Rust's NonNull::dangling() (1 for u8).
            int pointer = data.length == 0 ? 1 : alloc(data.length);
            store32(at, pointer);
            store32(at + 4, data.length);
            if (data.length > 0) write(pointer, data);
        }

        /** rpc_proto.rs recv_elements: scalars packed back to back, anything else value by value. */
        private void elements(RpcType element, List<RpcValue> values, int storage) {
            int[] cursor = {storage};
            for (RpcValue e : values) put(element, e, cursor);
        }

        private static long integer(RpcValue v, RpcType t, long min, long max) {
            long x = switch (v) {
                case RpcValue.Int32 i -> i.value();
                case RpcValue.Int64 i -> i.value();
                default -> { expect(false, v, t); yield 0; }
            };
            expect(x >= min && x <= max, v, t);
            return x;
        }

        private static void expect(boolean ok, RpcValue v, RpcType t) {
            if (ok) return;
            String shown = v.repr();
            if (shown.length() > 200) shown = shown.substring(0, 200) + "...";
            throw RpcException.abort("type mismatch: cannot serialize %s as %s".formatted(shown, t.describe()));
        }
    }
}
