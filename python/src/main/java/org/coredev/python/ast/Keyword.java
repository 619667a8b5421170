package org.coredev.python.ast;

/** A keyword argument; {@code arg} is null for {@code **mapping}. */
public record Keyword(String arg, Expr value, Span span) implements Node { }
