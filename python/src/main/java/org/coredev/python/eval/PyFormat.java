package org.coredev.python.eval;

import org.coredev.python.ast.Repr;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * Python's string formatting: the format-spec mini-language ({@code format(v, spec)}, f-strings,
 * str.format) and printf-style {@code %} formatting. Floats are rounded from their exact binary
 * value with round-half-even, as CPython does.
 */
public final class PyFormat {
    private PyFormat() { }

    /** A parsed format spec: [[fill]align][sign][#][0][width][,|_][.precision][type]. */
    private record Spec(char fill, char align, char sign, boolean alt, int width, char grouping, int precision, char type) { }

    private static Spec parse(String s) {
        int i = 0, n = s.length();
        char fill = ' ', align = 0, sign = '-', grouping = 0, type = 0;
        boolean alt = false;
        int width = -1, precision = -1;
        if (n >= 2 && "<>=^".indexOf(s.charAt(1)) >= 0) { fill = s.charAt(0); align = s.charAt(1); i = 2; }
        else if (n >= 1 && "<>=^".indexOf(s.charAt(0)) >= 0) { align = s.charAt(0); i = 1; }
        if (i < n && "+- ".indexOf(s.charAt(i)) >= 0) sign = s.charAt(i++);
        if (i < n && s.charAt(i) == 'z') i++;
        if (i < n && s.charAt(i) == '#') { alt = true; i++; }
        if (i < n && s.charAt(i) == '0') {
            if (align == 0) { fill = '0'; align = '='; }
            i++;
        }
        int ws = i;
        while (i < n && Character.isDigit(s.charAt(i))) i++;
        if (i > ws) width = Integer.parseInt(s.substring(ws, i));
        if (i < n && (s.charAt(i) == ',' || s.charAt(i) == '_')) grouping = s.charAt(i++);
        if (i < n && s.charAt(i) == '.') {
            i++;
            int ps = i;
            while (i < n && Character.isDigit(s.charAt(i))) i++;
            if (i == ps) throw PyRaise.valueError("Format specifier missing precision");
            precision = Integer.parseInt(s.substring(ps, i));
        }
        if (i < n) type = s.charAt(i++);
        if (i < n) throw PyRaise.valueError("Invalid format specifier '" + s + "'");
        return new Spec(fill, align, sign, alt, width, grouping, precision, type);
    }

    /** {@code format(value, spec)} for built-in values; {@code str} is the value's str() for the empty type. */
    public static String formatValue(Object v, String spec, String str) {
        if (spec.isEmpty()) return str;
        Spec sp = parse(spec);
        if (Py.isInt(v)) return formatInt(Py.big(v), sp);
        if (v instanceof Double d) return formatFloat(d, sp);
        if (v instanceof String s) {
            if (sp.type != 0 && sp.type != 's') throw PyRaise.valueError("Unknown format code '" + sp.type + "' for object of type 'str'");
            if (sp.sign != '-') throw PyRaise.valueError("Sign not allowed in string format specifier");
            String t = sp.precision >= 0 && s.length() > sp.precision ? s.substring(0, sp.precision) : s;
            return pad(t, sp, '<');
        }
        throw PyRaise.typeError("unsupported format string passed to " + Py.typeName(v) + ".__format__");
    }

    private static String pad(String body, Spec sp, char defaultAlign) {
        int len = body.codePointCount(0, body.length());
        if (sp.width <= len) return body;
        char align = sp.align == 0 ? defaultAlign : sp.align;
        int padN = sp.width - len;
        String f = String.valueOf(sp.fill);
        return switch (align) {
            case '<' -> body + f.repeat(padN);
            case '^' -> f.repeat(padN / 2) + body + f.repeat(padN - padN / 2);
            default -> f.repeat(padN) + body;
        };
    }

    /** Pads a number: sign and prefix go before '=' padding. */
    private static String padNumber(boolean negative, String prefix, String digits, Spec sp) {
        String sign = negative ? "-" : sp.sign == '+' ? "+" : sp.sign == ' ' ? " " : "";
        if (sp.align == '=') {
            int padN = sp.width - sign.length() - prefix.length() - digits.length();
            if (padN > 0) {
                if (sp.fill == '0' && sp.grouping != 0) digits = regroup(digits, sp, sp.width - sign.length() - prefix.length());
                else digits = String.valueOf(sp.fill).repeat(padN) + digits;
            }
            return sign + prefix + digits;
        }
        return pad(sign + prefix + digits, sp, '>');
    }

    /** Zero padding with grouping: pad the integer part with zeros, grouped, to the width. */
    private static String regroup(String digits, Spec sp, int width) {
        int dot = indexOfNonDigit(digits);
        String intPart = digits.substring(0, dot).replace(String.valueOf(sp.grouping), "");
        String rest = digits.substring(dot);
        String g = group(intPart, sp.grouping, 3);
        while (g.length() + rest.length() < width) {
            intPart = "0" + intPart;
            g = group(intPart, sp.grouping, 3);
        }
        return g + rest;
    }

    private static int indexOfNonDigit(String s) {
        int i = 0;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == ',' || s.charAt(i) == '_')) i++;
        return i;
    }

    private static String group(String digits, char sep, int every) {
        if (sep == 0 || digits.length() <= every) return digits;
        StringBuilder sb = new StringBuilder();
        int first = digits.length() % every;
        if (first > 0) sb.append(digits, 0, first);
        for (int i = first; i < digits.length(); i += every) {
            if (sb.length() > 0) sb.append(sep);
            sb.append(digits, i, i + every);
        }
        return sb.toString();
    }

    private static String formatInt(BigInteger v, Spec sp) {
        char t = sp.type == 0 ? 'd' : sp.type;
        if ("eEfFgG%".indexOf(t) >= 0) return formatFloat(v.doubleValue(), sp);
        if (sp.precision >= 0) throw PyRaise.valueError("Precision not allowed in integer format specifier");
        boolean neg = v.signum() < 0;
        BigInteger a = v.abs();
        String prefix = "";
        String digits;
        switch (t) {
            case 'd', 'n' -> digits = group(a.toString(), sp.grouping, 3);
            case 'x' -> { digits = group(a.toString(16), sp.grouping, 4); prefix = sp.alt ? "0x" : ""; }
            case 'X' -> { digits = group(a.toString(16).toUpperCase(), sp.grouping, 4); prefix = sp.alt ? "0X" : ""; }
            case 'o' -> { digits = group(a.toString(8), sp.grouping, 4); prefix = sp.alt ? "0o" : ""; }
            case 'b' -> { digits = group(a.toString(2), sp.grouping, 4); prefix = sp.alt ? "0b" : ""; }
            case 'c' -> { return pad(new String(Character.toChars(v.intValue())), sp, '<'); }
            default -> throw PyRaise.valueError("Unknown format code '" + t + "' for object of type 'int'");
        }
        return padNumber(neg, prefix, digits, sp);
    }

    private static String formatFloat(double d, Spec sp) {
        char t = sp.type;
        if ("eEfFgGn%".indexOf(t) < 0 && t != 0) {
            throw PyRaise.valueError("Unknown format code '" + t + "' for object of type 'float'");
        }
        boolean neg = d < 0 || d == 0 && 1 / d < 0;
        double a = Math.abs(d);
        String body;
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            body = Double.isNaN(d) ? "nan" : "inf";
            if (Character.isUpperCase(t)) body = body.toUpperCase();
            if (t == '%') body += "%";
        } else {
            int prec = sp.precision < 0 ? 6 : sp.precision;
            body = switch (t) {
                case 'f', 'F' -> fixed(a, prec, sp.alt);
                case 'e', 'E' -> sci(a, prec, sp.alt, t == 'E');
                case '%' -> fixed(a * 100, prec, sp.alt) + "%";
                case 'g', 'G', 'n' -> general(a, sp.precision < 0 ? 6 : sp.precision, sp.alt, t == 'G', false);
                default -> sp.precision < 0 ? Repr.floatRepr(a) : general(a, prec, sp.alt, false, true);
            };
        }
        if (sp.grouping != 0) {
            int dot = 0;
            while (dot < body.length() && Character.isDigit(body.charAt(dot))) dot++;
            body = group(body.substring(0, dot), sp.grouping, 3) + body.substring(dot);
        }
        return padNumber(neg, "", body, sp);
    }

    /** Fixed-point with {@code prec} decimals, rounded half-even from the exact value. */
    static String fixed(double a, int prec, boolean alt) {
        String s = new BigDecimal(a).setScale(prec, RoundingMode.HALF_EVEN).toPlainString();
        return prec == 0 && alt ? s + "." : s;
    }

    /** Scientific with {@code prec} decimals: d.ddde+XX. */
    static String sci(double a, int prec, boolean alt, boolean upper) {
        String mant;
        int exp;
        if (a == 0) {
            mant = prec > 0 ? "0." + "0".repeat(prec) : "0";
            exp = 0;
        } else {
            BigDecimal r = new BigDecimal(a).round(new MathContext(prec + 1, RoundingMode.HALF_EVEN));
            String digits = r.unscaledValue().toString();
            exp = digits.length() - 1 - r.scale();
            if (digits.length() < prec + 1) digits = digits + "0".repeat(prec + 1 - digits.length());
            digits = digits.substring(0, prec + 1);
            mant = prec > 0 ? digits.charAt(0) + "." + digits.substring(1) : digits;
        }
        if (prec == 0 && alt) mant += ".";
        String e = (upper ? "E" : "e") + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        return mant + e;
    }

    /** The 'g' presentation (or, with {@code noType}, the float default with a precision). */
    static String general(double a, int prec, boolean alt, boolean upper, boolean noType) {
        if (prec == 0) prec = 1;
        int exp;
        if (a == 0) exp = 0;
        else {
            BigDecimal r = new BigDecimal(a).round(new MathContext(prec, RoundingMode.HALF_EVEN));
            exp = r.precision() - 1 - r.scale();
        }
        String s;
        boolean useSci = noType ? (exp < -4 || exp >= prec) : (exp < -4 || exp >= prec);
        if (useSci) {
            s = sci(a, prec - 1, alt, upper);
            if (!alt) {
                int e = s.indexOf(upper ? 'E' : 'e');
                String m = s.substring(0, e);
                if (m.contains(".")) m = m.replaceAll("0+$", "").replaceAll("\\.$", "");
                s = m + s.substring(e);
            }
        } else {
            s = fixed(a, Math.max(prec - 1 - exp, 0), alt);
            if (!alt && s.contains(".")) s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
            if (noType && !s.contains(".")) s = s + ".0";
        }
        return s;
    }

    /** printf-style {@code template % args} for built-in values. */
    public static String percent(String template, Object args) {
        return percent(null, template, args);
    }

    /** printf-style {@code template % args}; with an interpreter, %s and %r honour user classes' __str__/__repr__. */
    public static String percent(Interpreter in, String template, Object args) {
        List<Object> items = args instanceof PyTuple t ? t.items() : List.of(args);
        PyDict mapping = args instanceof PyDict d ? d : null;
        StringBuilder out = new StringBuilder();
        int ai = 0;
        int n = template.length();
        for (int i = 0; i < n; i++) {
            char c = template.charAt(i);
            if (c != '%') { out.append(c); continue; }
            if (++i >= n) throw PyRaise.valueError("incomplete format");
            Object value = null;
            if (template.charAt(i) == '(') {
                int close = template.indexOf(')', i);
                if (close < 0) throw PyRaise.valueError("incomplete format key");
                if (mapping == null) throw PyRaise.typeError("format requires a mapping");
                String key = template.substring(i + 1, close);
                value = mapping.get(key);
                if (value == null) throw PyRaise.of(Types.KEY_ERROR, key);
                i = close + 1;
            }
            StringBuilder flags = new StringBuilder();
            while (i < n && "-+ #0".indexOf(template.charAt(i)) >= 0) flags.append(template.charAt(i++));
            int width = -1, prec = -1;
            if (i < n && template.charAt(i) == '*') { width = (int) Py.toLong(items.get(ai++)); i++; }
            else {
                int ws = i;
                while (i < n && Character.isDigit(template.charAt(i))) i++;
                if (i > ws) width = Integer.parseInt(template.substring(ws, i));
            }
            if (i < n && template.charAt(i) == '.') {
                i++;
                if (i < n && template.charAt(i) == '*') { prec = (int) Py.toLong(items.get(ai++)); i++; }
                else {
                    int ps = i;
                    while (i < n && Character.isDigit(template.charAt(i))) i++;
                    prec = i > ps ? Integer.parseInt(template.substring(ps, i)) : 0;
                }
            }
            while (i < n && "hlL".indexOf(template.charAt(i)) >= 0) i++;
            if (i >= n) throw PyRaise.valueError("incomplete format");
            char type = template.charAt(i);
            if (type == '%') { out.append('%'); continue; }
            if (value == null) {
                if (mapping != null && !(args instanceof PyTuple)) value = args;
                else {
                    if (ai >= items.size()) throw PyRaise.typeError("not enough arguments for format string");
                    value = items.get(ai++);
                }
            }
            String f = flags.toString();
            boolean left = f.indexOf('-') >= 0;
            boolean zero = f.indexOf('0') >= 0 && !left;
            String signFlag = f.indexOf('+') >= 0 ? "+" : f.indexOf(' ') >= 0 ? " " : "";
            String spec;
            String text;
            switch (type) {
                case 's', 'r', 'a' -> {
                    String s = in == null ? (type == 's' ? Py.str(value) : Py.repr(value))
                            : (type == 's' ? in.str(value) : in.repr(value));
                    if (type == 'a') s = Builtins.ascii(s);
                    if (prec >= 0 && s.length() > prec) s = s.substring(0, prec);
                    text = width > s.length() ? (left ? s + " ".repeat(width - s.length()) : " ".repeat(width - s.length()) + s) : s;
                }
                case 'c' -> {
                    String s = value instanceof String str ? str : new String(Character.toChars((int) Py.toLong(value)));
                    text = width > 1 ? (left ? s + " ".repeat(width - 1) : " ".repeat(width - 1) + s) : s;
                }
                case 'd', 'i', 'u', 'x', 'X', 'o', 'e', 'E', 'f', 'F', 'g', 'G' -> {
                    if (!Py.isNumber(value)) {
                        throw PyRaise.typeError("%" + type + " format: a " + ("eEfFgG".indexOf(type) >= 0 ? "real number" : "number")
                                + " is required, not " + Py.typeName(value));
                    }
                    Object v = value;
                    char t = type == 'i' || type == 'u' ? 'd' : type;
                    if ("dxXo".indexOf(t) >= 0 && v instanceof Double dd) v = Py.norm(new BigDecimal(dd).toBigInteger());
                    spec = (left ? "<" : zero ? "0" : "") + signFlag + (f.indexOf('#') >= 0 ? "#" : "")
                            + (width >= 0 ? String.valueOf(width) : "") + ("dxXo".indexOf(t) < 0 && prec >= 0 ? "." + prec : "") + t;
                    if ("dxXo".indexOf(t) < 0 && prec < 0) spec = spec.substring(0, spec.length() - 1) + ".6" + t;
                    text = formatValue(v, spec, Py.str(v));
                    if (t == 'o' && f.indexOf('#') >= 0) { /* Python's %#o gives 0o prefix, as format does */ }
                }
                default -> throw PyRaise.valueError("unsupported format character '" + type + "' (0x" + Integer.toHexString(type) + ")");
            }
            out.append(text);
        }
        if (mapping == null && ai < items.size()) throw PyRaise.typeError("not all arguments converted during string formatting");
        return out.toString();
    }

    /** {@code template.format(*args, **kwargs)}. */
    public static String format(Interpreter in, String template, List<Object> args, Map<String, Object> kwargs) {
        StringBuilder out = new StringBuilder();
        int[] auto = {0};
        formatInto(in, template, args, kwargs, out, auto, 0);
        return out.toString();
    }

    private static void formatInto(Interpreter in, String t, List<Object> args, Map<String, Object> kwargs,
                                   StringBuilder out, int[] auto, int depth) {
        if (depth > 2) throw PyRaise.valueError("Max string recursion exceeded");
        int n = t.length();
        for (int i = 0; i < n; i++) {
            char c = t.charAt(i);
            if (c == '}') {
                if (i + 1 < n && t.charAt(i + 1) == '}') { out.append('}'); i++; continue; }
                throw PyRaise.valueError("Single '}' encountered in format string");
            }
            if (c != '{') { out.append(c); continue; }
            if (i + 1 < n && t.charAt(i + 1) == '{') { out.append('{'); i++; continue; }
            // Find the matching close brace, allowing nested {} in the spec.
            int j = i + 1, level = 1;
            while (j < n && level > 0) {
                if (t.charAt(j) == '{') level++;
                else if (t.charAt(j) == '}') level--;
                if (level > 0) j++;
            }
            if (j >= n) throw PyRaise.valueError("expected '}' before end of string");
            String field = t.substring(i + 1, j);
            i = j;
            int k = 0;
            while (k < field.length() && field.charAt(k) != '!' && field.charAt(k) != ':') {
                if (field.charAt(k) == '[') { while (k < field.length() && field.charAt(k) != ']') k++; }
                k++;
            }
            k = Math.min(k, field.length());
            String name = field.substring(0, k);
            char conv = 0;
            String spec = "";
            if (k < field.length() && field.charAt(k) == '!') {
                if (k + 1 >= field.length()) throw PyRaise.valueError("end of string while looking for conversion specifier");
                conv = field.charAt(k + 1);
                k += 2;
            }
            if (k < field.length() && field.charAt(k) == ':') spec = field.substring(k + 1);
            else if (k < field.length()) throw PyRaise.valueError("expected ':' after conversion specifier");
            Object v = lookupField(in, name, args, kwargs, auto);
            if (spec.indexOf('{') >= 0) {
                StringBuilder sb = new StringBuilder();
                formatInto(in, spec, args, kwargs, sb, auto, depth + 1);
                spec = sb.toString();
            }
            out.append(in.formatWithConversion(v, conv, spec));
        }
    }

    private static Object lookupField(Interpreter in, String name, List<Object> args, Map<String, Object> kwargs, int[] auto) {
        int k = 0;
        while (k < name.length() && name.charAt(k) != '.' && name.charAt(k) != '[') k++;
        String first = name.substring(0, k);
        Object v;
        if (first.isEmpty()) {
            if (auto[0] < 0) throw PyRaise.valueError("cannot switch from manual field specification to automatic field numbering");
            int idx = auto[0]++;
            if (idx >= args.size()) throw PyRaise.of(Types.INDEX_ERROR, "Replacement index " + idx + " out of range for positional args tuple");
            v = args.get(idx);
        } else if (Character.isDigit(first.charAt(0))) {
            if (auto[0] > 0) throw PyRaise.valueError("cannot switch from automatic field numbering to manual field specification");
            auto[0] = -1;
            int idx = Integer.parseInt(first);
            if (idx >= args.size()) throw PyRaise.of(Types.INDEX_ERROR, "Replacement index " + idx + " out of range for positional args tuple");
            v = args.get(idx);
        } else {
            v = kwargs.get(first);
            if (v == null) throw PyRaise.of(Types.KEY_ERROR, first);
        }
        while (k < name.length()) {
            if (name.charAt(k) == '.') {
                int e = k + 1;
                while (e < name.length() && name.charAt(e) != '.' && name.charAt(e) != '[') e++;
                v = in.getAttr(v, name.substring(k + 1, e));
                k = e;
            } else {
                int e = name.indexOf(']', k);
                if (e < 0) throw PyRaise.valueError("Missing ']' in format string");
                String key = name.substring(k + 1, e);
                Object kv = !key.isEmpty() && key.chars().allMatch(Character::isDigit) ? (Object) Long.parseLong(key) : key;
                v = in.getItem(v, kv);
                k = e + 1;
            }
        }
        return v;
    }
}
