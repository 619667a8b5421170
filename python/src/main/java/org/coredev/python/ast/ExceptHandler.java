package org.coredev.python.ast;

import java.util.List;

/** An {@code except} clause; type and name may be null. */
public record ExceptHandler(Expr type, String name, List<Stmt> body, Span span) implements Node { }
