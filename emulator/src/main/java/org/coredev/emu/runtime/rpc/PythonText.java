package org.coredev.emu.runtime.rpc;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** CPython's text forms of floats, strings and bytes (Objects/floatobject.c, unicodeobject.c, bytesobject.c). */
final class PythonText {
    private PythonText() {}

    /**
     * {@code repr(float)}: the shortest digits that read back to the same double (Java's
     * {@code Double.toString} finds them since JDK 19, but with two digits at least), laid out as Python does: positional
     * when the decimal point falls between 4 places left of the first digit and 16 places right
     * of it, exponent form otherwise ({@code 1e-05}, {@code 1e+16}, {@code 1.5e+300}).
     */
    static String floatRepr(double d) {
        if (Double.isNaN(d)) return "nan";
        if (Double.isInfinite(d)) return d > 0 ? "inf" : "-inf";
        String sign = (Double.doubleToRawLongBits(d) < 0) ? "-" : "";
        if (d == 0) return sign + "0.0";
        BigDecimal shortest = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        if (shortest.precision() == 2) {
            // Java never prints fewer than two digits (4.9E-324); Python prints one when one reads back (5e-324).
            BigDecimal one = new BigDecimal(Math.abs(d)).round(new MathContext(1, RoundingMode.HALF_EVEN));
            if (one.doubleValue() == Math.abs(d)) shortest = one.stripTrailingZeros();
        }
        String digits = shortest.unscaledValue().toString();
        int decpt = digits.length() - shortest.scale();   // value = 0.<digits> * 10^decpt
        StringBuilder b = new StringBuilder(sign);
        if (decpt <= -4 || decpt > 16) {
            b.append(digits.charAt(0));
            if (digits.length() > 1) b.append('.').append(digits, 1, digits.length());
            int exp = decpt - 1;
            b.append('e').append(exp < 0 ? '-' : '+');
            String e = Integer.toString(Math.abs(exp));
            if (e.length() < 2) b.append('0');
            return b.append(e).toString();
        }
        if (decpt <= 0) {
            b.append("0.").append("0".repeat(-decpt)).append(digits);
        } else if (decpt >= digits.length()) {
            b.append(digits).append("0".repeat(decpt - digits.length())).append(".0");
        } else {
            b.append(digits, 0, decpt).append('.').append(digits, decpt, digits.length());
        }
        return b.toString();
    }

    /** {@code repr(str)}: single quotes unless the text has a ' and no ", escapes for the unprintable. */
    static String strRepr(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder b = new StringBuilder().append(quote);
        s.codePoints().forEach(c -> {
            if (c == quote || c == '\\') b.append('\\').appendCodePoint(c);
            else if (c == '\t') b.append("\\t");
            else if (c == '\n') b.append("\\n");
            else if (c == '\r') b.append("\\r");
            else if (c < 0x20 || c == 0x7f) b.append("\\x%02x".formatted(c));
            else if (c < 0x7f || printable(c)) b.appendCodePoint(c);
            else if (c <= 0xff) b.append("\\x%02x".formatted(c));
            else if (c <= 0xffff) b.append("\\u%04x".formatted(c));
            else b.append("\\U%08x".formatted(c));
        });
        return b.append(quote).toString();
    }

    /** Python's str.isprintable for one non-ASCII code point: not Cc, Cf, Cs, Co, Cn, Zl, Zp, Zs. */
    private static boolean printable(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                 Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SPACE_SEPARATOR -> false;
            default -> true;
        };
    }

    /** {@code repr(bytes)}: {@code b'...'} with \t \n \r and \xhh escapes. */
    static String bytesRepr(byte[] bytes) {
        boolean single = false, dbl = false;
        for (byte x : bytes) {
            single |= x == '\'';
            dbl |= x == '"';
        }
        char quote = single && !dbl ? '"' : '\'';
        StringBuilder b = new StringBuilder("b").append(quote);
        for (byte x : bytes) {
            int c = x & 0xff;
            if (c == quote || c == '\\') b.append('\\').append((char) c);
            else if (c == '\t') b.append("\\t");
            else if (c == '\n') b.append("\\n");
            else if (c == '\r') b.append("\\r");
            else if (c < 0x20 || c >= 0x7f) b.append("\\x%02x".formatted(c));
            else b.append((char) c);
        }
        return b.append(quote).toString();
    }
}
