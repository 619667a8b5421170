package org.coredev.compiler;

import org.coredev.python.ast.Span;

/**
 * The compiler's one exception type: bad kernel source (syntax, types, unsupported constructs).
 * The message starts with {@code file:line:col:} (1-based column, as the parser's errors).
 */
public final class CompileException extends RuntimeException {
    private final String file;
    private final int line, column;

    public CompileException(String file, int line, int column, String detail) {
        super("%s:%d:%d: %s".formatted(file, line, column, org.coredev.compiler.desugar.ComprehensionScopes.display(detail)));
        this.file = file;
        this.line = line;
        this.column = column;
    }

    public CompileException(String file, Span at, String detail) {
        this(file, at == null ? 0 : at.line(), at == null ? 0 : at.col() + 1, detail);
    }

    public String file() { return file; }
    public int line() { return line; }
    /** 1-based column. */
    public int column() { return column; }
}
