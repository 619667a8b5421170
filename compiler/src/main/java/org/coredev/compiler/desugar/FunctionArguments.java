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
import org.coredev.python.ast.Expr;
import org.coredev.python.ast.Module;
import org.coredev.python.ast.Ops.Ctx;
import org.coredev.python.ast.Stmt;

/**
 * Functions passed as arguments: {@code catch(lambda: 1 / 0)} or {@code apply(square, 3)} where
 * the called function only calls that parameter. The call becomes a call of a copy of the
 * function made for that argument ({@code catch<lambda:12:7>}), whose body calls the argument
 * by name, and a lambda becomes a module function named by its position. ARTIQ passes a closure
 * (a code and an environment pointer); calling it is all such a parameter allows here, so the
 * copy computes the same. A lambda passed so may read its parameters and module variables, not
 * the locals of the function it is written in (those would need the closure's environment).
 * Copies are made once per function and argument, also for the calls inside copies.
 */
public final class FunctionArguments {
    private final String file;
    private final Map<String, Stmt.FunctionDef> functions = new LinkedHashMap<>();
    /** Copies made, by their name. */
    private final Map<String, Stmt.FunctionDef> copies = new LinkedHashMap<>();
    private final List<Stmt> added = new ArrayList<>();
    /** The functions (originals or copies) that copies were made of. */
    private final Set<String> copiedFrom = new LinkedHashSet<>();

    private FunctionArguments(String file) { this.file = file; }

    public static Module specialize(String file, Module module) {
        FunctionArguments p = new FunctionArguments(file);
        for (Stmt s : module.body()) if (s instanceof Stmt.FunctionDef f) p.functions.putIfAbsent(f.name(), f);
        List<Stmt> body = new ArrayList<>();
        boolean changed = false;
        for (Stmt s : module.body()) {
            Stmt r;
            if (s instanceof Stmt.FunctionDef f) {
                Set<String> locals = NamesBound.of(f);
                r = (Stmt) Children.map(f, child -> p.rewrite(child, locals));
            } else r = (Stmt) p.rewrite(s, Set.of());
            changed |= r != s;
            body.add(r);
        }
        if (!changed) return module;
        body.addAll(0, p.added);
        // A function all of whose calls now go to its copies is dropped (its parameter, a function,
        // has no type), and so, in turn, what only it called.
        for (boolean removed = true; removed; ) {
            removed = false;
            for (Stmt s : body) {
                if (!(s instanceof Stmt.FunctionDef f) || !p.copiedFrom.contains(f.name())) continue;
                Set<String> read = new LinkedHashSet<>();
                for (Stmt other : body) if (other != s) NamesBound.reads(other, read);
                if (!read.contains(f.name())) {
                    body.remove(s);
                    removed = true;
                    break;
                }
            }
        }
        return new Module(body, module.typeIgnores());
    }

    private Object rewrite(Object node, Set<String> locals) {
        return switch (node) {
            case null -> null;
            case Stmt.FunctionDef f -> f;   // a nested function: NestedFunctions' business
            case Expr.Call c when c.func() instanceof Expr.Name n && !locals.contains(n.id()) && functions.containsKey(n.id()) -> {
                Expr.Call call = (Expr.Call) Children.map(c, child -> rewrite(child, locals));
                yield specializedCall(call, functions.get(n.id()), locals);
            }
            default -> Children.map(node, child -> rewrite(child, locals));
        };
    }

    /** The call with each function argument of a parameter that is only called moved into a copy of the callee. */
    private Expr.Call specializedCall(Expr.Call call, Stmt.FunctionDef callee, Set<String> locals) {
        List<Arg> params = callee.args().args();
        for (int k = 0; k < call.args().size() && k < params.size(); k++) {
            String fn = functionArgument(call.args().get(k), locals);
            if (fn == null || !onlyCalled(callee.body(), params.get(k).arg())) continue;
            Stmt.FunctionDef copy = copyFor(callee, k, fn);
            List<Expr> args = new ArrayList<>(call.args());
            args.remove(k);
            return specializedCall(new Expr.Call(new Expr.Name(copy.name(), Ctx.LOAD, call.func().span()), args, call.keywords(), call.span()),
                    copy, locals);
        }
        return call;
    }

    /** The module function an argument is (a lambda lifted to one), or null if it is no function. */
    private String functionArgument(Expr arg, Set<String> locals) {
        if (arg instanceof Expr.Name n && !locals.contains(n.id()) && functions.containsKey(n.id())) return n.id();
        if (!(arg instanceof Expr.Lambda l)) return null;
        String name = "<lambda:%d:%d>".formatted(l.span().line(), l.span().col() + 1);
        if (functions.containsKey(name)) return name;
        Set<String> reads = new LinkedHashSet<>();
        NamesBound.reads(l.body(), reads);
        for (Arg a : l.args().args()) reads.remove(a.arg());
        for (String r : reads)
            if (locals.contains(r))
                throw new CompileException(file, l.span(), ("a lambda passed as an argument reads '%s', a local of the function it is in: "
                        + "it may read its parameters and module variables only").formatted(r));
        Stmt.FunctionDef def = new Stmt.FunctionDef(name, l.args(), List.of(new Stmt.Return(l.body(), l.body().span())),
                List.of(), null, null, List.of(), l.span());
        functions.put(name, def);
        added.add(def);
        return name;
    }

    /** The copy of {@code callee} without parameter {@code k}, calling {@code fn} where it called that parameter. */
    private Stmt.FunctionDef copyFor(Stmt.FunctionDef callee, int k, String fn) {
        String name = "%s<%s>".formatted(callee.name(), fn);
        Stmt.FunctionDef made = copies.get(name);
        if (made != null) return made;
        copiedFrom.add(callee.name());
        String param = callee.args().args().get(k).arg();
        List<Arg> params = new ArrayList<>(callee.args().args());
        params.remove(k);
        Arguments a = callee.args();
        // Defaults belong to the last parameters: one before the removed one keeps its own.
        List<Expr> defaults = new ArrayList<>(a.defaults());
        int firstDefault = a.args().size() - defaults.size();
        if (k >= firstDefault) defaults.remove(k - firstDefault);
        Arguments args = new Arguments(a.posonlyargs(), params, a.vararg(), a.kwonlyargs(), a.kwDefaults(), a.kwarg(), defaults);
        @SuppressWarnings("unchecked")
        List<Stmt> body = (List<Stmt>) Children.copy(callee.body(), node -> callsOf(node, param, fn));
        made = new Stmt.FunctionDef(name, args, body, callee.decoratorList(), callee.returns(), callee.typeComment(),
                callee.typeParams(), callee.span());
        copies.put(name, made);
        functions.put(name, made);
        Set<String> locals = NamesBound.of(made);
        Stmt.FunctionDef rewritten = (Stmt.FunctionDef) Children.map(made, child -> rewrite(child, locals));   // calls inside it, specialized too
        copies.put(name, rewritten);
        functions.put(name, rewritten);
        added.add(rewritten);
        return rewritten;
    }

    private static Object callsOf(Object node, String param, String fn) {
        if (node instanceof Expr.Name n && n.id().equals(param)) return new Expr.Name(fn, n.ctx(), n.span());
        return Children.copy(node, child -> callsOf(child, param, fn));
    }

    /**
     * Whether every use of {@code name} in the body is as the function of a call, or as an
     * argument of a call of a module function (whose copy will take it in turn), and nothing
     * assigns it.
     */
    private boolean onlyCalled(List<Stmt> body, String name) {
        Uses uses = new Uses();
        count(body, name, uses);
        return uses.called > 0 && !uses.otherwise;
    }

    /** How a parameter is used: as a callee (or handed on to a module function), and whether in any other way. */
    private static final class Uses {
        int called;
        boolean otherwise;
    }

    private void count(Object node, String name, Uses uses) {
        switch (node) {
            case null -> { return; }
            case Stmt.FunctionDef f -> { return; }
            case Expr.Lambda l -> { return; }
            case Expr.Name n when n.id().equals(name) -> {
                uses.otherwise = true;   // read as a value, or assigned
                return;
            }
            case Expr.Call c when c.func() instanceof Expr.Name n && n.id().equals(name) -> {
                uses.called++;
                for (Expr a : c.args()) count(a, name, uses);
                Children.forEach(c.keywords(), k -> count(k, name, uses));
                return;
            }
            case Expr.Call c when c.func() instanceof Expr.Name callee && functions.containsKey(callee.id()) -> {
                for (Expr a : c.args()) {
                    if (a instanceof Expr.Name n && n.id().equals(name)) uses.called++;   // handed on to a function that may call it
                    else count(a, name, uses);
                }
                Children.forEach(c.keywords(), k -> count(k, name, uses));
                return;
            }
            default -> { }
        }
        Children.forEach(node, child -> count(child, name, uses));
    }

    /** The names a function binds (parameters and what it assigns), and what code reads. */
    private static final class NamesBound {
        static Set<String> of(Stmt.FunctionDef f) {
            Set<String> out = new LinkedHashSet<>();
            for (Arg a : f.args().args()) out.add(a.arg());
            for (Stmt s : f.body()) collect(s, out);
            return out;
        }

        /** Adds the names a statement stores (not inside nested functions). */
        static void collect(Object node, Set<String> into) {
            switch (node) {
                case null -> { return; }
                case Stmt.FunctionDef f -> { into.add(f.name()); return; }
                case Expr.Lambda l -> { return; }
                case Expr.Name n -> { if (n.ctx() != Ctx.LOAD) into.add(n.id()); return; }
                default -> { }
            }
            Children.forEach(node, child -> collect(child, into));
        }

        static void reads(Object node, Set<String> into) {
            switch (node) {
                case null -> { return; }
                case Expr.Name n -> { if (n.ctx() == Ctx.LOAD) into.add(n.id()); return; }
                default -> { }
            }
            Children.forEach(node, child -> reads(child, into));
        }
    }
}
