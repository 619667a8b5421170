package org.coredev.emu.runtime.rpc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A value crossing an RPC, on the host side: what comm_kernel.py would hand the Python service
 * (arguments) or send back (return value). {@link #toPython()} is the text {@code print} shows,
 * {@link #repr()} the one a container shows for its elements.
 */
public sealed interface RpcValue {
    record None() implements RpcValue {}
    record Bool(boolean value) implements RpcValue {}
    record Int32(int value) implements RpcValue {}
    record Int64(long value) implements RpcValue {}
    record Float64(double value) implements RpcValue {}
    record Str(String value) implements RpcValue {}

    record Bytes(byte[] value) implements RpcValue {
        public Bytes { value = value.clone(); }
        @Override public byte[] value() { return value.clone(); }
        @Override public boolean equals(java.lang.Object o) { return o instanceof Bytes b && Arrays.equals(value, b.value); }
        @Override public int hashCode() { return Arrays.hashCode(value); }
        @Override public String toString() { return "Bytes[" + HexFormat.of().formatHex(value) + "]"; }
    }

    record ByteArray(byte[] value) implements RpcValue {
        public ByteArray { value = value.clone(); }
        @Override public byte[] value() { return value.clone(); }
        @Override public boolean equals(java.lang.Object o) { return o instanceof ByteArray b && Arrays.equals(value, b.value); }
        @Override public int hashCode() { return Arrays.hashCode(value); }
        @Override public String toString() { return "ByteArray[" + HexFormat.of().formatHex(value) + "]"; }
    }

    /** A list; {@code element} is the element type of the tag it came with (or goes out as). */
    record ListOf(RpcType element, List<RpcValue> values) implements RpcValue {
        public ListOf { values = List.copyOf(values); }
    }

    /** An n-dimensional array, elements in C order; {@code values.size()} is the product of the shape. */
    record Array(RpcType element, List<Integer> shape, List<RpcValue> values) implements RpcValue {
        public Array {
            shape = List.copyOf(shape);
            values = List.copyOf(values);
            long n = 1;
            for (int s : shape) {
                if (s < 0) throw new IllegalArgumentException("negative array dimension " + s);
                n *= s;
            }
            if (shape.isEmpty() || n != values.size())
                throw new IllegalArgumentException("array of shape " + shape + " with " + values.size() + " values");
        }
    }

    record Tuple(List<RpcValue> values) implements RpcValue {
        public Tuple { values = List.copyOf(values); }
    }

    /** {@code range(start, stop, step)} of int32 or int64. */
    record Range(RpcType element, long start, long stop, long step) implements RpcValue {}

    /** A keyword argument, {@code name=value}. */
    record Keyword(String name, RpcValue value) implements RpcValue {}

    /** A host object, by its id in the compiler's embedding map. */
    record ObjectRef(int id) implements RpcValue {}

    RpcValue NONE = new None(), TRUE = new Bool(true), FALSE = new Bool(false);

    static Str str(String s) { return new Str(s); }
    static Int32 int32(int v) { return new Int32(v); }
    static Int64 int64(long v) { return new Int64(v); }
    static Float64 float64(double v) { return new Float64(v); }
    static Tuple tuple(RpcValue... values) { return new Tuple(List.of(values)); }
    static ListOf list(RpcType element, RpcValue... values) { return new ListOf(element, List.of(values)); }

    /** What Python's {@code str()} (and so {@code print}) shows: a string as itself, everything else as {@link #repr()}. */
    default String toPython() {
        return switch (this) {
            case Str s -> s.value();
            case Array a -> arrayStr(a);
            default -> repr();
        };
    }

    /** Python's {@code repr()}; containers show their elements this way. */
    default String repr() {
        return switch (this) {
            case None n -> "None";
            case Bool b -> b.value() ? "True" : "False";
            case Int32 i -> Integer.toString(i.value());
            case Int64 i -> Long.toString(i.value());
            case Float64 f -> PythonText.floatRepr(f.value());
            case Str s -> PythonText.strRepr(s.value());
            case Bytes b -> PythonText.bytesRepr(b.value);
            case ByteArray b -> "bytearray(" + PythonText.bytesRepr(b.value) + ")";
            case ListOf l -> "[" + join(l.values()) + "]";
            case Tuple t -> t.values().size() == 1 ? "(" + t.values().getFirst().repr() + ",)" : "(" + join(t.values()) + ")";
            case Range r -> r.step() == 1 ? "range(%d, %d)".formatted(r.start(), r.stop())
                    : "range(%d, %d, %d)".formatted(r.start(), r.stop(), r.step());
            case Keyword k -> k.name() + "=" + k.value().repr();
            case ObjectRef o -> "<host object " + o.id() + ">";
            case Array a -> arrayRepr(a);
        };
    }

    /** The type a kernel would tag this value with (an empty list's element type is the one it carries). */
    default RpcType type() {
        return switch (this) {
            case None n -> RpcType.NONE;
            case Bool b -> RpcType.BOOL;
            case Int32 i -> RpcType.INT32;
            case Int64 i -> RpcType.INT64;
            case Float64 f -> RpcType.FLOAT64;
            case Str s -> RpcType.STR;
            case Bytes b -> RpcType.BYTES;
            case ByteArray b -> RpcType.BYTEARRAY;
            case ListOf l -> new RpcType.ListOf(l.element());
            case Array a -> new RpcType.Array(a.element(), a.shape().size());
            case Tuple t -> new RpcType.Tuple(t.values().stream().map(RpcValue::type).toList());
            case Range r -> new RpcType.Range(r.element());
            case Keyword k -> new RpcType.Keyword(k.value().type());
            case ObjectRef o -> RpcType.OBJECT;
        };
    }

    private static String join(List<RpcValue> values) {
        List<String> parts = new ArrayList<>(values.size());
        for (RpcValue v : values) parts.add(v.repr());
        return String.join(", ", parts);
    }

    /**
     * numpy's {@code str()} of an array: elements right-aligned to a common width, separated by
     * spaces, rows on their own lines ({@code [[1 2]\n [3 4]]}). Exact for int and bool elements;
     * floats use Python's repr, not numpy's own float format.
     */
    private static String arrayStr(Array a) {
        return nested(a, 0, 0, false, padded(a));
    }

    /** numpy's {@code repr()}: {@code array([[1, 2],\n       [3, 4]], dtype=int32)} (int64, float and bool need no dtype). */
    private static String arrayRepr(Array a) {
        String dtype = a.element() instanceof RpcType.Int32 ? ", dtype=int32" : "";
        return "array(" + nested(a, 0, 0, true, padded(a)) + dtype + ")";
    }

    private static java.util.function.Function<RpcValue, String> padded(Array a) {
        int width = 0;
        for (RpcValue v : a.values()) width = Math.max(width, v.repr().length());
        int w = width;
        return v -> " ".repeat(w - v.repr().length()) + v.repr();
    }

    private static String nested(Array a, int dim, int offset, boolean repr, java.util.function.Function<RpcValue, String> show) {
        int dims = a.shape().size(), n = a.shape().get(dim);
        int stride = 1;
        for (int k = dim + 1; k < dims; k++) stride *= a.shape().get(k);
        List<String> parts = new ArrayList<>(n);
        for (int k = 0; k < n; k++)
            parts.add(dim + 1 == dims ? show.apply(a.values().get(offset + k)) : nested(a, dim + 1, offset + k * stride, repr, show));
        String between;
        if (dim + 1 == dims) between = repr ? ", " : " ";
        else between = (repr ? "," : "") + "\n".repeat(dims - dim - 1) + " ".repeat(dim + (repr ? 7 : 1));
        return "[" + String.join(between, parts) + "]";
    }
}
