package org.coredev.python.ast;

/** A {@code # type: ignore} comment (never produced; kept for the AST's shape). */
public record TypeIgnore(int lineno, String tag) implements Node { }
