package org.coredev.python.ast;

import java.util.List;

/** {@code match} statement patterns (CPython's {@code pattern} sum type). */
public sealed interface Pattern extends Node {
    /** Source position. */
    Span span();

    record MatchValue(Expr value, Span span) implements Pattern { }
    /** {@code value} is Boolean or {@link Expr.Singleton#NONE}. */
    record MatchSingleton(Object value, Span span) implements Pattern { }
    record MatchSequence(List<Pattern> patterns, Span span) implements Pattern { }
    record MatchMapping(List<Expr> keys, List<Pattern> patterns, String rest, Span span) implements Pattern { }
    record MatchClass(Expr cls, List<Pattern> patterns, List<String> kwdAttrs, List<Pattern> kwdPatterns, Span span) implements Pattern { }
    record MatchStar(String name, Span span) implements Pattern { }
    record MatchAs(Pattern pattern, String name, Span span) implements Pattern { }
    record MatchOr(List<Pattern> patterns, Span span) implements Pattern { }
}
