package org.coredev.python.eval;

import org.coredev.python.ast.Repr;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes evaluated Python values as JSON exactly as {@code json.dumps(value, indent=4,
 * sort_keys=True)} does: ints as ints, floats in repr form (1e-09), tuples as lists, non-ASCII
 * escaped, keys converted to strings and sorted.
 */
public final class Json {
    private Json() { }

    /** The JSON text, or a TypeError (as PyRaise) naming the first value that has no JSON form. */
    public static String dumps(Object value) {
        StringBuilder sb = new StringBuilder();
        write(value, sb, 0);
        return sb.toString();
    }

    private static void write(Object v, StringBuilder sb, int indent) {
        switch (v) {
            case PyNone n -> sb.append("null");
            case Boolean b -> sb.append(b ? "true" : "false");
            case Long l -> sb.append(l);
            case BigInteger b -> sb.append(b);
            case Double d -> sb.append(d.isNaN() ? "NaN" : d.isInfinite() ? (d > 0 ? "Infinity" : "-Infinity") : Repr.floatRepr(d));
            case String s -> string(s, sb);
            case PyList l -> array(l.items, sb, indent);
            case PyTuple t -> array(t.items(), sb, indent);
            case PyDict d -> object(d, sb, indent);
            default -> throw PyRaise.typeError("Object of type " + Py.typeName(v) + " is not JSON serializable");
        }
    }

    private static void newline(StringBuilder sb, int indent) {
        sb.append('\n');
        sb.append(" ".repeat(indent * 4));
    }

    private static void array(List<Object> items, StringBuilder sb, int indent) {
        if (items.isEmpty()) { sb.append("[]"); return; }
        sb.append('[');
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) sb.append(',');
            newline(sb, indent + 1);
            write(items.get(i), sb, indent + 1);
        }
        newline(sb, indent);
        sb.append(']');
    }

    private static void object(PyDict d, StringBuilder sb, int indent) {
        if (d.size() == 0) { sb.append("{}"); return; }
        List<Map.Entry<String, Object>> entries = new ArrayList<>();
        for (Map.Entry<PyKey, Object> e : d.map.entrySet()) entries.add(Map.entry(key(e.getKey().value), e.getValue()));
        entries.sort(Map.Entry.comparingByKey(Json::compareCodePoints));
        sb.append('{');
        for (int i = 0; i < entries.size(); i++) {
            if (i > 0) sb.append(',');
            newline(sb, indent + 1);
            string(entries.get(i).getKey(), sb);
            sb.append(": ");
            write(entries.get(i).getValue(), sb, indent + 1);
        }
        newline(sb, indent);
        sb.append('}');
    }

    /** Keys as json.dumps converts them (ints, floats, bools and None become strings). */
    private static String key(Object k) {
        return switch (k) {
            case String s -> s;
            case Boolean b -> b ? "true" : "false";
            case PyNone n -> "null";
            case Long l -> l.toString();
            case BigInteger b -> b.toString();
            case Double d -> Repr.floatRepr(d);
            default -> throw PyRaise.typeError("keys must be str, int, float, bool or None, not " + Py.typeName(k));
        };
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0, j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i), y = b.codePointAt(j);
            if (x != y) return Integer.compare(x, y);
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    private static void string(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        sb.append('"');
    }
}
