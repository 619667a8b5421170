package org.coredev.python.ast;

/** PEP 695 type parameters (CPython 3.12's {@code type_param}). */
public sealed interface TypeParam extends Node {
    /** Source position. */
    Span span();

    record TypeVar(String name, Expr bound, Span span) implements TypeParam { }
    record ParamSpec(String name, Span span) implements TypeParam { }
    record TypeVarTuple(String name, Span span) implements TypeParam { }
}
