package org.coredev.emu.device;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.coredev.emu.EmulatorException;
import org.coredev.emu.runtime.GuestMemory;
import org.coredev.emu.runtime.Signature;
import org.coredev.loader.ValueType;

/**
 * The host's arguments of a call into a bundle's entry point, laid out as the kernel language
 * passes them: int32 and bool in a word, int64 in a pair, float as a double (in an FP register on
 * rv32g), a str as a pointer to its {ptr, len} slice, a list as its {elements, length} pair
 * (elements as ARTIQ lays them out: bool 1 byte, int32 4, int64 and float 8, str an 8-byte
 * slice), a tuple as its elements one after the other. Strings and list elements are written
 * into the top of the kernel stack, below which the call's stack starts.
 */
final class EntryArguments {
    private final String entry;
    private final GuestMemory memory;
    private final List<Signature.Type> types = new ArrayList<>();
    private final List<Long> values = new ArrayList<>();
    private int staged;

    private EntryArguments(String entry, GuestMemory memory, int stageTop) {
        this.entry = entry;
        this.memory = memory;
        this.staged = stageTop;
    }

    /** The flattened arguments; {@link #stackPointer} is where the call's stack may start. */
    static EntryArguments lay(String entry, List<ValueType> params, List<?> args, GuestMemory memory, int stageTop)
            throws EmulatorException {
        if (args.size() != params.size())
            throw new EmulatorException("%s takes %d argument%s (%s), %d given".formatted(entry, params.size(),
                    params.size() == 1 ? "" : "s", String.join(", ", params.stream().map(Object::toString).toList()), args.size()));
        EntryArguments out = new EntryArguments(entry, memory, stageTop);
        for (int k = 0; k < params.size(); k++) out.add(params.get(k), args.get(k), "argument " + (k + 1));
        return out;
    }

    Signature signature() { return new Signature(Signature.Type.VOID, List.copyOf(types)); }

    long[] values() { return values.stream().mapToLong(Long::longValue).toArray(); }

    /** Below the staged strings and lists, 16-byte aligned. */
    int stackPointer() { return staged & ~15; }

    private void add(ValueType type, Object value, String what) throws EmulatorException {
        switch (type) {
            case ValueType.Scalar s when s == ValueType.Scalar.NONE -> {
                if (value != null) throw mismatch(what, type, value);
            }
            case ValueType.Scalar s when s == ValueType.Scalar.STR -> word(stageString(string(value, what, type)));
            case ValueType.Scalar s -> scalar(s, value, what);
            case ValueType.ListOf l -> {
                List<?> items = items(value, what, type);
                word(stageList(l.elt(), items, what));
                word(items.size());
            }
            case ValueType.TupleOf t -> {
                List<?> items = items(value, what, type);
                if (items.size() != t.elts().size()) throw mismatch(what, type, value);
                for (int k = 0; k < items.size(); k++) add(t.elts().get(k), items.get(k), what + " element " + k);
            }
        }
    }

    private void scalar(ValueType.Scalar s, Object value, String what) throws EmulatorException {
        switch (s) {
            case INT32 -> {
                long v = integer(value, what, s);
                if (v != (int) v) throw new EmulatorException("%s of %s: %d does not fit in int32".formatted(what, entry, v));
                word((int) v);
            }
            case INT64 -> { types.add(Signature.Type.LONG); values.add(integer(value, what, s)); }
            case FLOAT -> {
                if (!(value instanceof Number n) || value instanceof Byte) throw mismatch(what, s, value);
                types.add(Signature.Type.DOUBLE);
                values.add(Double.doubleToRawLongBits(n.doubleValue()));
            }
            case BOOL -> {
                if (!(value instanceof Boolean b)) throw mismatch(what, s, value);
                word(b ? 1 : 0);
            }
            default -> throw new IllegalStateException(s.toString());
        }
    }

    private void word(int v) {
        types.add(Signature.Type.INT);
        values.add(Integer.toUnsignedLong(v));
    }

    private long integer(Object value, String what, ValueType type) throws EmulatorException {
        if (value instanceof Integer || value instanceof Long || value instanceof Short) return ((Number) value).longValue();
        throw mismatch(what, type, value);
    }

    private String string(Object value, String what, ValueType type) throws EmulatorException {
        if (value instanceof String s) return s;
        throw mismatch(what, type, value);
    }

    private List<?> items(Object value, String what, ValueType type) throws EmulatorException {
        if (value instanceof List<?> l) return l;
        if (value instanceof Object[] a) return List.of(a);
        throw mismatch(what, type, value);
    }

    private EmulatorException mismatch(String what, ValueType type, Object value) {
        String got = value == null ? "None" : value.getClass().getSimpleName() + " " + value;
        return new EmulatorException("%s of %s: %s expected, got %s".formatted(what, entry, type, got));
    }

    /** Room for {@code bytes} below what is staged, {@code align}ed; returns its address. */
    private int stage(byte[] bytes, int align) {
        staged = (staged - bytes.length) & -align;
        memory.write(staged, bytes);
        return staged;
    }

    /** The string's bytes and its {ptr, len} slice; returns the slice's address. */
    private int stageString(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        int bytes = stage(utf8, 1);
        return stage(slice(bytes, utf8.length), 4);
    }

    private int stageList(ValueType elt, List<?> items, String what) throws EmulatorException {
        int size = switch (elt) {
            case ValueType.Scalar s when s == ValueType.Scalar.BOOL -> 1;
            case ValueType.Scalar s when s == ValueType.Scalar.INT32 -> 4;
            case ValueType.Scalar s when s == ValueType.Scalar.INT64 || s == ValueType.Scalar.FLOAT || s == ValueType.Scalar.STR -> 8;
            default -> throw new EmulatorException("%s of %s: lists of %s cannot be passed into a bundle yet".formatted(what, entry, elt));
        };
        // Elements in the guest's byte order: an int64 or float high word first on OR1K, a str {ptr, len}.
        java.nio.ByteBuffer array = java.nio.ByteBuffer.allocate(Math.max(1, size * items.size())).order(memory.order());
        for (int k = 0; k < items.size(); k++) {
            Object v = items.get(k);
            String element = what + " element " + k;
            switch ((ValueType.Scalar) elt) {
                case BOOL -> array.put((byte) (v instanceof Boolean b ? (b ? 1 : 0) : failLong(element, elt, v)));
                case INT32 -> {
                    long i = integer(v, element, elt);
                    if (i != (int) i) throw new EmulatorException("%s of %s: %d does not fit in int32".formatted(element, entry, i));
                    array.putInt((int) i);
                }
                case INT64 -> array.putLong(integer(v, element, elt));
                case FLOAT -> array.putLong(v instanceof Number n ? Double.doubleToRawLongBits(n.doubleValue()) : failLong(element, elt, v));
                case STR -> {
                    byte[] utf8 = string(v, element, elt).getBytes(StandardCharsets.UTF_8);
                    array.putInt(stage(utf8, 1)).putInt(utf8.length);
                }
                default -> throw new IllegalStateException();
            }
        }
        return stage(array.array(), 8);
    }

    private long failLong(String what, ValueType type, Object value) throws EmulatorException {
        throw mismatch(what, type, value);
    }

    /** A {ptr, len} slice in the guest's byte order. */
    private byte[] slice(int pointer, int length) {
        return java.nio.ByteBuffer.allocate(8).order(memory.order()).putInt(pointer).putInt(length).array();
    }
}
