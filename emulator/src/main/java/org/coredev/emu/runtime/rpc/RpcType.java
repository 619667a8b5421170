package org.coredev.emu.runtime.rpc;

import java.util.List;

/**
 * One type of an RPC tag (ARTIQ's {@code Tag}, libproto_artiq/rpc_proto.rs), with the kernel's
 * memory layout of a value of that type on the 32-bit target: {@link #alignment()} as the
 * runtime aligns each field, and {@link #allocationSize()} as the runtime sizes the buffers it
 * asks the kernel for in {@code rpc_recv}.
 */
public sealed interface RpcType {
    record None() implements RpcType {}
    record Bool() implements RpcType {}
    record Int32() implements RpcType {}
    record Int64() implements RpcType {}
    record Float64() implements RpcType {}
    record Str() implements RpcType {}
    record Bytes() implements RpcType {}
    record ByteArray() implements RpcType {}
    record Tuple(List<RpcType> elements) implements RpcType {
        public Tuple { elements = List.copyOf(elements); }
    }
    record ListOf(RpcType element) implements RpcType {}
    record Array(RpcType element, int dims) implements RpcType {}
    record Range(RpcType element) implements RpcType {}
    /** A keyword argument: only at the top level of an argument list. */
    record Keyword(RpcType value) implements RpcType {}
    /** A host object, sent as its embedding-map id; only as an argument. */
    record HostObject() implements RpcType {}

    RpcType NONE = new None(), BOOL = new Bool(), INT32 = new Int32(), INT64 = new Int64(),
            FLOAT64 = new Float64(), STR = new Str(), BYTES = new Bytes(), BYTEARRAY = new ByteArray(),
            OBJECT = new HostObject();

    /** The tag byte that starts this type. */
    default char letter() {
        return switch (this) {
            case None n -> 'n';
            case Bool b -> 'b';
            case Int32 i -> 'i';
            case Int64 i -> 'I';
            case Float64 f -> 'f';
            case Str s -> 's';
            case Bytes b -> 'B';
            case ByteArray b -> 'A';
            case Tuple t -> 't';
            case ListOf l -> 'l';
            case Array a -> 'a';
            case Range r -> 'r';
            case Keyword k -> 'k';
            case HostObject o -> 'O';
        };
    }

    /** {@link #alignment(int)} on RISC-V, where int64 and float64 are 8-aligned. */
    default int alignment() { return alignment(8); }

    /**
     * Alignment of a value in kernel memory (rpc_proto.rs {@code Tag::alignment}):
     * {@code wide} for int64 and float64 (8 on RISC-V, 4 on OR1K: GuestMemory#wideAlignment),
     * 4 for the pointer/length pairs of str, bytes, lists and arrays.
     */
    default int alignment(int wide) {
        return switch (this) {
            case None n -> 1;
            case Bool b -> 1;
            case Int32 i -> 4;
            case Int64 i -> wide;
            case Float64 f -> wide;
            case Str s -> 4;
            case Bytes b -> 4;
            case ByteArray b -> 4;
            case ListOf l -> 4;
            case Array a -> 4;
            case HostObject o -> 4;
            case Keyword k -> 4;
            // An empty tuple has no fields; ARTIQ would panic on max() of nothing, we align to 1.
            case Tuple t -> t.elements().stream().mapToInt(e -> e.alignment(wide)).max().orElse(1);
            case Range r -> r.element().alignment(wide);
        };
    }

    /**
     * The size ARTIQ's runtime reserves for one value when it sizes an allocation
     * (rpc_proto.rs {@code Tag::size}). It is not always the size the value occupies: a list is
     * counted as 8 bytes although the kernel stores it as a 4-byte pointer, so buffers for lists
     * of lists are larger than needed, exactly as on the board.
     */
    default long allocationSize() { return allocationSize(8); }

    /** {@link #allocationSize()} with int64 and float64 {@code wide}-aligned. */
    default long allocationSize(int wide) {
        return switch (this) {
            case None n -> 0;
            case Bool b -> 1;
            case Int32 i -> 4;
            case Int64 i -> 8;
            case Float64 f -> 8;
            case Str s -> 8;
            case Bytes b -> 8;
            case ByteArray b -> 8;
            case ListOf l -> 8;
            case Array a -> 4L * (1 + a.dims());
            case Range r -> 3 * r.element().allocationSize(wide);
            case Tuple t -> {
                long size = 0;
                int max = 1;
                for (RpcType e : t.elements()) {
                    size = alignUp(size, e.alignment(wide)) + e.allocationSize(wide);
                    max = Math.max(max, e.alignment(wide));
                }
                yield alignUp(size, max);
            }
            case Keyword k -> throw new IllegalStateException("a keyword has no allocation size");
            case HostObject o -> throw new IllegalStateException("a host object has no allocation size");
        };
    }

    /** The tag bytes of this type, as the compiler writes them (ARTIQ compiler/ir.py {@code rpc_tag}). */
    default String tag() {
        StringBuilder b = new StringBuilder();
        appendTag(this, b);
        return b.toString();
    }

    private static void appendTag(RpcType t, StringBuilder b) {
        b.append(t.letter());
        switch (t) {
            case Tuple tu -> {
                b.append((char) tu.elements().size());
                for (RpcType e : tu.elements()) appendTag(e, b);
            }
            case ListOf l -> appendTag(l.element(), b);
            case Array a -> {
                b.append((char) a.dims());
                appendTag(a.element(), b);
            }
            case Range r -> appendTag(r.element(), b);
            case Keyword k -> appendTag(k.value(), b);
            default -> { }
        }
    }

    /** A readable name, e.g. {@code list(tuple(int32, str))}. */
    default String describe() {
        return switch (this) {
            case None n -> "None";
            case Bool b -> "bool";
            case Int32 i -> "int32";
            case Int64 i -> "int64";
            case Float64 f -> "float";
            case Str s -> "str";
            case Bytes b -> "bytes";
            case ByteArray b -> "bytearray";
            case Tuple t -> "tuple(" + String.join(", ", t.elements().stream().map(RpcType::describe).toList()) + ")";
            case ListOf l -> "list(" + l.element().describe() + ")";
            case Array a -> "array(" + a.element().describe() + ", " + a.dims() + "d)";
            case Range r -> "range(" + r.element().describe() + ")";
            case Keyword k -> "keyword(" + k.value().describe() + ")";
            case HostObject o -> "object";
        };
    }

    static long alignUp(long value, int alignment) {
        return (value + alignment - 1) & -alignment;
    }
}
