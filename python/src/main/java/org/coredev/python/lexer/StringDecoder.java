package org.coredev.python.lexer;

import org.coredev.python.ParseException;

/** Turns the source spelling of a (non-f) string literal into its value, applying escapes. */
public final class StringDecoder {
    private StringDecoder() { }

    /** A decoded literal: the text (for bytes, one char per byte), whether bytes, whether u-prefixed. */
    public record Literal(String text, boolean bytes, boolean uPrefix) { }

    /**
     * Decodes a STRING token.
     *
     * @param tok    the token whose text is the full spelling with prefix and quotes
     * @param source for error messages
     */
    public static Literal decode(Token tok, Source source) {
        String sp = tok.text();
        int q = 0;
        boolean raw = false, bytes = false, u = false;
        while (sp.charAt(q) != '\'' && sp.charAt(q) != '"') {
            char p = Character.toLowerCase(sp.charAt(q));
            if (p == 'r') raw = true;
            if (p == 'b') bytes = true;
            if (p == 'u') u = true;
            q++;
        }
        char quote = sp.charAt(q);
        boolean triple = sp.length() >= q + 6 && sp.charAt(q + 1) == quote && sp.charAt(q + 2) == quote;
        int bodyStart = q + (triple ? 3 : 1);
        int bodyEnd = sp.length() - (triple ? 3 : 1);
        if (bytes) {
            for (int i = bodyStart; i < bodyEnd; i++) {
                if (sp.charAt(i) >= 128) {
                    throw source.error(tok.line(), tok.col(), "bytes can only contain ASCII literal characters");
                }
            }
        }
        if (raw || sp.indexOf('\\', bodyStart) < 0) {
            return new Literal(sp.substring(bodyStart, bodyEnd), bytes, u);
        }
        StringBuilder sb = new StringBuilder(bodyEnd - bodyStart);
        int i = bodyStart;
        while (i < bodyEnd) {
            char c = sp.charAt(i);
            if (c != '\\') {
                sb.append(c);
                i++;
                continue;
            }
            if (i + 1 < bodyEnd && sp.charAt(i + 1) == '\n') { i += 2; continue; }
            i = decodeEscape(sp, i, sb, bytes, source, tok.line(), 0);
        }
        return new Literal(sb.toString(), bytes, u);
    }

    /**
     * Decodes the escape sequence starting with the backslash at {@code i}; appends to {@code sb} and
     * returns the index after it. Unknown escapes keep their backslash, as in CPython.
     */
    static int decodeEscape(String s, int i, StringBuilder sb, boolean bytes, Source source, int line, int lineStart) {
        char d = i + 1 < s.length() ? s.charAt(i + 1) : '\0';
        switch (d) {
            case '\\' -> sb.append('\\');
            case '\'' -> sb.append('\'');
            case '"' -> sb.append('"');
            case 'a' -> sb.append('\u0007');
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'n' -> sb.append('\n');
            case 'r' -> sb.append('\r');
            case 't' -> sb.append('\t');
            case 'v' -> sb.append('\u000b');
            case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                int v = 0, j = i + 1;
                while (j < s.length() && j < i + 4 && s.charAt(j) >= '0' && s.charAt(j) <= '7') {
                    v = v * 8 + (s.charAt(j) - '0');
                    j++;
                }
                sb.append((char) (bytes ? v & 0xff : v));
                return j;
            }
            case 'x' -> {
                return i + 2 + hex(s, i + 2, 2, sb, "x", source, line);
            }
            case 'u', 'U' -> {
                if (bytes) { sb.append('\\').append(d); return i + 2; }
                int len = d == 'u' ? 4 : 8;
                return i + 2 + hex(s, i + 2, len, sb, String.valueOf(d), source, line);
            }
            case 'N' -> {
                if (bytes) { sb.append("\\N"); return i + 2; }
                int close = s.indexOf('}', i + 3);
                if (i + 2 >= s.length() || s.charAt(i + 2) != '{' || close < 0) {
                    throw source.error(line, 0, "(unicode error) 'unicodeescape' codec can't decode bytes: malformed \\N character escape");
                }
                String name = s.substring(i + 3, close);
                int cp;
                try {
                    cp = codePointOf(name);
                } catch (IllegalArgumentException e) {
                    throw source.error(line, 0, "(unicode error) 'unicodeescape' codec can't decode bytes: unknown Unicode character name");
                }
                sb.appendCodePoint(cp);
                return close + 1;
            }
            default -> {
                // Unknown escape (only a warning in CPython): keep it verbatim.
                sb.append('\\');
                return i + 1;
            }
        }
        return i + 2;
    }

    /** Unicode name lookup; the ideograph names that Java does not know are computed, as in unicodedata. */
    private static int codePointOf(String name) {
        String upper = name.toUpperCase(java.util.Locale.ROOT);
        for (String prefix : new String[] {"CJK UNIFIED IDEOGRAPH-", "CJK COMPATIBILITY IDEOGRAPH-"}) {
            if (upper.startsWith(prefix)) {
                int cp = Integer.parseInt(upper.substring(prefix.length()), 16);
                if (!Character.isIdeographic(cp)) throw new IllegalArgumentException(name);
                return cp;
            }
        }
        return Character.codePointOf(name);
    }

    private static int hex(String s, int at, int len, StringBuilder sb, String kind, Source source, int line) {
        int v = 0;
        for (int k = 0; k < len; k++) {
            int dv = at + k < s.length() ? Character.digit(s.charAt(at + k), 16) : -1;
            if (dv < 0) {
                throw source.error(line, 0, "(unicode error) 'unicodeescape' codec can't decode bytes: truncated \\"
                        + kind + "XX escape");
            }
            v = v * 16 + dv;
        }
        if (v > 0x10FFFF || v < 0) {
            throw source.error(line, 0, "(unicode error) 'unicodeescape' codec can't decode bytes: illegal Unicode character");
        }
        sb.appendCodePoint(v);
        return len;
    }
}
