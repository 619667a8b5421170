package org.coredev.python.eval;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/** The builtins namespace: built-in functions, types and exception classes. */
final class Builtins {
    private Builtins() { }

    static void arity(String name, List<Object> a, int min, int max) {
        if (a.size() < min || a.size() > max) {
            String want = min == max ? "exactly " + min : a.size() < min ? "at least " + min : "at most " + max;
            throw PyRaise.typeError(name + "() takes " + want + " argument" + (min == max && min == 1 ? "" : "s") + " (" + a.size() + " given)");
        }
    }

    static Map<String, Object> create(Interpreter in) {
        Methods.install();
        Map<String, Object> b = new LinkedHashMap<>();
        for (PyClass c : Types.ALL) b.put(c.name, c);
        b.put("Ellipsis", Interpreter.ELLIPSIS);
        b.put("NotImplemented", new Object() { @Override public String toString() { return "NotImplemented"; } });
        def(b, "print", (i, a, k) -> {
            StringBuilder sb = new StringBuilder();
            String sep = k.containsKey("sep") && k.get("sep") != PyNone.NONE ? (String) k.get("sep") : " ";
            String end = k.containsKey("end") && k.get("end") != PyNone.NONE ? (String) k.get("end") : "\n";
            for (int x = 0; x < a.size(); x++) {
                if (x > 0) sb.append(sep);
                sb.append(i.str(a.get(x)));
            }
            i.stdout().accept(sb.append(end).toString());
            return PyNone.NONE;
        });
        def(b, "len", (i, a, k) -> {
            arity("len", a, 1, 1);
            Object v = a.get(0);
            if (v instanceof PyInstance inst && inst.cls.lookup("__len__") != null) {
                return i.call(new PyBoundMethod(inst, inst.cls.lookup("__len__")), List.of(), Map.of());
            }
            return Py.len(v);
        });
        def(b, "repr", (i, a, k) -> { arity("repr", a, 1, 1); return i.repr(a.get(0)); });
        def(b, "ascii", (i, a, k) -> { arity("ascii", a, 1, 1); return ascii(i.repr(a.get(0))); });
        def(b, "format", (i, a, k) -> { arity("format", a, 1, 2); return i.formatWithConversion(a.get(0), (char) 0, a.size() > 1 ? (String) a.get(1) : ""); });
        def(b, "abs", (i, a, k) -> {
            arity("abs", a, 1, 1);
            Object v = a.get(0);
            if (v instanceof Double d) return Math.abs(d);
            return Py.norm(Py.big(v).abs());
        });
        def(b, "enumerate", (i, a, k) -> {
            arity("enumerate", a, 1, 2);
            Iterator<Object> it = i.iterate(a.get(0));
            long start = a.size() > 1 ? Py.toLong(a.get(1)) : k.containsKey("start") ? Py.toLong(k.get("start")) : 0;
            return new PyIterator(new Iterator<Object>() {
                long n = start;
                @Override public boolean hasNext() { return it.hasNext(); }
                @Override public Object next() { return PyTuple.of(n++, it.next()); }
            });
        });
        def(b, "zip", (i, a, k) -> {
            List<Iterator<Object>> its = new ArrayList<>();
            for (Object o : a) its.add(i.iterate(o));
            return new PyIterator(new Iterator<Object>() {
                @Override public boolean hasNext() {
                    if (its.isEmpty()) return false;
                    for (Iterator<Object> x : its) if (!x.hasNext()) return false;
                    return true;
                }
                @Override public Object next() {
                    List<Object> t = new ArrayList<>();
                    for (Iterator<Object> x : its) t.add(x.next());
                    return new PyTuple(t);
                }
            });
        });
        def(b, "reversed", (i, a, k) -> {
            arity("reversed", a, 1, 1);
            List<Object> l = new ArrayList<>(i.toList(a.get(0)));
            Collections.reverse(l);
            return new PyIterator(l.iterator());
        });
        def(b, "sorted", (i, a, k) -> {
            arity("sorted", a, 1, 1);
            PyList l = new PyList(i.toList(a.get(0)));
            sort(i, l.items, k.get("key"), k.containsKey("reverse") && i.truthy(k.get("reverse")));
            return l;
        });
        def(b, "min", (i, a, k) -> minMax(i, a, k, true));
        def(b, "max", (i, a, k) -> minMax(i, a, k, false));
        def(b, "sum", (i, a, k) -> {
            arity("sum", a, 1, 2);
            Object acc = a.size() > 1 ? a.get(1) : k.getOrDefault("start", 0L);
            Iterator<Object> it = i.iterate(a.get(0));
            while (it.hasNext()) acc = i.binary(org.coredev.python.ast.Ops.Operator.ADD, acc, it.next());
            return acc;
        });
        def(b, "any", (i, a, k) -> {
            arity("any", a, 1, 1);
            Iterator<Object> it = i.iterate(a.get(0));
            while (it.hasNext()) if (i.truthy(it.next())) return true;
            return false;
        });
        def(b, "all", (i, a, k) -> {
            arity("all", a, 1, 1);
            Iterator<Object> it = i.iterate(a.get(0));
            while (it.hasNext()) if (!i.truthy(it.next())) return false;
            return true;
        });
        def(b, "map", (i, a, k) -> {
            if (a.size() < 2) throw PyRaise.typeError("map() must have at least two arguments.");
            Object fn = a.get(0);
            List<Iterator<Object>> its = new ArrayList<>();
            for (Object o : a.subList(1, a.size())) its.add(i.iterate(o));
            List<Object> out = new ArrayList<>();
            outer:
            while (true) {
                List<Object> args = new ArrayList<>();
                for (Iterator<Object> x : its) { if (!x.hasNext()) break outer; args.add(x.next()); }
                out.add(i.call(fn, args, Map.of()));
            }
            return new PyIterator(out.iterator());
        });
        def(b, "filter", (i, a, k) -> {
            arity("filter", a, 2, 2);
            List<Object> out = new ArrayList<>();
            for (Object o : i.toList(a.get(1))) {
                if (a.get(0) == PyNone.NONE ? i.truthy(o) : i.truthy(i.call(a.get(0), List.of(o), Map.of()))) out.add(o);
            }
            return new PyIterator(out.iterator());
        });
        def(b, "isinstance", (i, a, k) -> {
            arity("isinstance", a, 2, 2);
            return isInstance(Py.typeOf(a.get(0)), a.get(1));
        });
        def(b, "issubclass", (i, a, k) -> {
            arity("issubclass", a, 2, 2);
            if (!(a.get(0) instanceof PyClass c)) throw PyRaise.typeError("issubclass() arg 1 must be a class");
            return isInstance(c, a.get(1));
        });
        def(b, "hex", (i, a, k) -> { arity("hex", a, 1, 1); return prefixed(a.get(0), 16, "0x"); });
        def(b, "oct", (i, a, k) -> { arity("oct", a, 1, 1); return prefixed(a.get(0), 8, "0o"); });
        def(b, "bin", (i, a, k) -> { arity("bin", a, 1, 1); return prefixed(a.get(0), 2, "0b"); });
        def(b, "chr", (i, a, k) -> {
            arity("chr", a, 1, 1);
            long cp = Py.toLong(a.get(0));
            if (cp < 0 || cp > 0x10FFFF) throw PyRaise.valueError("chr() arg not in range(0x110000)");
            return new String(Character.toChars((int) cp));
        });
        def(b, "ord", (i, a, k) -> {
            arity("ord", a, 1, 1);
            if (!(a.get(0) instanceof String s) || s.codePointCount(0, s.length()) != 1) {
                throw PyRaise.typeError("ord() expected a character");
            }
            return (long) s.codePointAt(0);
        });
        def(b, "round", (i, a, k) -> {
            arity("round", a, 1, 2);
            Object v = a.get(0);
            Object nd = a.size() > 1 ? a.get(1) : k.getOrDefault("ndigits", PyNone.NONE);
            if (Py.isInt(v)) {
                if (nd == PyNone.NONE || Py.toLong(nd) >= 0) return Py.norm(Py.big(v));
                BigDecimal r = new BigDecimal(Py.big(v)).setScale((int) Py.toLong(nd), RoundingMode.HALF_EVEN);
                return Py.norm(r.setScale(0, RoundingMode.UNNECESSARY).toBigInteger());
            }
            double d = Py.toDouble(v);
            if (nd == PyNone.NONE) {
                if (Double.isNaN(d) || Double.isInfinite(d)) throw PyRaise.valueError("cannot convert float to integer");
                return Py.norm(new BigDecimal(d).setScale(0, RoundingMode.HALF_EVEN).toBigInteger());
            }
            if (Double.isNaN(d) || Double.isInfinite(d) || d == 0) return d;
            return new BigDecimal(d).setScale((int) Py.toLong(nd), RoundingMode.HALF_EVEN).doubleValue();
        });
        def(b, "divmod", (i, a, k) -> {
            arity("divmod", a, 2, 2);
            return PyTuple.of(i.binary(org.coredev.python.ast.Ops.Operator.FLOORDIV, a.get(0), a.get(1)),
                    i.binary(org.coredev.python.ast.Ops.Operator.MOD, a.get(0), a.get(1)));
        });
        def(b, "pow", (i, a, k) -> {
            arity("pow", a, 2, 3);
            if (a.size() == 3 && a.get(2) != PyNone.NONE) {
                BigInteger m = Py.big(a.get(2));
                if (m.signum() == 0) throw PyRaise.valueError("pow() 3rd argument cannot be 0");
                BigInteger r = Py.big(a.get(0)).modPow(Py.big(a.get(1)), m.abs());
                if (m.signum() < 0 && r.signum() != 0) r = r.add(m);
                return Py.norm(r);
            }
            return i.binary(org.coredev.python.ast.Ops.Operator.POW, a.get(0), a.get(1));
        });
        def(b, "hash", (i, a, k) -> { arity("hash", a, 1, 1); return (long) Py.hash(a.get(0)); });
        def(b, "callable", (i, a, k) -> {
            arity("callable", a, 1, 1);
            Object v = a.get(0);
            return v instanceof PyFunction || v instanceof PyBuiltin || v instanceof PyBoundMethod || v instanceof PyClass
                    || v instanceof PyInstance inst && inst.cls.lookup("__call__") != null;
        });
        def(b, "getattr", (i, a, k) -> {
            arity("getattr", a, 2, 3);
            try {
                return i.getAttr(a.get(0), (String) a.get(1));
            } catch (PyRaise r) {
                if (a.size() == 3 && r.exception.cls.isSubclassOf(Types.ATTRIBUTE_ERROR)) return a.get(2);
                throw r;
            }
        });
        def(b, "setattr", (i, a, k) -> { arity("setattr", a, 3, 3); i.setAttr(a.get(0), (String) a.get(1), a.get(2)); return PyNone.NONE; });
        def(b, "hasattr", (i, a, k) -> {
            arity("hasattr", a, 2, 2);
            try {
                i.getAttr(a.get(0), (String) a.get(1));
                return true;
            } catch (PyRaise r) {
                if (r.exception.cls.isSubclassOf(Types.ATTRIBUTE_ERROR)) return false;
                throw r;
            }
        });
        def(b, "iter", (i, a, k) -> { arity("iter", a, 1, 1); return new PyIterator(i.iterate(a.get(0))); });
        def(b, "next", (i, a, k) -> {
            arity("next", a, 1, 2);
            if (!(a.get(0) instanceof PyIterator it)) throw PyRaise.typeError("'" + Py.typeName(a.get(0)) + "' object is not an iterator");
            try {
                return it.next();
            } catch (NoSuchElementException e) {
                if (a.size() > 1) return a.get(1);
                throw PyRaise.of(Types.STOP_ITERATION, null);
            }
        });
        def(b, "super", (i, a, k) -> {
            arity("super", a, 2, 2);
            if (!(a.get(0) instanceof PyClass c)) throw PyRaise.typeError("super() argument 1 must be a type");
            return new PySuper(c, a.get(1));
        });
        return b;
    }

    private static void def(Map<String, Object> b, String name, PyBuiltin.Fn fn) {
        b.put(name, new PyBuiltin(name, fn));
    }

    static boolean isInstance(PyClass t, Object spec) {
        if (spec instanceof PyTuple tu) {
            for (Object o : tu.items()) if (isInstance(t, o)) return true;
            return false;
        }
        if (!(spec instanceof PyClass c)) throw PyRaise.typeError("isinstance() arg 2 must be a type or tuple of types");
        return t.isSubclassOf(c);
    }

    private static String prefixed(Object v, int radix, String prefix) {
        BigInteger x = Py.big(v);
        return (x.signum() < 0 ? "-" : "") + prefix + x.abs().toString(radix);
    }

    /** Python's ascii(): repr with non-ASCII characters escaped. */
    static String ascii(String repr) {
        StringBuilder sb = new StringBuilder();
        repr.codePoints().forEach(cp -> {
            if (cp < 128) sb.append((char) cp);
            else if (cp < 0x100) sb.append(String.format("\\x%02x", cp));
            else if (cp < 0x10000) sb.append(String.format("\\u%04x", cp));
            else sb.append(String.format("\\U%08x", cp));
        });
        return sb.toString();
    }

    /** list.sort / sorted: stable, by {@code <} (and key), reverse keeps stability as in Python. */
    static void sort(Interpreter in, List<Object> items, Object key, boolean reverse) {
        List<Object> keys = new ArrayList<>(items.size());
        for (Object o : items) keys.add(key == null || key == PyNone.NONE ? o : in.call(key, List.of(o), Map.of()));
        Integer[] idx = new Integer[items.size()];
        for (int x = 0; x < idx.length; x++) idx[x] = x;
        if (reverse) Collections.reverse(java.util.Arrays.asList(idx));
        // Python's sort only asks "<"; Arrays.sort on boxed indices is stable, as list.sort is.
        java.util.Arrays.sort(idx, (p, q) -> {
            Object a = keys.get(p), b = keys.get(q);
            return in.lessThan(a, b) ? -1 : in.lessThan(b, a) ? 1 : 0;
        });
        if (reverse) Collections.reverse(java.util.Arrays.asList(idx));
        List<Object> sorted = new ArrayList<>(items.size());
        for (int x : idx) sorted.add(items.get(x));
        items.clear();
        items.addAll(sorted);
    }

    private static Object minMax(Interpreter in, List<Object> a, Map<String, Object> k, boolean min) {
        String name = min ? "min" : "max";
        if (a.isEmpty()) throw PyRaise.typeError(name + " expected at least 1 argument, got 0");
        List<Object> items = a.size() == 1 ? in.toList(a.get(0)) : a;
        if (items.isEmpty()) {
            if (k.containsKey("default")) return k.get("default");
            throw PyRaise.valueError(name + "() arg is an empty sequence");
        }
        Object key = k.get("key");
        Object best = items.get(0);
        Object bestKey = key == null || key == PyNone.NONE ? best : in.call(key, List.of(best), Map.of());
        for (int x = 1; x < items.size(); x++) {
            Object o = items.get(x);
            Object ok = key == null || key == PyNone.NONE ? o : in.call(key, List.of(o), Map.of());
            if (min ? in.lessThan(ok, bestKey) : in.lessThan(bestKey, ok)) {
                best = o;
                bestKey = ok;
            }
        }
        return best;
    }
}
