package org.coredev.python.parser;

import org.coredev.python.ParseException;
import org.coredev.python.ast.Alias;
import org.coredev.python.ast.Arg;
import org.coredev.python.ast.Arguments;
import org.coredev.python.ast.Comprehension;
import org.coredev.python.ast.ExceptHandler;
import org.coredev.python.ast.Expr;
import org.coredev.python.ast.Keyword;
import org.coredev.python.ast.MatchCase;
import org.coredev.python.ast.Module;
import org.coredev.python.ast.Ops.BoolOpKind;
import org.coredev.python.ast.Ops.CmpOp;
import org.coredev.python.ast.Ops.Ctx;
import org.coredev.python.ast.Ops.Operator;
import org.coredev.python.ast.Ops.UnaryOpKind;
import org.coredev.python.ast.Pattern;
import org.coredev.python.ast.Span;
import org.coredev.python.ast.Stmt;
import org.coredev.python.ast.TypeParam;
import org.coredev.python.ast.WithItem;
import org.coredev.python.lexer.Lexer;
import org.coredev.python.lexer.Source;
import org.coredev.python.lexer.StringDecoder;
import org.coredev.python.lexer.Token;
import org.coredev.python.lexer.TokenKind;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.coredev.python.lexer.TokenKind.*;

/**
 * Recursive-descent parser for the Python 3.12 grammar (binary operators by precedence
 * climbing). It follows CPython's PEG grammar (Grammar/python.gram) rule by rule; the few
 * places where that grammar backtracks (soft keyword {@code match}, parenthesized
 * {@code with} items) save and restore the token position. Produces the same tree as
 * CPython's {@code ast.parse}.
 */
public final class Parser {
    private static final boolean[] EXPR_START = new boolean[TokenKind.values().length];

    static {
        for (TokenKind k : new TokenKind[] {NAME, NUMBER, STRING, FSTRING_START, LPAR, LSQB, LBRACE, MINUS, PLUS,
                TILDE, NOT, LAMBDA, AWAIT, STAR, NONE, TRUE, FALSE, ELLIPSIS}) {
            EXPR_START[k.ordinal()] = true;
        }
    }

    /** Nesting of recursive rules (unary chains, conditional expressions, lambdas, f-strings) before input is refused. */
    private static final int MAX_NESTING = 300;

    private final Source src;
    private final List<Token> toks;
    private int p;
    private int nesting;

    private Parser(Source src) {
        this.src = src;
        this.toks = Lexer.tokenize(src);
    }

    /** Parses a whole file (CPython's {@code ast.parse(text, mode='exec')}). */
    public static Module parse(Source src) {
        return new Parser(src).file();
    }

    /** Parses text given as a string. */
    public static Module parse(String file, String text) {
        return parse(new Source(file, text));
    }

    /** Parses a file's bytes, honouring its coding declaration. */
    public static Module parse(String file, byte[] bytes) {
        return parse(Source.decode(file, bytes));
    }

    /** Reads and parses a file; an unreadable file is a ParseException too. */
    public static Module parseFile(java.nio.file.Path path) {
        byte[] bytes;
        try {
            bytes = java.nio.file.Files.readAllBytes(path);
        } catch (java.io.IOException e) {
            throw new ParseException(path.toString(), 0, 0, null, "cannot read file: " + e.getMessage());
        }
        return parse(path.toString(), bytes);
    }

    /** Parses a single expression (CPython's {@code mode='eval'}). */
    public static Expr parseExpression(Source src) {
        Parser ps = new Parser(src);
        while (ps.at(NEWLINE)) ps.p++;
        Expr e = ps.starExpressions();
        while (ps.at(NEWLINE)) ps.p++;
        ps.expect(ENDMARKER);
        return e;
    }

    // ---------------------------------------------------------------- token helpers

    private Token peek() { return toks.get(p); }

    private TokenKind kind() { return toks.get(p).kind(); }

    private TokenKind kindAt(int i) { return p + i < toks.size() ? toks.get(p + i).kind() : ENDMARKER; }

    private boolean at(TokenKind k) { return toks.get(p).kind() == k; }

    private boolean atName(String s) { Token t = toks.get(p); return t.kind() == NAME && t.text().equals(s); }

    private boolean accept(TokenKind k) {
        if (toks.get(p).kind() == k) { p++; return true; }
        return false;
    }

    private Token next() { return toks.get(p++); }

    private Token expect(TokenKind k) {
        Token t = toks.get(p);
        if (t.kind() != k) {
            throw error(t, "expected " + k.describe());
        }
        p++;
        return t;
    }

    private ParseException error(Token t, String msg) {
        if (t.kind() == INDENT) return src.error(t.line(), t.endCol(), "unexpected indent");
        if (t.kind() == ENDMARKER) msg = "unexpected EOF while parsing";
        return src.error(t.line(), t.col(), msg);
    }

    private ParseException error(Span s, String msg) {
        return src.error(s.line(), s.col(), msg);
    }

    private ParseException invalid() {
        return error(peek(), "invalid syntax");
    }

    /** Span from a start token to the end of the last consumed token. */
    private Span span(Token start) {
        int i = p - 1;
        // A compound statement ends at its last real token, not at the NEWLINE/DEDENT after its block.
        while (i > 0 && isLayout(toks.get(i).kind())) i--;
        Token last = toks.get(i);
        return new Span(start.line(), start.col(), last.endLine(), last.endCol());
    }

    private static boolean isLayout(TokenKind k) {
        return k == NEWLINE || k == DEDENT || k == INDENT;
    }

    private boolean exprStart() { return EXPR_START[kind().ordinal()]; }

    // ---------------------------------------------------------------- statements

    private Module file() {
        List<Stmt> body = new ArrayList<>();
        while (!at(ENDMARKER)) {
            if (accept(NEWLINE)) continue;
            statement(body);
        }
        return new Module(body, List.of());
    }

    /** One statement (or a line of simple statements) appended to {@code out}. */
    private void statement(List<Stmt> out) {
        switch (kind()) {
            case DEF, CLASS, AT -> out.add(decorated());
            case ASYNC -> {
                TokenKind k = kindAt(1);
                if (k == DEF) out.add(decorated());
                else if (k == FOR) out.add(forStmt());
                else if (k == WITH) out.add(withStmt());
                else throw error(toks.get(p + 1), "invalid syntax");
            }
            case IF -> out.add(ifStmt());
            case WHILE -> out.add(whileStmt());
            case FOR -> out.add(forStmt());
            case TRY -> out.add(tryStmt());
            case WITH -> out.add(withStmt());
            case INDENT -> throw error(peek(), "unexpected indent");
            case NAME -> {
                if (atName("match") && EXPR_START[kindAt(1).ordinal()]) {
                    Stmt m = tryMatch();
                    if (m != null) { out.add(m); return; }
                }
                simpleStatements(out);
            }
            default -> simpleStatements(out);
        }
    }

    private void simpleStatements(List<Stmt> out) {
        while (true) {
            out.add(simpleStatement());
            if (accept(SEMI)) {
                if (at(NEWLINE)) break;
                continue;
            }
            break;
        }
        if (!accept(NEWLINE)) throw invalid();
    }

    private Stmt simpleStatement() {
        Token t = peek();
        switch (t.kind()) {
            case PASS -> { p++; return new Stmt.Pass(span(t)); }
            case BREAK -> { p++; return new Stmt.Break(span(t)); }
            case CONTINUE -> { p++; return new Stmt.Continue(span(t)); }
            case RETURN -> {
                p++;
                Expr v = exprStart() ? starExpressions() : null;
                return new Stmt.Return(v, span(t));
            }
            case RAISE -> {
                p++;
                Expr exc = null, cause = null;
                if (exprStart()) {
                    exc = expression();
                    if (accept(FROM)) cause = expression();
                }
                return new Stmt.Raise(exc, cause, span(t));
            }
            case GLOBAL, NONLOCAL -> {
                p++;
                List<String> names = new ArrayList<>();
                do { names.add(expect(NAME).text()); } while (accept(COMMA));
                return t.kind() == GLOBAL ? new Stmt.Global(names, span(t)) : new Stmt.Nonlocal(names, span(t));
            }
            case DEL -> {
                p++;
                List<Expr> targets = new ArrayList<>();
                do {
                    if (at(NEWLINE) || at(SEMI)) break;
                    targets.add(toTarget(bitwiseOr(), Ctx.DEL));
                } while (accept(COMMA));
                if (targets.isEmpty()) throw invalid();
                return new Stmt.Delete(targets, span(t));
            }
            case ASSERT -> {
                p++;
                Expr test = expression();
                Expr msg = accept(COMMA) ? expression() : null;
                return new Stmt.Assert(test, msg, span(t));
            }
            case IMPORT -> { return importStmt(); }
            case FROM -> { return fromImport(); }
            case NAME -> {
                if (t.text().equals("type") && kindAt(1) == NAME && (kindAt(2) == EQUAL || kindAt(2) == LSQB)) {
                    return typeAlias();
                }
                return expressionStatement();
            }
            default -> { return expressionStatement(); }
        }
    }

    private Stmt typeAlias() {
        Token t = next();
        Token nameTok = expect(NAME);
        Expr name = new Expr.Name(nameTok.text(), Ctx.STORE, span(nameTok));
        List<TypeParam> tps = at(LSQB) ? typeParams() : List.of();
        expect(EQUAL);
        Expr value = expression();
        return new Stmt.TypeAlias(name, tps, value, span(t));
    }

    private Stmt importStmt() {
        Token t = next();
        List<Alias> names = new ArrayList<>();
        do {
            Token s = peek();
            String name = dottedName();
            String as = accept(AS) ? expect(NAME).text() : null;
            names.add(new Alias(name, as, span(s)));
        } while (accept(COMMA));
        return new Stmt.Import(names, span(t));
    }

    private String dottedName() {
        String name = expect(NAME).text();
        if (!at(DOT)) return name;
        StringBuilder sb = new StringBuilder(name);
        while (accept(DOT)) sb.append('.').append(expect(NAME).text());
        return sb.toString();
    }

    private Stmt fromImport() {
        Token t = next();
        int level = 0;
        while (true) {
            if (accept(DOT)) level++;
            else if (accept(ELLIPSIS)) level += 3;
            else break;
        }
        String module = null;
        if (at(NAME)) module = dottedName();
        else if (level == 0) throw invalid();
        expect(IMPORT);
        List<Alias> names = new ArrayList<>();
        if (at(STAR)) {
            Token s = next();
            names.add(new Alias("*", null, span(s)));
        } else {
            boolean paren = accept(LPAR);
            do {
                if (paren && at(RPAR)) break;
                Token s = expect(NAME);
                String as = accept(AS) ? expect(NAME).text() : null;
                names.add(new Alias(s.text(), as, span(s)));
            } while (accept(COMMA));
            if (paren) expect(RPAR);
            else if (toks.get(p - 1).kind() == COMMA) throw error(toks.get(p - 1), "trailing comma not allowed without surrounding parentheses");
            if (names.isEmpty()) throw invalid();
        }
        return new Stmt.ImportFrom(module, names, level, span(t));
    }

    private Expr yieldOrStarExpressions() {
        return at(YIELD) ? yieldExpr() : starExpressions();
    }

    private Stmt expressionStatement() {
        Token start = peek();
        Expr first = yieldOrStarExpressions();
        TokenKind k = kind();
        if (k == COLON) {
            p++;
            int simple;
            if (first instanceof Expr.Name) simple = start.kind() == LPAR ? 0 : 1;
            else if (first instanceof Expr.Attribute || first instanceof Expr.Subscript) simple = 0;
            else throw error(first.span(), "only single target (not " + describeTarget(first) + ") can be annotated");
            Expr ann = expression();
            Expr value = accept(EQUAL) ? yieldOrStarExpressions() : null;
            return new Stmt.AnnAssign(toTarget(first, Ctx.STORE), ann, value, simple, span(start));
        }
        if (k == EQUAL) {
            List<Expr> targets = new ArrayList<>();
            targets.add(first);
            Expr value = null;
            while (accept(EQUAL)) {
                Expr v = yieldOrStarExpressions();
                if (at(EQUAL)) targets.add(v);
                else value = v;
            }
            for (int i = 0; i < targets.size(); i++) targets.set(i, toTarget(targets.get(i), Ctx.STORE));
            return new Stmt.Assign(targets, value, null, span(start));
        }
        Operator aug = augOp(k);
        if (aug != null) {
            if (!(first instanceof Expr.Name || first instanceof Expr.Attribute || first instanceof Expr.Subscript)) {
                throw error(first.span(), "'" + describeTarget(first) + "' is an illegal expression for augmented assignment");
            }
            p++;
            Expr value = yieldOrStarExpressions();
            return new Stmt.AugAssign(toTarget(first, Ctx.STORE), aug, value, span(start));
        }
        if (first instanceof Expr.Starred && !(at(NEWLINE) || at(SEMI))) throw invalid();
        if (!at(NEWLINE) && !at(SEMI)) throw invalid();
        return new Stmt.ExprStmt(first, span(start));
    }

    private static Operator augOp(TokenKind k) {
        return switch (k) {
            case PLUSEQUAL -> Operator.ADD; case MINEQUAL -> Operator.SUB; case STAREQUAL -> Operator.MULT;
            case ATEQUAL -> Operator.MATMULT; case SLASHEQUAL -> Operator.DIV; case PERCENTEQUAL -> Operator.MOD;
            case AMPEREQUAL -> Operator.BITAND; case VBAREQUAL -> Operator.BITOR; case CIRCUMFLEXEQUAL -> Operator.BITXOR;
            case LEFTSHIFTEQUAL -> Operator.LSHIFT; case RIGHTSHIFTEQUAL -> Operator.RSHIFT;
            case DOUBLESTAREQUAL -> Operator.POW; case DOUBLESLASHEQUAL -> Operator.FLOORDIV;
            default -> null;
        };
    }

    /** Rewrites a parsed expression as an assignment or deletion target, or reports why it cannot be one. */
    private Expr toTarget(Expr e, Ctx ctx) {
        return switch (e) {
            case Expr.Name n -> new Expr.Name(n.id(), ctx, n.span());
            case Expr.Attribute a -> new Expr.Attribute(a.value(), a.attr(), ctx, a.span());
            case Expr.Subscript s -> new Expr.Subscript(s.value(), s.slice(), ctx, s.span());
            case Expr.Starred s when ctx != Ctx.DEL -> new Expr.Starred(toTarget(s.value(), ctx), ctx, s.span());
            case Expr.Tuple t -> new Expr.Tuple(targets(t.elts(), ctx), ctx, t.span());
            case Expr.List l -> new Expr.List(targets(l.elts(), ctx), ctx, l.span());
            default -> throw error(e.span(), "cannot " + (ctx == Ctx.DEL ? "delete " : "assign to ") + describeTarget(e));
        };
    }

    private List<Expr> targets(List<Expr> elts, Ctx ctx) {
        List<Expr> out = new ArrayList<>(elts.size());
        for (Expr x : elts) out.add(toTarget(x, ctx));
        return out;
    }

    private static String describeTarget(Expr e) {
        return switch (e) {
            case Expr.Call c -> "function call";
            case Expr.Constant c -> c.value() instanceof Boolean b ? (b ? "True" : "False")
                    : c.value() == Expr.Singleton.NONE ? "None" : c.value() == Expr.Singleton.ELLIPSIS ? "ellipsis" : "literal";
            case Expr.Compare c -> "comparison";
            case Expr.BinOp b -> "expression";
            case Expr.UnaryOp u -> "expression";
            case Expr.BoolOp b -> "expression";
            case Expr.Lambda l -> "lambda";
            case Expr.IfExp i -> "conditional expression";
            case Expr.NamedExpr n -> "named expression";
            case Expr.ListComp l -> "list comprehension";
            case Expr.SetComp s -> "set comprehension";
            case Expr.DictComp d -> "dict comprehension";
            case Expr.GeneratorExp g -> "generator expression";
            case Expr.Yield y -> "yield expression";
            case Expr.YieldFrom y -> "yield expression";
            case Expr.Await a -> "await expression";
            case Expr.JoinedStr j -> "f-string expression";
            case Expr.FormattedValue f -> "f-string expression";
            case Expr.Dict d -> "dict literal";
            case Expr.Set s -> "set display";
            case Expr.Starred s -> "starred";
            case Expr.Tuple t -> "tuple";
            case Expr.List l -> "list";
            case Expr.Slice s -> "slice";
            default -> "expression";
        };
    }

    // ---------------------------------------------------------------- compound statements

    /** The statements of a block after its colon: an indented suite or simple statements on the same line. */
    private List<Stmt> block(Token header) {
        List<Stmt> body = new ArrayList<>();
        if (accept(NEWLINE)) {
            if (!at(INDENT)) {
                throw error(peek().kind() == ENDMARKER || peek().kind() == DEDENT ? toks.get(p - 1) : peek(),
                        "expected an indented block after '" + header.kind().text() + "' statement on line " + header.line());
            }
            p++;
            while (!accept(DEDENT)) {
                if (at(ENDMARKER)) break;
                statement(body);
            }
        } else {
            simpleStatements(body);
        }
        return body;
    }

    private Stmt decorated() {
        List<Expr> decorators = new ArrayList<>();
        while (accept(AT)) {
            decorators.add(namedExpression());
            if (!accept(NEWLINE)) throw invalid();
        }
        Token t = peek();
        if (at(CLASS)) return classDef(decorators);
        boolean async = accept(ASYNC);
        Token def = expect(DEF);
        String name = expect(NAME).text();
        List<TypeParam> tps = at(LSQB) ? typeParams() : List.of();
        expect(LPAR);
        Arguments args = parameters(RPAR, true);
        expect(RPAR);
        Expr returns = accept(RARROW) ? expression() : null;
        expect(COLON);
        List<Stmt> body = block(def);
        Span sp = span(t);
        return async ? new Stmt.AsyncFunctionDef(name, args, body, decorators, returns, null, tps, sp)
                : new Stmt.FunctionDef(name, args, body, decorators, returns, null, tps, sp);
    }

    private Stmt classDef(List<Expr> decorators) {
        Token t = next();
        String name = expect(NAME).text();
        List<TypeParam> tps = at(LSQB) ? typeParams() : List.of();
        List<Expr> bases = new ArrayList<>();
        List<Keyword> keywords = new ArrayList<>();
        if (accept(LPAR)) {
            callArguments(bases, keywords, null);
            expect(RPAR);
        }
        expect(COLON);
        List<Stmt> body = block(t);
        return new Stmt.ClassDef(name, bases, keywords, body, decorators, tps, span(t));
    }

    private List<TypeParam> typeParams() {
        expect(LSQB);
        List<TypeParam> out = new ArrayList<>();
        do {
            if (at(RSQB)) break;
            Token s = peek();
            if (accept(STAR)) {
                out.add(new TypeParam.TypeVarTuple(expect(NAME).text(), span(s)));
            } else if (accept(DOUBLESTAR)) {
                out.add(new TypeParam.ParamSpec(expect(NAME).text(), span(s)));
            } else {
                String name = expect(NAME).text();
                Expr bound = accept(COLON) ? expression() : null;
                out.add(new TypeParam.TypeVar(name, bound, span(s)));
            }
        } while (accept(COMMA));
        expect(RSQB);
        if (out.isEmpty()) throw error(toks.get(p - 1), "Type parameter list cannot be empty");
        return out;
    }

    /** Parameters of a def ({@code annotations}) or lambda, up to (not including) {@code end}. */
    private Arguments parameters(TokenKind end, boolean annotations) {
        List<Arg> posonly = new ArrayList<>(), args = new ArrayList<>(), kwonly = new ArrayList<>();
        List<Expr> defaults = new ArrayList<>(), kwDefaults = new ArrayList<>();
        Arg vararg = null, kwarg = null;
        boolean seenStar = false, seenSlash = false, seenDefault = false;
        Token bareStar = null;
        while (!at(end)) {
            if (kwarg != null) throw error(peek(), "arguments cannot follow var-keyword argument");
            Token t = peek();
            if (accept(SLASH)) {
                if (seenSlash) throw error(t, "/ may appear only once");
                if (seenStar) throw error(t, "/ must be ahead of *");
                if (args.isEmpty()) throw error(t, "at least one argument must precede /");
                seenSlash = true;
                posonly.addAll(args);
                args.clear();
            } else if (accept(STAR)) {
                if (seenStar) throw error(t, "* argument may appear only once");
                seenStar = true;
                if (at(NAME)) vararg = param(annotations, true);
                else bareStar = t;
            } else if (accept(DOUBLESTAR)) {
                kwarg = param(annotations, false);
            } else {
                Arg a = param(annotations, false);
                Expr d = accept(EQUAL) ? expression() : null;
                if (seenStar) {
                    kwonly.add(a);
                    kwDefaults.add(d);
                } else {
                    args.add(a);
                    if (d != null) { defaults.add(d); seenDefault = true; }
                    else if (seenDefault) throw error(a.span(), "non-default argument follows default argument");
                }
            }
            if (!accept(COMMA)) break;
        }
        if (bareStar != null && kwonly.isEmpty()) throw error(bareStar, "named arguments must follow bare *");
        return new Arguments(posonly, args, vararg, kwonly, kwDefaults, kwarg, defaults);
    }

    private Arg param(boolean annotations, boolean starAnnotation) {
        Token t = expect(NAME);
        Expr ann = null;
        if (annotations && accept(COLON)) {
            if (starAnnotation && at(STAR)) {
                Token s = next();
                Expr v = bitwiseOr();
                ann = new Expr.Starred(v, Ctx.LOAD, span(s));
            } else {
                ann = expression();
            }
        }
        return new Arg(t.text(), ann, null, span(t));
    }

    private Stmt ifStmt() {
        Token t = next();
        Expr test = namedExpression();
        expect(COLON);
        List<Stmt> body = block(t);
        List<Stmt> orelse = List.of();
        if (at(ELIF)) {
            orelse = List.of(ifStmt());
        } else if (at(ELSE)) {
            Token e = next();
            expect(COLON);
            orelse = block(e);
        }
        return new Stmt.If(test, body, orelse, span(t));
    }

    private Stmt whileStmt() {
        Token t = next();
        Expr test = namedExpression();
        expect(COLON);
        List<Stmt> body = block(t);
        List<Stmt> orelse = elseBlock();
        return new Stmt.While(test, body, orelse, span(t));
    }

    private List<Stmt> elseBlock() {
        if (!at(ELSE)) return List.of();
        Token e = next();
        expect(COLON);
        return block(e);
    }

    private Stmt forStmt() {
        Token t = peek();
        boolean async = accept(ASYNC);
        Token f = expect(FOR);
        Expr target = starTargets();
        expect(IN);
        Expr iter = starExpressions();
        expect(COLON);
        List<Stmt> body = block(f);
        List<Stmt> orelse = elseBlock();
        return async ? new Stmt.AsyncFor(target, iter, body, orelse, null, span(t))
                : new Stmt.For(target, iter, body, orelse, null, span(t));
    }

    /** star_targets: one target, or several separated by commas (a Tuple), in Store context. */
    private Expr starTargets() {
        Token start = peek();
        Expr first = starTarget();
        if (!at(COMMA)) return toTarget(first, Ctx.STORE);
        List<Expr> elts = new ArrayList<>();
        elts.add(first);
        while (accept(COMMA)) {
            if (!exprStart()) break;
            elts.add(starTarget());
        }
        return toTarget(new Expr.Tuple(elts, Ctx.LOAD, span(start)), Ctx.STORE);
    }

    private Expr starTarget() {
        if (at(STAR)) {
            Token s = next();
            Expr v = starTarget();
            return new Expr.Starred(v, Ctx.LOAD, span(s));
        }
        return bitwiseOr();
    }

    private Stmt withStmt() {
        Token t = peek();
        boolean async = accept(ASYNC);
        Token w = expect(WITH);
        List<WithItem> items = null;
        if (at(LPAR)) {
            // with (a as b, c as d): ... — but "(a, b)" alone may also be a tuple expression.
            int save = p;
            int savedNesting = nesting;
            try {
                p++;
                List<WithItem> tmp = new ArrayList<>();
                do {
                    if (at(RPAR)) break;
                    tmp.add(withItem());
                } while (accept(COMMA));
                expect(RPAR);
                if (!at(COLON)) throw invalid();
                items = tmp;
            } catch (ParseException e) {
                p = save;
                nesting = savedNesting;
                items = null;
            }
        }
        if (items == null) {
            items = new ArrayList<>();
            do { items.add(withItem()); } while (accept(COMMA));
        }
        expect(COLON);
        List<Stmt> body = block(w);
        return async ? new Stmt.AsyncWith(items, body, null, span(t)) : new Stmt.With(items, body, null, span(t));
    }

    private WithItem withItem() {
        Expr ctx = expression();
        Expr vars = null;
        if (accept(AS)) {
            vars = toTarget(starTarget(), Ctx.STORE);
            if (!(at(COMMA) || at(RPAR) || at(COLON))) throw invalid();
        }
        return new WithItem(ctx, vars);
    }

    private Stmt tryStmt() {
        Token t = next();
        expect(COLON);
        List<Stmt> body = block(t);
        List<ExceptHandler> handlers = new ArrayList<>();
        Boolean star = null;
        while (at(EXCEPT)) {
            Token e = next();
            boolean isStar = accept(STAR);
            if (star != null && star != isStar) throw error(e, "cannot have both 'except' and 'except*' on the same 'try'");
            star = isStar;
            Expr type = null;
            String name = null;
            if (!at(COLON)) {
                type = expression();
                if (at(COMMA)) {
                    Token c = peek();
                    List<Expr> elts = new ArrayList<>();
                    elts.add(type);
                    while (accept(COMMA)) { if (at(COLON) || at(AS)) break; elts.add(expression()); }
                    throw error(c, "multiple exception types must be parenthesized");
                }
                if (accept(AS)) name = expect(NAME).text();
            } else if (isStar) {
                throw error(peek(), "expected one or more exception types");
            }
            expect(COLON);
            List<Stmt> hb = block(e);
            handlers.add(new ExceptHandler(type, name, hb, span(e)));
        }
        List<Stmt> orelse = List.of();
        if (at(ELSE)) {
            if (handlers.isEmpty()) throw error(peek(), "invalid syntax");
            orelse = elseBlock();
        }
        List<Stmt> finalbody = List.of();
        if (at(FINALLY)) {
            Token f = next();
            expect(COLON);
            finalbody = block(f);
        }
        if (handlers.isEmpty() && finalbody.isEmpty()) throw error(peek(), "expected 'except' or 'finally' block");
        return Boolean.TRUE.equals(star) ? new Stmt.TryStar(body, handlers, orelse, finalbody, span(t))
                : new Stmt.Try(body, handlers, orelse, finalbody, span(t));
    }

    // ---------------------------------------------------------------- match

    /** Tries {@code match subject:} NEWLINE INDENT; null (position restored) if this line is not a match statement. */
    private Stmt tryMatch() {
        int save = p;
        int savedNesting = nesting;
        Token t = next();
        Expr subject;
        try {
            Token s = peek();
            Expr first = starNamedExpression();
            if (at(COMMA)) {
                List<Expr> elts = new ArrayList<>();
                elts.add(first);
                while (accept(COMMA)) {
                    if (at(COLON)) break;
                    elts.add(starNamedExpression());
                }
                subject = new Expr.Tuple(elts, Ctx.LOAD, span(s));
            } else {
                if (first instanceof Expr.Starred) throw invalid();
                subject = first;
            }
            expect(COLON);
        } catch (ParseException e) {
            p = save;
            nesting = savedNesting;
            return null;
        }
        if (!at(NEWLINE) || kindAt(1) != INDENT) {
            p = save;
            return null;
        }
        p += 2;
        List<MatchCase> cases = new ArrayList<>();
        while (!accept(DEDENT)) {
            if (!atName("case")) throw error(peek(), "expected 'case'");
            Token c = next();
            Pattern pat = patterns();
            Expr guard = accept(IF) ? namedExpression() : null;
            expect(COLON);
            cases.add(new MatchCase(pat, guard, block(c)));
        }
        return new Stmt.Match(subject, cases, span(t));
    }

    private Pattern patterns() {
        Token s = peek();
        Pattern first = maybeStarPattern();
        if (!at(COMMA)) {
            if (first instanceof Pattern.MatchStar) throw error(first.span(), "invalid syntax");
            return first;
        }
        List<Pattern> ps = new ArrayList<>();
        ps.add(first);
        while (accept(COMMA)) {
            if (at(COLON) || at(IF)) break;
            ps.add(maybeStarPattern());
        }
        return new Pattern.MatchSequence(ps, span(s));
    }

    private Pattern maybeStarPattern() {
        if (at(STAR)) {
            Token s = next();
            String name = expect(NAME).text();
            return new Pattern.MatchStar(name.equals("_") ? null : name, span(s));
        }
        return pattern();
    }

    private Pattern pattern() {
        Token s = peek();
        Pattern or = orPattern();
        if (accept(AS)) {
            Token n = expect(NAME);
            if (n.text().equals("_")) throw error(n, "cannot use '_' as a target");
            return new Pattern.MatchAs(or, n.text(), span(s));
        }
        return or;
    }

    private Pattern orPattern() {
        Token s = peek();
        Pattern first = closedPattern();
        if (!at(VBAR)) return first;
        List<Pattern> ps = new ArrayList<>();
        ps.add(first);
        while (accept(VBAR)) ps.add(closedPattern());
        return new Pattern.MatchOr(ps, span(s));
    }

    private Pattern closedPattern() {
        Token s = peek();
        switch (s.kind()) {
            case NUMBER, MINUS -> { return new Pattern.MatchValue(signedNumberPattern(), span(s)); }
            case STRING, FSTRING_START -> { return new Pattern.MatchValue(strings(), span(s)); }
            case NONE -> { p++; return new Pattern.MatchSingleton(Expr.Singleton.NONE, span(s)); }
            case TRUE -> { p++; return new Pattern.MatchSingleton(Boolean.TRUE, span(s)); }
            case FALSE -> { p++; return new Pattern.MatchSingleton(Boolean.FALSE, span(s)); }
            case NAME -> {
                p++;
                Expr e = new Expr.Name(s.text(), Ctx.LOAD, span(s));
                boolean dotted = false;
                while (accept(DOT)) {
                    Token a = expect(NAME);
                    e = new Expr.Attribute(e, a.text(), Ctx.LOAD, span(s));
                    dotted = true;
                }
                if (at(LPAR)) return classPattern(e, s);
                if (dotted) return new Pattern.MatchValue(e, span(s));
                return new Pattern.MatchAs(null, s.text().equals("_") ? null : s.text(), span(s));
            }
            case LPAR -> {
                p++;
                if (accept(RPAR)) return new Pattern.MatchSequence(List.of(), span(s));
                Pattern first = maybeStarPattern();
                if (accept(RPAR)) {
                    if (first instanceof Pattern.MatchStar) return new Pattern.MatchSequence(List.of(first), span(s));
                    return first;
                }
                List<Pattern> ps = new ArrayList<>();
                ps.add(first);
                while (accept(COMMA)) {
                    if (at(RPAR)) break;
                    ps.add(maybeStarPattern());
                }
                expect(RPAR);
                return new Pattern.MatchSequence(ps, span(s));
            }
            case LSQB -> {
                p++;
                List<Pattern> ps = new ArrayList<>();
                while (!at(RSQB)) {
                    ps.add(maybeStarPattern());
                    if (!accept(COMMA)) break;
                }
                expect(RSQB);
                return new Pattern.MatchSequence(ps, span(s));
            }
            case LBRACE -> { return mappingPattern(); }
            default -> throw invalid();
        }
    }

    private Expr signedNumberPattern() {
        Token s = peek();
        Expr e;
        if (accept(MINUS)) {
            Token n = expect(NUMBER);
            e = new Expr.UnaryOp(UnaryOpKind.USUB, new Expr.Constant(number(n), null, span(n)), span(s));
        } else {
            Token n = expect(NUMBER);
            e = new Expr.Constant(number(n), null, span(n));
        }
        if ((at(PLUS) || at(MINUS)) && kindAt(1) == NUMBER) {
            Operator op = next().kind() == PLUS ? Operator.ADD : Operator.SUB;
            Token n = next();
            Object v = number(n);
            if (!(v instanceof Expr.Imaginary)) throw error(n, "imaginary number required in complex literal");
            e = new Expr.BinOp(e, op, new Expr.Constant(v, null, span(n)), span(s));
        }
        return e;
    }

    private Pattern mappingPattern() {
        Token s = next();
        List<Expr> keys = new ArrayList<>();
        List<Pattern> values = new ArrayList<>();
        String rest = null;
        while (!at(RBRACE)) {
            if (rest != null) throw invalid();
            if (accept(DOUBLESTAR)) {
                Token r = expect(NAME);
                if (r.text().equals("_")) throw error(r, "invalid syntax");
                rest = r.text();
            } else {
                Token k = peek();
                Expr key = switch (k.kind()) {
                    case NUMBER, MINUS -> signedNumberPattern();
                    case STRING, FSTRING_START -> strings();
                    case NONE -> { p++; yield new Expr.Constant(Expr.Singleton.NONE, null, span(k)); }
                    case TRUE -> { p++; yield new Expr.Constant(Boolean.TRUE, null, span(k)); }
                    case FALSE -> { p++; yield new Expr.Constant(Boolean.FALSE, null, span(k)); }
                    case NAME -> {
                        p++;
                        Expr e = new Expr.Name(k.text(), Ctx.LOAD, span(k));
                        if (!at(DOT)) throw invalid();
                        while (accept(DOT)) e = new Expr.Attribute(e, expect(NAME).text(), Ctx.LOAD, span(k));
                        yield e;
                    }
                    default -> throw invalid();
                };
                expect(COLON);
                keys.add(key);
                values.add(pattern());
            }
            if (!accept(COMMA)) break;
        }
        expect(RBRACE);
        return new Pattern.MatchMapping(keys, values, rest, span(s));
    }

    private Pattern classPattern(Expr cls, Token s) {
        expect(LPAR);
        List<Pattern> ps = new ArrayList<>();
        List<String> kwdAttrs = new ArrayList<>();
        List<Pattern> kwdPs = new ArrayList<>();
        while (!at(RPAR)) {
            if (at(NAME) && kindAt(1) == EQUAL) {
                kwdAttrs.add(next().text());
                p++;
                kwdPs.add(pattern());
            } else {
                if (!kwdAttrs.isEmpty()) throw error(peek(), "positional patterns follow keyword patterns");
                ps.add(pattern());
            }
            if (!accept(COMMA)) break;
        }
        expect(RPAR);
        return new Pattern.MatchClass(cls, ps, kwdAttrs, kwdPs, span(s));
    }

    // ---------------------------------------------------------------- expressions

    /** star_expressions: an expression, or a Tuple if commas follow. */
    private Expr starExpressions() {
        Token start = peek();
        Expr first = starExpression();
        if (!at(COMMA)) return first;
        List<Expr> elts = new ArrayList<>();
        elts.add(first);
        while (accept(COMMA)) {
            if (!exprStart()) break;
            elts.add(starExpression());
        }
        return new Expr.Tuple(elts, Ctx.LOAD, span(start));
    }

    private Expr starExpression() {
        if (at(STAR)) {
            Token s = next();
            Expr v = bitwiseOr();
            return new Expr.Starred(v, Ctx.LOAD, span(s));
        }
        return expression();
    }

    private Expr starNamedExpression() {
        if (at(STAR)) {
            Token s = next();
            Expr v = bitwiseOr();
            return new Expr.Starred(v, Ctx.LOAD, span(s));
        }
        return namedExpression();
    }

    private Expr namedExpression() {
        if (at(NAME) && kindAt(1) == COLONEQUAL) {
            Token n = next();
            Expr target = new Expr.Name(n.text(), Ctx.STORE, span(n));
            p++;
            Expr value = expression();
            return new Expr.NamedExpr(target, value, span(n));
        }
        Expr e = expression();
        if (at(COLONEQUAL)) throw error(e.span(), "cannot use assignment expressions with " + describeTarget(e));
        return e;
    }

    private Expr yieldExpr() {
        Token t = expect(YIELD);
        if (accept(FROM)) {
            Expr v = expression();
            return new Expr.YieldFrom(v, span(t));
        }
        Expr v = exprStart() ? starExpressions() : null;
        return new Expr.Yield(v, span(t));
    }

    private void enter() {
        if (++nesting > MAX_NESTING) throw error(peek(), "too many nested expressions");
    }

    /** expression: a conditional expression, a lambda, or a disjunction. */
    private Expr expression() {
        enter();
        try {
            return conditional();
        } finally {
            nesting--;
        }
    }

    private Expr conditional() {
        if (at(LAMBDA)) return lambda();
        Token start = peek();
        Expr e = disjunction();
        if (at(IF)) {
            p++;
            Expr test = disjunction();
            if (!accept(ELSE)) throw error(peek(), "expected 'else' after 'if' expression");
            Expr orelse = expression();
            return new Expr.IfExp(test, e, orelse, span(start));
        }
        return e;
    }

    private Expr lambda() {
        Token t = next();
        Arguments args = parameters(COLON, false);
        expect(COLON);
        Expr body = expression();
        return new Expr.Lambda(args, body, span(t));
    }

    private Expr disjunction() {
        Token start = peek();
        Expr first = conjunction();
        if (!at(OR)) return first;
        List<Expr> values = new ArrayList<>();
        values.add(first);
        while (accept(OR)) values.add(conjunction());
        return new Expr.BoolOp(BoolOpKind.OR, values, span(start));
    }

    private Expr conjunction() {
        Token start = peek();
        Expr first = inversion();
        if (!at(AND)) return first;
        List<Expr> values = new ArrayList<>();
        values.add(first);
        while (accept(AND)) values.add(inversion());
        return new Expr.BoolOp(BoolOpKind.AND, values, span(start));
    }

    private Expr inversion() {
        if (at(NOT)) {
            Token t = next();
            enter();
            Expr operand = inversion();
            nesting--;
            return new Expr.UnaryOp(UnaryOpKind.NOT, operand, span(t));
        }
        return comparison();
    }

    private Expr comparison() {
        Token start = peek();
        Expr left = bitwiseOr();
        CmpOp op = compOp();
        if (op == null) return left;
        List<CmpOp> ops = new ArrayList<>();
        List<Expr> comps = new ArrayList<>();
        while (op != null) {
            ops.add(op);
            comps.add(bitwiseOr());
            op = compOp();
        }
        return new Expr.Compare(left, ops, comps, span(start));
    }

    /** Consumes a comparison operator (including "not in" and "is not"), or returns null. */
    private CmpOp compOp() {
        CmpOp op = switch (kind()) {
            case EQEQUAL -> CmpOp.EQ; case NOTEQUAL -> CmpOp.NOTEQ; case LESS -> CmpOp.LT; case LESSEQUAL -> CmpOp.LTE;
            case GREATER -> CmpOp.GT; case GREATEREQUAL -> CmpOp.GTE; case IN -> CmpOp.IN;
            case IS -> kindAt(1) == NOT ? CmpOp.ISNOT : CmpOp.IS;
            case NOT -> kindAt(1) == IN ? CmpOp.NOTIN : null;
            default -> null;
        };
        if (op == null) return null;
        p += (op == CmpOp.ISNOT || op == CmpOp.NOTIN) ? 2 : 1;
        return op;
    }

    private Expr bitwiseOr() { return binary(1); }

    private static int precedence(TokenKind k) {
        return switch (k) {
            case VBAR -> 1; case CIRCUMFLEX -> 2; case AMPER -> 3; case LEFTSHIFT, RIGHTSHIFT -> 4;
            case PLUS, MINUS -> 5; case STAR, SLASH, DOUBLESLASH, PERCENT, AT -> 6;
            default -> 0;
        };
    }

    private static Operator binaryOp(TokenKind k) {
        return switch (k) {
            case VBAR -> Operator.BITOR; case CIRCUMFLEX -> Operator.BITXOR; case AMPER -> Operator.BITAND;
            case LEFTSHIFT -> Operator.LSHIFT; case RIGHTSHIFT -> Operator.RSHIFT; case PLUS -> Operator.ADD;
            case MINUS -> Operator.SUB; case STAR -> Operator.MULT; case SLASH -> Operator.DIV;
            case DOUBLESLASH -> Operator.FLOORDIV; case PERCENT -> Operator.MOD; case AT -> Operator.MATMULT;
            default -> throw new IllegalArgumentException(k.name());
        };
    }

    /** Precedence climbing over the left-associative binary operators from '|' to '*'. */
    private Expr binary(int minPrec) {
        Token start = peek();
        Expr left = factor();
        while (true) {
            TokenKind k = kind();
            int prec = precedence(k);
            if (prec < minPrec || prec == 0) return left;
            p++;
            Expr right = binary(prec + 1);
            left = new Expr.BinOp(left, binaryOp(k), right, span(start));
        }
    }

    private Expr factor() {
        Token t = peek();
        UnaryOpKind op = switch (t.kind()) {
            case PLUS -> UnaryOpKind.UADD; case MINUS -> UnaryOpKind.USUB; case TILDE -> UnaryOpKind.INVERT;
            default -> null;
        };
        if (op == null) return power();
        p++;
        enter();
        Expr operand = factor();
        nesting--;
        return new Expr.UnaryOp(op, operand, span(t));
    }

    private Expr power() {
        Token start = peek();
        Expr base;
        if (at(AWAIT)) {
            p++;
            Expr v = primary();
            base = new Expr.Await(v, span(start));
        } else {
            base = primary();
        }
        if (accept(DOUBLESTAR)) {
            enter();
            Expr exp = factor();
            nesting--;
            return new Expr.BinOp(base, Operator.POW, exp, span(start));
        }
        return base;
    }

    /** An atom followed by attribute, call and subscript trailers. */
    private Expr primary() {
        Token start = peek();
        Expr e = atom();
        while (true) {
            switch (kind()) {
                case DOT -> {
                    p++;
                    Token n = expect(NAME);
                    e = new Expr.Attribute(e, n.text(), Ctx.LOAD, span(start));
                }
                case LPAR -> {
                    Token open = next();
                    List<Expr> args = new ArrayList<>();
                    List<Keyword> kws = new ArrayList<>();
                    boolean bareGenerator = callArguments(args, kws, start);
                    expect(RPAR);
                    if (bareGenerator) {
                        // f(x for x in y): the generator expression spans the call's parentheses (as in CPython).
                        Expr.GeneratorExp g = (Expr.GeneratorExp) args.get(0);
                        args.set(0, new Expr.GeneratorExp(g.elt(), g.generators(), span(open)));
                    }
                    e = new Expr.Call(e, args, kws, span(start));
                }
                case LSQB -> {
                    p++;
                    Expr slice = slices();
                    expect(RSQB);
                    e = new Expr.Subscript(e, slice, Ctx.LOAD, span(start));
                }
                default -> { return e; }
            }
        }
    }

    /**
     * Arguments of a call or class header up to ')'. A lone generator expression argument is
     * allowed when {@code callStart} is given; returns true if that is what the call has.
     */
    private boolean callArguments(List<Expr> args, List<Keyword> kws, Token callStart) {
        boolean seenKeyword = false, seenDoubleStar = false, bareGenerator = false;
        while (!at(RPAR)) {
            Token t = peek();
            if (accept(STAR)) {
                Expr v = expression();
                if (seenDoubleStar) throw error(t, "iterable argument unpacking follows keyword argument unpacking");
                args.add(new Expr.Starred(v, Ctx.LOAD, span(t)));
            } else if (accept(DOUBLESTAR)) {
                Expr v = expression();
                kws.add(new Keyword(null, v, span(t)));
                seenDoubleStar = true;
            } else if (at(NAME) && kindAt(1) == EQUAL) {
                p += 2;
                Expr v = expression();
                kws.add(new Keyword(t.text(), v, span(t)));
                seenKeyword = true;
            } else {
                Expr e = namedExpression();
                if (at(EQUAL)) throw error(e.span(), "expression cannot contain assignment, perhaps you meant \"==\"?");
                if (at(FOR) || at(ASYNC)) {
                    List<Comprehension> gens = comprehensions();
                    Token open = toks.get(p - 1);
                    e = new Expr.GeneratorExp(e, gens, new Span(t.line(), t.col(), open.endLine(), open.endCol()));
                    if (callStart == null) throw error(e.span(), "invalid syntax");
                    if (!(at(RPAR) && args.isEmpty() && kws.isEmpty())) {
                        throw error(e.span(), "Generator expression must be parenthesized");
                    }
                    bareGenerator = true;
                }
                if (seenDoubleStar) throw error(e.span(), "positional argument follows keyword argument unpacking");
                if (seenKeyword) throw error(e.span(), "positional argument follows keyword argument");
                args.add(e);
            }
            if (!accept(COMMA)) break;
        }
        return bareGenerator;
    }

    private Expr slices() {
        Token start = peek();
        Expr first = slice();
        if (!at(COMMA)) {
            return first instanceof Expr.Starred ? new Expr.Tuple(List.of(first), Ctx.LOAD, span(start)) : first;
        }
        List<Expr> elts = new ArrayList<>();
        elts.add(first);
        while (accept(COMMA)) {
            if (at(RSQB)) break;
            elts.add(slice());
        }
        return new Expr.Tuple(elts, Ctx.LOAD, span(start));
    }

    private Expr slice() {
        Token start = peek();
        if (at(STAR)) {
            p++;
            Expr v = bitwiseOr();
            return new Expr.Starred(v, Ctx.LOAD, span(start));
        }
        Expr lower = null;
        if (!at(COLON)) {
            lower = namedExpression();
            if (!at(COLON)) return lower;
        }
        p++;
        Expr upper = at(RSQB) || at(COMMA) || at(COLON) ? null : expression();
        Expr step = null;
        if (accept(COLON)) step = at(RSQB) || at(COMMA) ? null : expression();
        return new Expr.Slice(lower, upper, step, span(start));
    }

    private Expr atom() {
        Token t = peek();
        switch (t.kind()) {
            case NAME -> { p++; return new Expr.Name(t.text(), Ctx.LOAD, span(t)); }
            case NUMBER -> { p++; return new Expr.Constant(number(t), null, span(t)); }
            case STRING, FSTRING_START -> { return strings(); }
            case TRUE -> { p++; return new Expr.Constant(Boolean.TRUE, null, span(t)); }
            case FALSE -> { p++; return new Expr.Constant(Boolean.FALSE, null, span(t)); }
            case NONE -> { p++; return new Expr.Constant(Expr.Singleton.NONE, null, span(t)); }
            case ELLIPSIS -> { p++; return new Expr.Constant(Expr.Singleton.ELLIPSIS, null, span(t)); }
            case LPAR -> { return parenthesized(); }
            case LSQB -> { return listDisplay(); }
            case LBRACE -> { return braceDisplay(); }
            default -> throw invalid();
        }
    }

    private Expr parenthesized() {
        Token open = next();
        if (accept(RPAR)) return new Expr.Tuple(List.of(), Ctx.LOAD, span(open));
        if (at(YIELD)) {
            Expr y = yieldExpr();
            expect(RPAR);
            return y;
        }
        Expr first = starNamedExpression();
        if (at(FOR) || at(ASYNC)) {
            List<Comprehension> gens = comprehensions(first);
            expect(RPAR);
            return new Expr.GeneratorExp(first, gens, span(open));
        }
        if (accept(RPAR)) {
            if (first instanceof Expr.Starred) throw error(first.span(), "cannot use starred expression here");
            return first;
        }
        List<Expr> elts = new ArrayList<>();
        elts.add(first);
        if (!at(COMMA)) throw error(peek(), at(ENDMARKER) ? "'(' was never closed" : "invalid syntax. Perhaps you forgot a comma?");
        while (accept(COMMA)) {
            if (at(RPAR)) break;
            elts.add(starNamedExpression());
        }
        expect(RPAR);
        return new Expr.Tuple(elts, Ctx.LOAD, span(open));
    }

    private Expr listDisplay() {
        Token open = next();
        List<Expr> elts = new ArrayList<>();
        if (accept(RSQB)) return new Expr.List(elts, Ctx.LOAD, span(open));
        Expr first = starNamedExpression();
        if (at(FOR) || at(ASYNC)) {
            List<Comprehension> gens = comprehensions(first);
            expect(RSQB);
            return new Expr.ListComp(first, gens, span(open));
        }
        elts.add(first);
        while (accept(COMMA)) {
            if (at(RSQB)) break;
            elts.add(starNamedExpression());
        }
        expect(RSQB);
        return new Expr.List(elts, Ctx.LOAD, span(open));
    }

    private Expr braceDisplay() {
        Token open = next();
        if (accept(RBRACE)) return new Expr.Dict(new ArrayList<>(), new ArrayList<>(), span(open));
        List<Expr> keys = new ArrayList<>();
        List<Expr> values = new ArrayList<>();
        if (accept(DOUBLESTAR)) {
            keys.add(null);
            values.add(bitwiseOr());
            return dictRest(open, keys, values);
        }
        Expr first = starNamedExpression();
        if (at(COLON)) {
            if (first instanceof Expr.Starred) throw error(first.span(), "cannot use a starred expression in a dictionary key");
            p++;
            Expr value = expression();
            if (at(FOR) || at(ASYNC)) {
                List<Comprehension> gens = comprehensions();
                expect(RBRACE);
                return new Expr.DictComp(first, value, gens, span(open));
            }
            keys.add(first);
            values.add(value);
            return dictRest(open, keys, values);
        }
        if (at(FOR) || at(ASYNC)) {
            List<Comprehension> gens = comprehensions(first);
            expect(RBRACE);
            return new Expr.SetComp(first, gens, span(open));
        }
        List<Expr> elts = new ArrayList<>();
        elts.add(first);
        while (accept(COMMA)) {
            if (at(RBRACE)) break;
            elts.add(starNamedExpression());
        }
        expect(RBRACE);
        return new Expr.Set(elts, span(open));
    }

    private Expr dictRest(Token open, List<Expr> keys, List<Expr> values) {
        while (accept(COMMA)) {
            if (at(RBRACE)) break;
            if (accept(DOUBLESTAR)) {
                keys.add(null);
                values.add(bitwiseOr());
            } else {
                keys.add(expression());
                expect(COLON);
                values.add(expression());
            }
        }
        expect(RBRACE);
        return new Expr.Dict(keys, values, span(open));
    }

    /** The for/if clauses after a comprehension's element, which cannot be a starred expression. */
    private List<Comprehension> comprehensions(Expr elt) {
        if (elt instanceof Expr.Starred) throw error(elt.span(), "iterable unpacking cannot be used in comprehension");
        return comprehensions();
    }

    private List<Comprehension> comprehensions() {
        List<Comprehension> gens = new ArrayList<>();
        while (at(FOR) || (at(ASYNC) && kindAt(1) == FOR)) {
            int isAsync = accept(ASYNC) ? 1 : 0;
            expect(FOR);
            Expr target = starTargets();
            expect(IN);
            Expr iter = disjunction();
            List<Expr> ifs = new ArrayList<>();
            while (accept(IF)) ifs.add(disjunction());
            gens.add(new Comprehension(target, iter, ifs, isAsync));
        }
        return gens;
    }

    // ---------------------------------------------------------------- literals

    private Object number(Token t) {
        String s = t.text();
        if (s.indexOf('_') >= 0) s = s.replace("_", "");
        char last = s.charAt(s.length() - 1);
        try {
            if (last == 'j' || last == 'J') return new Expr.Imaginary(Double.parseDouble(s.substring(0, s.length() - 1)));
            if (s.length() > 1 && s.charAt(0) == '0' && Character.isLetter(s.charAt(1))) {
                char k = Character.toLowerCase(s.charAt(1));
                int radix = k == 'x' ? 16 : k == 'o' ? 8 : 2;
                return intValue(s.substring(2), radix);
            }
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '.' || c == 'e' || c == 'E') return Double.parseDouble(s);
            }
            return intValue(s, 10);
        } catch (NumberFormatException e) {
            throw error(t, "invalid number literal");
        }
    }

    private static Object intValue(String digits, int radix) {
        if (digits.length() <= (radix == 10 ? 18 : radix == 16 ? 15 : radix == 8 ? 20 : 62)) {
            return Long.parseLong(digits, radix);
        }
        BigInteger b = new BigInteger(digits, radix);
        return b.bitLength() < 64 ? (Object) b.longValue() : b;
    }

    /** Adjacent string and f-string literals, concatenated into one Constant or JoinedStr. */
    private Expr strings() {
        Token start = peek();
        StringBuilder pending = new StringBuilder();
        List<Expr> parts = null;
        boolean anyBytes = false, anyText = false;
        String kind = null;
        boolean first = true;
        while (at(STRING) || at(FSTRING_START)) {
            Token t = peek();
            if (t.kind() == STRING) {
                p++;
                StringDecoder.Literal lit = StringDecoder.decode(t, src);
                if (first && lit.uPrefix()) kind = "u";
                if (lit.bytes()) anyBytes = true;
                else anyText = true;
                pending.append(lit.text());
            } else {
                anyText = true;
                if (parts == null) parts = new ArrayList<>();
                fstring(pending, parts);
            }
            first = false;
            if (anyBytes && anyText) throw error(t, "cannot mix bytes and nonbytes literals");
        }
        if (parts == null) {
            if (anyBytes) {
                return new Expr.Constant(new Expr.Bytes(pending.toString().getBytes(StandardCharsets.ISO_8859_1)), null, span(start));
            }
            return new Expr.Constant(pending.toString(), kind, span(start));
        }
        if (!pending.isEmpty()) parts.add(new Expr.Constant(pending.toString(), null, span(start)));
        return new Expr.JoinedStr(parts, span(start));
    }

    /** One f-string: literal pieces go to {@code pending}, replacement fields to {@code parts}. */
    private void fstring(StringBuilder pending, List<Expr> parts) {
        Token fs = expect(FSTRING_START);
        while (true) {
            Token t = peek();
            switch (t.kind()) {
                case FSTRING_MIDDLE -> { p++; pending.append(t.text()); }
                case LBRACE -> {
                    FieldResult r = replacementField();
                    if (r.debugText != null) pending.append(r.debugText);
                    if (!pending.isEmpty()) {
                        parts.add(new Expr.Constant(pending.toString(), null, span(fs)));
                        pending.setLength(0);
                    }
                    parts.add(r.value);
                }
                case FSTRING_END -> { p++; return; }
                default -> throw error(t, "f-string: expecting '}'");
            }
        }
    }

    private record FieldResult(Expr value, String debugText) { }

    private FieldResult replacementField() {
        Token lb = expect(LBRACE);
        if (at(RBRACE)) throw error(peek(), "f-string: valid expression required before '}'");
        Expr value = yieldOrStarExpressions();
        String debug = null;
        if (at(EQUAL)) {
            next();
            // The text up to the next token, so "{x = }" keeps the space after '='.
            debug = src.text().substring(lb.end(), peek().start());
        }
        int conversion = -1;
        if (accept(EXCLAMATION)) {
            Token c = peek();
            if (c.kind() != NAME || !(c.text().equals("r") || c.text().equals("s") || c.text().equals("a"))
                    || c.start() != toks.get(p - 1).end()) {
                throw error(c, "f-string: invalid conversion character: expected 's', 'r', or 'a'");
            }
            p++;
            conversion = c.text().charAt(0);
        }
        Expr spec = null;
        if (at(COLON)) {
            Token colon = next();
            List<Expr> specParts = new ArrayList<>();
            StringBuilder pending = new StringBuilder();
            while (!at(RBRACE)) {
                Token t = peek();
                if (t.kind() == FSTRING_MIDDLE) {
                    p++;
                    pending.append(t.text());
                } else if (t.kind() == LBRACE) {
                    FieldResult r = replacementField();
                    if (r.debugText != null) pending.append(r.debugText);
                    if (!pending.isEmpty()) {
                        specParts.add(new Expr.Constant(pending.toString(), null, span(colon)));
                        pending.setLength(0);
                    }
                    specParts.add(r.value);
                } else {
                    throw error(t, "f-string: expecting '}'");
                }
            }
            if (!pending.isEmpty()) specParts.add(new Expr.Constant(pending.toString(), null, span(colon)));
            spec = new Expr.JoinedStr(specParts, span(colon));
        }
        if (!at(RBRACE)) throw error(peek(), "f-string: expecting '}'");
        p++;
        if (debug != null && conversion == -1 && spec == null) conversion = 'r';
        return new FieldResult(new Expr.FormattedValue(value, conversion, spec, span(lb)), debug);
    }
}
