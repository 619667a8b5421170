package org.coredev.python.ast;

import org.coredev.python.ast.Ops.Operator;

import java.util.List;

/** Python statements (CPython's {@code stmt} sum type). Optional fields are null when absent. */
public sealed interface Stmt extends Node {
    /** Source position. */
    Span span();

    record FunctionDef(String name, Arguments args, List<Stmt> body, List<Expr> decoratorList, Expr returns,
                       String typeComment, List<TypeParam> typeParams, Span span) implements Stmt { }
    record AsyncFunctionDef(String name, Arguments args, List<Stmt> body, List<Expr> decoratorList, Expr returns,
                            String typeComment, List<TypeParam> typeParams, Span span) implements Stmt { }
    record ClassDef(String name, List<Expr> bases, List<Keyword> keywords, List<Stmt> body,
                    List<Expr> decoratorList, List<TypeParam> typeParams, Span span) implements Stmt { }
    record Return(Expr value, Span span) implements Stmt { }
    record Delete(List<Expr> targets, Span span) implements Stmt { }
    record Assign(List<Expr> targets, Expr value, String typeComment, Span span) implements Stmt { }
    record TypeAlias(Expr name, List<TypeParam> typeParams, Expr value, Span span) implements Stmt { }
    record AugAssign(Expr target, Operator op, Expr value, Span span) implements Stmt { }
    /** {@code simple} is 1 for a bare name target. */
    record AnnAssign(Expr target, Expr annotation, Expr value, int simple, Span span) implements Stmt { }
    record For(Expr target, Expr iter, List<Stmt> body, List<Stmt> orelse, String typeComment, Span span) implements Stmt { }
    record AsyncFor(Expr target, Expr iter, List<Stmt> body, List<Stmt> orelse, String typeComment, Span span) implements Stmt { }
    record While(Expr test, List<Stmt> body, List<Stmt> orelse, Span span) implements Stmt { }
    record If(Expr test, List<Stmt> body, List<Stmt> orelse, Span span) implements Stmt { }
    record With(List<WithItem> items, List<Stmt> body, String typeComment, Span span) implements Stmt { }
    record AsyncWith(List<WithItem> items, List<Stmt> body, String typeComment, Span span) implements Stmt { }
    record Match(Expr subject, List<MatchCase> cases, Span span) implements Stmt { }
    record Raise(Expr exc, Expr cause, Span span) implements Stmt { }
    record Try(List<Stmt> body, List<ExceptHandler> handlers, List<Stmt> orelse, List<Stmt> finalbody, Span span) implements Stmt { }
    record TryStar(List<Stmt> body, List<ExceptHandler> handlers, List<Stmt> orelse, List<Stmt> finalbody, Span span) implements Stmt { }
    record Assert(Expr test, Expr msg, Span span) implements Stmt { }
    record Import(List<Alias> names, Span span) implements Stmt { }
    record ImportFrom(String module, List<Alias> names, int level, Span span) implements Stmt { }
    record Global(List<String> names, Span span) implements Stmt { }
    record Nonlocal(List<String> names, Span span) implements Stmt { }
    /** An expression statement (CPython's {@code Expr}). */
    record ExprStmt(Expr value, Span span) implements Stmt { }
    record Pass(Span span) implements Stmt { }
    record Break(Span span) implements Stmt { }
    record Continue(Span span) implements Stmt { }
}
