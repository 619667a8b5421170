package org.coredev.python.ast;

/** An imported name. */
public record Alias(String name, String asname, Span span) implements Node { }
