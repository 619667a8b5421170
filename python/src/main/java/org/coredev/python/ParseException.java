package org.coredev.python;

/**
 * The python module's one exception type: a syntax error found by the lexer or parser, or an
 * error raised while the host evaluator runs a file. It carries the place (file, 1-based line,
 * 1-based column) and the source line, and prints as {@code file:line:col: message}, the source
 * line and a caret under the column. A line of 0 means the error has no source position.
 */
public final class ParseException extends RuntimeException {
    private final String file;
    private final int line;
    private final int column;
    private final String sourceLine;
    private final String detail;

    /**
     * @param file       file name as given by the caller
     * @param line       1-based line, or 0 when unknown
     * @param column     1-based column (in characters), or 0 when unknown
     * @param sourceLine the text of that line (without newline), or null
     * @param detail     the message without position
     */
    public ParseException(String file, int line, int column, String sourceLine, String detail) {
        super(format(file, line, column, sourceLine, detail), null, false, false);
        this.file = file;
        this.line = line;
        this.column = column;
        this.sourceLine = sourceLine;
        this.detail = detail;
    }

    /** The file name the error refers to. */
    public String file() { return file; }

    /** 1-based line, 0 when unknown. */
    public int line() { return line; }

    /** 1-based column, 0 when unknown. */
    public int column() { return column; }

    /** The source line or null. */
    public String sourceLine() { return sourceLine; }

    /** The message without file and position. */
    public String detail() { return detail; }

    private static String format(String file, int line, int column, String sourceLine, String detail) {
        StringBuilder sb = new StringBuilder();
        sb.append(file);
        if (line > 0) sb.append(':').append(line).append(':').append(Math.max(column, 1));
        sb.append(": ").append(detail);
        if (sourceLine != null && line > 0) {
            String shown = sourceLine.stripTrailing();
            sb.append('\n').append("    ").append(shown).append('\n').append("    ");
            for (int i = 0; i < column - 1 && i < shown.length(); i++) {
                sb.append(shown.charAt(i) == '\t' ? '\t' : ' ');
            }
            sb.append('^');
        }
        return sb.toString();
    }
}
