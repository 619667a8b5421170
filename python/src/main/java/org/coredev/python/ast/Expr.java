package org.coredev.python.ast;

import org.coredev.python.ast.Ops.BoolOpKind;
import org.coredev.python.ast.Ops.CmpOp;
import org.coredev.python.ast.Ops.Ctx;
import org.coredev.python.ast.Ops.Operator;
import org.coredev.python.ast.Ops.UnaryOpKind;

/** Python expressions (CPython's {@code expr} sum type). Optional fields are null when absent. */
public sealed interface Expr extends Node {
    /** Source position. */
    Span span();

    record BoolOp(BoolOpKind op, java.util.List<Expr> values, Span span) implements Expr { }
    record NamedExpr(Expr target, Expr value, Span span) implements Expr { }
    record BinOp(Expr left, Operator op, Expr right, Span span) implements Expr { }
    record UnaryOp(UnaryOpKind op, Expr operand, Span span) implements Expr { }
    record Lambda(Arguments args, Expr body, Span span) implements Expr { }
    record IfExp(Expr test, Expr body, Expr orelse, Span span) implements Expr { }
    /** {@code keys} holds null for a {@code **mapping} entry. */
    record Dict(java.util.List<Expr> keys, java.util.List<Expr> values, Span span) implements Expr { }
    record Set(java.util.List<Expr> elts, Span span) implements Expr { }
    record ListComp(Expr elt, java.util.List<Comprehension> generators, Span span) implements Expr { }
    record SetComp(Expr elt, java.util.List<Comprehension> generators, Span span) implements Expr { }
    record DictComp(Expr key, Expr value, java.util.List<Comprehension> generators, Span span) implements Expr { }
    record GeneratorExp(Expr elt, java.util.List<Comprehension> generators, Span span) implements Expr { }
    record Await(Expr value, Span span) implements Expr { }
    record Yield(Expr value, Span span) implements Expr { }
    record YieldFrom(Expr value, Span span) implements Expr { }
    record Compare(Expr left, java.util.List<CmpOp> ops, java.util.List<Expr> comparators, Span span) implements Expr { }
    record Call(Expr func, java.util.List<Expr> args, java.util.List<Keyword> keywords, Span span) implements Expr { }
    /** {@code conversion} is -1 or the code of 's', 'r' or 'a'; {@code formatSpec} a JoinedStr or null. */
    record FormattedValue(Expr value, int conversion, Expr formatSpec, Span span) implements Expr { }
    record JoinedStr(java.util.List<Expr> values, Span span) implements Expr { }
    /**
     * A literal. {@code value} is a Long or BigInteger (int), Double (float), {@link Imaginary},
     * String, {@link Bytes}, Boolean, or {@link Singleton}; {@code kind} is "u" for u-prefixed strings.
     */
    record Constant(Object value, String kind, Span span) implements Expr { }
    record Attribute(Expr value, String attr, Ctx ctx, Span span) implements Expr { }
    record Subscript(Expr value, Expr slice, Ctx ctx, Span span) implements Expr { }
    record Starred(Expr value, Ctx ctx, Span span) implements Expr { }
    record Name(String id, Ctx ctx, Span span) implements Expr { }
    record List(java.util.List<Expr> elts, Ctx ctx, Span span) implements Expr { }
    record Tuple(java.util.List<Expr> elts, Ctx ctx, Span span) implements Expr { }
    record Slice(Expr lower, Expr upper, Expr step, Span span) implements Expr { }

    /** Constant values that are not Java boxes. */
    enum Singleton { NONE, ELLIPSIS }

    /** An imaginary literal such as {@code 2j}. */
    record Imaginary(double imag) { }

    /** A bytes literal's value. */
    record Bytes(byte[] data) {
        @Override public boolean equals(Object o) { return o instanceof Bytes b && java.util.Arrays.equals(data, b.data); }
        @Override public int hashCode() { return java.util.Arrays.hashCode(data); }
        @Override public String toString() { return "Bytes" + java.util.Arrays.toString(data); }
    }
}
