package org.coredev.python.lexer;

import org.coredev.python.ParseException;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * A Python source file as text, with its name and line index, so that errors can quote lines.
 * {@link #decode} applies CPython's rules for turning bytes into text (PEP 263 coding cookie,
 * UTF-8 byte order mark, UTF-8 by default).
 */
public final class Source {
    private final String file;
    private final String text;
    private int[] lineStarts;

    public Source(String file, String text) {
        this.file = file;
        // Universal newlines, as CPython reads source files.
        this.text = text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n").replace('\r', '\n');
    }

    /** The file name used in messages. */
    public String file() { return file; }

    /** The whole text. */
    public String text() { return text; }

    /** The text of 1-based line {@code line} without its line break, or "" past the end. */
    public String line(int line) {
        int[] starts = lineStarts();
        if (line < 1 || line > starts.length) return "";
        int start = starts[line - 1];
        int end = start;
        while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') end++;
        return text.substring(start, end);
    }

    /** An error at a 1-based line and 0-based column. */
    public ParseException error(int line, int col0, String message) {
        return new ParseException(file, line, col0 + 1, line(line), message);
    }

    private int[] lineStarts() {
        if (lineStarts == null) {
            int[] starts = new int[16];
            int n = 0;
            starts[n++] = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                    if (n == starts.length) starts = Arrays.copyOf(starts, n * 2);
                    starts[n++] = i + 1;
                }
            }
            lineStarts = Arrays.copyOf(starts, n);
        }
        return lineStarts;
    }

    /**
     * Decodes a file's bytes as CPython does: a UTF-8 BOM means UTF-8 (and a cookie saying
     * otherwise is an error), a {@code coding:} comment on line 1 or 2 names the encoding,
     * otherwise UTF-8. Undecodable bytes are an error naming the line.
     */
    public static Source decode(String file, byte[] bytes) {
        int start = 0;
        boolean bom = bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb
                && (bytes[2] & 0xff) == 0xbf;
        if (bom) start = 3;
        Charset charset = StandardCharsets.UTF_8;
        String cookie = findCookie(bytes, start);
        if (cookie != null) {
            String norm = cookie.toLowerCase(Locale.ROOT).replace('_', '-');
            if (bom && !(norm.equals("utf-8") || norm.startsWith("utf-8-"))) {
                throw new ParseException(file, 0, 0, null, "encoding problem: " + cookie + " with BOM");
            }
            charset = charsetFor(norm);
            if (charset == null) {
                throw new ParseException(file, 0, 0, null, "unknown encoding: " + cookie);
            }
        }
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate((int) ((bytes.length - start) * (double) decoder.maxCharsPerByte()) + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) result = decoder.flush(out);
        if (result.isError()) {
            int bad = in.position();
            int line = 1;
            for (int i = start; i < bad; i++) if (bytes[i] == '\n') line++;
            throw new ParseException(file, line, 0, null, String.format("(unicode error) '%s' codec can't decode byte 0x%02x",
                    charset.name().toLowerCase(Locale.ROOT), bytes[bad] & 0xff));
        }
        out.flip();
        return new Source(file, out.toString());
    }

    /** PEP 263: {@code ^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)} on one of the first two lines. */
    private static String findCookie(byte[] b, int start) {
        int pos = start;
        for (int lineNo = 0; lineNo < 2 && pos < b.length; lineNo++) {
            int end = pos;
            while (end < b.length && b[end] != '\n' && b[end] != '\r') end++;
            String line = new String(b, pos, end - pos, StandardCharsets.ISO_8859_1);
            int i = 0;
            while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t' || line.charAt(i) == '\f')) i++;
            if (i < line.length() && line.charAt(i) == '#') {
                int k = line.indexOf("coding", i);
                if (k >= 0 && k + 6 < line.length() && (line.charAt(k + 6) == ':' || line.charAt(k + 6) == '=')) {
                    int j = k + 7;
                    while (j < line.length() && (line.charAt(j) == ' ' || line.charAt(j) == '\t')) j++;
                    int s = j;
                    while (j < line.length() && (Character.isLetterOrDigit(line.charAt(j)) || line.charAt(j) == '-'
                            || line.charAt(j) == '_' || line.charAt(j) == '.')) j++;
                    if (j > s) return line.substring(s, j);
                }
            } else if (i < line.length()) {
                return null; // a code line ends the search (CPython only looks at line 2 if line 1 is blank/comment)
            }
            pos = end;
            if (pos < b.length && b[pos] == '\r') pos++;
            if (pos < b.length && b[pos] == '\n') pos++;
        }
        return null;
    }

    private static Charset charsetFor(String norm) {
        if (norm.equals("utf-8") || norm.startsWith("utf-8-") || norm.equals("utf8")) return StandardCharsets.UTF_8;
        String name = switch (norm) {
            case "latin-1", "iso-latin-1", "latin1", "l1", "iso-8859-1", "iso8859-1", "8859", "cp819" -> "ISO-8859-1";
            case "ascii", "us-ascii" -> "US-ASCII";
            default -> norm.startsWith("iso8859-") ? "ISO-8859-" + norm.substring(8)
                    : norm.startsWith("latin-") || norm.startsWith("latin1-") ? "ISO-8859-1" : norm;
        };
        try {
            return Charset.forName(name);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
