package org.coredev.compiler.desugar;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coredev.compiler.CompileException;
import org.coredev.python.ast.Arg;
import org.coredev.python.ast.Arguments;
import org.coredev.python.ast.Children;
import org.coredev.python.ast.Expr;
import org.coredev.python.ast.Keyword;
import org.coredev.python.ast.Module;
import org.coredev.python.ast.Ops.Ctx;
import org.coredev.python.ast.Ops.Operator;
import org.coredev.python.ast.Span;
import org.coredev.python.ast.Stmt;
import org.coredev.python.ast.WithItem;

/**
 * Rewrites the kernel language's conveniences into the core language type inference knows:
 * <ul>
 * <li>calls of the program's functions with keyword arguments or omitted defaulted parameters
 *     become positional calls (defaults must be constants, copied to each call);</li>
 * <li>{@code delay(s)} becomes {@code delay_mu(round(s / ref_period))} (ARTIQ's
 *     artiq_ir_generator.py), {@code seconds_to_mu(s)} {@code int64(s // ref_period)} and
 *     {@code mu_to_seconds(mu)} {@code mu * ref_period} (artiq/coredevice/core.py);</li>
 * <li>{@code with parallel:} runs each statement of its body from the same {@code now} and
 *     leaves {@code now} at the latest end; {@code with sequential:} is its body (a single
 *     branch inside {@code parallel}), as ARTIQ's interleaving does for straight-line code;
 *     {@code with interleave:} runs its threads in timeline order ({@link Interleaving});</li>
 * <li>the unit names of artiq.language.units ({@code ns us ms s Hz kHz MHz GHz}) the program
 *     never assigns are their float values.</li>
 * </ul>
 */
public final class Desugaring {
    private final String file;
    private final double refPeriod;
    private final Map<String, Arguments> functions = new HashMap<>();
    private final java.util.Set<String> assigned = new java.util.HashSet<>();
    /** artiq/language/units.py: the SI prefixes ARTIQ experiments use with seconds and hertz. */
    private static final Map<String, Double> UNITS = Map.of("ps", 1e-12, "ns", 1e-9, "us", 1e-6, "ms", 1e-3, "s", 1.0,
            "Hz", 1.0, "kHz", 1e3, "MHz", 1e6, "GHz", 1e9);
    private int temps;
    /** The module's classes without bases (kernel classes), by name. */
    private final Map<String, Stmt.ClassDef> kernelClasses = new HashMap<>();
    private Interleaving interleaving;

    private Desugaring(String file, double refPeriod) {
        this.file = file;
        this.refPeriod = refPeriod;
    }

    /** The program with the conveniences above spelled out; {@code refPeriod} is the core's, in seconds. */
    public static Module desugar(String file, Module module, double refPeriod) {
        Desugaring d = new Desugaring(file, refPeriod);
        module = ComprehensionScopes.apply(module);
        for (Stmt s : module.body())
            if (s instanceof Stmt.FunctionDef f) d.functions.putIfAbsent(f.name(), f.args());
        d.collectAssigned(module.body());
        for (Stmt s : module.body())
            if (s instanceof Stmt.ClassDef c && c.bases().isEmpty()) d.kernelClasses.put(c.name(), c);
        @SuppressWarnings("unchecked")
        List<Stmt> body = (List<Stmt>) d.rewrite(module.body());
        Map<String, Stmt.FunctionDef> definitions = new HashMap<>();
        for (Stmt s : body) if (s instanceof Stmt.FunctionDef f) definitions.putIfAbsent(f.name(), f);
        d.interleaving = new Interleaving(file, definitions);
        return new Module(d.statements(body), module.typeIgnores());
    }

    /** The core's ref_period from a device database (its "core" entry's arguments), or 1 ns. */
    public static double refPeriod(Map<String, ?> deviceDb) {
        if (deviceDb.get("core") instanceof Map<?, ?> core && core.get("arguments") instanceof Map<?, ?> args
                && args.get("ref_period") instanceof Number p && p.doubleValue() > 0)
            return p.doubleValue();
        return 1e-9;
    }

    // ---- statements ------------------------------------------------------------------------

    /** Rewrites a statement list, expanding {@code with parallel/sequential} blocks in place. */
    private List<Stmt> statements(List<Stmt> body) {
        List<Stmt> out = new ArrayList<>();
        for (Stmt s : body) {
            switch (s) {
                case Stmt.With w when w.items().size() == 1 && w.items().getFirst().contextExpr() instanceof Expr.Call c
                        && c.func() instanceof Expr.Name n && kernelClasses.containsKey(n.id()) && !assigned.contains(n.id()) ->
                        out.addAll(statements(contextManager(w, kernelClasses.get(n.id()))));
                case Stmt.With w when Interleaving.timing(w, "interleave") ->
                        out.addAll(statements(interleaving.rewrite(w, temps++)));
                case Stmt.With w when timing(w) != null -> {
                    if (timing(w).equals("sequential")) out.addAll(statements(w.body()));
                    else out.addAll(parallel(w));
                }
                // [a, b] = ... is a, b = ...; with a list literal on the right, a, b = x, y
                case Stmt.Assign a when a.targets().size() == 1 && a.targets().getFirst() instanceof Expr.List target -> {
                    Expr value = a.value() instanceof Expr.List l && l.elts().size() == target.elts().size()
                            ? new Expr.Tuple(l.elts(), Ctx.LOAD, l.span()) : a.value();
                    out.add(new Stmt.Assign(List.of(new Expr.Tuple(target.elts(), Ctx.STORE, target.span())), value,
                            a.typeComment(), a.span()));
                }
                case Stmt.FunctionDef f -> out.add(new Stmt.FunctionDef(f.name(), withoutDefaults(f), statements(f.body()),
                        f.decoratorList(), f.returns(), f.typeComment(), f.typeParams(), f.span()));
                case Stmt.If i -> out.add(new Stmt.If(i.test(), statements(i.body()), statements(i.orelse()), i.span()));
                case Stmt.While w -> out.add(new Stmt.While(w.test(), statements(w.body()), statements(w.orelse()), w.span()));
                case Stmt.For f -> out.add(new Stmt.For(f.target(), f.iter(), statements(f.body()), statements(f.orelse()),
                        f.typeComment(), f.span()));
                case Stmt.Try t -> {
                    List<org.coredev.python.ast.ExceptHandler> handlers = new ArrayList<>();
                    for (var h : t.handlers())
                        handlers.add(new org.coredev.python.ast.ExceptHandler(h.type(), h.name(), statements(h.body()), h.span()));
                    out.add(new Stmt.Try(statements(t.body()), handlers, statements(t.orelse()), statements(t.finalbody()), t.span()));
                }
                default -> out.add(s);
            }
        }
        return out;
    }

    /** "parallel" or "sequential" for {@code with parallel:} / {@code with sequential:}, else null. */
    private static String timing(Stmt.With w) {
        if (w.items().size() != 1 || w.items().get(0).optionalVars() != null) return null;
        if (w.items().get(0).contextExpr() instanceof Expr.Name n && (n.id().equals("parallel") || n.id().equals("sequential")))
            return n.id();
        return null;
    }

    /**
     * {@code with parallel: a; b} becomes
     * {@code start = now_mu(); end = start; a; end = max(end, now_mu()); at_mu(start); b;
     * end = max(end, now_mu()); at_mu(end)}.
     */
    private List<Stmt> parallel(Stmt.With w) {
        Span at = w.span();
        int n = temps++;
        String start = "__parallel_start_" + n, end = "__parallel_end_" + n;
        List<Stmt> out = new ArrayList<>();
        out.add(assign(start, call("now_mu", List.of(), at), at));
        out.add(assign(end, name(start, at), at));
        boolean first = true;
        for (Stmt branch : w.body()) {
            if (branch instanceof Stmt.Pass) continue;
            if (branch instanceof Stmt.Return || branch instanceof Stmt.Break || branch instanceof Stmt.Continue)
                throw new CompileException(file, branch.span(), "return, break and continue cannot leave 'with parallel' here");
            if (!first) out.add(new Stmt.ExprStmt(call("at_mu", List.of(name(start, at)), at), at));
            first = false;
            out.addAll(statements(List.of(branch)));
            out.add(assign(end, call("max", List.of(name(end, at), call("now_mu", List.of(), at)), at), at));
        }
        out.add(new Stmt.ExprStmt(call("at_mu", List.of(name(end, at)), at), at));
        return out;
    }

    /**
     * {@code with C() as v: body} for a kernel class C: {@code m = C(); v = m.__enter__()}, then
     * the body in a {@code try} whose {@code finally} calls {@code m.__exit__(None, None, None)}.
     * An {@code __exit__} that returns a value (Python's way to swallow the exception) is refused.
     */
    private List<Stmt> contextManager(Stmt.With w, Stmt.ClassDef cls) {
        Span at = w.span();
        for (Stmt s : cls.body()) {
            if (s instanceof Stmt.FunctionDef f && f.name().equals("__exit__") && returnsValue(f.body()))
                throw new CompileException(file, f.span(), "an __exit__ that returns a value (to swallow the exception) is not supported");
        }
        String manager = "__with_" + temps++;
        WithItem item = w.items().getFirst();
        List<Stmt> out = new ArrayList<>();
        out.add(assign(manager, item.contextExpr(), at));
        Expr enter = new Expr.Call(new Expr.Attribute(name(manager, at), "__enter__", Ctx.LOAD, at), List.of(), List.of(), at);
        out.add(item.optionalVars() != null ? new Stmt.Assign(List.of(item.optionalVars()), enter, null, at) : new Stmt.ExprStmt(enter, at));
        Expr none = new Expr.Constant(Expr.Singleton.NONE, null, at);
        Expr exit = new Expr.Call(new Expr.Attribute(name(manager, at), "__exit__", Ctx.LOAD, at), List.of(none, none, none), List.of(), at);
        out.add(new Stmt.Try(w.body(), List.of(), List.of(), List.of(new Stmt.ExprStmt(exit, at)), at));
        return out;
    }

    /** Whether the body returns something other than None (nested functions aside). */
    public static boolean returnsValue(List<Stmt> body) {
        return Children.any(body, n -> n instanceof Stmt.Return r && r.value() != null
                        && !(r.value() instanceof Expr.Constant c && c.value() == Expr.Singleton.NONE),
                n -> !(n instanceof Stmt.FunctionDef || n instanceof Expr.Lambda));
    }

    private static Stmt assign(String target, Expr value, Span at) {
        return new Stmt.Assign(List.of(new Expr.Name(target, Ctx.STORE, at)), value, null, at);
    }

    private static Expr name(String id, Span at) { return new Expr.Name(id, Ctx.LOAD, at); }

    private static Expr call(String function, List<Expr> args, Span at) {
        return new Expr.Call(name(function, at), args, List.of(), at);
    }

    private Arguments withoutDefaults(Stmt.FunctionDef f) {
        Arguments a = f.args();
        for (Expr d : a.defaults()) requireConstant(d);
        return new Arguments(a.posonlyargs(), a.args(), a.vararg(), a.kwonlyargs(), a.kwDefaults(), a.kwarg(), List.of());
    }

    private void requireConstant(Expr e) {
        if (!isConstant(e)) throw new CompileException(file, e.span(), "a parameter's default must be a constant expression");
    }

    /** Constants and arithmetic on constants (units included: {@code 1 * us}). */
    private static boolean isConstant(Expr e) {
        return switch (e) {
            case Expr.Constant c -> true;
            case Expr.UnaryOp u -> isConstant(u.operand());
            case Expr.BinOp b -> isConstant(b.left()) && isConstant(b.right());
            // int64(-1): a typed constant (the drivers' ref_time_mu=int64(-1), as in ad9910.py)
            case Expr.Call c when c.func() instanceof Expr.Name n && (n.id().equals("int64") || n.id().equals("int32"))
                    && c.args().size() == 1 && c.keywords().isEmpty() -> isConstant(c.args().getFirst());
            default -> false;
        };
    }

    // ---- expressions -----------------------------------------------------------------------

    /** Names the program binds anywhere (variables, parameters, functions): never units. */
    private void collectAssigned(Object node) {
        if (node == null) return;
        switch (node) {
            case Expr.Name n when n.ctx() == Ctx.STORE -> assigned.add(n.id());
            case Stmt.FunctionDef f -> assigned.add(f.name());
            case Arg a -> assigned.add(a.arg());
            case Stmt.Global g -> assigned.addAll(g.names());
            default -> { }
        }
        Children.forEach(node, this::collectAssigned);
    }

    private Object rewrite(Object node) {
        Object result = Children.map(node, this::rewrite);
        if (result instanceof Expr.Name n && n.ctx() == Ctx.LOAD && UNITS.containsKey(n.id()) && !assigned.contains(n.id()))
            return new Expr.Constant(UNITS.get(n.id()), null, n.span());
        return result instanceof Expr.Call c ? call(c) : result;
    }

    private Expr call(Expr.Call c) {
        if (!(c.func() instanceof Expr.Name n)) return c;
        Span at = c.span();
        Expr ref = new Expr.Constant(refPeriod, null, at);
        if (functions.containsKey(n.id())) return positional(c, n.id(), functions.get(n.id()));
        if (assigned.contains(n.id())) return c;
        if (c.args().isEmpty() && c.keywords().isEmpty()) {   // Python's zero values
            switch (n.id()) {
                case "bool" -> { return new Expr.Constant(Boolean.FALSE, null, at); }
                case "int" -> { return new Expr.Constant(0L, null, at); }
                case "float" -> { return new Expr.Constant(0.0, null, at); }
                case "list" -> { return new Expr.List(List.of(), Ctx.LOAD, at); }
                default -> { }
            }
        }
        if (n.id().equals("list") && c.args().size() == 1 && c.keywords().isEmpty() && !(c.args().getFirst() instanceof Expr.Starred)) {
            // list(iterable): a new list of its elements, as the comprehension [v for v in iterable]
            String v = "__list_element_" + temps++;
            return new Expr.ListComp(name(v, at), List.of(new org.coredev.python.ast.Comprehension(
                    new Expr.Name(v, Ctx.STORE, at), c.args().getFirst(), List.of(), 0)), at);
        }
        return switch (n.id()) {
            case "delay" -> {
                one(c);
                Expr mu = call("round", List.of(new Expr.BinOp(c.args().get(0), Operator.DIV, ref, at)), at);
                yield call("delay_mu", List.of(mu), at);
            }
            case "seconds_to_mu" -> {
                one(c);
                yield call("int64", List.of(new Expr.BinOp(c.args().get(0), Operator.FLOORDIV, ref, at)), at);
            }
            case "mu_to_seconds" -> {
                one(c);
                yield new Expr.BinOp(c.args().get(0), Operator.MULT, ref, at);
            }
            default -> c;
        };
    }

    private void one(Expr.Call c) {
        if (c.args().size() != 1 || !c.keywords().isEmpty() || c.args().get(0) instanceof Expr.Starred)
            throw new CompileException(file, c.span(), "%s() takes 1 argument".formatted(((Expr.Name) c.func()).id()));
    }

    /** A call of a program function with its keyword arguments and defaults placed by position. */
    private Expr positional(Expr.Call c, String function, Arguments params) {
        List<Arg> names = params.args();
        if (c.keywords().isEmpty() && c.args().size() >= names.size()) return c;   // arity checked later
        if (c.args().size() > names.size()) return c;
        Map<String, Expr> given = new LinkedHashMap<>();
        for (int k = 0; k < c.args().size(); k++) given.put(names.get(k).arg(), c.args().get(k));
        for (Keyword kw : c.keywords()) {
            if (kw.arg() == null) throw new CompileException(file, kw.span(), "**kwargs calls are not supported");
            if (names.stream().noneMatch(p -> p.arg().equals(kw.arg())))
                throw new CompileException(file, kw.span(), "%s() got an unexpected keyword argument '%s'".formatted(function, kw.arg()));
            if (given.put(kw.arg(), kw.value()) != null)
                throw new CompileException(file, kw.span(), "%s() got multiple values for argument '%s'".formatted(function, kw.arg()));
        }
        List<Expr> args = new ArrayList<>();
        int firstDefault = names.size() - params.defaults().size();
        for (int k = 0; k < names.size(); k++) {
            Expr v = given.get(names.get(k).arg());
            if (v == null && k >= firstDefault) v = params.defaults().get(k - firstDefault);
            if (v == null)
                throw new CompileException(file, c.span(), "%s() missing required argument '%s'".formatted(function, names.get(k).arg()));
            args.add(v);
        }
        return new Expr.Call(c.func(), args, List.of(), c.span());
    }

}
