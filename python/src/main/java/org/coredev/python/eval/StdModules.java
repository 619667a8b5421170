package org.coredev.python.eval;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The standard-library modules the evaluator provides, in Java: {@code math}, {@code copy},
 * {@code itertools} (finite functions), {@code functools.reduce}, {@code collections.OrderedDict}
 * and {@code string}'s constants: what device databases and simple build() code import.
 */
final class StdModules {
    private StdModules() { }

    private static void fn(PyModule m, String name, PyBuiltin.Fn f) {
        m.dict.put(name, new PyBuiltin(m.name + "." + name, f));
    }

    private interface D1 { double f(double x); }

    private static void unary(PyModule m, String name, D1 f) {
        fn(m, name, (i, a, k) -> {
            Builtins.arity(name, a, 1, 1);
            double r = f.f(Py.toDouble(a.get(0)));
            if (Double.isNaN(r) && !Double.isNaN(Py.toDouble(a.get(0)))) throw PyRaise.valueError("math domain error");
            return r;
        });
    }

    static List<PyModule> create(Interpreter in) {
        List<PyModule> out = new ArrayList<>();
        PyModule math = new PyModule("math");
        math.dict.put("pi", Math.PI);
        math.dict.put("e", Math.E);
        math.dict.put("tau", 2 * Math.PI);
        math.dict.put("inf", Double.POSITIVE_INFINITY);
        math.dict.put("nan", Double.NaN);
        unary(math, "sqrt", Math::sqrt);
        unary(math, "exp", Math::exp);
        unary(math, "sin", Math::sin);
        unary(math, "cos", Math::cos);
        unary(math, "tan", Math::tan);
        unary(math, "asin", Math::asin);
        unary(math, "acos", Math::acos);
        unary(math, "atan", Math::atan);
        unary(math, "fabs", Math::abs);
        unary(math, "radians", Math::toRadians);
        unary(math, "degrees", Math::toDegrees);
        unary(math, "log2", x -> x <= 0 ? Double.NaN : Math.log(x) / Math.log(2));
        unary(math, "log10", x -> x <= 0 ? Double.NaN : Math.log10(x));
        fn(math, "log", (i, a, k) -> {
            Builtins.arity("log", a, 1, 2);
            double x = Py.toDouble(a.get(0));
            if (x <= 0) throw PyRaise.valueError("math domain error");
            return a.size() > 1 ? Math.log(x) / Math.log(Py.toDouble(a.get(1))) : Math.log(x);
        });
        fn(math, "floor", (i, a, k) -> Py.isInt(a.get(0)) ? a.get(0) : Py.norm(new BigDecimal(Math.floor(finite(a.get(0)))).toBigInteger()));
        fn(math, "ceil", (i, a, k) -> Py.isInt(a.get(0)) ? a.get(0) : Py.norm(new BigDecimal(Math.ceil(finite(a.get(0)))).toBigInteger()));
        fn(math, "trunc", (i, a, k) -> Py.isInt(a.get(0)) ? a.get(0) : Py.norm(new BigDecimal(finite(a.get(0))).toBigInteger()));
        fn(math, "pow", (i, a, k) -> Math.pow(Py.toDouble(a.get(0)), Py.toDouble(a.get(1))));
        fn(math, "atan2", (i, a, k) -> Math.atan2(Py.toDouble(a.get(0)), Py.toDouble(a.get(1))));
        fn(math, "hypot", (i, a, k) -> {
            double s = 0;
            for (Object o : a) s += Py.toDouble(o) * Py.toDouble(o);
            return Math.sqrt(s);
        });
        fn(math, "copysign", (i, a, k) -> Math.copySign(Py.toDouble(a.get(0)), Py.toDouble(a.get(1))));
        fn(math, "fmod", (i, a, k) -> Py.toDouble(a.get(0)) % Py.toDouble(a.get(1)));
        fn(math, "isnan", (i, a, k) -> Double.isNaN(Py.toDouble(a.get(0))));
        fn(math, "isinf", (i, a, k) -> Double.isInfinite(Py.toDouble(a.get(0))));
        fn(math, "isfinite", (i, a, k) -> Double.isFinite(Py.toDouble(a.get(0))));
        fn(math, "gcd", (i, a, k) -> {
            java.math.BigInteger g = java.math.BigInteger.ZERO;
            for (Object o : a) g = g.gcd(Py.big(o));
            return Py.norm(g);
        });
        fn(math, "isclose", (i, a, k) -> {
            double x = Py.toDouble(a.get(0)), y = Py.toDouble(a.get(1));
            double rel = Py.toDouble(k.getOrDefault("rel_tol", 1e-9)), abs = Py.toDouble(k.getOrDefault("abs_tol", 0.0));
            if (x == y) return true;
            double diff = Math.abs(x - y);
            return diff <= Math.abs(rel * y) || diff <= Math.abs(rel * x) || diff <= abs;
        });
        out.add(math);

        PyModule copy = new PyModule("copy");
        fn(copy, "copy", (i, a, k) -> shallow(a.get(0)));
        fn(copy, "deepcopy", (i, a, k) -> deep(a.get(0), new java.util.IdentityHashMap<>()));
        out.add(copy);

        PyModule itertools = new PyModule("itertools");
        fn(itertools, "chain", (i, a, k) -> {
            List<Object> all = new ArrayList<>();
            for (Object o : a) all.addAll(i.toList(o));
            return new PyIterator(all.iterator());
        });
        fn(itertools, "product", (i, a, k) -> {
            long repeat = Py.toLong(k.getOrDefault("repeat", 1L));
            List<List<Object>> pools = new ArrayList<>();
            for (long r = 0; r < repeat; r++) for (Object o : a) pools.add(i.toList(o));
            List<List<Object>> result = new ArrayList<>();
            result.add(new ArrayList<>());
            for (List<Object> pool : pools) {
                List<List<Object>> next = new ArrayList<>();
                for (List<Object> prefix : result) for (Object x : pool) {
                    List<Object> t = new ArrayList<>(prefix);
                    t.add(x);
                    next.add(t);
                }
                result = next;
            }
            List<Object> tuples = new ArrayList<>();
            for (List<Object> t : result) tuples.add(new PyTuple(t));
            return new PyIterator(tuples.iterator());
        });
        fn(itertools, "repeat", (i, a, k) -> {
            if (a.size() < 2) throw PyRaise.typeError("itertools.repeat without a count is endless and not supported");
            List<Object> l = new ArrayList<>();
            for (long n = Py.toLong(a.get(1)); n > 0; n--) l.add(a.get(0));
            return new PyIterator(l.iterator());
        });
        out.add(itertools);

        PyModule functools = new PyModule("functools");
        fn(functools, "reduce", (i, a, k) -> {
            Builtins.arity("reduce", a, 2, 3);
            List<Object> items = i.toList(a.get(1));
            int start = 0;
            Object acc;
            if (a.size() > 2) acc = a.get(2);
            else {
                if (items.isEmpty()) throw PyRaise.typeError("reduce() of empty iterable with no initial value");
                acc = items.get(0);
                start = 1;
            }
            for (int x = start; x < items.size(); x++) acc = i.call(a.get(0), List.of(acc, items.get(x)), Map.of());
            return acc;
        });
        out.add(functools);

        PyModule collections = new PyModule("collections");
        collections.dict.put("OrderedDict", Types.DICT);
        out.add(collections);

        PyModule string = new PyModule("string");
        string.dict.put("ascii_lowercase", "abcdefghijklmnopqrstuvwxyz");
        string.dict.put("ascii_uppercase", "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
        string.dict.put("ascii_letters", "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
        string.dict.put("digits", "0123456789");
        string.dict.put("hexdigits", "0123456789abcdefABCDEF");
        out.add(string);
        return out;
    }

    private static double finite(Object v) {
        double d = Py.toDouble(v);
        if (Double.isNaN(d)) throw PyRaise.valueError("cannot convert float NaN to integer");
        if (Double.isInfinite(d)) throw PyRaise.of(Types.OVERFLOW_ERROR, "cannot convert float infinity to integer");
        return d;
    }

    private static Object shallow(Object v) {
        return switch (v) {
            case PyList l -> new PyList(l.items);
            case PyDict d -> { PyDict r = new PyDict(); r.map.putAll(d.map); yield r; }
            case PySet s when !s.frozen -> { PySet r = new PySet(false); r.items.addAll(s.items); yield r; }
            case PyInstance i -> { PyInstance r = new PyInstance(i.cls); r.attrs.putAll(i.attrs); yield r; }
            default -> v;
        };
    }

    private static Object deep(Object v, java.util.IdentityHashMap<Object, Object> memo) {
        Object seen = memo.get(v);
        if (seen != null) return seen;
        switch (v) {
            case PyList l -> {
                PyList r = new PyList();
                memo.put(v, r);
                for (Object o : l.items) r.items.add(deep(o, memo));
                return r;
            }
            case PyDict d -> {
                PyDict r = new PyDict();
                memo.put(v, r);
                d.map.forEach((key, val) -> r.map.put(new PyKey(deep(key.value, memo)), deep(val, memo)));
                return r;
            }
            case PyTuple t -> {
                List<Object> items = new ArrayList<>();
                for (Object o : t.items()) items.add(deep(o, memo));
                return new PyTuple(items);
            }
            case PySet s -> {
                PySet r = new PySet(s.frozen);
                memo.put(v, r);
                for (PyKey key : s.items) r.add(deep(key.value, memo));
                return r;
            }
            case PyInstance i -> {
                PyInstance r = new PyInstance(i.cls);
                memo.put(v, r);
                i.attrs.forEach((name, val) -> r.attrs.put(name, deep(val, memo)));
                return r;
            }
            default -> { return v; }
        }
    }
}
