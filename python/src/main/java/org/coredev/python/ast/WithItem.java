package org.coredev.python.ast;

/** One {@code with} item. */
public record WithItem(Expr contextExpr, Expr optionalVars) implements Node { }
