package org.coredev.python.eval;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The Java bodies of the built-in type constructors that take some parsing: int, float, dict, set, range. */
final class Constructors {
    private Constructors() { }

    static Object toInt(Interpreter in, List<Object> a, Map<String, Object> k) {
        if (a.isEmpty()) return 0L;
        Object v = a.get(0);
        Object base = a.size() > 1 ? a.get(1) : k.get("base");
        if (base != null) {
            if (!(v instanceof String s)) throw PyRaise.typeError("int() can't convert non-string with explicit base");
            return parseInt(s, (int) Py.toLong(base));
        }
        return switch (v) {
            case Boolean b -> b ? 1L : 0L;
            case Long l -> l;
            case BigInteger b -> b;
            case Double d -> {
                if (d.isNaN()) throw PyRaise.valueError("cannot convert float NaN to integer");
                if (d.isInfinite()) throw PyRaise.of(Types.OVERFLOW_ERROR, "cannot convert float infinity to integer");
                yield Py.norm(new BigDecimal(d).toBigInteger());
            }
            case String s -> parseInt(s, 10);
            default -> throw PyRaise.typeError("int() argument must be a string or a number, not '" + Py.typeName(v) + "'");
        };
    }

    static Object parseInt(String text, int base) {
        String s = text.strip().replace("_", "");
        boolean neg = false;
        if (s.startsWith("-") || s.startsWith("+")) { neg = s.charAt(0) == '-'; s = s.substring(1); }
        String low = s.toLowerCase(Locale.ROOT);
        if (base == 0 || base == 16 && low.startsWith("0x") || base == 8 && low.startsWith("0o") || base == 2 && low.startsWith("0b")) {
            if (low.startsWith("0x")) { base = 16; s = s.substring(2); }
            else if (low.startsWith("0o")) { base = 8; s = s.substring(2); }
            else if (low.startsWith("0b")) { base = 2; s = s.substring(2); }
            else if (base == 0) base = 10;
        }
        try {
            if (s.isEmpty()) throw new NumberFormatException();
            BigInteger b = new BigInteger(s, base);
            return Py.norm(neg ? b.negate() : b);
        } catch (NumberFormatException | ArithmeticException e) {
            throw PyRaise.valueError("invalid literal for int() with base " + base + ": " + Py.repr(text));
        }
    }

    static Object toFloat(Interpreter in, List<Object> a, Map<String, Object> k) {
        if (a.isEmpty()) return 0.0;
        Object v = a.get(0);
        if (v instanceof String s) {
            String t = s.strip().replace("_", "").toLowerCase(Locale.ROOT);
            switch (t) {
                case "inf", "+inf", "infinity", "+infinity" -> { return Double.POSITIVE_INFINITY; }
                case "-inf", "-infinity" -> { return Double.NEGATIVE_INFINITY; }
                case "nan", "+nan", "-nan" -> { return Double.NaN; }
                default -> { }
            }
            try {
                if (t.isEmpty() || t.endsWith("d") || t.endsWith("f") || t.startsWith("0x")) throw new NumberFormatException();
                return Double.parseDouble(t);
            } catch (NumberFormatException e) {
                throw PyRaise.valueError("could not convert string to float: " + Py.repr(s));
            }
        }
        if (!Py.isNumber(v)) throw PyRaise.typeError("float() argument must be a string or a real number, not '" + Py.typeName(v) + "'");
        return Py.toDouble(v);
    }

    static Object toDict(Interpreter in, List<Object> a, Map<String, Object> k) {
        PyDict d = new PyDict();
        if (!a.isEmpty()) update(in, d, a.get(0));
        k.forEach(d::put);
        return d;
    }

    /** dict.update's positional argument: a mapping or an iterable of pairs. */
    static void update(Interpreter in, PyDict d, Object src) {
        if (src instanceof PyDict s) {
            d.map.putAll(s.map);
            return;
        }
        Iterator<Object> it = in.iterate(src);
        while (it.hasNext()) {
            List<Object> pair = in.toList(it.next());
            if (pair.size() != 2) {
                throw PyRaise.valueError("dictionary update sequence element has length " + pair.size() + "; 2 is required");
            }
            d.put(pair.get(0), pair.get(1));
        }
    }

    static Object toSet(Interpreter in, List<Object> a, boolean frozen) {
        PySet s = new PySet(frozen);
        if (!a.isEmpty()) {
            Iterator<Object> it = in.iterate(a.get(0));
            while (it.hasNext()) s.add(it.next());
        }
        return s;
    }

    static Object toRange(Interpreter in, List<Object> a, Map<String, Object> k) {
        long start = 0, stop, step = 1;
        switch (a.size()) {
            case 1 -> stop = Py.toLong(a.get(0));
            case 2 -> { start = Py.toLong(a.get(0)); stop = Py.toLong(a.get(1)); }
            case 3 -> { start = Py.toLong(a.get(0)); stop = Py.toLong(a.get(1)); step = Py.toLong(a.get(2)); }
            default -> throw PyRaise.typeError("range expected 1 to 3 arguments, got " + a.size());
        }
        if (step == 0) throw PyRaise.valueError("range() arg 3 must not be zero");
        return new PyRange(start, stop, step);
    }
}
