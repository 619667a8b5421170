package org.coredev.python.ast;

import java.util.List;

/** One {@code case} block. */
public record MatchCase(Pattern pattern, Expr guard, List<Stmt> body) implements Node { }
