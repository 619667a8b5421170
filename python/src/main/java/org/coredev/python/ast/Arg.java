package org.coredev.python.ast;

/** One parameter. */
public record Arg(String arg, Expr annotation, String typeComment, Span span) implements Node { }
