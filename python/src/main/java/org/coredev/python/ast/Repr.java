package org.coredev.python.ast;

import java.math.BigDecimal;

/** Python's {@code repr} for the literal types: str, bytes, float and imaginary numbers. */
public final class Repr {
    private Repr() { }

    /** {@code repr(str)}: single quotes unless the text has a single quote and no double quote. */
    public static String str(String s) {
        char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder sb = new StringBuilder(s.length() + 2);
        sb.append(q);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == q || cp == '\\') sb.append('\\').appendCodePoint(cp);
            else if (cp == '\n') sb.append("\\n");
            else if (cp == '\r') sb.append("\\r");
            else if (cp == '\t') sb.append("\\t");
            else if (cp < 0x20 || cp == 0x7f) sb.append(String.format("\\x%02x", cp));
            else if (cp < 0x7f) sb.append((char) cp);
            else if (isPrintable(cp)) sb.appendCodePoint(cp);
            else if (cp < 0x100) sb.append(String.format("\\x%02x", cp));
            else if (cp < 0x10000) sb.append(String.format("\\u%04x", cp));
            else sb.append(String.format("\\U%08x", cp));
        }
        return sb.append(q).toString();
    }

    /** Python's str.isprintable for one code point (space counts as printable). */
    public static boolean isPrintable(int cp) {
        if (cp == ' ') return true;
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                 Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SPACE_SEPARATOR -> false;
            default -> true;
        };
    }

    /** {@code repr(bytes)}. */
    public static String bytes(byte[] b) {
        boolean hasSingle = false, hasDouble = false;
        for (byte x : b) { if (x == '\'') hasSingle = true; if (x == '"') hasDouble = true; }
        char q = hasSingle && !hasDouble ? '"' : '\'';
        StringBuilder sb = new StringBuilder("b").append(q);
        for (byte x : b) {
            int c = x & 0xff;
            if (c == q || c == '\\') sb.append('\\').append((char) c);
            else if (c == '\n') sb.append("\\n");
            else if (c == '\r') sb.append("\\r");
            else if (c == '\t') sb.append("\\t");
            else if (c < 0x20 || c >= 0x7f) sb.append(String.format("\\x%02x", c));
            else sb.append((char) c);
        }
        return sb.append(q).toString();
    }

    /**
     * {@code repr(float)}: the shortest digits that round-trip, in positional form for decimal
     * exponents -4..15 and scientific form (e.g. {@code 1e-09}, {@code 1e+16}) otherwise.
     */
    public static String floatRepr(double d) {
        if (Double.isNaN(d)) return "nan";
        if (Double.isInfinite(d)) return d > 0 ? "inf" : "-inf";
        if (d == 0) return (1 / d < 0) ? "-0.0" : "0.0";
        // Double.toString yields the shortest round-tripping digits (JDK 19+); re-layout them.
        BigDecimal bd = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        // Java prints at least two significant digits (4.9E-324 where Python says 5e-324): try shorter.
        int len = bd.precision();
        if (len > 1) {
            BigDecimal exact = new BigDecimal(Math.abs(d));
            for (int k = 1; k < len; k++) {
                BigDecimal r = exact.round(new java.math.MathContext(k, java.math.RoundingMode.HALF_EVEN));
                if (r.doubleValue() == Math.abs(d)) {
                    bd = r.stripTrailingZeros();
                    break;
                }
            }
        }
        String digits = bd.unscaledValue().toString();
        int exp = digits.length() - 1 - bd.scale(); // decimal exponent of the first digit
        StringBuilder sb = new StringBuilder();
        if (d < 0) sb.append('-');
        if (exp < -4 || exp >= 16) {
            sb.append(digits.charAt(0));
            if (digits.length() > 1) sb.append('.').append(digits, 1, digits.length());
            sb.append('e').append(exp < 0 ? '-' : '+');
            int ae = Math.abs(exp);
            if (ae < 10) sb.append('0');
            sb.append(ae);
        } else if (exp < 0) {
            sb.append("0.");
            for (int i = -1; i > exp; i--) sb.append('0');
            sb.append(digits);
        } else if (digits.length() <= exp + 1) {
            sb.append(digits);
            for (int i = digits.length(); i <= exp; i++) sb.append('0');
            sb.append(".0");
        } else {
            sb.append(digits, 0, exp + 1).append('.').append(digits, exp + 1, digits.length());
        }
        return sb.toString();
    }

    /** {@code repr} of a pure imaginary literal such as {@code 1j} or {@code 2.5j}. */
    public static String imaginary(double imag) {
        String r = floatRepr(imag);
        if (r.endsWith(".0")) r = r.substring(0, r.length() - 2);
        return r + "j";
    }
}
