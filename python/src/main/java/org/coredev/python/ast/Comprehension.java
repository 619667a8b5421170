package org.coredev.python.ast;

import java.util.List;

/** One {@code for ... in ... if ...} clause; {@code isAsync} is 0 or 1. */
public record Comprehension(Expr target, Expr iter, List<Expr> ifs, int isAsync) implements Node { }
