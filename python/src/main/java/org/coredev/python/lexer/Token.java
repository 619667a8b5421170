package org.coredev.python.lexer;

/**
 * One token: its kind, its text (the source spelling for names, numbers and strings, the decoded
 * literal text for f-string middles), and its place: 1-based lines, 0-based columns and the
 * character offsets into the source.
 */
public record Token(TokenKind kind, String text, int line, int col, int endLine, int endCol,
                    int start, int end) {
    @Override
    public String toString() {
        return kind + (text != null ? "(" + text + ")" : "") + "@" + line + ":" + col;
    }
}
