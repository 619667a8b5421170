package org.coredev.python.eval;

import org.coredev.python.ParseException;
import org.coredev.python.ast.Arg;
import org.coredev.python.ast.Arguments;
import org.coredev.python.ast.Comprehension;
import org.coredev.python.ast.ExceptHandler;
import org.coredev.python.ast.Expr;
import org.coredev.python.ast.Keyword;
import org.coredev.python.ast.Module;
import org.coredev.python.ast.Ops.CmpOp;
import org.coredev.python.ast.Ops.Operator;
import org.coredev.python.ast.Span;
import org.coredev.python.ast.Stmt;
import org.coredev.python.ast.WithItem;
import org.coredev.python.lexer.Source;
import org.coredev.python.parser.Parser;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A tree-walking evaluator for host-side Python: module code, functions, classes with methods
 * and attributes, comprehensions, exceptions. Enough for device_db.py files, an experiment's
 * {@code build()} and simple RPC bodies. Generators, {@code async}, {@code with}, {@code match}
 * and other unsupported constructs stop evaluation with a {@link ParseException} naming the
 * construct and its place; an uncaught Python exception becomes a ParseException at the line
 * that raised it. Evaluation is deterministic and bounded (step and recursion limits).
 */
public final class Interpreter {
    private static final int NORMAL = 0, BREAK = 1, CONTINUE = 2, RETURN = 3;
    /** Statements plus loop iterations one run may execute before it is stopped as a runaway. */
    public static final long MAX_STEPS = 50_000_000L;
    /** Python-level call depth limit. */
    public static final int MAX_DEPTH = 200;
    /** The {@code Ellipsis} object. */
    public static final Object ELLIPSIS = new Object() {
        @Override public String toString() { return "Ellipsis"; }
    };

    private final Map<String, Object> builtins;
    private final Map<String, PyModule> modules = new LinkedHashMap<>();
    private final IdentityHashMap<List<Stmt>, Declarations> declarations = new IdentityHashMap<>();

    /** The names a function body declares {@code global} and {@code nonlocal}. */
    private record Declarations(Set<String> globals, Set<String> nonlocals) { }
    private Consumer<String> stdout = s -> System.out.print(s);
    private long steps;
    private int depth;

    /** An interpreter with Python's builtins and the standard modules device databases use. */
    public Interpreter() {
        builtins = Builtins.create(this);
        for (PyModule m : StdModules.create(this)) registerModule(m);
    }

    /** Makes a module importable (e.g. a Java implementation of {@code artiq.experiment}). */
    public void registerModule(PyModule module) {
        modules.put(module.name, module);
    }

    /** Where {@code print()} writes; System.out by default. */
    public void setStdout(Consumer<String> out) { this.stdout = out; }

    Consumer<String> stdout() { return stdout; }

    /** The builtins namespace (mutable: hosts may add names). */
    public Map<String, Object> builtins() { return builtins; }

    /** Parses and runs a file as module {@code moduleName}; returns the module with its globals. */
    public PyModule run(Source source, String moduleName) {
        Module tree = Parser.parse(source);
        return run(source, tree, moduleName);
    }

    /** Runs an already parsed module. */
    public PyModule run(Source source, Module tree, String moduleName) {
        PyModule mod = new PyModule(moduleName);
        mod.dict.put("__file__", source.file());
        Scope scope = Scope.module(mod.dict);
        scope.source = source;
        guard(() -> execBlock(tree.body(), scope), source);
        return mod;
    }

    /** Calls a Python callable from Java; Python errors come back as ParseException. */
    public Object callFromHost(Object fn, List<Object> args, Map<String, Object> kwargs) {
        Object[] out = new Object[1];
        guard(() -> { out[0] = call(fn, args, kwargs); return 0; }, null);
        return out[0];
    }

    private void guard(java.util.function.IntSupplier body, Source fallback) {
        try {
            body.getAsInt();
        } catch (PyRaise r) {
            throw toParseException(r, fallback);
        } catch (StackOverflowError e) {
            throw new ParseException(fallback == null ? "<host>" : fallback.file(), 0, 0, null,
                    "RecursionError: maximum recursion depth exceeded");
        } catch (ParseException e) {
            throw e;
        } catch (RuntimeException e) {
            // Last line of defence: bad input must end in the module's exception, never another one.
            throw new ParseException(fallback == null ? "<host>" : fallback.file(), 0, 0, null,
                    "internal evaluator error: " + e);
        }
    }

    /** Converts an uncaught Python exception into the module's error type, at the place it was raised. */
    public ParseException toParseException(PyRaise r, Source fallback) {
        Source src = r.source != null ? r.source : fallback;
        String file = src == null ? "<host>" : src.file();
        if (r.span == null || src == null) return new ParseException(file, 0, 0, null, r.getMessage());
        return new ParseException(file, r.span.line(), r.span.col() + 1, src.line(r.span.line()), r.getMessage());
    }

    private ParseException unsupported(Span span, Scope s, String what) {
        String msg = "unsupported construct: " + what;
        if (s.source == null) return new ParseException("<host>", 0, 0, null, msg);
        return s.source.error(span.line(), span.col(), msg);
    }

    private void step(Span span, Scope s) {
        if (++steps > MAX_STEPS) {
            throw s.source == null ? new ParseException("<host>", 0, 0, null, "evaluation stopped after " + MAX_STEPS + " steps")
                    : s.source.error(span.line(), span.col(), "evaluation stopped after " + MAX_STEPS + " steps (endless loop?)");
        }
    }

    // ------------------------------------------------------------------ statements

    private int execBlock(List<Stmt> body, Scope s) {
        for (int i = 0, n = body.size(); i < n; i++) {
            int sig = exec(body.get(i), s);
            if (sig != NORMAL) return sig;
        }
        return NORMAL;
    }

    private int exec(Stmt st, Scope s) {
        step(st.span(), s);
        try {
            return execInner(st, s);
        } catch (PyRaise r) {
            if (r.span == null) { r.span = st.span(); r.source = s.source; }
            throw r;
        }
    }

    private int execInner(Stmt st, Scope s) {
        switch (st) {
            case Stmt.ExprStmt e -> eval(e.value(), s);
            case Stmt.Assign a -> {
                Object v = eval(a.value(), s);
                for (Expr t : a.targets()) assign(t, v, s);
            }
            case Stmt.AugAssign a -> augAssign(a, s);
            case Stmt.AnnAssign a -> {
                if (a.value() != null) assign(a.target(), eval(a.value(), s), s);
            }
            case Stmt.If i -> {
                return truthy(eval(i.test(), s)) ? execBlock(i.body(), s) : execBlock(i.orelse(), s);
            }
            case Stmt.While w -> {
                while (truthy(eval(w.test(), s))) {
                    step(w.span(), s);
                    int sig = execBlock(w.body(), s);
                    if (sig == BREAK) return NORMAL;
                    if (sig == RETURN) return sig;
                }
                return execBlock(w.orelse(), s);
            }
            case Stmt.For f -> {
                Iterator<Object> it = iterate(eval(f.iter(), s));
                while (it.hasNext()) {
                    step(f.span(), s);
                    assign(f.target(), it.next(), s);
                    int sig = execBlock(f.body(), s);
                    if (sig == BREAK) return NORMAL;
                    if (sig == RETURN) return sig;
                }
                return execBlock(f.orelse(), s);
            }
            case Stmt.Pass p -> { }
            case Stmt.Break b -> { return BREAK; }
            case Stmt.Continue c -> { return CONTINUE; }
            case Stmt.Return r -> {
                s.returnValue = r.value() == null ? PyNone.NONE : eval(r.value(), s);
                return RETURN;
            }
            case Stmt.FunctionDef f -> {
                Object fn = makeFunction(f.name(), f.args(), f.body(), null, s);
                for (int i = f.decoratorList().size() - 1; i >= 0; i--) {
                    fn = call(eval(f.decoratorList().get(i), s), List.of(fn), Map.of());
                }
                s.assign(f.name(), fn);
            }
            case Stmt.ClassDef c -> classDef(c, s);
            case Stmt.Delete d -> { for (Expr t : d.targets()) delete(t, s); }
            case Stmt.Global g -> { }
            case Stmt.Nonlocal n -> { }
            case Stmt.Import im -> {
                for (var alias : im.names()) {
                    PyModule m = importModule(alias.name());
                    if (alias.asname() != null) s.assign(alias.asname(), m);
                    else {
                        String top = alias.name().contains(".") ? alias.name().substring(0, alias.name().indexOf('.')) : alias.name();
                        s.assign(top, importModule(top));
                    }
                }
            }
            case Stmt.ImportFrom im -> {
                if (im.level() > 0) throw unsupported(im.span(), s, "relative import");
                PyModule m = importModule(im.module());
                for (var alias : im.names()) {
                    if (alias.name().equals("*")) {
                        Object all = m.dict.get("__all__");
                        if (all != null) {
                            for (Object n : toList(all)) s.assign((String) n, getAttr(m, (String) n));
                        } else {
                            m.dict.forEach((k, v) -> { if (!k.startsWith("_")) s.assign(k, v); });
                        }
                        continue;
                    }
                    Object v = m.dict.get(alias.name());
                    if (v == null && modules.containsKey(im.module() + "." + alias.name())) v = modules.get(im.module() + "." + alias.name());
                    if (v == null) {
                        throw PyRaise.of(Types.IMPORT_ERROR, "cannot import name '" + alias.name() + "' from '" + im.module() + "'");
                    }
                    s.assign(alias.asname() != null ? alias.asname() : alias.name(), v);
                }
            }
            case Stmt.Assert a -> {
                if (!truthy(eval(a.test(), s))) {
                    PyInstance e = new PyInstance(Types.ASSERTION_ERROR);
                    e.attrs.put("args", a.msg() == null ? PyTuple.EMPTY : PyTuple.of(eval(a.msg(), s)));
                    throw new PyRaise(e);
                }
            }
            case Stmt.Raise r -> {
                if (r.exc() == null) {
                    for (Scope x = s; x != null; x = x.enclosing) if (x.handling != null) throw new PyRaise(x.handling.exception);
                    throw PyRaise.of(Types.RUNTIME_ERROR, "No active exception to reraise");
                }
                Object e = eval(r.exc(), s);
                if (r.cause() != null) eval(r.cause(), s);
                if (e instanceof PyClass c) e = call(c, List.of(), Map.of());
                if (!(e instanceof PyInstance inst) || !inst.cls.isSubclassOf(Types.BASE_EXCEPTION)) {
                    throw PyRaise.typeError("exceptions must derive from BaseException");
                }
                throw new PyRaise(inst);
            }
            case Stmt.Try t -> { return tryStmt(t, s); }
            case Stmt.AsyncFunctionDef f -> throw unsupported(f.span(), s, "async def");
            case Stmt.AsyncFor f -> throw unsupported(f.span(), s, "async for");
            case Stmt.AsyncWith w -> throw unsupported(w.span(), s, "async with");
            case Stmt.With w -> { return withStmt(w, 0, s); }
            case Stmt.Match m -> throw unsupported(m.span(), s, "match");
            case Stmt.TryStar t -> throw unsupported(t.span(), s, "except*");
            case Stmt.TypeAlias t -> throw unsupported(t.span(), s, "type alias");
        }
        return NORMAL;
    }

    private int tryStmt(Stmt.Try t, Scope s) {
        int sig = NORMAL;
        Throwable escaping = null;
        try {
            boolean completed = false;
            try {
                sig = execBlock(t.body(), s);
                completed = true;
            } catch (PyRaise r) {
                ExceptHandler h = findHandler(t.handlers(), r, s);
                if (h == null) throw r;
                if (h.name() != null) s.assign(h.name(), r.exception);
                PyRaise prev = s.handling;
                s.handling = r;
                try {
                    sig = execBlock(h.body(), s);
                } finally {
                    s.handling = prev;
                    if (h.name() != null) s.delete(h.name());
                }
            }
            if (completed && sig == NORMAL) sig = execBlock(t.orelse(), s);
        } catch (RuntimeException | Error e) {
            escaping = e;
        }
        if (!t.finalbody().isEmpty()) {
            int fsig = execBlock(t.finalbody(), s);
            // A break/continue/return in finally discards the pending exception, as in Python.
            if (fsig != NORMAL) return fsig;
        }
        if (escaping instanceof RuntimeException re) throw re;
        if (escaping instanceof Error er) throw er;
        return sig;
    }

    /**
     * {@code with a as x, b: body} as Python runs it: each item's {@code __enter__} (its result
     * bound to the target), the body, then {@code __exit__} in reverse order, given the exception
     * (type, value, None) if the body raised one, which a true result of {@code __exit__} swallows.
     */
    private int withStmt(Stmt.With w, int item, Scope s) {
        if (item == w.items().size()) return execBlock(w.body(), s);
        WithItem it = w.items().get(item);
        Object manager = eval(it.contextExpr(), s);
        Object exit = getAttr(manager, "__exit__");
        Object entered = call(getAttr(manager, "__enter__"), List.of(), Map.of());
        if (it.optionalVars() != null) assign(it.optionalVars(), entered, s);
        int sig;
        try {
            sig = withStmt(w, item + 1, s);
        } catch (PyRaise r) {
            if (truthy(call(exit, List.of(r.exception.cls, r.exception, PyNone.NONE), Map.of()))) return NORMAL;
            throw r;
        }
        call(exit, List.of(PyNone.NONE, PyNone.NONE, PyNone.NONE), Map.of());
        return sig;
    }

    private ExceptHandler findHandler(List<ExceptHandler> handlers, PyRaise r, Scope s) {
        for (ExceptHandler h : handlers) {
            if (h.type() == null) return h;
            Object t = eval(h.type(), s);
            List<Object> classes = t instanceof PyTuple tu ? tu.items() : List.of(t);
            for (Object c : classes) {
                if (!(c instanceof PyClass pc)) throw PyRaise.typeError("catching classes that do not inherit from BaseException is not allowed");
                if (r.exception.cls.isSubclassOf(pc)) return h;
            }
        }
        return null;
    }

    private void classDef(Stmt.ClassDef c, Scope s) {
        if (!c.keywords().isEmpty()) throw unsupported(c.span(), s, "class keyword arguments (metaclass)");
        List<PyClass> bases = new ArrayList<>();
        for (Expr b : c.bases()) {
            Object v = eval(b, s);
            if (!(v instanceof PyClass pc)) throw PyRaise.typeError("bases must be classes, not " + Py.typeName(v));
            if (pc.constructor != null && pc != Types.OBJECT && !pc.isSubclassOf(Types.BASE_EXCEPTION)) {
                throw unsupported(b.span(), s, "subclassing built-in type '" + pc.name + "'");
            }
            bases.add(pc);
        }
        if (bases.isEmpty()) bases.add(Types.OBJECT);
        Scope cs = s.child(Scope.Kind.CLASS, Set.of(), Set.of());
        cs.vars.put("__module__", s.globals.getOrDefault("__name__", "__main__"));
        cs.vars.put("__qualname__", c.name());
        int sig = execBlock(c.body(), cs);
        if (sig != NORMAL) throw unsupported(c.span(), s, "return/break in class body");
        PyClass cls = new PyClass(c.name(), bases, cs.vars, null);
        for (Object v : cls.dict.values()) {
            Object f = v instanceof PyDescriptor.StaticMethod sm ? sm.function()
                    : v instanceof PyDescriptor.ClassMethod cm ? cm.function()
                    : v instanceof PyDescriptor.Property p ? p.getter() : v;
            if (f instanceof PyFunction pf && pf.definingClass == null) pf.definingClass = cls;
        }
        Object result = cls;
        for (int i = c.decoratorList().size() - 1; i >= 0; i--) {
            result = call(eval(c.decoratorList().get(i), s), List.of(result), Map.of());
        }
        s.assign(c.name(), result);
    }

    private PyFunction makeFunction(String name, Arguments a, List<Stmt> body, Expr lambdaBody, Scope s) {
        List<Object> defaults = new ArrayList<>();
        for (Expr d : a.defaults()) defaults.add(eval(d, s));
        List<Object> kwDefaults = new ArrayList<>();
        for (Expr d : a.kwDefaults()) kwDefaults.add(d == null ? null : eval(d, s));
        Declarations decl = body == null ? new Declarations(Set.of(), Set.of())
                : declarations.computeIfAbsent(body, Interpreter::scanDeclarations);
        return new PyFunction(name, a, body, lambdaBody, defaults, kwDefaults, s, decl.globals(), decl.nonlocals());
    }

    /** The global and nonlocal declarations of a function body, not looking into nested scopes. */
    private static Declarations scanDeclarations(List<Stmt> body) {
        Set<String> g = new HashSet<>(), n = new HashSet<>();
        scan(body, g, n);
        return new Declarations(g.isEmpty() ? Set.of() : g, n.isEmpty() ? Set.of() : n);
    }

    private static void scan(List<Stmt> body, Set<String> g, Set<String> n) {
        for (Stmt st : body) {
            switch (st) {
                case Stmt.Global x -> g.addAll(x.names());
                case Stmt.Nonlocal x -> n.addAll(x.names());
                case Stmt.If x -> { scan(x.body(), g, n); scan(x.orelse(), g, n); }
                case Stmt.While x -> { scan(x.body(), g, n); scan(x.orelse(), g, n); }
                case Stmt.For x -> { scan(x.body(), g, n); scan(x.orelse(), g, n); }
                case Stmt.With x -> scan(x.body(), g, n);
                case Stmt.Try x -> {
                    scan(x.body(), g, n);
                    for (ExceptHandler h : x.handlers()) scan(h.body(), g, n);
                    scan(x.orelse(), g, n);
                    scan(x.finalbody(), g, n);
                }
                default -> { }
            }
        }
    }

    private void augAssign(Stmt.AugAssign a, Scope s) {
        Object rhs = eval(a.value(), s);
        switch (a.target()) {
            case Expr.Name n -> s.assign(n.id(), inplace(a.op(), lookup(n, s), rhs));
            case Expr.Attribute at -> {
                Object obj = eval(at.value(), s);
                setAttr(obj, at.attr(), inplace(a.op(), getAttr(obj, at.attr()), rhs));
            }
            case Expr.Subscript sub -> {
                Object obj = eval(sub.value(), s);
                Object key = eval(sub.slice(), s);
                setItem(obj, key, inplace(a.op(), getItem(obj, key), rhs));
            }
            default -> throw unsupported(a.span(), s, "augmented assignment target");
        }
    }

    /** {@code a op= b}: lists, dicts and sets are updated in place as in Python. */
    private Object inplace(Operator op, Object a, Object b) {
        if (op == Operator.ADD && a instanceof PyList l) {
            l.items.addAll(toList(b));
            return l;
        }
        if (op == Operator.BITOR && a instanceof PyDict d && b instanceof PyDict e) {
            d.map.putAll(e.map);
            return d;
        }
        if (op == Operator.BITOR && a instanceof PySet x && b instanceof PySet y && !x.frozen) {
            x.items.addAll(y.items);
            return x;
        }
        return binary(op, a, b);
    }

    private void assign(Expr target, Object value, Scope s) {
        switch (target) {
            case Expr.Name n -> s.assign(n.id(), value);
            case Expr.Attribute a -> setAttr(eval(a.value(), s), a.attr(), value);
            case Expr.Subscript sub -> {
                Object obj = eval(sub.value(), s);
                setItem(obj, eval(sub.slice(), s), value);
            }
            case Expr.Tuple t -> unpack(t.elts(), value, s);
            case Expr.List l -> unpack(l.elts(), value, s);
            default -> throw unsupported(target.span(), s, "assignment target");
        }
    }

    private void unpack(List<Expr> targets, Object value, Scope s) {
        List<Object> items = toList(value);
        int star = -1;
        for (int i = 0; i < targets.size(); i++) if (targets.get(i) instanceof Expr.Starred) star = i;
        if (star < 0) {
            if (items.size() < targets.size()) {
                throw PyRaise.valueError("not enough values to unpack (expected " + targets.size() + ", got " + items.size() + ")");
            }
            if (items.size() > targets.size()) throw PyRaise.valueError("too many values to unpack (expected " + targets.size() + ")");
            for (int i = 0; i < targets.size(); i++) assign(targets.get(i), items.get(i), s);
            return;
        }
        int after = targets.size() - star - 1;
        if (items.size() < targets.size() - 1) {
            throw PyRaise.valueError("not enough values to unpack (expected at least " + (targets.size() - 1) + ", got " + items.size() + ")");
        }
        for (int i = 0; i < star; i++) assign(targets.get(i), items.get(i), s);
        assign(((Expr.Starred) targets.get(star)).value(), new PyList(items.subList(star, items.size() - after)), s);
        for (int i = 0; i < after; i++) assign(targets.get(star + 1 + i), items.get(items.size() - after + i), s);
    }

    private void delete(Expr target, Scope s) {
        switch (target) {
            case Expr.Name n -> {
                if (!s.delete(n.id())) throw PyRaise.of(Types.NAME_ERROR, "name '" + n.id() + "' is not defined");
            }
            case Expr.Subscript sub -> {
                Object obj = eval(sub.value(), s);
                Object key = eval(sub.slice(), s);
                switch (obj) {
                    case PyDict d -> { if (d.map.remove(new PyKey(key)) == null) throw PyRaise.of(Types.KEY_ERROR, null).withArg(key); }
                    case PyList l -> {
                        if (key instanceof PySlice sl) {
                            long[] r = sliceIndices(sl, l.items.size());
                            List<Integer> idx = new ArrayList<>();
                            for (long i = r[0], k = 0; k < r[3]; i += r[2], k++) idx.add((int) i);
                            idx.sort(java.util.Comparator.reverseOrder());
                            for (int i : idx) l.items.remove(i);
                        } else {
                            l.items.remove(index(key, l.items.size(), "list"));
                        }
                    }
                    default -> throw PyRaise.typeError("'" + Py.typeName(obj) + "' object doesn't support item deletion");
                }
            }
            case Expr.Attribute a -> {
                Object obj = eval(a.value(), s);
                if (!(obj instanceof PyInstance i) || i.attrs.remove(a.attr()) == null) {
                    throw PyRaise.of(Types.ATTRIBUTE_ERROR, a.attr());
                }
            }
            case Expr.Tuple t -> { for (Expr e : t.elts()) delete(e, s); }
            case Expr.List l -> { for (Expr e : l.elts()) delete(e, s); }
            default -> throw unsupported(target.span(), s, "del target");
        }
    }

    PyModule importModule(String name) {
        PyModule m = modules.get(name);
        if (m == null) {
            throw PyRaise.of(Types.MODULE_NOT_FOUND_ERROR, "No module named '" + name + "' (the evaluator supports: "
                    + String.join(", ", modules.keySet()) + ")");
        }
        return m;
    }

    // ------------------------------------------------------------------ expressions

    /** Evaluates an expression in a scope. */
    Object eval(Expr e, Scope s) {
        try {
            return evalInner(e, s);
        } catch (PyRaise r) {
            if (r.span == null) { r.span = e.span(); r.source = s.source; }
            throw r;
        }
    }

    private Object evalInner(Expr e, Scope s) {
        return switch (e) {
            case Expr.Constant c -> constant(c, s);
            case Expr.Name n -> lookup(n, s);
            case Expr.BinOp b -> binary(b.op(), eval(b.left(), s), eval(b.right(), s));
            case Expr.UnaryOp u -> unary(u, eval(u.operand(), s));
            case Expr.BoolOp b -> {
                Object v = null;
                for (Expr x : b.values()) {
                    v = eval(x, s);
                    boolean t = truthy(v);
                    if (b.op() == org.coredev.python.ast.Ops.BoolOpKind.AND ? !t : t) break;
                }
                yield v;
            }
            case Expr.Compare c -> {
                Object left = eval(c.left(), s);
                for (int i = 0; i < c.ops().size(); i++) {
                    Object right = eval(c.comparators().get(i), s);
                    if (!compare(c.ops().get(i), left, right)) yield false;
                    left = right;
                }
                yield true;
            }
            case Expr.IfExp i -> truthy(eval(i.test(), s)) ? eval(i.body(), s) : eval(i.orelse(), s);
            case Expr.Call c -> callExpr(c, s);
            case Expr.Attribute a -> getAttr(eval(a.value(), s), a.attr());
            case Expr.Subscript sub -> getItem(eval(sub.value(), s), eval(sub.slice(), s));
            case Expr.Slice sl -> new PySlice(sl.lower() == null ? PyNone.NONE : eval(sl.lower(), s),
                    sl.upper() == null ? PyNone.NONE : eval(sl.upper(), s), sl.step() == null ? PyNone.NONE : eval(sl.step(), s));
            case Expr.List l -> new PyList(elements(l.elts(), s));
            case Expr.Tuple t -> new PyTuple(elements(t.elts(), s));
            case Expr.Set st -> {
                PySet set = new PySet(false);
                for (Object o : elements(st.elts(), s)) set.add(o);
                yield set;
            }
            case Expr.Dict d -> {
                PyDict dict = new PyDict();
                for (int i = 0; i < d.keys().size(); i++) {
                    if (d.keys().get(i) == null) {
                        Object m = eval(d.values().get(i), s);
                        if (!(m instanceof PyDict md)) throw PyRaise.typeError("'" + Py.typeName(m) + "' object is not a mapping");
                        dict.map.putAll(md.map);
                    } else {
                        Object k = eval(d.keys().get(i), s);
                        dict.put(k, eval(d.values().get(i), s));
                    }
                }
                yield dict;
            }
            case Expr.ListComp lc -> {
                PyList out = new PyList();
                Scope cs = s.child(Scope.Kind.COMPREHENSION, Set.of(), Set.of());
                comprehension(lc.generators(), 0, s, cs, () -> out.items.add(eval(lc.elt(), cs)));
                yield out;
            }
            case Expr.GeneratorExp g -> {
                // Evaluated eagerly: fine for the finite generators host code passes to any(), sum(), join()...
                List<Object> out = new ArrayList<>();
                Scope cs = s.child(Scope.Kind.COMPREHENSION, Set.of(), Set.of());
                comprehension(g.generators(), 0, s, cs, () -> out.add(eval(g.elt(), cs)));
                yield new PyIterator(out.iterator());
            }
            case Expr.SetComp sc -> {
                PySet out = new PySet(false);
                Scope cs = s.child(Scope.Kind.COMPREHENSION, Set.of(), Set.of());
                comprehension(sc.generators(), 0, s, cs, () -> out.add(eval(sc.elt(), cs)));
                yield out;
            }
            case Expr.DictComp dc -> {
                PyDict out = new PyDict();
                Scope cs = s.child(Scope.Kind.COMPREHENSION, Set.of(), Set.of());
                comprehension(dc.generators(), 0, s, cs, () -> {
                    Object k = eval(dc.key(), cs);
                    out.put(k, eval(dc.value(), cs));
                });
                yield out;
            }
            case Expr.Lambda l -> makeFunction("<lambda>", l.args(), null, l.body(), s);
            case Expr.JoinedStr j -> {
                StringBuilder sb = new StringBuilder();
                for (Expr part : j.values()) {
                    if (part instanceof Expr.Constant c) sb.append((String) c.value());
                    else sb.append((String) eval(part, s));
                }
                yield sb.toString();
            }
            case Expr.FormattedValue f -> {
                Object v = eval(f.value(), s);
                String spec = f.formatSpec() == null ? "" : (String) eval(f.formatSpec(), s);
                yield formatWithConversion(v, f.conversion() < 0 ? 0 : (char) f.conversion(), spec);
            }
            case Expr.NamedExpr n -> {
                Object v = eval(n.value(), s);
                Scope target = s;
                while (target.kind == Scope.Kind.COMPREHENSION) target = target.enclosing;
                target.assign(((Expr.Name) n.target()).id(), v);
                yield v;
            }
            case Expr.Starred st -> throw unsupported(st.span(), s, "starred expression here");
            case Expr.Yield y -> throw unsupported(y.span(), s, "yield (generators)");
            case Expr.YieldFrom y -> throw unsupported(y.span(), s, "yield from (generators)");
            case Expr.Await a -> throw unsupported(a.span(), s, "await");
        };
    }

    private Object constant(Expr.Constant c, Scope s) {
        Object v = c.value();
        if (v == Expr.Singleton.NONE) return PyNone.NONE;
        if (v == Expr.Singleton.ELLIPSIS) return ELLIPSIS;
        if (v instanceof Expr.Bytes) throw unsupported(c.span(), s, "bytes literal");
        if (v instanceof Expr.Imaginary) throw unsupported(c.span(), s, "complex number");
        return v;
    }

    private Object lookup(Expr.Name n, Scope s) {
        Object v = s.lookup(n.id());
        if (v == null) v = builtins.get(n.id());
        if (v == null) throw PyRaise.of(Types.NAME_ERROR, "name '" + n.id() + "' is not defined");
        return v;
    }

    private List<Object> elements(List<Expr> elts, Scope s) {
        List<Object> out = new ArrayList<>(elts.size());
        for (Expr x : elts) {
            if (x instanceof Expr.Starred st) {
                Iterator<Object> it = iterate(eval(st.value(), s));
                while (it.hasNext()) out.add(it.next());
            } else {
                out.add(eval(x, s));
            }
        }
        return out;
    }

    private void comprehension(List<Comprehension> gens, int i, Scope outer, Scope cs, Runnable emit) {
        Comprehension g = gens.get(i);
        if (g.isAsync() != 0) throw unsupported(g.iter().span(), cs, "async comprehension");
        // The first iterable is evaluated in the enclosing scope, as in Python.
        Iterator<Object> it = iterate(eval(g.iter(), i == 0 ? outer : cs));
        outer:
        while (it.hasNext()) {
            step(g.iter().span(), cs);
            assign(g.target(), it.next(), cs);
            for (Expr cond : g.ifs()) if (!truthy(eval(cond, cs))) continue outer;
            if (i + 1 == gens.size()) emit.run();
            else comprehension(gens, i + 1, outer, cs, emit);
        }
    }

    private Object callExpr(Expr.Call c, Scope s) {
        Object fn = eval(c.func(), s);
        List<Object> args = elements(c.args(), s);
        Map<String, Object> kwargs = c.keywords().isEmpty() ? Map.of() : new LinkedHashMap<>();
        for (Keyword k : c.keywords()) {
            Object v = eval(k.value(), s);
            if (k.arg() != null) {
                if (kwargs.put(k.arg(), v) != null) throw PyRaise.typeError("keyword argument repeated: " + k.arg());
            } else {
                if (!(v instanceof PyDict d)) throw PyRaise.typeError("argument after ** must be a mapping, not " + Py.typeName(v));
                for (var en : d.map.entrySet()) {
                    if (!(en.getKey().value instanceof String key)) throw PyRaise.typeError("keywords must be strings");
                    if (kwargs.put(key, en.getValue()) != null) {
                        throw PyRaise.typeError("got multiple values for keyword argument '" + key + "'");
                    }
                }
            }
        }
        if (fn instanceof PyBuiltin b && b.name().equals("super") && args.isEmpty()) return zeroArgSuper(s);
        return call(fn, args, kwargs);
    }

    private Object zeroArgSuper(Scope s) {
        for (Scope x = s; x != null; x = x.enclosing) {
            if (x.kind == Scope.Kind.FUNCTION && x.function != null && x.function.definingClass != null) {
                List<Arg> ps = new ArrayList<>(x.function.params.posonlyargs());
                ps.addAll(x.function.params.args());
                if (ps.isEmpty()) break;
                return new PySuper(x.function.definingClass, x.vars.get(ps.get(0).arg()));
            }
        }
        throw PyRaise.of(Types.RUNTIME_ERROR, "super(): no arguments");
    }

    // ------------------------------------------------------------------ calls

    /** Calls any Python callable. */
    public Object call(Object fn, List<Object> args, Map<String, Object> kwargs) {
        switch (fn) {
            case PyFunction f -> { return callFunction(f, args, kwargs); }
            case PyBuiltin b -> {
                try {
                    return b.fn().call(this, args, kwargs);
                } catch (PyRaise | ParseException e) {
                    throw e;
                } catch (ClassCastException | IndexOutOfBoundsException | NullPointerException | ArithmeticException
                         | IllegalArgumentException | java.util.NoSuchElementException | UnsupportedOperationException e) {
                    // A Java builtin given arguments of the wrong type or number.
                    throw PyRaise.typeError(b.name() + "(): invalid arguments");
                }
            }
            case PyBoundMethod m -> {
                List<Object> all = new ArrayList<>(args.size() + 1);
                all.add(m.self());
                all.addAll(args);
                return call(m.function(), all, kwargs);
            }
            case PyClass c -> { return instantiate(c, args, kwargs); }
            case PyDescriptor.StaticMethod sm -> { return call(sm.function(), args, kwargs); }
            case PyInstance i -> {
                Object callMethod = i.cls.lookup("__call__");
                if (callMethod != null) return call(bind(callMethod, i, i.cls), args, kwargs);
            }
            default -> { }
        }
        throw PyRaise.typeError("'" + Py.typeName(fn) + "' object is not callable");
    }

    private Object instantiate(PyClass c, List<Object> args, Map<String, Object> kwargs) {
        if (c.constructor != null) {
            if (!kwargs.isEmpty() && c != Types.DICT && c != Types.INT) {
                throw PyRaise.typeError(c.name + "() takes no keyword arguments");
            }
            return c.constructor.call(this, args, kwargs);
        }
        PyInstance inst = new PyInstance(c);
        if (c.isSubclassOf(Types.BASE_EXCEPTION)) inst.attrs.put("args", new PyTuple(args));
        Object init = c.lookup("__init__");
        if (init != null) {
            Object r = call(bind(init, inst, c), args, kwargs);
            if (r != PyNone.NONE) throw PyRaise.typeError("__init__() should return None, not '" + Py.typeName(r) + "'");
        } else if (!args.isEmpty() || !kwargs.isEmpty()) {
            throw PyRaise.typeError(c.name + "() takes no arguments");
        }
        return inst;
    }

    private Object callFunction(PyFunction f, List<Object> args, Map<String, Object> kwargs) {
        if (depth >= MAX_DEPTH) throw PyRaise.of(Types.RECURSION_ERROR, "maximum recursion depth exceeded");
        Scope sc = new Scope(Scope.Kind.FUNCTION, new java.util.HashMap<>(), f.closure, f.closure.globals,
                f.globalNames, f.nonlocalNames);
        sc.source = f.closure.source;
        sc.function = f;
        bindArguments(f, args, kwargs, sc.vars);
        depth++;
        try {
            if (f.lambdaBody != null) return eval(f.lambdaBody, sc);
            int sig = execBlock(f.body, sc);
            return sig == RETURN ? sc.returnValue : PyNone.NONE;
        } finally {
            depth--;
        }
    }

    private void bindArguments(PyFunction f, List<Object> args, Map<String, Object> kwargs, Map<String, Object> vars) {
        Arguments p = f.params;
        int nPosOnly = p.posonlyargs().size();
        List<Arg> positional = new ArrayList<>(p.posonlyargs());
        positional.addAll(p.args());
        int np = positional.size();
        List<Object> extra = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (i < np) vars.put(positional.get(i).arg(), args.get(i));
            else extra.add(args.get(i));
        }
        if (p.vararg() != null) vars.put(p.vararg().arg(), new PyTuple(extra));
        else if (!extra.isEmpty()) {
            throw PyRaise.typeError(f.name + "() takes " + np + " positional argument" + (np == 1 ? "" : "s") + " but "
                    + args.size() + (args.size() == 1 ? " was" : " were") + " given");
        }
        PyDict rest = p.kwarg() != null ? new PyDict() : null;
        for (Map.Entry<String, Object> kw : kwargs.entrySet()) {
            String k = kw.getKey();
            int idx = -1;
            for (int i = nPosOnly; i < np; i++) if (positional.get(i).arg().equals(k)) { idx = i; break; }
            boolean kwOnly = false;
            for (Arg a : p.kwonlyargs()) if (a.arg().equals(k)) { kwOnly = true; break; }
            if (idx >= 0 || kwOnly) {
                if (vars.containsKey(k)) throw PyRaise.typeError(f.name + "() got multiple values for argument '" + k + "'");
                vars.put(k, kw.getValue());
            } else if (rest != null) {
                rest.put(k, kw.getValue());
            } else {
                throw PyRaise.typeError(f.name + "() got an unexpected keyword argument '" + k + "'");
            }
        }
        int firstDefault = np - f.defaults.size();
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < np; i++) {
            String name = positional.get(i).arg();
            if (vars.containsKey(name)) continue;
            if (i >= firstDefault) vars.put(name, f.defaults.get(i - firstDefault));
            else missing.add("'" + name + "'");
        }
        if (!missing.isEmpty()) {
            throw PyRaise.typeError(f.name + "() missing " + missing.size() + " required positional argument"
                    + (missing.size() == 1 ? "" : "s") + ": " + String.join(", ", missing));
        }
        for (int j = 0; j < p.kwonlyargs().size(); j++) {
            String name = p.kwonlyargs().get(j).arg();
            if (vars.containsKey(name)) continue;
            Object d = f.kwDefaults.get(j);
            if (d == null) throw PyRaise.typeError(f.name + "() missing 1 required keyword-only argument: '" + name + "'");
            vars.put(name, d);
        }
        if (rest != null) vars.put(p.kwarg().arg(), rest);
    }

    /** Binds a class attribute found for an instance (or class) access. */
    private Object bind(Object attr, Object self, PyClass cls) {
        return switch (attr) {
            case PyFunction f -> new PyBoundMethod(self, f);
            case PyBuiltin b -> new PyBoundMethod(self, b);
            case PyDescriptor.StaticMethod sm -> sm.function();
            case PyDescriptor.ClassMethod cm -> new PyBoundMethod(cls, cm.function());
            case PyDescriptor.Property p -> call(p.getter(), List.of(self), Map.of());
            default -> attr;
        };
    }

    // ------------------------------------------------------------------ object protocol

    /** {@code getattr(obj, name)}. */
    public Object getAttr(Object o, String name) {
        switch (o) {
            case PyInstance i -> {
                Object v = i.attrs.get(name);
                if (v != null) return v;
                Object c = i.cls.lookup(name);
                if (c != null) return bind(c, i, i.cls);
                if (name.equals("__class__")) return i.cls;
                Object ga = i.cls.lookup("__getattr__");
                if (ga != null) return call(bind(ga, i, i.cls), List.of(name), Map.of());
                throw PyRaise.of(Types.ATTRIBUTE_ERROR, "'" + i.cls.name + "' object has no attribute '" + name + "'");
            }
            case PyClass c -> {
                Object v = c.lookup(name);
                if (v instanceof PyDescriptor.ClassMethod cm) return new PyBoundMethod(c, cm.function());
                if (v instanceof PyDescriptor.StaticMethod sm) return sm.function();
                if (v != null) return v;
                if (name.equals("__mro__")) return new PyTuple(new ArrayList<>(c.mro));
                if (name.equals("__bases__")) return new PyTuple(new ArrayList<>(c.bases));
                throw PyRaise.of(Types.ATTRIBUTE_ERROR, "type object '" + c.name + "' has no attribute '" + name + "'");
            }
            case PyModule m -> {
                Object v = m.dict.get(name);
                if (v == null) v = modules.get(m.name + "." + name);
                if (v == null) throw PyRaise.of(Types.ATTRIBUTE_ERROR, "module '" + m.name + "' has no attribute '" + name + "'");
                return v;
            }
            case PySuper sp -> {
                PyClass start = sp.self() instanceof PyInstance si ? si.cls : sp.self() instanceof PyClass sc ? sc : Py.typeOf(sp.self());
                List<PyClass> mro = start.mro;
                for (int k = mro.indexOf(sp.cls()) + 1; k < mro.size(); k++) {
                    Object v = mro.get(k).dict.get(name);
                    if (v != null) return bind(v, sp.self(), start);
                }
                throw PyRaise.of(Types.ATTRIBUTE_ERROR, "'super' object has no attribute '" + name + "'");
            }
            case PyFunction f -> {
                if (name.equals("__name__")) return f.name;
                Object v = f.attrs.get(name);
                if (v != null) return v;
                throw PyRaise.of(Types.ATTRIBUTE_ERROR, "'function' object has no attribute '" + name + "'");
            }
            default -> {
                PyClass t = Py.typeOf(o);
                Object v = t.lookup(name);
                if (v != null && !name.equals("__name__")) return bind(v, o, t);
                if (name.equals("__class__")) return t;
                if (o instanceof PyBuiltin b && name.equals("__name__")) return b.name();
                if (Py.isInt(o) && (name.equals("real") || name.equals("numerator"))) return o instanceof Boolean b ? (b ? 1L : 0L) : o;
                if (Py.isInt(o) && name.equals("denominator")) return 1L;
                if (Py.isNumber(o) && name.equals("imag")) return o instanceof Double ? (Object) 0.0 : (Object) 0L;
                if (o instanceof Double && name.equals("real")) return o;
                if (o instanceof PyRange r && (name.equals("start") || name.equals("stop") || name.equals("step"))) {
                    return name.equals("start") ? r.start() : name.equals("stop") ? r.stop() : r.step();
                }
                throw PyRaise.of(Types.ATTRIBUTE_ERROR, "'" + t.name + "' object has no attribute '" + name + "'");
            }
        }
    }

    /** {@code setattr(obj, name, value)}. */
    public void setAttr(Object o, String name, Object value) {
        switch (o) {
            case PyInstance i -> {
                Object c = i.cls.lookup(name);
                if (c instanceof PyDescriptor.Property p) {
                    if (p.setter() == PyNone.NONE) throw PyRaise.of(Types.ATTRIBUTE_ERROR, "can't set attribute '" + name + "'");
                    call(p.setter(), List.of(i, value), Map.of());
                    return;
                }
                i.attrs.put(name, value);
            }
            case PyClass c when c.constructor == null -> c.dict.put(name, value);
            case PyModule m -> m.dict.put(name, value);
            case PyFunction f -> f.attrs.put(name, value);
            default -> throw PyRaise.of(Types.ATTRIBUTE_ERROR, "'" + Py.typeName(o) + "' object has no attribute '" + name + "'");
        }
    }

    /** {@code obj[key]}. */
    public Object getItem(Object o, Object key) {
        switch (o) {
            case PyDict d -> {
                Object v = d.get(key);
                if (v == null) throw PyRaise.of(Types.KEY_ERROR, null).withArg(key);
                return v;
            }
            case PyList l -> {
                if (key instanceof PySlice sl) return new PyList(slice(l.items, sl));
                return l.items.get(index(key, l.items.size(), "list"));
            }
            case PyTuple t -> {
                if (key instanceof PySlice sl) return new PyTuple(slice(t.items(), sl));
                return t.items().get(index(key, t.items().size(), "tuple"));
            }
            case String s -> {
                int[] cps = s.codePoints().toArray();
                if (key instanceof PySlice sl) {
                    long[] r = sliceIndices(sl, cps.length);
                    StringBuilder sb = new StringBuilder();
                    for (long i = r[0], k = 0; k < r[3]; i += r[2], k++) sb.appendCodePoint(cps[(int) i]);
                    return sb.toString();
                }
                return new String(Character.toChars(cps[index(key, cps.length, "string")]));
            }
            case PyRange r -> {
                if (key instanceof PySlice) throw PyRaise.typeError("range slicing is not supported");
                long n = r.length();
                long i = Py.toLong(key);
                if (i < 0) i += n;
                if (i < 0 || i >= n) throw PyRaise.of(Types.INDEX_ERROR, "range object index out of range");
                return r.get(i);
            }
            case PyInstance i -> {
                Object gi = i.cls.lookup("__getitem__");
                if (gi != null) return call(bind(gi, i, i.cls), List.of(key), Map.of());
            }
            case PyClass c -> { return c; } // list[int], dict[str, int]: annotations evaluated at run time
            default -> { }
        }
        throw PyRaise.typeError("'" + Py.typeName(o) + "' object is not subscriptable");
    }

    /** {@code obj[key] = value}. */
    public void setItem(Object o, Object key, Object value) {
        switch (o) {
            case PyDict d -> d.put(key, value);
            case PyList l -> {
                if (key instanceof PySlice sl) {
                    long[] r = sliceIndices(sl, l.items.size());
                    List<Object> vals = toList(value);
                    if (r[2] == 1) {
                        int start = (int) r[0], stop = (int) Math.max(r[0], r[1]);
                        l.items.subList(start, stop).clear();
                        l.items.addAll(start, vals);
                    } else {
                        if (vals.size() != r[3]) {
                            throw PyRaise.valueError("attempt to assign sequence of size " + vals.size()
                                    + " to extended slice of size " + r[3]);
                        }
                        for (int k = 0; k < r[3]; k++) l.items.set((int) (r[0] + k * r[2]), vals.get(k));
                    }
                } else {
                    l.items.set(index(key, l.items.size(), "list assignment"), value);
                }
            }
            case PyInstance i when i.cls.lookup("__setitem__") != null ->
                    call(bind(i.cls.lookup("__setitem__"), i, i.cls), List.of(key, value), Map.of());
            default -> throw PyRaise.typeError("'" + Py.typeName(o) + "' object does not support item assignment");
        }
    }

    private static int index(Object key, int size, String what) {
        if (!Py.isInt(key)) {
            throw PyRaise.typeError(what.split(" ")[0] + " indices must be integers or slices, not " + Py.typeName(key));
        }
        long i = key instanceof BigInteger ? Long.MAX_VALUE : Py.toLong(key);
        if (i < 0) i += size;
        if (i < 0 || i >= size) throw PyRaise.of(Types.INDEX_ERROR, what + " index out of range");
        return (int) i;
    }

    /** Python's slice.indices: {start, stop, step, count}. */
    static long[] sliceIndices(PySlice sl, long len) {
        long step = sl.step() == PyNone.NONE ? 1 : Py.toLong(sl.step());
        if (step == 0) throw PyRaise.valueError("slice step cannot be zero");
        long lower = step < 0 ? -1 : 0, upper = step < 0 ? len - 1 : len;
        long start = sl.start() == PyNone.NONE ? (step < 0 ? upper : lower) : clampIndex(Py.toLong(sl.start()), len, lower, upper);
        long stop = sl.stop() == PyNone.NONE ? (step < 0 ? lower : upper) : clampIndex(Py.toLong(sl.stop()), len, lower, upper);
        long count = step > 0 ? (stop > start ? (stop - start - 1) / step + 1 : 0) : (start > stop ? (start - stop - 1) / (-step) + 1 : 0);
        return new long[] {start, stop, step, count};
    }

    private static long clampIndex(long i, long len, long lower, long upper) {
        if (i < 0) {
            i += len;
            return Math.max(i, lower);
        }
        return Math.min(i, upper);
    }

    private static List<Object> slice(List<Object> items, PySlice sl) {
        long[] r = sliceIndices(sl, items.size());
        List<Object> out = new ArrayList<>((int) r[3]);
        for (long i = r[0], k = 0; k < r[3]; i += r[2], k++) out.add(items.get((int) i));
        return out;
    }

    /** Python truth value, honouring {@code __bool__} and {@code __len__} of user classes. */
    public boolean truthy(Object v) {
        if (v instanceof Boolean b) return b;
        if (v instanceof PyInstance i) {
            Object b = i.cls.lookup("__bool__");
            if (b != null) return truthy(call(bind(b, i, i.cls), List.of(), Map.of()));
            Object l = i.cls.lookup("__len__");
            if (l != null) return truthy(call(bind(l, i, i.cls), List.of(), Map.of()));
            return true;
        }
        return Py.truthy(v);
    }

    /** {@code str(v)}, honouring {@code __str__}/{@code __repr__} of user classes (also inside containers). */
    public String str(Object v) {
        if (v instanceof PyInstance i) {
            Object m = userMethod(i, "__str__");
            if (m == null) m = userMethod(i, "__repr__");
            if (m != null) return (String) call(bind(m, i, i.cls), List.of(), Map.of());
        }
        if (v instanceof PyList || v instanceof PyTuple || v instanceof PyDict || v instanceof PySet) return repr(v);
        return Py.str(v);
    }

    /** {@code repr(v)}, honouring {@code __repr__} of user classes (also inside containers). */
    public String repr(Object v) {
        if (v instanceof PyList || v instanceof PyTuple || v instanceof PyDict || v instanceof PySet) {
            return Py.repr(v, this::leafRepr);
        }
        return leafRepr(v);
    }

    private String leafRepr(Object v) {
        if (v instanceof PyInstance i) {
            Object m = userMethod(i, "__repr__");
            if (m != null) return (String) call(bind(m, i, i.cls), List.of(), Map.of());
            if (i.cls.isSubclassOf(Types.BASE_EXCEPTION)) {
                Object args = i.attrs.get("args");
                String inner = args instanceof PyTuple t ? (t.items().size() == 1 ? Py.repr(t.items().get(0)) : Py.repr(t).replaceAll("^\\(|,?\\)$", "")) : "";
                return i.cls.name + "(" + inner + ")";
            }
        }
        return Py.repr(v);
    }

    private static Object userMethod(PyInstance i, String name) {
        for (PyClass c : i.cls.mro) {
            if (c.constructor != null) return null;
            Object m = c.dict.get(name);
            if (m != null) return m;
        }
        return null;
    }

    /** {@code format(v, spec)} after an f-string/str.format conversion ('r', 's', 'a' or 0). */
    String formatWithConversion(Object v, char conv, String spec) {
        if (conv == 'r') v = repr(v);
        else if (conv == 's') v = str(v);
        else if (conv == 'a') v = Builtins.ascii(repr(v));
        else if (conv != 0) throw PyRaise.valueError("Unknown conversion specifier " + conv);
        if (v instanceof PyInstance i) {
            Object f = userMethod(i, "__format__");
            if (f != null) return (String) call(bind(f, i, i.cls), List.of(spec), Map.of());
            if (spec.isEmpty()) return str(v);
        }
        return PyFormat.formatValue(v, spec, v instanceof String s ? s : str(v));
    }

    /** An iterator over any iterable, honouring {@code __iter__} of user classes. */
    public Iterator<Object> iterate(Object v) {
        if (v instanceof PyInstance i) {
            Object it = i.cls.lookup("__iter__");
            if (it != null) {
                Object r = call(bind(it, i, i.cls), List.of(), Map.of());
                if (r instanceof PyInstance) throw PyRaise.typeError("iterators defined in Python are not supported");
                return iterate(r);
            }
        }
        return Py.iterate(v);
    }

    /** All elements of an iterable. */
    public List<Object> toList(Object v) {
        if (v instanceof PyList l) return new ArrayList<>(l.items);
        if (v instanceof PyTuple t) return t.items();
        List<Object> out = new ArrayList<>();
        Iterator<Object> it = iterate(v);
        while (it.hasNext()) out.add(it.next());
        return out;
    }

    /** {@code item in container}. */
    public boolean contains(Object container, Object item) {
        switch (container) {
            case String s -> {
                if (!(item instanceof String t)) throw PyRaise.typeError("'in <string>' requires string as left operand, not " + Py.typeName(item));
                return s.contains(t);
            }
            case PyDict d -> { return d.containsKey(item); }
            case PySet s -> { return s.contains(item); }
            case PyRange r -> {
                if (!Py.isInt(item)) break;
                long x = Py.toLong(item), n = r.length();
                if (n == 0) return false;
                long off = x - r.start();
                return off % r.step() == 0 && off / r.step() >= 0 && off / r.step() < n;
            }
            case PyInstance i when i.cls.lookup("__contains__") != null -> {
                return truthy(call(bind(i.cls.lookup("__contains__"), i, i.cls), List.of(item), Map.of()));
            }
            default -> { }
        }
        Iterator<Object> it = iterate(container);
        while (it.hasNext()) {
            Object x = it.next();
            if (x == item || equal(x, item)) return true;
        }
        return false;
    }

    /** {@code a == b}, honouring {@code __eq__} of user classes. */
    public boolean equal(Object a, Object b) {
        if (a instanceof PyInstance i) {
            Object eq = userMethod(i, "__eq__");
            if (eq != null) return truthy(call(bind(eq, i, i.cls), List.of(b), Map.of()));
        }
        return Py.eq(a, b);
    }

    private boolean compare(CmpOp op, Object a, Object b) {
        return switch (op) {
            case EQ -> equal(a, b);
            case NOTEQ -> !equal(a, b);
            case LT -> ordered(a, b, "<", c -> c < 0);
            case LTE -> ordered(a, b, "<=", c -> c <= 0);
            case GT -> ordered(a, b, ">", c -> c > 0 && c != 2);
            case GTE -> ordered(a, b, ">=", c -> c >= 0 && c != 2);
            case IS -> identical(a, b);
            case ISNOT -> !identical(a, b);
            case IN -> contains(b, a);
            case NOTIN -> !contains(b, a);
        };
    }

    private boolean ordered(Object a, Object b, String op, java.util.function.IntPredicate test) {
        if (a instanceof PyInstance || b instanceof PyInstance) {
            String name = switch (op) { case "<" -> "__lt__"; case "<=" -> "__le__"; case ">" -> "__gt__"; default -> "__ge__"; };
            String reflected = switch (op) { case "<" -> "__gt__"; case "<=" -> "__ge__"; case ">" -> "__lt__"; default -> "__le__"; };
            if (a instanceof PyInstance i && userMethod(i, name) != null) {
                return truthy(call(bind(userMethod(i, name), i, i.cls), List.of(b), Map.of()));
            }
            if (b instanceof PyInstance i && userMethod(i, reflected) != null) {
                return truthy(call(bind(userMethod(i, reflected), i, i.cls), List.of(a), Map.of()));
            }
        }
        return test.test(Py.compare(a, b, op));
    }

    /** {@code a < b} as sorted(), min() and max() use it, honouring {@code __lt__}/{@code __gt__} of user classes. */
    public boolean lessThan(Object a, Object b) {
        return ordered(a, b, "<", c -> c < 0);
    }

    private static boolean identical(Object a, Object b) {
        if (a == b) return true;
        return a instanceof Boolean && a.equals(b) || a instanceof Long && a.equals(b) && Math.abs((Long) a) <= 256;
    }

    /** {@code a op b}, trying user-class operator methods first. */
    public Object binary(Operator op, Object a, Object b) {
        if (a instanceof PyInstance || b instanceof PyInstance) {
            String name = switch (op) {
                case ADD -> "add"; case SUB -> "sub"; case MULT -> "mul"; case MATMULT -> "matmul"; case DIV -> "truediv";
                case MOD -> "mod"; case POW -> "pow"; case LSHIFT -> "lshift"; case RSHIFT -> "rshift"; case BITOR -> "or";
                case BITXOR -> "xor"; case BITAND -> "and"; case FLOORDIV -> "floordiv";
            };
            if (a instanceof PyInstance i && userMethod(i, "__" + name + "__") != null) {
                return call(bind(userMethod(i, "__" + name + "__"), i, i.cls), List.of(b), Map.of());
            }
            if (b instanceof PyInstance i && userMethod(i, "__r" + name + "__") != null) {
                return call(bind(userMethod(i, "__r" + name + "__"), i, i.cls), List.of(a), Map.of());
            }
        }
        if (op == Operator.MOD && a instanceof String s) return PyFormat.percent(this, s, b);
        return PyOps.binary(op, a, b);
    }

    private Object unary(Expr.UnaryOp u, Object v) {
        switch (u.op()) {
            case NOT -> { return !truthy(v); }
            case USUB -> {
                if (v instanceof Double d) return -d;
                if (Py.isInt(v)) return v instanceof Long l && l != Long.MIN_VALUE ? (Object) (-l) : Py.norm(Py.big(v).negate());
            }
            case UADD -> {
                if (v instanceof Double) return v;
                if (Py.isInt(v)) return v instanceof Boolean b ? (Object) (b ? 1L : 0L) : v;
            }
            case INVERT -> {
                if (Py.isInt(v)) return v instanceof Long l ? (Object) (~l) : Py.norm(Py.big(v).not());
            }
        }
        throw PyRaise.typeError("bad operand type for unary " + u.op().symbol.trim() + ": '" + Py.typeName(v) + "'");
    }
}
