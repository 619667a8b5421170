package org.coredev.python.eval;

import org.coredev.python.ast.Repr;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The value protocol for built-in values: type, truth, equality, hashing, ordering, repr/str,
 * length and iteration, with Python's semantics (bool is an int, 1 == 1.0, ints never overflow).
 * Ints are Long, or BigInteger when they do not fit a long (always normalized back).
 */
public final class Py {
    private Py() { }

    /** The built-in class of a value. */
    public static PyClass typeOf(Object v) {
        return switch (v) {
            case PyNone n -> Types.NONE_TYPE;
            case Boolean b -> Types.BOOL;
            case Long l -> Types.INT;
            case BigInteger b -> Types.INT;
            case Double d -> Types.FLOAT;
            case String s -> Types.STR;
            case PyList l -> Types.LIST;
            case PyTuple t -> Types.TUPLE;
            case PyDict d -> Types.DICT;
            case PySet s -> s.frozen ? Types.FROZENSET : Types.SET;
            case PyRange r -> Types.RANGE;
            case PySlice s -> Types.SLICE;
            case PyInstance i -> i.cls;
            case PyClass c -> Types.TYPE;
            case PyFunction f -> Types.FUNCTION;
            case PyBuiltin b -> Types.BUILTIN_FUNCTION;
            case PyBoundMethod m -> Types.METHOD;
            case PyModule m -> Types.MODULE;
            case PyIterator i -> Types.ITERATOR;
            case PyDescriptor.StaticMethod s -> Types.STATICMETHOD;
            case PyDescriptor.ClassMethod c -> Types.CLASSMETHOD;
            case PyDescriptor.Property p -> Types.PROPERTY;
            default -> Types.OBJECT;
        };
    }

    /** The type's name, as in error messages. */
    public static String typeName(Object v) { return typeOf(v).name; }

    /** True for int values (including bool). */
    public static boolean isInt(Object v) { return v instanceof Long || v instanceof BigInteger || v instanceof Boolean; }

    /** True for int or float values. */
    public static boolean isNumber(Object v) { return isInt(v) || v instanceof Double; }

    /** An int value as BigInteger. */
    public static BigInteger big(Object v) {
        return switch (v) {
            case Long l -> BigInteger.valueOf(l);
            case BigInteger b -> b;
            case Boolean b -> b ? BigInteger.ONE : BigInteger.ZERO;
            default -> throw PyRaise.typeError("'" + typeName(v) + "' object cannot be interpreted as an integer");
        };
    }

    /** Normalizes an int result: a Long when it fits. */
    public static Object norm(BigInteger b) { return b.bitLength() < 64 ? (Object) b.longValue() : b; }

    /** An int or bool as long, or TypeError/OverflowError. */
    public static long toLong(Object v) {
        return switch (v) {
            case Long l -> l;
            case Boolean b -> b ? 1 : 0;
            case BigInteger b -> {
                if (b.bitLength() >= 64) throw PyRaise.of(Types.OVERFLOW_ERROR, "Python int too large to convert to C long");
                yield b.longValue();
            }
            default -> throw PyRaise.typeError("'" + typeName(v) + "' object cannot be interpreted as an integer");
        };
    }

    /** A number as double (int to float conversion as Python does it). */
    public static double toDouble(Object v) {
        return switch (v) {
            case Double d -> d;
            case Long l -> l.doubleValue();
            case Boolean b -> b ? 1.0 : 0.0;
            case BigInteger b -> {
                double d = b.doubleValue();
                if (Double.isInfinite(d)) throw PyRaise.of(Types.OVERFLOW_ERROR, "int too large to convert to float");
                yield d;
            }
            default -> throw PyRaise.typeError("must be real number, not " + typeName(v));
        };
    }

    /** Truth value of a built-in value (instances are true). */
    public static boolean truthy(Object v) {
        return switch (v) {
            case Boolean b -> b;
            case PyNone n -> false;
            case Long l -> l != 0;
            case BigInteger b -> b.signum() != 0;
            case Double d -> d != 0.0;
            case String s -> !s.isEmpty();
            case PyList l -> !l.items.isEmpty();
            case PyTuple t -> !t.items().isEmpty();
            case PyDict d -> d.size() != 0;
            case PySet s -> !s.items.isEmpty();
            case PyRange r -> r.length() != 0;
            default -> true;
        };
    }

    /** Python {@code ==} for built-in values (other objects compare by identity). */
    public static boolean eq(Object a, Object b) {
        if (a == b) return true;
        if (isNumber(a) && isNumber(b)) return numCompare(a, b) == 0 && !(isNaN(a) || isNaN(b));
        return switch (a) {
            case String s -> s.equals(b);
            case PyList l -> b instanceof PyList m && seqEq(l.items, m.items);
            case PyTuple t -> b instanceof PyTuple u && seqEq(t.items(), u.items());
            case PyDict d -> {
                if (!(b instanceof PyDict e) || d.size() != e.size()) yield false;
                for (Map.Entry<PyKey, Object> en : d.map.entrySet()) {
                    Object o = e.map.get(en.getKey());
                    if (o == null || !eq(en.getValue(), o)) yield false;
                }
                yield true;
            }
            case PySet s -> b instanceof PySet t && s.items.equals(t.items);
            case PyRange r -> b instanceof PyRange q && (r.equals(q) || r.length() == 0 && q.length() == 0
                    || r.length() == q.length() && r.start() == q.start() && (r.length() == 1 || r.step() == q.step()));
            case PySlice s -> b instanceof PySlice t && eq(s.start(), t.start()) && eq(s.stop(), t.stop()) && eq(s.step(), t.step());
            case PyBoundMethod m -> m.equals(b);
            default -> false;
        };
    }

    private static boolean isNaN(Object v) { return v instanceof Double d && d.isNaN(); }

    private static boolean seqEq(List<Object> a, List<Object> b) {
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) if (!eq(a.get(i), b.get(i))) return false;
        return true;
    }

    /** Python's hash, consistent with {@link #eq}; unhashable values raise TypeError. */
    public static int hash(Object v) {
        return switch (v) {
            case Boolean b -> b ? 1 : 0;
            case Long l -> Long.hashCode(l);
            case BigInteger b -> b.hashCode();
            case Double d -> {
                if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 9.2e18) yield Long.hashCode(d.longValue());
                if (d == Math.rint(d) && !Double.isInfinite(d)) yield new BigDecimal(d).toBigInteger().hashCode();
                yield d.hashCode();
            }
            case String s -> s.hashCode();
            case PyTuple t -> {
                int h = 0x345678;
                for (Object o : t.items()) h = h * 1000003 ^ hash(o);
                yield h;
            }
            case PySet s when s.frozen -> {
                int h = 0;
                for (PyKey k : s.items) h += k.hashCode();
                yield h;
            }
            case PyRange r -> Long.hashCode(r.start() * 31 + r.length());
            case PyList l -> throw PyRaise.typeError("unhashable type: 'list'");
            case PyDict d -> throw PyRaise.typeError("unhashable type: 'dict'");
            case PySet s -> throw PyRaise.typeError("unhashable type: 'set'");
            case PySlice s -> throw PyRaise.typeError("unhashable type: 'slice'");
            default -> System.identityHashCode(v);
        };
    }

    /** Exact comparison of two numbers (ints of any size and floats); NaN compares as unordered (returns 2). */
    public static int numCompare(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) return Long.compare(x, y);
        if (a instanceof Double || b instanceof Double) {
            double x = a instanceof Double ? (Double) a : Double.NaN;
            double y = b instanceof Double ? (Double) b : Double.NaN;
            if (a instanceof Double && b instanceof Double) {
                if (Double.isNaN(x) || Double.isNaN(y)) return 2;
                return x < y ? -1 : x > y ? 1 : 0;
            }
            double f = a instanceof Double ? x : y;
            if (Double.isNaN(f)) return 2;
            if (Double.isInfinite(f)) return a instanceof Double ? (f > 0 ? 1 : -1) : (f > 0 ? -1 : 1);
            BigDecimal bx = a instanceof Double ? new BigDecimal(x) : new BigDecimal(big(a));
            BigDecimal by = b instanceof Double ? new BigDecimal(y) : new BigDecimal(big(b));
            return bx.compareTo(by);
        }
        return big(a).compareTo(big(b));
    }

    /** Ordering for {@code <}, sorted(), min() and max(): numbers, strings, and sequences lexicographically. */
    public static int compare(Object a, Object b, String op) {
        if (isNumber(a) && isNumber(b)) return numCompare(a, b);
        if (a instanceof String s && b instanceof String t) return s.compareTo(t);
        if (a instanceof PyList l && b instanceof PyList m) return seqCompare(l.items, m.items, op);
        if (a instanceof PyTuple l && b instanceof PyTuple m) return seqCompare(l.items(), m.items(), op);
        if (a instanceof PySet s && b instanceof PySet t) {
            boolean sub = t.items.containsAll(s.items), sup = s.items.containsAll(t.items);
            if (sub && sup) return 0;
            if (sub) return -1;
            if (sup) return 1;
            return 2;
        }
        throw PyRaise.typeError("'" + op + "' not supported between instances of '" + typeName(a) + "' and '" + typeName(b) + "'");
    }

    private static int seqCompare(List<Object> a, List<Object> b, String op) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            if (!eq(a.get(i), b.get(i))) return compare(a.get(i), b.get(i), op);
        }
        return Integer.compare(a.size(), b.size());
    }

    /** {@code repr()} of a built-in value. */
    public static String repr(Object v) {
        StringBuilder sb = new StringBuilder();
        repr(v, sb, 0, Py::str);
        return sb.toString();
    }

    /** {@code repr()} with {@code leaf} giving the repr of values that are not str or containers (user instances...). */
    static String repr(Object v, java.util.function.Function<Object, String> leaf) {
        StringBuilder sb = new StringBuilder();
        repr(v, sb, 0, leaf);
        return sb.toString();
    }

    private static void repr(Object v, StringBuilder sb, int depth, java.util.function.Function<Object, String> leaf) {
        if (depth > 200) throw PyRaise.of(Types.RECURSION_ERROR, "maximum recursion depth exceeded while getting the repr of an object");
        switch (v) {
            case String s -> sb.append(Repr.str(s));
            case PyList l -> {
                sb.append('[');
                for (int i = 0; i < l.items.size(); i++) {
                    if (i > 0) sb.append(", ");
                    Object o = l.items.get(i);
                    if (o == l) sb.append("[...]"); else repr(o, sb, depth + 1, leaf);
                }
                sb.append(']');
            }
            case PyTuple t -> {
                sb.append('(');
                for (int i = 0; i < t.items().size(); i++) {
                    if (i > 0) sb.append(", ");
                    repr(t.items().get(i), sb, depth + 1, leaf);
                }
                if (t.items().size() == 1) sb.append(',');
                sb.append(')');
            }
            case PyDict d -> {
                sb.append('{');
                boolean first = true;
                for (Map.Entry<PyKey, Object> e : d.map.entrySet()) {
                    if (!first) sb.append(", ");
                    first = false;
                    repr(e.getKey().value, sb, depth + 1, leaf);
                    sb.append(": ");
                    if (e.getValue() == d) sb.append("{...}"); else repr(e.getValue(), sb, depth + 1, leaf);
                }
                sb.append('}');
            }
            case PySet s -> {
                if (s.items.isEmpty()) { sb.append(s.frozen ? "frozenset()" : "set()"); return; }
                if (s.frozen) sb.append("frozenset(");
                sb.append('{');
                boolean first = true;
                for (PyKey k : s.items) {
                    if (!first) sb.append(", ");
                    first = false;
                    repr(k.value, sb, depth + 1, leaf);
                }
                sb.append('}');
                if (s.frozen) sb.append(')');
            }
            default -> sb.append(leaf.apply(v));
        }
    }

    /** {@code str()} of a built-in value. */
    public static String str(Object v) {
        return switch (v) {
            case String s -> s;
            case Boolean b -> b ? "True" : "False";
            case Long l -> l.toString();
            case BigInteger b -> b.toString();
            case Double d -> Repr.floatRepr(d);
            case PyNone n -> "None";
            case PyList l -> repr(l);
            case PyTuple t -> repr(t);
            case PyDict d -> repr(d);
            case PySet s -> repr(s);
            case PyRange r -> "range(" + r.start() + ", " + r.stop() + (r.step() != 1 ? ", " + r.step() : "") + ")";
            case PySlice s -> "slice(" + repr(s.start()) + ", " + repr(s.stop()) + ", " + repr(s.step()) + ")";
            case PyInstance i when i.cls.isSubclassOf(Types.BASE_EXCEPTION) -> {
                Object args = i.attrs.get("args");
                if (args instanceof PyTuple t && t.items().size() == 1) {
                    // KeyError shows its key as repr (CPython's KeyError.__str__).
                    yield i.cls.isSubclassOf(Types.KEY_ERROR) ? repr(t.items().get(0)) : str(t.items().get(0));
                }
                yield args instanceof PyTuple t && t.items().isEmpty() ? "" : String.valueOf(args == null ? "" : repr(args));
            }
            case PyBuiltin b -> "<built-in function " + b.name() + ">";
            case PyBoundMethod m -> "<bound method " + (m.function() instanceof PyFunction f ? f.name
                    : m.function() instanceof PyBuiltin b ? b.name() : "?") + " of " + typeName(m.self()) + " object>";
            default -> v.toString();
        };
    }

    /** {@code len()} of a built-in value. */
    public static long len(Object v) {
        return switch (v) {
            case String s -> s.codePointCount(0, s.length());
            case PyList l -> l.items.size();
            case PyTuple t -> t.items().size();
            case PyDict d -> d.size();
            case PySet s -> s.items.size();
            case PyRange r -> r.length();
            default -> throw PyRaise.typeError("object of type '" + typeName(v) + "' has no len()");
        };
    }

    /** An iterator over a built-in iterable (lists iterate live, as in Python). */
    public static Iterator<Object> iterate(Object v) {
        return switch (v) {
            case PyList l -> new Iterator<>() {
                int i;
                @Override public boolean hasNext() { return i < l.items.size(); }
                @Override public Object next() { return l.items.get(i++); }
            };
            case PyTuple t -> t.items().iterator();
            case String s -> s.codePoints().mapToObj(cp -> (Object) new String(Character.toChars(cp))).iterator();
            case PyDict d -> new ArrayList<>(d.map.keySet()).stream().map(k -> k.value).iterator();
            case PySet s -> new ArrayList<>(s.items).stream().map(k -> k.value).iterator();
            case PyRange r -> new Iterator<>() {
                long i;
                final long n = r.length();
                @Override public boolean hasNext() { return i < n; }
                @Override public Object next() { return r.get(i++); }
            };
            case PyIterator it -> it;
            default -> throw PyRaise.typeError("'" + typeName(v) + "' object is not iterable");
        };
    }
}
