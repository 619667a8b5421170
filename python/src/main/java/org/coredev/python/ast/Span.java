package org.coredev.python.ast;

/**
 * Where a node sits in the source: 1-based start and end lines, 0-based start and end columns
 * (end exclusive), as CPython's lineno/col_offset/end_lineno/end_col_offset, except that columns
 * count characters (UTF-16 units) instead of UTF-8 bytes.
 */
public record Span(int line, int col, int endLine, int endCol) {
    @Override
    public String toString() { return line + ":" + col + "-" + endLine + ":" + endCol; }
}
