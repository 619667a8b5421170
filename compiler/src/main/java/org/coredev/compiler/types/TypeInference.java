package org.coredev.compiler.types;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.coredev.compiler.CompileException;
import org.coredev.python.ast.Arg;
import org.coredev.python.ast.Expr;
import org.coredev.python.ast.Module;
import org.coredev.python.ast.Ops.CmpOp;
import org.coredev.python.ast.Ops.Operator;
import org.coredev.python.ast.Ops.UnaryOpKind;
import org.coredev.python.ast.Span;
import org.coredev.python.ast.Stmt;

/**
 * Unification-based type inference for a kernel program (after ARTIQ's
 * artiq/compiler/transforms/inferencer.py, monomorphic): every local has one type, integer
 * literals take the width their use demands (int32 by default), a function's parameter types come
 * from its calls. Mixed int/float arithmetic coerces to float as Python does.
 */
public final class TypeInference {
    /** Exceptions a kernel may raise by name (the runtime's preallocated ids, eh_artiq.rs). */
    public static final Set<String> EXCEPTIONS = Set.of("AssertionError", "AttributeError", "IndexError",
            "IOError", "KeyError", "NotImplementedError", "OverflowError", "RuntimeError", "TimeoutError",
            "TypeError", "ValueError", "ZeroDivisionError");
    /** Exceptions a kernel may catch: the raisable ones and those the runtime raises (artiq.coredevice.exceptions). */
    public static final Set<String> CATCHABLE = java.util.stream.Stream.concat(EXCEPTIONS.stream(),
            Stream.of("RTIOUnderflow", "RTIOOverflow", "RTIODestinationUnreachable", "DMAError", "I2CError",
                    "CacheError", "SPIError", "SubkernelError")).collect(java.util.stream.Collectors.toUnmodifiableSet());
    /** Names the language defines; a user function may not take them. */
    public static final Set<String> BUILTINS = Set.of("int", "int32", "int64", "float", "bool", "abs", "min",
            "max", "print", "range", "now_mu", "at_mu", "delay_mu", "rtio_output", "rtio_get_counter", "rtio_init", "rtio_input_timestamp", "rtio_input_data", "round", "delay",
            "seconds_to_mu", "mu_to_seconds", "parallel", "sequential", "interleave", "len", "str", "array", "bytes", "bytearray", "core_log", "__coredev_rpc");
    /**
     * The call an experiment's host-method call becomes (ExperimentCompiler):
     * {@code __coredev_rpc(service, "name", async, "return tag", args...)}, all but args constants.
     */
    public static final String RPC = "__coredev_rpc";

    private final String file;
    private final IdentityHashMap<Expr, Type> types = new IdentityHashMap<>();
    private final Map<String, FunctionInfo> functions = new LinkedHashMap<>();
    private final ExceptionClasses exceptionClasses = new ExceptionClasses();
    private int nextVar;
    private FunctionInfo current;
    private int loopDepth;

    private TypeInference(String file) { this.file = file; }

    /** Infers the types of a parsed program; the module body becomes {@code __modinit__}. */
    public static TypedProgram infer(String file, Module module) {
        return new TypeInference(file).run(module, List.of());
    }

    /**
     * Infers the types of a bundle's program: {@code entries} name functions called from outside
     * the image (the host), compiled and exported whether the module calls them or not; their
     * parameters' types come from their annotations.
     */
    public static TypedProgram infer(String file, Module module, List<String> entries) {
        return new TypeInference(file).run(module, entries, Externs.NONE, true);
    }

    /**
     * Infers the types of a kernel linked against resident bundles: {@code externs} are the
     * bundles' module variables and kernels, typed as the bundles' manifests say.
     */
    public static TypedProgram infer(String file, Module module, Externs externs) {
        return new TypeInference(file).run(module, List.of(), externs, false);
    }

    private TypedProgram run(Module module, List<String> entries) {
        return run(module, entries, Externs.NONE, !entries.isEmpty());
    }

    private TypedProgram run(Module module, List<String> entries, Externs externs, boolean bundle) {
        List<Stmt> body = new ArrayList<>();
        FunctionInfo modinit = new FunctionInfo("__modinit__", null, body, List.of(), Type.NONE);
        functions.put(modinit.name, modinit);
        for (Map.Entry<String, Type> g : externs.globals().entrySet()) {
            modinit.locals.put(g.getKey(), g.getValue());
            moduleGlobals.add(g.getKey());   // in the bundle's memory, never in registers
        }
        for (Map.Entry<String, Externs.Signature> k : externs.functions().entrySet()) {
            List<String> params = new ArrayList<>();
            FunctionInfo f = new FunctionInfo(k.getKey(), null, List.of(), params, k.getValue().returns());
            f.extern = true;
            for (Type p : k.getValue().params()) {
                params.add("#" + (params.size() + 1));
                f.locals.put(params.getLast(), p);
            }
            functions.put(f.name, f);
        }
        for (Stmt s : module.body()) {
            if (s instanceof Stmt.FunctionDef f) declare(f);
            else if (s instanceof Stmt.ClassDef c && c.bases().isEmpty() && c.keywords().isEmpty()) kernelClass(c);
            else if (s instanceof Stmt.ClassDef c) exceptionClass(c);
            else body.add(s);
        }
        List<FunctionInfo> roots = new ArrayList<>(List.of(modinit));
        for (String e : entries) {
            FunctionInfo f = functions.get(e);
            if (f == null) throw new CompileException(file, 1, 1, "bundle entry '%s' is not a kernel of this file".formatted(e));
            f.entry = f.called = true;
            roots.add(f);
        }
        // Callers before callees where possible, so parameter types are known when bodies are read.
        // A function no call reaches (in the source) is read too, but its errors only count if it
        // turns out to be called after all (a method called through an instance): nothing
        // compiles a function nothing calls, so what it cannot be typed as does not matter.
        java.util.Set<FunctionInfo> reached = reachedInCallOrder(roots);
        for (FunctionInfo f : reached) inferBody(f);
        Map<String, CompileException> unreachedErrors = new LinkedHashMap<>();
        for (FunctionInfo f : functions.values()) {
            if (reached.contains(f)) continue;
            FunctionInfo saved = current;
            try {
                inferBody(f);
            } catch (CompileException e) {
                unreachedErrors.put(f.name, e);
                current = saved;
                loopDepth = handlerDepth = 0;
            }
        }
        // A callee reached only from an uncalled function is not compiled either.
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (FunctionInfo root : roots) markCalled(root, seen);
        for (Map.Entry<String, CompileException> e : unreachedErrors.entrySet())
            if (functions.get(e.getKey()).called) throw e.getValue();
        // A bundle exports every kernel it compiles: kernels linked against it later call them there.
        // Its module variables live in memory, all of them: the host objects it quoted exist once,
        // in its cells, for those kernels too.
        if (bundle) {
            for (FunctionInfo f : functions.values()) f.exported = f.called && !f.isModule();
            moduleGlobals.addAll(modinit.locals.keySet());
        }
        for (FunctionInfo f : roots)
            if (f.entry)
                for (String p : f.params)
                    if (Type.resolve(f.locals.get(p)) == null)
                        throw error(f.def.span(), ("cannot infer the type of parameter '%s' of %s(), a bundle entry called from "
                                + "the host: annotate it (TInt32, TInt64, TFloat, TBool, TStr, TList(TInt32), ...)").formatted(p, f.name));
        for (FunctionInfo f : functions.values()) {
            if (f.isModule() || !f.called || f.extern) continue;
            for (Map.Entry<String, Type> local : f.locals.entrySet())
                if (Type.resolve(local.getValue()) == null)
                    throw error(f.def.span(), "cannot infer the type of '%s' in %s()".formatted(local.getKey(), f.name));
            if (Type.resolve(f.returns) == null) ((Type.Var) Type.prune(f.returns)).bound = Type.NONE;
        }
        for (Map.Entry<String, Type> local : modinit.locals.entrySet())
            if (Type.resolve(local.getValue()) == null)
                throw new CompileException(file, 1, 1, "cannot infer the type of '%s'".formatted(local.getKey()));
        for (Deferred d : deferred)
            if (functions.get(d.function()).called && Type.resolve(types.get(d.e())) == null)
                throw error(d.e().span(), "cannot infer the type of this value");
        for (Pending p : pending) {
            if (!functions.get(p.function()).called) continue;
            Type t = Type.resolve(p.type());
            if (t != null && !(p.intOnly() ? Type.isInt(t) : Type.isNumeric(t))) throw error(p.at(), p.what().formatted(t));
        }
        for (GlobalStore g : globalStores)
            if (holdsList(Type.resolve(g.value())))
                throw error(g.at(), ("a list built in %s() cannot be stored in %s: its elements live in "
                        + "that function's frame, gone when it returns (ARTIQ refuses it too)").formatted(g.function(), g.target()));
        TypedProgram program = new TypedProgram(types, functions, moduleGlobals, exceptionClasses, externs);
        program.record(rewrites, instantiations);
        FrameStrings.check(file, program);
        return program;
    }

    /** A type still unknown where it must be a number (or an int): checked once inference is done. */
    private record Pending(String function, Type type, boolean intOnly, Span at, String what) { }
    private final List<Pending> pending = new ArrayList<>();

    /** Expressions whose type must be known once inference is done (print arguments). */
    private final List<Deferred> deferred = new ArrayList<>();

    /** An expression whose type must be known, in the function that has it. */
    private record Deferred(String function, Expr e) { }
    private final Map<String, List<String>> callees = new LinkedHashMap<>();

    private void markCalled(FunctionInfo f, java.util.Set<String> seen) {
        if (!seen.add(f.name)) return;
        for (String c : callees.getOrDefault(f.name, List.of())) {
            FunctionInfo callee = functions.get(c);
            callee.called = true;
            markCalled(callee, seen);
        }
    }

    /** The functions a chain of calls in the source reaches from the roots, in breadth-first order of those calls. */
    private java.util.Set<FunctionInfo> reachedInCallOrder(List<FunctionInfo> roots) {
        java.util.LinkedHashSet<FunctionInfo> order = new java.util.LinkedHashSet<>();
        java.util.ArrayDeque<FunctionInfo> queue = new java.util.ArrayDeque<>(roots);
        while (!queue.isEmpty()) {
            FunctionInfo f = queue.poll();
            if (!order.add(f)) continue;
            for (String callee : calledNames(f.body)) if (functions.get(callee) != null) queue.add(functions.get(callee));
        }
        return order;
    }

    /** Names called anywhere in these statements, in source order. */
    private static List<String> calledNames(List<Stmt> body) {
        List<String> out = new ArrayList<>();
        walk(body, node -> {
            if (node instanceof Expr.Call c && c.func() instanceof Expr.Name n) out.add(n.id());
            return true;
        });
        return out;
    }

    /**
     * Walks the AST generically (every node is a record, children in its components): visits
     * each node and descends into its children when {@code visit} answers true.
     */
    private static void walk(Object node, java.util.function.Predicate<Object> visit) {
        if (node instanceof List<?> || node instanceof org.coredev.python.ast.Node && visit.test(node))
            org.coredev.python.ast.Children.forEach(node, child -> walk(child, visit));
    }

    /** A class of the program's kernel code: constant class attributes and methods ({@code C.m} functions). */
    private record KernelClass(String name, Map<String, Expr> attributes, java.util.Set<String> methods) { }

    private final Map<String, KernelClass> kernelClasses = new LinkedHashMap<>();
    /** Expressions read as others (TypedProgram.rewritten) and class instantiations. */
    private final Map<Expr, Expr> rewrites = new java.util.IdentityHashMap<>();
    private final java.util.Set<Expr> instantiations = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    /**
     * {@code class C:} with class attributes of constant value and methods, as ARTIQ's kernels
     * have classes; instances hold no data of their own (no {@code __init__}, no attribute stores).
     */
    private void kernelClass(Stmt.ClassDef c) {
        if (!c.decoratorList().isEmpty()) throw error(c.span(), "a kernel class takes no decorators");
        if (BUILTINS.contains(c.name()) || functions.containsKey(c.name()) || exceptionClasses.isClass(c.name()) || kernelClasses.containsKey(c.name()))
            throw error(c.span(), "class name '%s' is taken".formatted(c.name()));
        KernelClass k = new KernelClass(c.name(), new LinkedHashMap<>(), new java.util.LinkedHashSet<>());
        for (Stmt s : c.body()) {
            switch (s) {
                case Stmt.Pass p -> { }
                case Stmt.ExprStmt e when e.value() instanceof Expr.Constant d && d.value() instanceof String -> { }
                case Stmt.Assign a when a.targets().size() == 1 && a.targets().getFirst() instanceof Expr.Name n -> {
                    if (!constantValue(a.value()))
                        throw error(a.value().span(), "a kernel class attribute is a constant here (a number, bool, str, None or a tuple of them)");
                    k.attributes().put(n.id(), a.value());
                }
                case Stmt.FunctionDef f -> {
                    if (f.name().equals("__init__"))
                        throw error(f.span(), "__init__ in a kernel class is not supported yet: its instances hold no data of their own");
                    k.methods().add(f.name());
                    declare(new Stmt.FunctionDef(c.name() + "." + f.name(), f.args(), f.body(), f.decoratorList(), f.returns(),
                            f.typeComment(), f.typeParams(), f.span()));
                }
                default -> throw error(s.span(), "a kernel class holds constant attributes and methods only");
            }
        }
        kernelClasses.put(c.name(), k);
    }

    private static boolean constantValue(Expr e) {
        return switch (e) {
            case Expr.Constant c -> true;
            case Expr.UnaryOp u -> constantValue(u.operand());
            case Expr.BinOp b -> constantValue(b.left()) && constantValue(b.right());
            case Expr.Tuple t -> t.elts().stream().allMatch(TypeInference::constantValue);
            default -> false;
        };
    }

    /** The kernel class {@code e} names (a class name no local hides), or null. */
    private KernelClass classNamed(Expr e) {
        return e instanceof Expr.Name n && !current.locals.containsKey(n.id()) && !current.globals.contains(n.id())
                ? kernelClasses.get(n.id()) : null;
    }

    /** The kernel class of {@code e}'s value: a class name or an instance; null otherwise. */
    private KernelClass classOf(Expr e) {
        KernelClass named = classNamed(e);
        if (named != null) return named;
        if (e instanceof Expr.Name n && variable(n.id()) == null) return null;
        return Type.prune(known(e)) instanceof Type.Instance i ? kernelClasses.get(i.className()) : null;
    }

    /** {@code C()}, {@code C.m(...)} and {@code x.m(...)} of a kernel class; null for other calls. */
    private Type classCall(Expr.Call c) {
        KernelClass made = classNamed(c.func());
        if (made != null) {
            if (!c.args().isEmpty() || !c.keywords().isEmpty())
                throw error(c.span(), "%s() takes no arguments (a kernel class has no __init__ yet)".formatted(made.name()));
            instantiations.add(c);
            return new Type.Instance(made.name());
        }
        if (!(c.func() instanceof Expr.Attribute a)) return null;
        KernelClass k = classOf(a.value());
        if (k == null) return null;
        if (!k.methods().contains(a.attr()))
            throw error(a.span(), "class %s has no method '%s'".formatted(k.name(), a.attr()));
        List<Expr> args = new ArrayList<>();
        if (classNamed(a.value()) == null) args.add(a.value());   // x.m(...) passes x as self
        args.addAll(c.args());
        Expr.Call call = new Expr.Call(new Expr.Name(k.name() + "." + a.attr(), org.coredev.python.ast.Ops.Ctx.LOAD, a.span()),
                args, c.keywords(), c.span());
        rewrites.put(c, call);
        return expr(call);
    }

    /** {@code C.a} or {@code x.a}: a class attribute's value. */
    private Type classAttribute(Expr.Attribute a, KernelClass k) {
        Expr value = k.attributes().get(a.attr());
        if (value == null) {
            if (k.methods().contains(a.attr())) throw error(a.span(), "a method of %s is called, not used as a value: %s.%s(...)".formatted(k.name(), k.name(), a.attr()));
            throw error(a.span(), "class %s has no attribute '%s'".formatted(k.name(), a.attr()));
        }
        rewrites.put(a, value);
        return expr(value);
    }

    /** {@code class MyError(Exception): pass} (a docstring may stand for the pass): a new exception class. */
    private void exceptionClass(Stmt.ClassDef c) {
        boolean emptyBody = c.body().stream().allMatch(s -> s instanceof Stmt.Pass
                || s instanceof Stmt.ExprStmt e && e.value() instanceof Expr.Constant k && k.value() instanceof String);
        if (c.bases().size() != 1 || !(c.bases().getFirst() instanceof Expr.Name base) || !exceptionClasses.isClass(base.id())
                || !c.keywords().isEmpty() || !c.decoratorList().isEmpty() || !emptyBody)
            throw error(c.span(), ("a class in kernels is an exception class, 'class %s(Exception): pass', or a class without "
                    + "bases holding constant attributes and methods").formatted(c.name()));
        if (BUILTINS.contains(c.name()) || functions.containsKey(c.name()) || !exceptionClasses.define(c.name(), base.id()))
            throw error(c.span(), "class name '%s' is taken".formatted(c.name()));
    }

    private void declare(Stmt.FunctionDef f) {
        var a = f.args();
        if (!a.posonlyargs().isEmpty() || a.vararg() != null || !a.kwonlyargs().isEmpty() || a.kwarg() != null
                || !a.defaults().isEmpty())
            throw error(f.span(), "kernel functions take plain positional parameters only (no defaults, *args, keywords)");
        if (!f.decoratorList().isEmpty()) throw error(f.decoratorList().get(0).span(), "decorators are not supported yet");
        if (BUILTINS.contains(f.name()) || exceptionClasses.isClass(f.name())
                || (f.name().startsWith("__") && !f.name().startsWith(org.coredev.compiler.embedding.Embedding.DRIVER_PREFIX)))
            throw error(f.span(), "function name '%s' is reserved".formatted(f.name()));
        if (functions.containsKey(f.name())) throw error(f.span(), "function '%s' is defined twice".formatted(f.name()));
        List<String> params = new ArrayList<>();
        FunctionInfo info = new FunctionInfo(f.name(), f, f.body(), params, fresh(false));
        for (Arg p : a.args()) {
            if (info.locals.containsKey(p.arg())) throw error(p.span(), "duplicate parameter '%s'".formatted(p.arg()));
            params.add(p.arg());
            info.locals.put(p.arg(), p.annotation() == null ? fresh(false) : annotated(p.annotation()));
        }
        functions.put(f.name(), info);
    }

    /**
     * The type an annotation names: ARTIQ's {@code TInt32 TInt64 TFloat TBool TStr TNone} (and
     * Python's {@code int float bool str}), {@code TList(T)}, {@code TTuple([T, ...])}.
     */
    private Type annotated(Expr a) {
        if (a instanceof Expr.Name n) {
            Type t = switch (n.id()) {
                case "TInt32", "int" -> Type.INT32;
                case "TInt64" -> Type.INT64;
                case "TFloat", "float" -> Type.FLOAT;
                case "TBool", "bool" -> Type.BOOL;
                case "TStr", "str" -> Type.STR;
                case "TNone" -> Type.NONE;
                default -> null;
            };
            if (t != null) return t;
        }
        if (a instanceof Expr.Call c && c.func() instanceof Expr.Name n && c.args().size() == 1) {
            if (n.id().equals("TList")) return new Type.ListOf(annotated(c.args().getFirst()));
            if (n.id().equals("TTuple") && c.args().getFirst() instanceof Expr.List l)
                return new Type.TupleOf(l.elts().stream().map(this::annotated).toList());
        }
        throw error(a.span(), "unsupported type annotation: TInt32, TInt64, TFloat, TBool, TStr, TNone, TList(T) or TTuple([T, ...])");
    }

    private Type.Var fresh(boolean intOnly) { return new Type.Var(nextVar++, intOnly); }

    /** Functions whose bodies have been read (or are being read). */
    private final java.util.Set<FunctionInfo> inferred = new java.util.HashSet<>();

    private void inferBody(FunctionInfo f) {
        if (f.extern || !inferred.add(f)) return;
        FunctionInfo caller = current;
        int callerLoops = loopDepth, callerHandlers = handlerDepth;
        current = f;
        loopDepth = handlerDepth = 0;
        if (!f.isModule()) collectGlobalDeclarations(f.body, f);
        collectLocals(f.body, f);
        for (Stmt s : f.body) stmt(s);
        current = caller;
        loopDepth = callerLoops;
        handlerDepth = callerHandlers;
    }

    /**
     * The type of {@code e}; when it is still unknown because it is the result of a program
     * function whose body comes later in call order ({@code for x in get_range()}), that body is
     * read now (its parameters already have this call's types).
     */
    private Type known(Expr e) {
        Type t = expr(e);
        if (Type.prune(t) instanceof Type.Var && e instanceof Expr.Call c && c.func() instanceof Expr.Name n
                && !current.locals.containsKey(n.id()) && functions.get(n.id()) instanceof FunctionInfo callee) {
            inferBody(callee);
            t = types.get(e);
        }
        return t;
    }

    /** {@code global x} statements anywhere in a function: x is the module's variable there. */
    private void collectGlobalDeclarations(List<Stmt> body, FunctionInfo f) {
        for (Stmt s : body) {
            switch (s) {
                case Stmt.Global g -> {
                    for (String n : g.names()) {
                        if (!functions.get("__modinit__").locals.containsKey(n))
                            throw error(g.span(), "'global %s': the module assigns no variable '%s'".formatted(n, n));
                        f.globals.add(n);
                    }
                }
                case Stmt.For x -> { collectGlobalDeclarations(x.body(), f); collectGlobalDeclarations(x.orelse(), f); }
                case Stmt.While w -> { collectGlobalDeclarations(w.body(), f); collectGlobalDeclarations(w.orelse(), f); }
                case Stmt.If i -> { collectGlobalDeclarations(i.body(), f); collectGlobalDeclarations(i.orelse(), f); }
                case Stmt.Try t -> {
                    collectGlobalDeclarations(t.body(), f);
                    for (var h : t.handlers()) collectGlobalDeclarations(h.body(), f);
                    collectGlobalDeclarations(t.orelse(), f);
                    collectGlobalDeclarations(t.finalbody(), f);
                }
                default -> { }
            }
        }
    }

    /** The type of a name in the current function: a local, or a module variable read (or declared global) there. */
    private Type variable(String name) {
        Type t = current.globals.contains(name) ? null : current.locals.get(name);
        if (t != null || current.isModule()) return t;
        FunctionInfo module = functions.get("__modinit__");
        t = module.locals.get(name);
        if (t != null) {
            current.globals.add(name);
            moduleGlobals.add(name);
        }
        return t;
    }

    /**
     * A list comprehension's variable is a local of the enclosing function here (Python 3 gives
     * it a scope of its own; a name used both ways must keep one type).
     */
    private void comprehensionLocals(Stmt s, FunctionInfo f) {
        walk(s, node -> {
            if (node instanceof Expr.ListComp lc)
                for (org.coredev.python.ast.Comprehension g : lc.generators()) if (g.target() instanceof Expr.Name) local(g.target(), f);
            // Nested functions, classes and lambdas are scopes of their own.
            return !(node instanceof Stmt.FunctionDef || node instanceof Stmt.ClassDef || node instanceof Expr.Lambda);
        });
    }

    /** Module variables some function reads or assigns: they live in the image's data, not in registers. */
    private final java.util.Set<String> moduleGlobals = new java.util.TreeSet<>();

    /** Python's rule: a name assigned anywhere in a function is local to all of it. */
    private void collectLocals(List<Stmt> body, FunctionInfo f) {
        for (Stmt s : body) {
            comprehensionLocals(s, f);
            switch (s) {
                case Stmt.Assign a -> { for (Expr t : a.targets()) local(t, f); }
                case Stmt.AugAssign a -> local(a.target(), f);
                case Stmt.For x -> { local(x.target(), f); collectLocals(x.body(), f); collectLocals(x.orelse(), f); }
                case Stmt.While w -> { collectLocals(w.body(), f); collectLocals(w.orelse(), f); }
                case Stmt.If i -> { collectLocals(i.body(), f); collectLocals(i.orelse(), f); }
                case Stmt.Try t -> {
                    collectLocals(t.body(), f);
                    for (var h : t.handlers()) {
                        if (h.name() != null) local(new Expr.Name(h.name(), org.coredev.python.ast.Ops.Ctx.STORE, h.span()), f);
                        collectLocals(h.body(), f);
                    }
                    collectLocals(t.orelse(), f);
                    collectLocals(t.finalbody(), f);
                }
                default -> { }
            }
        }
    }

    private void local(Expr target, FunctionInfo f) {
        if (target instanceof Expr.Subscript) return;   // an element of an existing list
        if (target instanceof Expr.Tuple t) {
            for (Expr e : t.elts()) {
                if (!(e instanceof Expr.Name)) throw error(e.span(), "only simple variables can be assigned to yet (not %s)".formatted(nodeName(e)));
                local(e, f);
            }
            return;
        }
        if (!(target instanceof Expr.Name n))
            throw error(target.span(), "only simple variables can be assigned to yet (not %s)".formatted(nodeName(target)));
        if (BUILTINS.contains(n.id()) || functions.containsKey(n.id()) || exceptionClasses.isClass(n.id()))
            throw error(target.span(), "cannot assign to '%s'".formatted(n.id()));
        if (!f.globals.contains(n.id())) f.locals.putIfAbsent(n.id(), fresh(false));
    }

    // ---- statements ------------------------------------------------------------------------

    private void stmt(Stmt s) {
        switch (s) {
            case Stmt.Assign a when a.targets().getFirst() instanceof Expr.Tuple target
                    && !(a.value() instanceof Expr.Tuple) -> {
                // a, b = t: unpacking a tuple value
                if (a.targets().size() != 1) throw error(a.span(), "tuple assignment needs a single target");
                Type v = expr(a.value());
                if (unknown(v)) {   // a call whose callee is read later: a tuple of that many values
                    List<Type> elts = new ArrayList<>();
                    for (int k = 0; k < target.elts().size(); k++) elts.add(fresh(false));
                    unify(v, new Type.TupleOf(List.copyOf(elts)), a.value().span(), "unpacked value");
                }
                if (Type.prune(v) instanceof Type.ListOf l) {   // a, b = list: its length checked when run
                    for (Expr t : target.elts()) assign(t, l.elt(), a.value());
                    return;
                }
                if (!(Type.prune(v) instanceof Type.TupleOf tu) || tu.elts().size() != target.elts().size())
                    throw error(a.value().span(), "cannot unpack %s into %d variables".formatted(Type.prune(v), target.elts().size()));
                for (int k = 0; k < tu.elts().size(); k++) assign(target.elts().get(k), tu.elts().get(k), a.value());
            }
            case Stmt.Assign a when a.targets().getFirst() instanceof Expr.Tuple target -> {
                // a, b = x, y: both sides spelled out, every value computed first
                if (a.targets().size() != 1 || !(a.value() instanceof Expr.Tuple value) || value.elts().size() != target.elts().size())
                    throw error(a.span(), "tuple assignment needs a tuple of %d values on the right".formatted(target.elts().size()));
                for (int k = 0; k < value.elts().size(); k++) {
                    if (value.elts().get(k) instanceof Expr.Starred st) throw error(st.span(), "starred values are not supported");
                    assign(target.elts().get(k), expr(value.elts().get(k)), value.elts().get(k));
                }
            }
            case Stmt.Assign a -> {
                Type v = expr(a.value());
                for (Expr t : a.targets()) {
                    if (t instanceof Expr.Tuple) throw error(t.span(), "tuple assignment needs a single target");
                    assign(t, v, a.value());
                }
            }
            case Stmt.AugAssign a -> {
                if (a.target() instanceof Expr.Subscript sub) {
                    Type target = expr(a.target());
                    Type container = Type.prune(types.get(sub.value()));
                    if (!(container instanceof Type.ListOf) && !(container instanceof Type.ArrayOf && !(Type.prune(target) instanceof Type.ArrayOf))
                            && !(container instanceof Type.Bytes b && b.mutable()))
                        throw error(sub.span(), "only list and array elements can be assigned to, not elements of %s".formatted(container));
                    Type result = binary(a.op(), target, expr(a.value()), a.span());
                    unify(target, result, a.span(), "augmented assignment to a list element");
                } else {
                    if (!(a.target() instanceof Expr.Name))
                        throw error(a.target().span(), "augmented assignment to %s is not supported".formatted(nodeName(a.target())));
                    Type target = expr(a.target());
                    Type v = expr(a.value());
                    Type result = binary(a.op(), target, v, a.span());
                    unify(target, result, a.span(), "augmented assignment to '%s'".formatted(((Expr.Name) a.target()).id()));
                }
            }
            case Stmt.ExprStmt e -> expr(e.value());
            case Stmt.Pass p -> { }
            case Stmt.Global g -> {
                if (current.isModule()) throw error(g.span(), "'global' at module level: module variables are global already");
            }
            case Stmt.If i -> { truth(i.test()); block(i.body()); block(i.orelse()); }
            case Stmt.While w -> {
                truth(w.test());
                loopDepth++;
                block(w.body());
                loopDepth--;
                block(w.orelse());   // runs when the loop ends without break; a break there leaves an outer loop
            }
            case Stmt.For f -> forRange(f);
            case Stmt.Break b -> { if (loopDepth == 0) throw error(b.span(), "'break' outside loop"); }
            case Stmt.Continue c -> { if (loopDepth == 0) throw error(c.span(), "'continue' not properly in loop"); }
            case Stmt.Return r -> {
                if (current.isModule()) throw error(r.span(), "'return' outside function");
                Type t = r.value() == null ? Type.NONE : expr(r.value());
                // A module variable's list lives in __modinit__'s frame, which outlives every call.
                boolean moduleList = r.value() instanceof Expr.Name n && !current.locals.containsKey(n.id());
                if (Type.prune(t) instanceof Type.ListOf && !moduleList)
                    throw error(r.value().span(), "a list cannot be returned: its elements live in the frame of the function that built it "
                            + "(a module variable's list can be)");
                if (Type.prune(t) instanceof Type.ArrayOf && !moduleList)
                    throw error(r.value().span(), "an array cannot be returned: its elements live in the frame of the function that built it "
                            + "(a module variable's array can be)");
                unify(current.returns, t, r.span(), "return type of %s()".formatted(current.name));
            }
            case Stmt.Assert a -> {
                truth(a.test());
                if (a.msg() != null && !(a.msg() instanceof Expr.Constant c && c.value() instanceof String))
                    throw error(a.msg().span(), "an assert message must be a string constant");
                if (a.msg() != null) expr(a.msg());
            }
            case Stmt.Raise r -> raise(r);
            case Stmt.Try t -> {
                block(t.body());
                for (var h : t.handlers()) {
                    // 'except X as e': e holds the exception's message, a str (str(e) and print(e) show it).
                    if (h.name() != null) unify(variable(h.name()), Type.EXC, h.span(), "'%s'".formatted(h.name()));
                    if (h.type() != null) handlerNames(h.type());
                    handlerDepth++;
                    block(h.body());
                    handlerDepth--;
                }
                block(t.orelse());
                block(t.finalbody());
            }
            case Stmt.FunctionDef f -> throw error(f.span(), "nested functions are not supported yet");
            default -> throw error(s.span(), "%s is not supported in kernels yet".formatted(nodeName(s)));
        }
    }

    private void block(List<Stmt> body) { for (Stmt s : body) stmt(s); }

    /** The exception names an except clause catches: a name or a tuple of names. */
    public static List<Expr.Name> handlerTypes(Expr type) {
        if (type instanceof Expr.Tuple t) return t.elts().stream().map(e -> (Expr.Name) e).toList();
        return List.of((Expr.Name) type);
    }

    private void handlerNames(Expr type) {
        List<Expr> names = type instanceof Expr.Tuple t ? t.elts() : List.of(type);
        for (Expr e : names)
            if (!(e instanceof Expr.Name n) || !exceptionClasses.isClass(n.id()))
                throw error(e.span(), "except catches exception classes only (built-in ones, e.g. %s, or the program's own)"
                        .formatted(String.join(", ", new java.util.TreeSet<>(CATCHABLE))));
    }

    /** How many except clauses enclose the statement being read (a bare raise needs one). */
    private int handlerDepth;

    private void raise(Stmt.Raise r) {
        if (r.exc() == null && r.cause() == null) {
            if (handlerDepth == 0) throw error(r.span(), "a bare 'raise' re-raises only inside an except clause");
            return;
        }
        if (r.exc() == null || r.cause() != null) throw error(r.span(), "only 'raise ExceptionName(\"message\")' is supported");
        Expr e = r.exc();
        if (e instanceof Expr.Name n && current.locals.containsKey(n.id()) && Type.prune(variable(n.id())) instanceof Type.Exc) {
            expr(e);   // raise e: the caught exception again, raised from here (ARTIQ updates its location)
            return;
        }
        String name = e instanceof Expr.Call c && c.func() instanceof Expr.Name n ? n.id()
                : e instanceof Expr.Name n ? n.id() : null;
        if (name == null || !EXCEPTIONS.contains(name) && !exceptionClasses.isUser(name))
            throw error(e.span(), "only these built-in exceptions and the program's own classes can be raised yet (%s)"
                    .formatted(String.join(", ", new java.util.TreeSet<>(EXCEPTIONS))));
        if (e instanceof Expr.Call c) {
            if (!c.keywords().isEmpty() || c.args().size() > 1
                    || (c.args().size() == 1 && !(c.args().get(0) instanceof Expr.Constant k && k.value() instanceof String)))
                throw error(c.span(), "an exception takes one string constant message");
            for (Expr a : c.args()) expr(a);
        }
    }

    private void forRange(Stmt.For f) {
        forLoop(f);
        block(f.orelse());   // runs when the loop ends without break; a break there leaves an outer loop
    }

    private void forLoop(Stmt.For f) {
        if (!(f.iter() instanceof Expr.Call c && c.func() instanceof Expr.Name n && n.id().equals("range"))) {
            Type it = Type.prune(known(f.iter()));
            Type elt = switch (it) {
                case Type.ListOf l -> l.elt();
                case Type.RangeOf r -> r.elt();
                case Type.ArrayOf a -> a.dims() == 1 ? a.elt() : new Type.ArrayOf(a.elt(), a.dims() - 1);   // rows of a matrix
                case Type.Bytes b -> Type.INT32;
                default -> throw error(f.iter().span(), "for loops go over range(...), a list or an array, not %s".formatted(it));
            };
            if (!(f.target() instanceof Expr.Name)) throw error(f.target().span(), "a for loop over a list takes one variable");
            assign(f.target(), elt, f.iter());
            loopDepth++;
            block(f.body());
            loopDepth--;
            return;
        }
        Type t = rangeElement(c);
        types.put(c, t);
        assign(f.target(), t, f.iter());
        loopDepth++;
        block(f.body());
        loopDepth--;
    }

    /** A function's assignment to a module variable: checked once types are known (a list must not escape its frame). */
    private record GlobalStore(String function, String target, Type value, Span at) { }

    /** "an element of 'rows'" for a list element assigned to. */
    private static String describe(Expr list) {
        return list instanceof Expr.Name n ? "an element of '%s', a list from outside it".formatted(n.id()) : "an element of a list from outside it";
    }
    private final List<GlobalStore> globalStores = new ArrayList<>();

    /** Whether a value of type {@code t} points at list storage (a list, or a tuple holding one). */
    private static boolean holdsList(Type t) {
        return switch (t) {
            case Type.ListOf l -> true;
            case Type.ArrayOf a -> true;
            case Type.TupleOf tu -> tu.elts().stream().anyMatch(e -> holdsList(Type.prune(e)));
            case null, default -> false;
        };
    }

    private void assign(Expr target, Type value, Expr from) {
        if (target instanceof Expr.Subscript sub) {
            Type elt = expr(target);   // a slice: the list type itself
            Type container = Type.prune(expr(sub.value()));
            if (container instanceof Type.Bytes b) {
                if (!b.mutable()) throw error(sub.span(), "'bytes' object does not support item assignment (a bytearray does)");
                unify(value, Type.INT32, from.span(), "bytearray element");
                return;
            }
            if (container instanceof Type.ArrayOf a) {
                if (Type.prune(elt) instanceof Type.ArrayOf || sub.slice() instanceof Expr.Slice)
                    throw error(sub.span(), "only single elements of an array can be assigned to (a[i] = v with one index per dimension), not a part of %s".formatted(a));
                if (Type.isNumeric(elt) && Type.isNumeric(value) && isFloat(elt)) return;   // an int stored in a float array
                unify(elt, value, from.span(), "array element");
                return;
            }
            if (!(container instanceof Type.ListOf))
                throw error(sub.span(), "only list elements can be assigned to, not elements of %s".formatted(Type.prune(types.get(sub.value()))));
            unify(elt, value, from.span(), "list element");
            // A list stored into a list this function did not build (a module variable's, a
            // parameter's) would outlive this frame.
            boolean ownList = sub.value() instanceof Expr.Name base && current.locals.containsKey(base.id())
                    && !current.params.contains(base.id()) && !current.globals.contains(base.id());
            // A slice stores the elements of the assigned list, not the list itself.
            Type stored = sub.slice() instanceof Expr.Slice && Type.prune(value) instanceof Type.ListOf l ? l.elt() : value;
            if (!current.isModule() && !ownList)
                globalStores.add(new GlobalStore(current.name, describe(sub.value()), stored, from.span()));
            return;
        }
        Expr.Name n = (Expr.Name) target;
        Type var = variable(n.id());
        types.put(target, var);
        unify(var, value, from.span(), "'%s'".formatted(n.id()));
        // Another module variable's list lives in __modinit__'s frame, which outlives every call.
        boolean fromModuleVariable = from instanceof Expr.Name source && !current.locals.containsKey(source.id());
        if (!current.isModule() && current.globals.contains(n.id()) && !fromModuleVariable)
            globalStores.add(new GlobalStore(current.name, "module variable '%s'".formatted(n.id()), value, from.span()));
    }

    /** An expression used as a condition: anything with a truth value. */
    private void truth(Expr e) {
        // Every type has a truth value but an array's (numpy: "ambiguous"; ARTIQ has none).
        if (Type.prune(expr(e)) instanceof Type.ArrayOf a)
            throw error(e.span(), "an array has no truth value (test len(a) or its elements)");
    }

    // ---- expressions -----------------------------------------------------------------------

    private Type expr(Expr e) {
        Type t = exprUncached(e);
        types.put(e, t);
        return t;
    }

    private Type exprUncached(Expr e) {
        return switch (e) {
            case Expr.Constant c -> constant(c);
            case Expr.Name n -> {
                Type t = variable(n.id());
                if (t == null) {
                    if (functions.containsKey(n.id()) || BUILTINS.contains(n.id()))
                        throw error(n.span(), "'%s' is a function: call it".formatted(n.id()));
                    throw error(n.span(), "name '%s' is not defined%s".formatted(n.id(),
                            current.isModule() ? "" : " in %s() (nor a module variable)".formatted(current.name)));
                }
                yield t;
            }
            case Expr.ListComp lc -> {
                if (lc.generators().size() != 1 || lc.generators().getFirst().isAsync() != 0)
                    throw error(lc.span(), "a list comprehension takes one 'for' yet");
                org.coredev.python.ast.Comprehension g = lc.generators().getFirst();
                if (!(g.target() instanceof Expr.Name))
                    throw error(g.target().span(), "a list comprehension's 'for' takes one variable yet");
                // Typed as the loop it is: the variable from range() or the list's elements.
                forLoop(new Stmt.For(g.target(), g.iter(), List.of(), List.of(), null, lc.span()));
                for (Expr test : g.ifs()) truth(test);
                Type elt = Type.prune(expr(lc.elt()));
                if (elt instanceof Type.None) throw error(lc.elt().span(), "a list comprehension of None values");
                yield new Type.ListOf(elt);
            }
            case Expr.BinOp b when listRepeat(b) != null -> {
                ListRepeat r = listRepeat(b);
                Type t = expr(r.list());
                expr(b.left() == r.list() ? b.right() : b.left());
                yield t;
            }
            case Expr.BinOp b -> binary(b.op(), expr(b.left()), expr(b.right()), b.span());
            case Expr.UnaryOp u -> {
                Type t = expr(u.operand());
                yield switch (u.op()) {
                    case NOT -> {
                        if (Type.prune(t) instanceof Type.ArrayOf) throw error(u.span(), "an array has no truth value: 'not' of an array");
                        yield Type.BOOL;
                    }
                    case UADD, USUB -> {
                        Type elt = Type.prune(t) instanceof Type.ArrayOf a ? a.elt() : t;   // element by element
                        requireNumeric(elt, u.span(), "bad operand type for unary " + u.op().symbol + ": %s");
                        yield t;
                    }
                    case INVERT -> {
                        if (Type.prune(t) instanceof Type.ArrayOf a) {
                            if (!Type.isInt(a.elt())) throw error(u.span(), "bad operand type for unary ~: %s".formatted(a));
                            yield t;
                        }
                        if (unknown(t)) pending.add(new Pending(current.name, t, true, u.span(), "bad operand type for unary ~: %s"));
                        else if (!Type.isInt(t)) throw error(u.span(), "bad operand type for unary ~: %s".formatted(Type.prune(t)));
                        yield t;
                    }
                };
            }
            case Expr.BoolOp b -> {
                Type t = expr(b.values().get(0));
                for (Expr v : b.values().subList(1, b.values().size()))
                    unify(t, expr(v), v.span(), "operands of '%s'".formatted(b.op().name().toLowerCase()));
                yield t;
            }
            case Expr.Compare c -> {
                Type left = expr(c.left());
                for (int k = 0; k < c.ops().size(); k++) {
                    Type right = expr(c.comparators().get(k));
                    compare(c.ops().get(k), left, right, c.comparators().get(k).span());
                    left = right;
                }
                yield Type.BOOL;
            }
            case Expr.IfExp i -> {
                truth(i.test());
                Type a = expr(i.body());
                unify(a, expr(i.orelse()), i.orelse().span(), "branches of a conditional expression");
                yield a;
            }
            case Expr.Call c -> call(c);
            case Expr.List l -> {
                Type elt = fresh(false);
                for (Expr x : l.elts()) {
                    if (x instanceof Expr.Starred) throw error(x.span(), "starred values are not supported");
                    unify(elt, expr(x), x.span(), "list elements");
                }
                if (l.elts().isEmpty()) deferred.add(new Deferred(current.name, l));
                yield new Type.ListOf(elt);
            }
            case Expr.Tuple t -> {
                List<Type> elts = new ArrayList<>();
                for (Expr x : t.elts()) {
                    if (x instanceof Expr.Starred) throw error(x.span(), "starred values are not supported");
                    elts.add(expr(x));
                }
                yield new Type.TupleOf(List.copyOf(elts));
            }
            case Expr.Subscript sub -> {
                Type v = Type.prune(expr(sub.value()));
                if (v instanceof Type.ArrayOf a) yield arraySubscript(sub, a);
                if (v instanceof Type.Bytes b) {
                    if (sub.slice() instanceof Expr.Slice) throw error(sub.slice().span(), "slices of %s are not supported yet".formatted(b));
                    Type i = expr(sub.slice());
                    if (!Type.isInt(i)) throw error(sub.slice().span(), "%s indices must be integers, not %s".formatted(b, Type.prune(i)));
                    unify(i, Type.INT32, sub.slice().span(), "index");
                    yield Type.INT32;   // a byte reads as an int 0..255
                }
                if (sub.slice() instanceof Expr.Slice sl) {
                    // a[lo:hi:step] of a list: a new list (ARTIQ's slices of lists).
                    if (!(v instanceof Type.ListOf))
                        throw error(sub.value().span(), "only lists can be sliced yet, not %s".formatted(v));
                    for (Expr bound : new Expr[] {sl.lower(), sl.upper()}) {
                        if (bound == null) continue;
                        Type b = expr(bound);
                        unify(b, Type.INT32, bound.span(), "slice bound");
                    }
                    if (sl.step() != null) {
                        // A constant 0 is refused here; another step that is 0 raises ValueError when the slice is taken.
                        Integer step = constantIndex(sl.step());
                        if (step != null && step == 0) throw error(sl.step().span(), "slice step cannot be zero");
                        unify(expr(sl.step()), Type.INT32, sl.step().span(), "slice step");
                    }
                    yield v;
                }
                if (v instanceof Type.TupleOf tu) {
                    Integer k = constantIndex(sub.slice());
                    if (k == null) throw error(sub.slice().span(), "a tuple is indexed by an integer constant");
                    int at = k < 0 ? k + tu.elts().size() : k;
                    if (at < 0 || at >= tu.elts().size())
                        throw error(sub.slice().span(), "tuple index %d out of range for %s".formatted(k, v));
                    expr(sub.slice());
                    yield tu.elts().get(at);
                }
                if (!(v instanceof Type.ListOf l))
                    throw error(sub.value().span(), "%s is not subscriptable (lists and tuples are)".formatted(v));
                Type i = expr(sub.slice());
                if (!Type.isInt(i)) throw error(sub.slice().span(), "list indices must be integers, not %s".formatted(Type.prune(i)));
                yield l.elt();
            }
            case Expr.Attribute a when a.ctx() == org.coredev.python.ast.Ops.Ctx.LOAD && classOf(a.value()) != null ->
                    classAttribute(a, classOf(a.value()));
            case Expr.Attribute a when a.ctx() == org.coredev.python.ast.Ops.Ctx.LOAD && a.attr().equals("shape")
                    && Type.prune(known(a.value())) instanceof Type.ArrayOf arr ->
                    new Type.TupleOf(java.util.Collections.nCopies(arr.dims(), Type.INT32));   // a.shape: one int32 per dimension
            case Expr.Attribute a when a.ctx() == org.coredev.python.ast.Ops.Ctx.LOAD && Set.of("start", "stop", "step").contains(a.attr()) -> {
                // range(...).start/.stop/.step, as ARTIQ's range type has them
                if (!(Type.prune(known(a.value())) instanceof Type.RangeOf r))
                    throw error(a.span(), "'%s' is an attribute of ranges only here, not of %s".formatted(a.attr(), Type.prune(types.get(a.value()))));
                yield r.elt();
            }
            case Expr.Lambda l -> throw error(e.span(),
                    "a lambda is supported only assigned to a name yet, as a statement of a function or the module: f = lambda x: x + 1");
            default -> throw error(e.span(), "%s is not supported in kernels yet".formatted(nodeName(e)));
        };
    }

    /** An integer constant (or its negation) used as a tuple index, else null. */
    public static Integer constantIndex(Expr e) {
        if (e instanceof Expr.Constant c && c.value() instanceof Long l && Math.abs(l) < 1 << 20) return l.intValue();
        if (e instanceof Expr.UnaryOp u && u.op() == UnaryOpKind.USUB && constantIndex(u.operand()) instanceof Integer k) return -k;
        return null;
    }

    private Type constant(Expr.Constant c) {
        Object v = c.value();
        if (v instanceof Boolean) return Type.BOOL;
        if (v instanceof Long l) {
            Type.Var t = fresh(true);
            if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) t.bound = Type.INT64;
            return t;
        }
        if (v instanceof BigInteger) throw error(c.span(), "integer constant does not fit in int64");
        if (v instanceof Double) return Type.FLOAT;
        if (v instanceof String) return Type.STR;
        if (v instanceof Expr.Bytes) return Type.BYTES;
        if (v == Expr.Singleton.NONE) return Type.NONE;
        throw error(c.span(), "unsupported constant " + c.value());
    }

    private void compare(CmpOp op, Type a, Type b, Span at) {
        switch (op) {
            case IS, ISNOT -> {
                // As ARTIQ: both sides of one type, compared as values (a list by its storage, a str by its slice).
                Type pa = Type.prune(a), pb = Type.prune(b);
                if (pa instanceof Type.Instance || pb instanceof Type.Instance)
                    throw error(at, "'is' on instances of kernel classes is not supported (they hold no data to tell them apart)");
                boolean known = (!(pa instanceof Type.Var) || Type.isInt(pa)) && (!(pb instanceof Type.Var) || Type.isInt(pb));
                if (pa instanceof Type.None != pb instanceof Type.None && known)
                    throw error(at, "'is' compares values of one type (%s is %s): ARTIQ's kernels have no None in other types"
                            .formatted(pa, pb));
                unify(a, b, at, "'is' comparison");   // floats too, by value, as ARTIQ's (float() is 0.0)
            }
            case IN, NOTIN -> {   // membership in a list of numbers or bools, compared with ==, or in a range of ints
                if (Type.prune(b) instanceof Type.RangeOf r) {
                    unify(a, r.elt(), at, "operands of '%s'".formatted(op.symbol));
                    return;
                }
                if (!(Type.prune(b) instanceof Type.ListOf l))
                    throw error(at, "'%s' looks in lists and ranges only yet (not %s)".formatted(op.symbol, Type.prune(b)));
                if (Type.isNumeric(a) && Type.isNumeric(l.elt()) && (isFloat(a) || isFloat(l.elt()))) return;
                unify(a, l.elt(), at, "operands of '%s'".formatted(op.symbol));
                Type p = Type.prune(a);
                if (!(Type.isNumeric(p) || p instanceof Type.Bool || p instanceof Type.Var))
                    throw error(at, "'%s' looks for numbers and bools only yet (not %s)".formatted(op.symbol, p));
            }
            default -> {
                if (Type.prune(a) instanceof Type.ArrayOf || Type.prune(b) instanceof Type.ArrayOf)
                    throw error(at, "arrays cannot be compared with %s (numpy would give an array of bools; compare elements)".formatted(op.symbol));
                if (Type.prune(a) instanceof Type.ListOf || Type.prune(a) instanceof Type.TupleOf
                        || Type.prune(b) instanceof Type.ListOf || Type.prune(b) instanceof Type.TupleOf) {
                    if (op != CmpOp.EQ && op != CmpOp.NOTEQ)
                        throw error(at, "ordering lists or tuples is not supported yet (%s %s %s)".formatted(Type.prune(a), op.symbol, Type.prune(b)));
                    unify(a, b, at, "operands of '%s'".formatted(op.symbol));   // element by element, as ARTIQ: one type
                    return;
                }
                if (Type.isNumeric(a) && Type.isNumeric(b) && (isFloat(a) || isFloat(b))) return;
                unify(a, b, at, "operands of '%s'".formatted(op.symbol));
                Type p = Type.prune(a);
                boolean ordering = op != CmpOp.EQ && op != CmpOp.NOTEQ;
                if (ordering && (p instanceof Type.Str || p instanceof Type.None || p instanceof Type.Bytes))
                    throw error(at, "'%s' not supported between %s and %s".formatted(op.symbol, p, Type.prune(b)));
            }
        }
    }

    private static boolean isFloat(Type t) { return Type.prune(t) instanceof Type.Float; }

    /** The kernel type of an RPC return tag (ir.py rpc_tag): i I f b s n, l and its element's tag, t with the count as a raw byte. */
    private static Type rpcReturnType(String tag) {
        int[] at = {0};
        Type t = rpcType(tag, at);
        if (at[0] != tag.length()) throw new IllegalStateException("RPC return tag " + tag);
        return t;
    }

    private static Type rpcType(String tag, int[] at) {
        if (at[0] >= tag.length()) throw new IllegalStateException("RPC return tag " + tag);
        return switch (tag.charAt(at[0]++)) {
            case 'i' -> Type.INT32;
            case 'I' -> Type.INT64;
            case 'f' -> Type.FLOAT;
            case 'b' -> Type.BOOL;
            case 's' -> Type.STR;
            case 'n' -> Type.NONE;
            case 'l' -> new Type.ListOf(rpcType(tag, at));
            case 't' -> {
                int n = at[0] < tag.length() ? tag.charAt(at[0]++) : 0;
                List<Type> elts = new ArrayList<>();
                for (int k = 0; k < n; k++) elts.add(rpcType(tag, at));
                yield new Type.TupleOf(elts);
            }
            default -> throw new IllegalStateException("RPC return tag " + tag);
        };
    }

    /** {@code [a, b] * n} (or {@code n * [a, b]}) with n a non-negative integer constant: the literal's elements n times over. */
    public record ListRepeat(Expr.List list, int count) { }

    /** Most elements a repeated list literal may have (its storage is in the frame). */
    public static final int MAX_REPEATED_ELEMENTS = 4096;

    /** The repetition {@code b} writes, or null if it is not a list literal times an integer constant. */
    public static ListRepeat listRepeat(Expr.BinOp b) {
        if (b.op() != Operator.MULT) return null;
        Expr list = b.left() instanceof Expr.List ? b.left() : b.right(), count = list == b.left() ? b.right() : b.left();
        if (!(list instanceof Expr.List l) || !(count instanceof Expr.Constant c) || !(c.value() instanceof Long n)) return null;
        if (n < 0 || n * Math.max(1, l.elts().size()) > MAX_REPEATED_ELEMENTS) return null;
        return new ListRepeat(l, (int) (long) n);
    }

    /** An unbound variable that is not an integer literal's: anything may still come. */
    private static boolean unknown(Type t) { return Type.prune(t) instanceof Type.Var v && !v.intOnly; }

    /** Requires a number, or records the requirement when the type is not known yet. */
    private void requireNumeric(Type t, Span at, String what) {
        if (unknown(t)) pending.add(new Pending(current.name, t, false, at, what));
        else if (!Type.isNumeric(t)) throw error(at, what.formatted(Type.prune(t)));
    }

    private Type binary(Operator op, Type a, Type b, Span at) {
        String what = "unsupported operand types for %s: %s and %s".formatted(op.symbol, Type.prune(a), Type.prune(b));
        if (Type.prune(a) instanceof Type.ArrayOf || Type.prune(b) instanceof Type.ArrayOf) return arrayBinary(op, a, b, at, what);
        if (op == Operator.MATMULT) throw error(at, what + " (@ multiplies arrays)");
        Type sequence = sequence(op, a, b, at, what);
        if (sequence != null) return sequence;
        switch (op) {
            case ADD, SUB, MULT, FLOORDIV, MOD, POW, DIV -> {
                // An unknown operand beside a float gives a float whatever number it turns out to be
                // (mu * ref_period: mu stays free to be an int64).
                if (isFloat(a) && unknown(b)) {
                    pending.add(new Pending(current.name, b, false, at, "unsupported operand type for " + op.symbol + ": %s"));
                    return Type.FLOAT;
                }
                if (isFloat(b) && unknown(a)) {
                    pending.add(new Pending(current.name, a, false, at, "unsupported operand type for " + op.symbol + ": %s"));
                    return Type.FLOAT;
                }
                if (Type.prune(a) instanceof Type.Var && Type.prune(b) instanceof Type.Var) unify(a, b, at, "operands of " + op.symbol);
                if (unknown(a) || unknown(b)) {
                    // Not known yet (a parameter whose calls come later): same type, a number.
                    unify(a, b, at, "operands of " + op.symbol);
                    pending.add(new Pending(current.name, a, false, at, "unsupported operand type for " + op.symbol + ": %s"));
                    return op == Operator.DIV ? Type.FLOAT : a;
                }
                if (!Type.isNumeric(a) || !Type.isNumeric(b)) throw error(at, what);
                if (isFloat(a) || isFloat(b)) return Type.FLOAT;
                if (op == Operator.DIV) {
                    // int / int is float in Python 3 (both operands must agree on width).
                    unify(a, b, at, "operands of /");
                    return Type.FLOAT;
                }
                unify(a, b, at, "operands of " + op.symbol);
                return a;
            }
            case BITAND, BITOR, BITXOR, LSHIFT, RSHIFT -> {
                if (unknown(a) || unknown(b)) {
                    if (op != Operator.LSHIFT && op != Operator.RSHIFT) unify(a, b, at, "operands of " + op.symbol);
                    pending.add(new Pending(current.name, a, true, at, "unsupported operand type for " + op.symbol + ": %s"));
                    pending.add(new Pending(current.name, b, true, at, "unsupported operand type for " + op.symbol + ": %s"));
                    return a;
                }
                if (!Type.isInt(a) || !Type.isInt(b)) throw error(at, what);
                if (op == Operator.LSHIFT || op == Operator.RSHIFT) {
                    Type.resolve(b);
                    return a;
                }
                unify(a, b, at, "operands of " + op.symbol);
                return a;
            }
            default -> throw error(at, what);
        }
    }

    /**
     * {@code +} of two lists (one element type), two strs or two tuples, and {@code *} of a list
     * by an int (either side): the new sequence's type; null when neither operand is a sequence.
     */
    private Type sequence(Operator op, Type a, Type b, Span at, String what) {
        Type pa = Type.prune(a), pb = Type.prune(b);
        boolean sa = pa instanceof Type.ListOf || pa instanceof Type.Str || pa instanceof Type.TupleOf || pa instanceof Type.Bytes;
        boolean sb = pb instanceof Type.ListOf || pb instanceof Type.Str || pb instanceof Type.TupleOf || pb instanceof Type.Bytes;
        if (!sa && !sb) return null;
        if (op == Operator.ADD) {
            if (pa instanceof Type.TupleOf ta && pb instanceof Type.TupleOf tb) {
                List<Type> elts = new ArrayList<>(ta.elts());
                elts.addAll(tb.elts());
                return new Type.TupleOf(elts);
            }
            if (pa instanceof Type.TupleOf || pb instanceof Type.TupleOf) throw error(at, what);
            unify(a, b, at, "operands of +");
            return a;
        }
        if (op == Operator.MULT && (pa instanceof Type.ListOf || pb instanceof Type.ListOf)) {
            Type count = pa instanceof Type.ListOf ? b : a;
            if (Type.prune(count) instanceof Type.Var) unify(count, Type.INT32, at, "the count of a list repetition");
            if (!Type.isInt(count) || Type.prune(count) instanceof Type.Int i && i.width() != 32)
                throw error(at, "a list is repeated by an int32 count, not %s".formatted(Type.prune(count)));
            return pa instanceof Type.ListOf ? a : b;
        }
        throw error(at, what);
    }

    // ---- arrays (ARTIQ's numpy.array(elt, num_dims)) ------------------------------------

    /**
     * The array {@code array(x)} makes of a value of type {@code t}: a list's elements in one
     * dimension, a list of lists or of arrays adding one dimension per level, an array copied;
     * null if {@code t} makes none.
     */
    private Type.ArrayOf arrayOf(Type t) {
        return switch (Type.prune(t)) {
            case Type.ArrayOf a -> a;
            case Type.ListOf l -> {
                Type e = Type.prune(l.elt());
                if (e instanceof Type.ListOf || e instanceof Type.ArrayOf) {
                    Type.ArrayOf inner = arrayOf(e);
                    yield inner == null ? null : new Type.ArrayOf(inner.elt(), inner.dims() + 1);
                }
                if (e instanceof Type.Var || Type.isNumeric(e) || e instanceof Type.Bool) yield new Type.ArrayOf(l.elt(), 1);
                yield null;
            }
            default -> null;
        };
    }

    /**
     * {@code a[i]} (an element, or for more dimensions the row, a view), {@code a[i, j, ...]}
     * (one index per dimension at most) and {@code a[lo:hi]} (a view of rows lo..hi).
     */
    private Type arraySubscript(Expr.Subscript sub, Type.ArrayOf a) {
        if (sub.slice() instanceof Expr.Slice sl) {
            for (Expr bound : new Expr[] {sl.lower(), sl.upper()})
                if (bound != null) unify(expr(bound), Type.INT32, bound.span(), "slice bound");
            if (sl.step() != null && !(sl.step() instanceof Expr.Constant k && Long.valueOf(1).equals(k.value())))
                throw error(sl.step().span(), "arrays are sliced with step 1 only (a[lo:hi]), as ARTIQ's kernels");
            return a;
        }
        List<Expr> indices = sub.slice() instanceof Expr.Tuple t ? t.elts() : List.of(sub.slice());
        if (indices.size() > a.dims())
            throw error(sub.slice().span(), "too many indices for %s: %d".formatted(a, indices.size()));
        for (Expr i : indices) {
            if (i instanceof Expr.Slice) throw error(i.span(), "an array is sliced along its first dimension only (a[lo:hi])");
            Type it = expr(i);
            if (!Type.isInt(it) && !unknown(it)) throw error(i.span(), "array indices must be integers, not %s".formatted(Type.prune(it)));
            unify(it, Type.INT32, i.span(), "array index");
        }
        if (sub.slice() instanceof Expr.Tuple t) types.put(t, new Type.TupleOf(java.util.Collections.nCopies(indices.size(), Type.INT32)));
        int left = a.dims() - indices.size();
        return left == 0 ? a.elt() : new Type.ArrayOf(a.elt(), left);
    }

    /**
     * An arithmetic operator with an array operand: element by element, with an array of one
     * shape (checked when the kernel runs) or a number on the other side (broadcast), the
     * element type as the operator gives it on numbers; {@code @} multiplies matrices and vectors.
     */
    private Type arrayBinary(Operator op, Type a, Type b, Span at, String what) {
        Type pa = Type.prune(a), pb = Type.prune(b);
        if (op == Operator.MATMULT) {
            if (!(pa instanceof Type.ArrayOf x && pb instanceof Type.ArrayOf y) || x.dims() > 2 || y.dims() > 2)
                throw error(at, what + " (@ takes two arrays of 1 or 2 dimensions)");
            requireNumeric(x.elt(), at, "@ of arrays of %s");
            unify(x.elt(), y.elt(), at, "elements of the operands of @");
            int dims = (x.dims() - 1) + (y.dims() - 1);
            return dims == 0 ? x.elt() : new Type.ArrayOf(x.elt(), dims);
        }
        if (pa instanceof Type.ArrayOf x && pb instanceof Type.ArrayOf y && x.dims() != y.dims())
            throw error(at, "operands could not be broadcast together: %s and %s (one shape, or an array and a number)".formatted(x, y));
        Type ea = pa instanceof Type.ArrayOf x ? x.elt() : a, eb = pb instanceof Type.ArrayOf y ? y.elt() : b;
        if (pa instanceof Type.ListOf || pb instanceof Type.ListOf || pa instanceof Type.TupleOf || pb instanceof Type.TupleOf || pa instanceof Type.Str || pb instanceof Type.Str)
            throw error(at, what);
        Type elt = binary(op, ea, eb, at);
        int dims = pa instanceof Type.ArrayOf x ? x.dims() : ((Type.ArrayOf) pb).dims();
        return new Type.ArrayOf(elt, dims);
    }

    private Type call(Expr.Call c) {
        Type viaClass = classCall(c);
        if (viaClass != null) return viaClass;
        if (c.func() instanceof Expr.Attribute a && a.value() instanceof Expr.Name owner && !current.locals.containsKey(owner.id()))
            throw error(owner.span(), "name '%s' is not defined (nor a device of the device database)".formatted(owner.id()));
        if (!(c.func() instanceof Expr.Name n)) throw error(c.func().span(), "only calls of named functions and device methods are supported yet");
        List<Expr> args = c.args();
        if (!n.id().equals("print") && !c.keywords().isEmpty())   // core_log takes none either, as ARTIQ's
            throw error(c.keywords().get(0).span(), "keyword arguments are not supported yet");
        for (Expr a : args) if (a instanceof Expr.Starred) throw error(a.span(), "*args calls are not supported yet");
        FunctionInfo f = functions.get(n.id());
        if (f != null && !current.locals.containsKey(n.id())) {
            if (args.size() != f.params.size())
                throw error(c.span(), "%s() takes %d arguments but %d were given".formatted(f.name, f.params.size(), args.size()));
            for (int k = 0; k < args.size(); k++)
                unify(f.locals.get(f.params.get(k)), expr(args.get(k)), args.get(k).span(),
                        "parameter '%s' of %s()".formatted(f.params.get(k), f.name));
            callees.computeIfAbsent(current.name, x -> new ArrayList<>()).add(f.name);
            return f.returns;
        }
        switch (n.id()) {
            case "core_log" -> {   // ARTIQ's polymorphic print, to the core log (artiq/compiler/prelude.py)
                for (Expr a : args) {
                    expr(a);
                    deferred.add(new Deferred(current.name, a));
                }
                return Type.NONE;
            }
            case "print" -> {
                for (var k : c.keywords()) {
                    if (k.arg() == null || !(k.arg().equals("sep") || k.arg().equals("end")))
                        throw error(k.span(), "print() takes only the keywords sep and end");
                    if (!(k.value() instanceof Expr.Constant v && (v.value() instanceof String || v.value() == Expr.Singleton.NONE)))
                        throw error(k.value().span(), "print(%s=...) must be a string constant or None".formatted(k.arg()));
                    expr(k.value());
                }
                for (Expr a : args) {
                    expr(a);
                    deferred.add(new Deferred(current.name, a));
                }
                return Type.NONE;
            }
            case "str" -> {
                arity(c, 1);
                Type t = Type.prune(expr(args.get(0)));
                if (!(t instanceof Type.Str || t instanceof Type.Exc))
                    throw error(args.get(0).span(), "str() of %s: only of strings and of caught exceptions ('except X as e') yet".formatted(t));
                return Type.STR;
            }
            case RPC -> {
                if (args.size() < 4 || !(args.get(0) instanceof Expr.Constant s && s.value() instanceof Long)
                        || !(args.get(1) instanceof Expr.Constant m && m.value() instanceof String)
                        || !(args.get(2) instanceof Expr.Constant a && a.value() instanceof Boolean)
                        || !(args.get(3) instanceof Expr.Constant r && r.value() instanceof String))
                    throw error(c.span(), RPC + " is the compiler's own (RPCs are calls of an experiment's host methods)");
                for (int k = 4; k < args.size(); k++) {
                    expr(args.get(k));
                    deferred.add(new Deferred(current.name, args.get(k)));
                }
                return rpcReturnType((String) ((Expr.Constant) args.get(3)).value());
            }
            case "int", "int32", "int64", "float" -> {
                arity(c, 1);
                Type t = known(args.get(0));
                if (unknown(t)) throw error(args.get(0).span(), "%s() of a value whose type is not known here (pass a typed value)".formatted(n.id()));
                if (!Type.isNumeric(t) && !(Type.prune(t) instanceof Type.Bool))
                    throw error(args.get(0).span(), "%s() argument must be a number, not %s".formatted(n.id(), Type.prune(t)));
                if (n.id().equals("int64") && args.get(0) instanceof Expr.Constant k && k.value() instanceof Long) unify(t, Type.INT64, c.span(), "int64()");
                return switch (n.id()) {
                    case "int64" -> Type.INT64;
                    case "float" -> Type.FLOAT;
                    default -> Type.INT32;
                };
            }
            case "bool" -> {
                arity(c, 1);
                expr(args.get(0));
                return Type.BOOL;
            }
            case "abs" -> {
                arity(c, 1);
                Type t = expr(args.get(0));
                requireNumeric(t, c.span(), "bad operand type for abs(): %s");
                return t;
            }
            case "min", "max" -> {
                arity(c, 2);
                Type a = expr(args.get(0)), b = expr(args.get(1));
                unify(a, b, c.span(), "arguments of %s()".formatted(n.id()));
                requireNumeric(a, args.get(0).span(), n.id() + "() of %s");
                return a;
            }
            case "len" -> {
                arity(c, 1);
                Type t = Type.prune(expr(args.get(0)));
                if (!(t instanceof Type.ListOf || t instanceof Type.TupleOf || t instanceof Type.Str || t instanceof Type.RangeOf
                        || t instanceof Type.ArrayOf || t instanceof Type.Bytes))
                    throw error(args.get(0).span(), "len() of %s (lists, tuples, strings, ranges and arrays have a length)".formatted(t));
                return Type.INT32;
            }
            case "round" -> {
                // round(float) is an int whose width its use decides (ARTIQ's builtins.fn_round).
                arity(c, 1);
                Type t = known(args.get(0));
                if (unknown(t)) throw error(args.get(0).span(), "round() of a value whose type is not known here (pass a typed value)");
                if (Type.isInt(t)) return t;
                if (!isFloat(t)) throw error(args.get(0).span(), "round() argument must be a number, not %s".formatted(Type.prune(t)));
                return fresh(true);
            }
            case "now_mu" -> {
                arity(c, 0);
                return Type.INT64;
            }
            case "at_mu", "delay_mu" -> {
                arity(c, 1);
                unify(Type.INT64, expr(args.get(0)), args.get(0).span(), "argument of %s()".formatted(n.id()));
                return Type.NONE;
            }
            case "rtio_get_counter" -> {   // syscall of artiq/coredevice/core.py
                arity(c, 0);
                return Type.INT64;
            }
            case "rtio_init" -> {          // syscall of core.py: clears the FIFOs, releases the PHY reset
                arity(c, 0);
                return Type.NONE;
            }
            case "rtio_output" -> {        // syscall of artiq/coredevice/rtio.py: (target: int32, data: int32) -> None
                arity(c, 2);
                for (Expr a : args) unify(Type.INT32, expr(a), a.span(), "argument of rtio_output()");
                return Type.NONE;
            }
            case "rtio_input_timestamp" -> {   // rtio.py: (timeout_mu: int64, channel: int32) -> int64, -1 on timeout
                arity(c, 2);
                unify(Type.INT64, expr(args.get(0)), args.get(0).span(), "argument of rtio_input_timestamp()");
                unify(Type.INT32, expr(args.get(1)), args.get(1).span(), "argument of rtio_input_timestamp()");
                return Type.INT64;
            }
            case "rtio_input_data" -> {        // rtio.py: (channel: int32) -> int32
                arity(c, 1);
                unify(Type.INT32, expr(args.get(0)), args.get(0).span(), "argument of rtio_input_data()");
                return Type.INT32;
            }
            case "range" -> {
                return new Type.RangeOf(rangeElement(c));
            }
            case "bytes", "bytearray" -> {
                // A copy of bytes, a bytearray or a list of ints 0..255 (the bytearray one can write to).
                arity(c, 1);
                Type t = Type.prune(expr(args.get(0)));
                if (t instanceof Type.ListOf l) unify(l.elt(), Type.INT32, args.get(0).span(), "elements of %s()".formatted(n.id()));
                else if (!(t instanceof Type.Bytes))
                    throw error(args.get(0).span(), "%s() takes bytes, a bytearray or a list of ints, not %s".formatted(n.id(), t));
                return n.id().equals("bytes") ? Type.BYTES : Type.BYTEARRAY;
            }
            case "array" -> {
                arity(c, 1);
                Type t = Type.prune(expr(args.get(0)));
                Type.ArrayOf made = arrayOf(t);
                if (made == null)
                    throw error(args.get(0).span(), "array() takes a list (of numbers, or of lists or arrays for more dimensions) or an array, not %s".formatted(t));
                return made;
            }
            default -> {
                if (exceptionClasses.isClass(n.id())) throw error(c.span(), "exceptions can only be raised yet");
                throw error(n.span(), "name '%s' is not defined".formatted(n.id()));
            }
        }
    }

    /** The int type of a range() call's arguments (1 to 3 integers, one type). */
    private Type rangeElement(Expr.Call c) {
        if (c.args().isEmpty() || c.args().size() > 3 || !c.keywords().isEmpty())
            throw error(c.span(), "range() takes 1 to 3 integer arguments");
        Type t = fresh(true);
        for (Expr a : c.args()) {
            Type at = expr(a);
            if (!Type.isInt(at) && !unknown(at)) throw error(a.span(), "range() argument must be an integer, not %s".formatted(Type.prune(at)));
            unify(t, at, a.span(), "range() arguments");
        }
        return t;
    }

    private void arity(Expr.Call c, int n) {
        if (c.args().size() != n)
            throw error(c.span(), "%s() takes %d argument%s but %d were given".formatted(((Expr.Name) c.func()).id(), n,
                    n == 1 ? "" : "s", c.args().size()));
    }

    // ---- unification -----------------------------------------------------------------------

    private void unify(Type a, Type b, Span at, String what) {
        Type x = Type.prune(a), y = Type.prune(b);
        if (x == y) return;
        if (x instanceof Type.Var v) { bind(v, y, at, what); return; }
        if (y instanceof Type.Var v) { bind(v, x, at, what); return; }
        if (x instanceof Type.ListOf l && y instanceof Type.ListOf m) {
            try {
                unify(l.elt(), m.elt(), at, what);
            } catch (CompileException e) {
                throw error(at, "type mismatch in %s: %s vs %s".formatted(what, x, y));
            }
            return;
        }
        if (x instanceof Type.RangeOf l && y instanceof Type.RangeOf m) {
            unify(l.elt(), m.elt(), at, what);
            return;
        }
        if (x instanceof Type.ArrayOf l && y instanceof Type.ArrayOf m && l.dims() == m.dims()) {
            try {
                unify(l.elt(), m.elt(), at, what);
            } catch (CompileException e) {
                throw error(at, "type mismatch in %s: %s vs %s".formatted(what, x, y));
            }
            return;
        }
        if (x instanceof Type.TupleOf l && y instanceof Type.TupleOf m && l.elts().size() == m.elts().size()) {
            for (int k = 0; k < l.elts().size(); k++) unify(l.elts().get(k), m.elts().get(k), at, what);
            return;
        }
        if (!x.equals(y)) throw error(at, "type mismatch in %s: %s vs %s".formatted(what, x, y));
    }

    private void bind(Type.Var v, Type t, Span at, String what) {
        if (v.intOnly) {
            if (t instanceof Type.Var w) { w.intOnly = true; v.bound = w; return; }
            if (!(t instanceof Type.Int))
                throw error(at, "type mismatch in %s: int vs %s".formatted(what, t));
        }
        v.bound = t;
    }

    private CompileException error(Span at, String detail) {
        // Inside a device driver the span is a line of coredev's drivers.py, not of the user's file.
        if (current != null && current.name.startsWith(DRIVER_PREFIX)) {
            String method = current.name.substring(DRIVER_PREFIX.length()).replaceFirst("_", ".");
            return new CompileException(DRIVERS_FILE, at, "%s (in coredev's driver of %s, called from %s)".formatted(detail, method, file));
        }
        return new CompileException(file, at, detail);
    }

    /** Device drivers are kernel functions named __driver_CLASS_method, from coredev's drivers.py. */
    private static final String DRIVER_PREFIX = "__driver_", DRIVERS_FILE = "drivers.py";

    /** What Python's documentation calls a construct, for messages (not the parser's class name). */
    public static String nodeName(Object node) {
        return switch (node.getClass().getSimpleName()) {
            case "BoolOp" -> "and/or";
            case "NamedExpr" -> "an assignment expression (:=)";
            case "BinOp" -> "an arithmetic expression";
            case "UnaryOp" -> "a unary expression";
            case "Lambda" -> "lambda";
            case "IfExp" -> "a conditional expression (x if c else y)";
            case "Dict" -> "a dict";
            case "Set" -> "a set";
            case "ListComp" -> "a list comprehension";
            case "SetComp" -> "a set comprehension";
            case "DictComp" -> "a dict comprehension";
            case "GeneratorExp" -> "a generator expression";
            case "Await" -> "await";
            case "Yield", "YieldFrom" -> "yield";
            case "Compare" -> "a comparison";
            case "Call" -> "a call";
            case "FormattedValue", "JoinedStr" -> "an f-string";
            case "Constant" -> "a constant";
            case "Attribute" -> "an attribute";
            case "Subscript" -> "a subscript";
            case "Starred" -> "a starred expression (*x)";
            case "Name" -> "a name";
            case "List" -> "a list";
            case "Tuple" -> "a tuple";
            case "Slice" -> "a slice";
            case "Delete" -> "del";
            case "TypeAlias" -> "a type alias";
            case "AnnAssign" -> "an annotated assignment";
            case "AsyncFor" -> "async for";
            case "AsyncWith" -> "async with";
            case "With" -> "with";
            case "Match" -> "match";
            case "TryStar" -> "try/except*";
            case "Import", "ImportFrom" -> "import";
            case "Nonlocal" -> "nonlocal";
            default -> node.getClass().getSimpleName();
        };
    }
}
