package org.coredev.compiler.desugar;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.coredev.compiler.CompileException;
import org.coredev.python.ast.Arg;
import org.coredev.python.ast.Children;
import org.coredev.python.ast.Expr;
import org.coredev.python.ast.ExceptHandler;
import org.coredev.python.ast.Ops.Ctx;
import org.coredev.python.ast.Ops.Operator;
import org.coredev.python.ast.Ops.UnaryOpKind;
import org.coredev.python.ast.Span;
import org.coredev.python.ast.Stmt;

/**
 * {@code with interleave:} as ARTIQ's interleaving pass (artiq/compiler/transforms/interleaver.py)
 * gives it: each statement of the body is a thread starting at the block's {@code now}; the
 * threads' statements run in the order of the timeline, a thread running until its next delay.
 * That needs every delay known when compiling: {@code delay_mu}/{@code delay} of constants, calls
 * of the program's functions (drivers included) whose delays are constants for the call's
 * constant arguments, and {@code for} loops over constant ranges, unrolled. Statements that do
 * not move time (prints, assignments, control flow without delays) join the thread's next step.
 *
 * <p>The rewrite is straight-line: {@code start = now_mu()}, then each step as
 * {@code at_mu(start + t); statements}, picked by least thread time (the earlier thread on a
 * tie), and finally {@code at_mu(start + latest end)}, as {@code with parallel} ends.
 */
final class Interleaving {
    /** Statements of one thread up to and including one that moves time by {@code delay}. */
    private record Step(List<Stmt> body, long delay) { }

    /** One statement of a thread and the time it takes. */
    private record Timed(Stmt statement, long delay) { }

    /** List and str methods: they never move time. */
    private static final Set<String> TIMELESS_METHODS = Set.of("append", "pop", "extend", "insert", "remove", "index",
            "count", "reverse", "clear", "copy", "sort", "find", "startswith", "endswith", "join", "split", "strip",
            "upper", "lower", "replace", "format", "keys", "values", "items", "get");

    private final String file;
    private final Map<String, Stmt.FunctionDef> functions;
    private final Set<String> measuring = new HashSet<>();

    Interleaving(String file, Map<String, Stmt.FunctionDef> functions) {
        this.file = file;
        this.functions = functions;
    }

    /** The interleaved straight-line statements of {@code w}; {@code id} names its start variable. */
    List<Stmt> rewrite(Stmt.With w, int id) {
        Span at = w.span();
        List<List<Step>> threads = new ArrayList<>();
        for (Stmt s : w.body()) {
            if (s instanceof Stmt.Pass) continue;
            List<Timed> timed = new ArrayList<>();
            thread(s, timed);
            threads.add(steps(timed));
        }
        String start = "__interleave_start_" + id;
        List<Stmt> out = new ArrayList<>();
        out.add(new Stmt.Assign(List.of(new Expr.Name(start, Ctx.STORE, at)), call("now_mu", List.of(), at), null, at));
        long[] time = new long[threads.size()];
        int[] next = new int[threads.size()];
        while (true) {
            int pick = -1;
            for (int k = 0; k < threads.size(); k++)
                if (next[k] < threads.get(k).size() && (pick < 0 || time[k] < time[pick])) pick = k;
            if (pick < 0) break;
            Step step = threads.get(pick).get(next[pick]++);
            out.add(atMu(start, time[pick], at));
            out.addAll(step.body());
            time[pick] += step.delay();
        }
        long end = 0;
        for (long t : time) end = Math.max(end, t);
        out.add(atMu(start, end, at));
        return out;
    }

    /** A thread's statements, timed; {@code with sequential} and unrollable loops spelled out. */
    private void thread(Stmt s, List<Timed> out) {
        List<Long> unrolled = s instanceof Stmt.For f ? unrolled(f) : null;
        switch (s) {
            case Stmt.Return r -> throw leaves(r, "return");
            case Stmt.Break b -> throw leaves(b, "break");
            case Stmt.Continue c -> throw leaves(c, "continue");
            case Stmt.With w when timing(w, "sequential") -> {
                for (Stmt inner : w.body()) thread(inner, out);
            }
            case Stmt.For f when unrolled != null && f.target() instanceof Expr.Name v -> {
                for (long value : unrolled) {
                    out.add(new Timed(new Stmt.Assign(List.of(new Expr.Name(v.id(), Ctx.STORE, f.span())),
                            new Expr.Constant(value, null, f.span()), null, f.span()), 0));
                    for (Stmt inner : f.body()) thread(inner, out);
                }
            }
            default -> {
                Long d = delay(s, Map.of());
                if (d == null)
                    throw new CompileException(file, s.span(), "cannot interleave this statement: how long it takes is "
                            + "not known when compiling (delays of constants, calls of functions with such delays and "
                            + "loops over constant ranges are)");
                out.add(new Timed(s, d));
            }
        }
    }

    /** The loop variable's values when a thread's loop is to be unrolled (a constant range, delays in its body), else null. */
    private List<Long> unrolled(Stmt.For f) {
        if (!f.orelse().isEmpty() || !(f.target() instanceof Expr.Name) || leavesLoop(f.body())) return null;
        Long d = delay(f.body(), Map.of());
        return d == null || d == 0 ? null : range(f.iter(), Map.of());
    }

    private CompileException leaves(Stmt s, String keyword) {
        return new CompileException(file, s.span(), "this '%s' statement transfers control out of the 'with interleave:' statement; it cannot be interleaved".formatted(keyword));
    }

    /** Groups a thread's timed statements into steps, each ending at a statement that moves time. */
    private static List<Step> steps(List<Timed> timed) {
        List<Step> steps = new ArrayList<>();
        List<Stmt> pending = new ArrayList<>();
        for (Timed t : timed) {
            pending.add(t.statement());
            if (t.delay() != 0) {
                steps.add(new Step(pending, t.delay()));
                pending = new ArrayList<>();
            }
        }
        if (!pending.isEmpty()) steps.add(new Step(pending, 0));
        return steps;
    }

    // ---- durations known when compiling ---------------------------------------------------

    /** How far a statement list moves {@code now}, or null when not a compile-time constant. */
    private Long delay(List<Stmt> body, Map<String, Object> env) {
        long total = 0;
        for (Stmt s : body) {
            Long d = delay(s, env);
            if (d == null) return null;
            total += d;
            if (s instanceof Stmt.Return || s instanceof Stmt.Raise) break;
        }
        return total;
    }

    private Long delay(Stmt s, Map<String, Object> env) {
        return switch (s) {
            case Stmt.With w when timing(w, "sequential") -> delay(w.body(), env);
            case Stmt.With w when timing(w, "parallel") || timing(w, "interleave") -> {
                long longest = 0;
                for (Stmt branch : w.body()) {
                    Long d = delay(branch, env);
                    if (d == null) yield null;
                    longest = Math.max(longest, d);
                }
                yield longest;
            }
            case Stmt.ExprStmt e -> delayOfExpressions(e.value(), env);
            case Stmt.If i -> {
                Long test = delayOfExpressions(i.test(), env), then = delay(i.body(), env), orelse = delay(i.orelse(), env);
                yield test != null && test == 0 && then != null && then.equals(orelse) ? then : null;
            }
            case Stmt.For f -> {
                List<Long> values = range(f.iter(), env);
                Long body = delay(f.body(), env);
                if (body == null || !f.orelse().isEmpty() && !Long.valueOf(0).equals(delay(f.orelse(), env))) yield null;
                if (body == 0) yield delayOfExpressions(f.iter(), env);
                yield values != null && !leavesLoop(f.body()) ? body * values.size() : null;
            }
            case Stmt.While w -> Long.valueOf(0).equals(delayOfExpressions(w.test(), env)) && Long.valueOf(0).equals(delay(w.body(), env))
                    && Long.valueOf(0).equals(delay(w.orelse(), env)) ? 0L : null;
            case Stmt.Try t -> {
                List<Stmt> all = new ArrayList<>(t.body());
                for (ExceptHandler h : t.handlers()) all.addAll(h.body());
                all.addAll(t.orelse());
                all.addAll(t.finalbody());
                yield Long.valueOf(0).equals(delay(all, env)) ? 0L : null;
            }
            case Stmt.With w -> null;
            case Stmt.FunctionDef f -> 0L;
            default -> delayOfExpressions(s, env);
        };
    }

    /** The time the calls within a simple statement's expressions take (a lambda's body does not run here). */
    private Long delayOfExpressions(Object node, Map<String, Object> env) {
        if (node instanceof Expr.Call c) return delay(c, env);
        if (node instanceof Expr.Lambda) return 0L;
        long[] total = {0};
        boolean[] unknown = {false};
        Children.forEach(node, child -> {
            if (unknown[0]) return;
            Long d = delayOfExpressions(child, env);
            if (d == null) unknown[0] = true;
            else total[0] += d;
        });
        return unknown[0] ? null : total[0];
    }

    private Long delay(Expr.Call c, Map<String, Object> env) {
        Long args = delayOfExpressions(c.args(), env);
        if (args == null) return null;
        if (c.func() instanceof Expr.Attribute a)
            return TIMELESS_METHODS.contains(a.attr()) ? add(args, delayOfExpressions(a.value(), env)) : null;
        if (!(c.func() instanceof Expr.Name n)) return null;
        switch (n.id()) {
            case "delay_mu" -> {
                return c.args().size() == 1 && constant(c.args().getFirst(), env) instanceof Long mu && mu >= 0 ? add(args, mu) : null;
            }
            case "at_mu", "delay" -> {
                return null;
            }
            default -> { }
        }
        Stmt.FunctionDef f = functions.get(n.id());
        if (f == null) return args;   // builtins, externs and RPCs do not move now
        if (!measuring.add(f.name())) return null;   // recursion
        try {
            Map<String, Object> inner = new HashMap<>();
            List<Arg> params = f.args().args();
            Set<String> stored = new HashSet<>();
            collectStores(f.body(), stored);
            for (int k = 0; k < params.size() && k < c.args().size(); k++) {
                Object value = constant(c.args().get(k), env);
                if (value != null && !stored.contains(params.get(k).arg())) inner.put(params.get(k).arg(), value);
            }
            Long body = delay(f.body(), inner);
            if (body == null || body != 0 && returnsEarly(f.body())) return null;
            return add(args, body);
        } finally {
            measuring.remove(f.name());
        }
    }

    private static Long add(Long a, Long b) { return a == null || b == null ? null : a + b; }

    /** Whether a {@code return} sits inside a compound statement (so later delays may not run). */
    private static boolean returnsEarly(List<Stmt> body) {
        for (Stmt s : body)
            if (!(s instanceof Stmt.Return) && contains(s, Stmt.Return.class)) return true;
        return false;
    }

    /** Whether a loop body may leave an iteration early (unrolling would then be wrong). */
    private static boolean leavesLoop(List<Stmt> body) {
        return contains(body, Stmt.Break.class) || contains(body, Stmt.Continue.class) || contains(body, Stmt.Return.class);
    }

    /** Whether the node holds one of {@code kind}, not looking inside nested functions. */
    private static boolean contains(Object node, Class<?> kind) {
        return Children.any(node, kind::isInstance, n -> !(n instanceof Stmt.FunctionDef));
    }

    private static void collectStores(Object node, Set<String> out) {
        if (node instanceof Expr.Name n && n.ctx() != Ctx.LOAD) out.add(n.id());
        Children.forEach(node, child -> collectStores(child, out));
    }

    /** The values of {@code range(...)} of constants, or null. */
    private List<Long> range(Expr iter, Map<String, Object> env) {
        if (!(iter instanceof Expr.Call c && c.func() instanceof Expr.Name n && n.id().equals("range") && c.keywords().isEmpty()
                && !c.args().isEmpty() && c.args().size() <= 3)) return null;
        long[] bounds = new long[c.args().size()];
        for (int k = 0; k < bounds.length; k++) {
            if (!(constant(c.args().get(k), env) instanceof Long v)) return null;
            bounds[k] = v;
        }
        long lo = bounds.length == 1 ? 0 : bounds[0], hi = bounds.length == 1 ? bounds[0] : bounds[1];
        long step = bounds.length == 3 ? bounds[2] : 1;
        if (step == 0) return null;
        List<Long> values = new ArrayList<>();
        for (long v = lo; step > 0 ? v < hi : v > hi; v += step) {
            if (values.size() == 10_000) return null;   // not worth unrolling
            values.add(v);
        }
        return values;
    }

    /** An integer (Long) or float (Double) constant expression's value, or null. */
    private static Object constant(Expr e, Map<String, Object> env) {
        return switch (e) {
            case Expr.Constant c when c.value() instanceof Long || c.value() instanceof Double -> c.value();
            case Expr.Name n -> env.get(n.id());
            case Expr.UnaryOp u when u.op() == UnaryOpKind.USUB -> switch (constant(u.operand(), env)) {
                case Long l -> -l;
                case Double d -> -d;
                case null, default -> null;
            };
            case Expr.UnaryOp u when u.op() == UnaryOpKind.UADD -> constant(u.operand(), env);
            case Expr.BinOp b -> arithmetic(b.op(), constant(b.left(), env), constant(b.right(), env));
            case Expr.Call c when c.func() instanceof Expr.Name n && c.args().size() == 1 && c.keywords().isEmpty() -> {
                Object v = constant(c.args().getFirst(), env);
                yield switch (n.id()) {
                    case "round" -> v instanceof Double d ? (Object) (long) Math.rint(d) : v;
                    case "int", "int32", "int64" -> v instanceof Double d ? (Object) (long) (double) d : v;
                    case "float" -> v instanceof Long l ? (Object) (double) l : v;
                    default -> null;
                };
            }
            default -> null;
        };
    }

    private static Object arithmetic(Operator op, Object a, Object b) {
        if (a == null || b == null) return null;
        if (a instanceof Long x && b instanceof Long y) {
            return switch (op) {
                case ADD -> x + y;
                case SUB -> x - y;
                case MULT -> x * y;
                case FLOORDIV -> y == 0 ? null : Math.floorDiv(x, y);
                case MOD -> y == 0 ? null : Math.floorMod(x, y);
                case DIV -> y == 0 ? null : (double) x / y;
                default -> null;
            };
        }
        double x = ((Number) a).doubleValue(), y = ((Number) b).doubleValue();
        return switch (op) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MULT -> x * y;
            case DIV -> y == 0 ? null : x / y;
            case FLOORDIV -> y == 0 ? null : Math.floor(x / y);
            default -> null;
        };
    }

    // ---- building --------------------------------------------------------------------------

    static boolean timing(Stmt.With w, String kind) {
        return w.items().size() == 1 && w.items().getFirst().optionalVars() == null
                && w.items().getFirst().contextExpr() instanceof Expr.Name n && n.id().equals(kind);
    }

    private static Stmt atMu(String start, long offset, Span at) {
        Expr time = new Expr.BinOp(new Expr.Name(start, Ctx.LOAD, at), Operator.ADD,
                call("int64", List.of(new Expr.Constant(offset, null, at)), at), at);
        return new Stmt.ExprStmt(call("at_mu", List.of(time), at), at);
    }

    private static Expr call(String function, List<Expr> args, Span at) {
        return new Expr.Call(new Expr.Name(function, Ctx.LOAD, at), args, List.of(), at);
    }
}
