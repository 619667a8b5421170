package org.coredev.compiler.desugar;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.coredev.compiler.CompileException;
import org.coredev.python.ast.Arg;
import org.coredev.python.ast.Arguments;
import org.coredev.python.ast.Children;
import org.coredev.python.ast.ExceptHandler;
import org.coredev.python.ast.Expr;
import org.coredev.python.ast.Ops.Ctx;
import org.coredev.python.ast.Module;
import org.coredev.python.ast.Stmt;

/**
 * Functions defined in a function's body that read the enclosing function's variables and are
 * only called (never stored or returned): each becomes a module function {@code outer.inner}
 * whose first parameters are the enclosing variables it reads, passed at each call. Python's
 * closure reads the variable when the inner function runs, which is when the call passes it, so
 * the result is the same while the function does not escape (a use other than a call is an
 * error of the type inference, as an unknown name). {@code nonlocal} is refused.
 */
public final class NestedFunctions {
    private final String file;
    private final List<Stmt> lifted = new ArrayList<>();

    private NestedFunctions(String file) { this.file = file; }

    /** The module with every nested function of its functions lifted to the module. */
    public static Module lift(String file, Module module) {
        NestedFunctions n = new NestedFunctions(file);
        List<Stmt> body = new ArrayList<>();
        List<Stmt> top = n.lambdasAsFunctions(module.body());
        for (Stmt s : top) body.add(s instanceof Stmt.FunctionDef f ? n.function(f, f.name()) : s);
        if (n.lifted.isEmpty()) return top == module.body() ? module : new Module(body, module.typeIgnores());
        body.addAll(0, n.lifted);
        return new Module(body, module.typeIgnores());
    }

    /** {@code f} (named {@code name} in the module) without its nested functions, which go to {@link #lifted}. */
    private Stmt.FunctionDef function(Stmt.FunctionDef f, String name) {
        Map<String, Stmt.FunctionDef> inner = new LinkedHashMap<>();
        List<Stmt> rest = new ArrayList<>();
        List<Stmt> statements = lambdasAsFunctions(f.body());
        if (statements != f.body())
            f = new Stmt.FunctionDef(f.name(), f.args(), statements, f.decoratorList(), f.returns(), f.typeComment(), f.typeParams(), f.span());
        for (Stmt s : f.body()) {
            if (s instanceof Stmt.FunctionDef g) inner.put(g.name(), g);
            else rest.add(s);
        }
        if (inner.isEmpty()) return f;
        Set<String> outerLocals = bound(f);
        // What each inner function reads of the enclosing function, also through the siblings it calls.
        Map<String, Set<String>> free = new LinkedHashMap<>();
        for (Stmt.FunctionDef g : inner.values()) {
            Set<String> mine = bound(g), reads = new LinkedHashSet<>();
            collect(g.body(), reads, false);
            reads.removeAll(mine);
            reads.retainAll(outerLocals);
            reads.removeAll(inner.keySet());
            free.put(g.name(), reads);
        }
        for (boolean changed = true; changed; ) {
            changed = false;
            for (Stmt.FunctionDef g : inner.values()) {
                Set<String> calls = new LinkedHashSet<>();
                collect(g.body(), calls, false);
                for (String callee : calls)
                    if (inner.containsKey(callee) && !callee.equals(g.name()) && !bound(g).contains(callee))
                        for (String v : free.get(callee)) if (!bound(g).contains(v)) changed |= free.get(g.name()).add(v);
            }
        }
        for (Stmt.FunctionDef g : inner.values()) {
            List<Arg> params = new ArrayList<>();
            for (String v : free.get(g.name())) params.add(new Arg(v, null, null, g.span()));
            params.addAll(g.args().args());
            Arguments a = g.args();
            Arguments args = new Arguments(a.posonlyargs(), params, a.vararg(), a.kwonlyargs(), a.kwDefaults(), a.kwarg(), a.defaults());
            Stmt.FunctionDef renamed = new Stmt.FunctionDef(name + "." + g.name(), args,
                    calls(g.body(), inner, free, name, bound(g)), g.decoratorList(), g.returns(), g.typeComment(), g.typeParams(), g.span());
            lifted.add(function(renamed, renamed.name()));
        }
        return new Stmt.FunctionDef(f.name(), f.args(), calls(rest, inner, free, name, Set.of()), f.decoratorList(), f.returns(),
                f.typeComment(), f.typeParams(), f.span());
    }

    /**
     * {@code f = lambda args: e}, a statement of this body whose name nothing else in it assigns,
     * as {@code def f(args): return e} (a lambda is a function without a name; as a def it is
     * lifted like any inner function). The same list if there is none.
     */
    private List<Stmt> lambdasAsFunctions(List<Stmt> body) {
        List<Stmt> out = new ArrayList<>();
        boolean changed = false;
        // (lambda x: x + 1)(2): the lambda as a def named by its position, then a call of that name
        for (Stmt s : body) {
            List<Stmt.FunctionDef> defs = new ArrayList<>();
            Stmt rewritten = (Stmt) calledLambdas(s, defs);
            out.addAll(defs);
            out.add(rewritten);
            changed |= rewritten != s;
        }
        for (int k = 0; k < out.size(); k++) {
            if (!(out.get(k) instanceof Stmt.Assign a && a.targets().size() == 1 && a.targets().getFirst() instanceof Expr.Name n
                    && a.value() instanceof Expr.Lambda l)) continue;
            boolean reassigned = false;
            for (int j = 0; j < out.size(); j++) {
                if (j == k) continue;
                Set<String> stores = new LinkedHashSet<>();
                collect(out.get(j), stores, true);
                if (stores.contains(n.id()) || out.get(j) instanceof Stmt.FunctionDef g && g.name().equals(n.id())) reassigned = true;
            }
            if (reassigned) continue;
            out.set(k, new Stmt.FunctionDef(n.id(), l.args(), List.of(new Stmt.Return(l.body(), l.body().span())), List.of(), null,
                    null, List.of(), a.span()));
            changed = true;
        }
        return changed ? out : body;
    }

    /**
     * {@code node} with each lambda it calls directly replaced by the name of a def added to
     * {@code defs} ({@code <lambda:LINE:COL>}); nested functions are left to their own pass.
     */
    private Object calledLambdas(Object node, List<Stmt.FunctionDef> defs) {
        if (node instanceof Stmt.FunctionDef || node instanceof Expr.Lambda) return node;
        Object result = Children.map(node, child -> calledLambdas(child, defs));
        if (result instanceof Expr.Call c && c.func() instanceof Expr.Lambda l) {
            String name = "<lambda:%d:%d>".formatted(l.span().line(), l.span().col() + 1);
            defs.add(new Stmt.FunctionDef(name, l.args(), List.of(new Stmt.Return(l.body(), l.body().span())), List.of(), null,
                    null, List.of(), l.span()));
            return new Expr.Call(new Expr.Name(name, Ctx.LOAD, l.span()), c.args(), c.keywords(), c.span());
        }
        return result;
    }

    /** Parameters and assigned names of a function (not those of its nested functions). */
    private Set<String> bound(Stmt.FunctionDef f) {
        Set<String> out = new LinkedHashSet<>();
        for (Arg a : f.args().args()) out.add(a.arg());
        collect(f.body(), out, true);
        return out;
    }

    /** Adds the names the nodes store ({@code stores}) or load, not descending into nested functions. */
    private void collect(Object node, Set<String> into, boolean stores) {
        switch (node) {
            case null -> { return; }
            case Stmt.Nonlocal n -> throw new CompileException(file, n.span(), "nonlocal is not supported (an inner function reads the enclosing variables only)");
            case Stmt.FunctionDef f -> { return; }
            case Expr.Name n -> { if ((n.ctx() == Ctx.LOAD) != stores) into.add(n.id()); return; }
            case ExceptHandler h when stores && h.name() != null -> into.add(h.name());
            default -> { }
        }
        Children.forEach(node, child -> collect(child, into, stores));
    }

    /** The statements with each call of an inner function {@code g(...)} made {@code outer.g(free..., ...)}. */
    @SuppressWarnings("unchecked")
    private List<Stmt> calls(List<Stmt> body, Map<String, Stmt.FunctionDef> inner, Map<String, Set<String>> free, String outer,
                             Set<String> shadowed) {
        return (List<Stmt>) rewrite(body, inner, free, outer, shadowed);
    }

    private Object rewrite(Object node, Map<String, Stmt.FunctionDef> inner, Map<String, Set<String>> free, String outer, Set<String> shadowed) {
        if (node instanceof Stmt.FunctionDef) return node;
        Object result = Children.copy(node, child -> rewrite(child, inner, free, outer, shadowed));
        if (result instanceof Expr.Call c && c.func() instanceof Expr.Name n && inner.containsKey(n.id()) && !shadowed.contains(n.id())) {
            List<Expr> args = new ArrayList<>();
            for (String v : free.get(n.id())) args.add(new Expr.Name(v, Ctx.LOAD, c.span()));
            args.addAll(c.args());
            return new Expr.Call(new Expr.Name(outer + "." + n.id(), Ctx.LOAD, n.span()), args, c.keywords(), c.span());
        }
        return result;
    }
}
