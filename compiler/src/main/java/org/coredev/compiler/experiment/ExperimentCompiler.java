package org.coredev.compiler.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.coredev.compiler.CompileException;
import org.coredev.python.ParseException;
import org.coredev.python.ast.Arg;
import org.coredev.python.ast.Arguments;
import org.coredev.python.ast.Expr;
import org.coredev.python.ast.Module;
import org.coredev.python.ast.Node;
import org.coredev.python.ast.Ops.Ctx;
import org.coredev.python.ast.Span;
import org.coredev.python.ast.Stmt;
import org.coredev.python.eval.Interpreter;
import org.coredev.python.eval.PyBuiltin;
import org.coredev.python.eval.PyBoundMethod;
import org.coredev.python.eval.PyClass;
import org.coredev.python.eval.PyFunction;
import org.coredev.python.eval.PyInstance;
import org.coredev.python.eval.PyList;
import org.coredev.python.eval.PyModule;
import org.coredev.python.eval.PyNone;
import org.coredev.python.eval.PyTuple;
import org.coredev.python.lexer.Source;

/**
 * Turns an ARTIQ experiment file into a kernel program: runs the file and the experiment's
 * {@code build()} with the host evaluator (a stub {@code artiq.experiment} whose
 * {@code setattr_device} gives placeholders naming device_db keys, whose arguments take their
 * defaults), then rewrites the {@code @kernel} method {@code run} and the kernels it may call as
 * program functions: {@code self.dev} becomes the device's name (bound to the driver library by
 * {@code Embedding}), {@code self.attr} holding numbers, bools, strings, or lists and tuples of
 * them becomes a module variable {@code self.attr} initialised with the host value, and
 * {@code self.m(...)} a call of the kernel function {@code Class.m}, or an RPC if {@code m} is a
 * host method (service numbers from 2, the return type from its annotation, async with
 * {@code @rpc(flags={"async"})}). Module-level values the kernels read are embedded the same way.
 * Attributes a kernel assigns are written back after {@code run()} through service 0, setattr.
 */
public final class ExperimentCompiler {
    private static final Set<String> KERNEL_DECORATORS = Set.of("kernel", "portable");

    private final String file;
    private final Module tree;
    private final Map<String, ?> deviceDb;
    private final Interpreter host = new Interpreter();
    private PyModule stub;
    private PyModule user;
    private PyInstance experiment;
    private String className;
    /** Kernel methods by name (MRO order: the first definition wins). */
    private final Map<String, Stmt.FunctionDef> kernelMethods = new LinkedHashMap<>();
    /** Module-level kernel functions by name. */
    private final Map<String, Stmt.FunctionDef> kernelFunctions = new LinkedHashMap<>();
    /** Host (non-kernel) methods of the class and its bases defined in the file, by name. */
    private final Map<String, Stmt.FunctionDef> hostMethods = new LinkedHashMap<>();
    /** RPC service numbers of the host methods the kernels call (print is 1, setattr 0). */
    private final Map<String, Integer> services = new LinkedHashMap<>();
    /** Attributes of self some kernel assigns: written back to the host instance after the kernel. */
    private final Set<String> writtenBack = new java.util.TreeSet<>();
    /** Embedded host values: program variable name to its literal. */
    private final Map<String, Expr> embedded = new LinkedHashMap<>();

    private ExperimentCompiler(String file, Module tree, Map<String, ?> deviceDb) {
        this.file = file;
        this.tree = tree;
        this.deviceDb = deviceDb;
    }

    /** Whether the file defines a class deriving from {@code EnvExperiment} (by name, as written). */
    public static boolean definesExperiment(Module tree) {
        for (Stmt s : tree.body())
            if (s instanceof Stmt.ClassDef c)
                for (Expr base : c.bases())
                    if (base instanceof Expr.Name n && n.id().equals("EnvExperiment")
                            || base instanceof Expr.Attribute a && a.attr().equals("EnvExperiment"))
                        return true;
        return false;
    }

    /**
     * The kernel program of the experiment in {@code tree}: host code runs here ({@code print}
     * output of the file and of build() goes to {@code hostOutput}); errors are CompileExceptions
     * naming {@code file:line:col}.
     */
    public static Module kernelProgram(String file, String source, Module tree, Map<String, ?> deviceDb,
                                       Consumer<String> hostOutput) {
        return build(file, source, tree, deviceDb, hostOutput).program;
    }

    /** The kernel program and the host instance build() made (which the kernel's RPCs call). */
    public record Built(Module program, ExperimentInstance instance) { }

    /** Runs the host code and build(), then rewrites the kernels; see {@link #kernelProgram}. */
    public static Built build(String file, String source, Module tree, Map<String, ?> deviceDb, Consumer<String> hostOutput) {
        ExperimentCompiler c = new ExperimentCompiler(file, tree, deviceDb);
        c.runHost(source, hostOutput, true);
        Module program = c.program(List.of());
        return new Built(program, new ExperimentInstance(c.host, c.experiment));
    }

    /**
     * A bundle's program: the kernel methods {@code methods} and every kernel they reach, with the
     * experiment's attributes embedded once. {@code __modinit__} only initialises the embedded
     * values (it runs once, when the bundle is loaded); each method gets an entry point
     * {@link #entryName entry.Class.method} that calls it and then writes back the attributes
     * the bundle's kernels assign.
     */
    public record BuiltBundle(Module program, ExperimentInstance instance, List<String> entries, Map<String, String> kernels,
                              Set<String> writtenBack) { }

    public static BuiltBundle buildBundle(String file, String source, Module tree, Map<String, ?> deviceDb,
                                          Consumer<String> hostOutput, List<String> methods) {
        ExperimentCompiler c = new ExperimentCompiler(file, tree, deviceDb);
        c.runHost(source, hostOutput, false);
        if (methods.isEmpty()) throw new CompileException(file, 1, 1, "a bundle needs at least one kernel");
        Map<String, String> kernels = new LinkedHashMap<>();
        for (String m : methods) {
            if (!c.kernelMethods.containsKey(m))
                throw new CompileException(file, 1, 1, c.hostMethods.containsKey(m)
                        ? "%s.%s is a host method: only @kernel methods can be bundled".formatted(c.className, m)
                        : "%s has no @kernel method '%s' to bundle".formatted(c.className, m));
            kernels.put(entryName(c.kernelName(m)), c.kernelName(m));
        }
        Module program = c.program(methods);
        return new BuiltBundle(program, new ExperimentInstance(c.host, c.experiment), List.copyOf(kernels.keySet()),
                kernels, Set.copyOf(c.writtenBack));
    }

    /** The exported entry point of a bundled kernel. */
    public static String entryName(String kernel) { return "entry." + kernel; }

    // ---- host side -------------------------------------------------------------------------

    private void runHost(String source, Consumer<String> hostOutput, boolean needsRun) {
        host.setStdout(hostOutput);
        host.builtins().put("__coredev_device_exists", new PyBuiltin("__coredev_device_exists",
                (in, args, kwargs) -> args.size() == 1 && args.get(0) instanceof String key && deviceDb.containsKey(key)));
        try {
            stub = host.run(new Source("artiq/experiment.py", stubSource()), "artiq.experiment");
            for (String name : List.of("artiq.experiment", "artiq.language", "artiq.language.core",
                    "artiq.language.environment", "artiq.language.units"))
                host.registerModule(new PyModule(name, stub.dict));
            PyModule artiq = new PyModule("artiq");
            artiq.dict.put("experiment", stub);
            host.registerModule(artiq);
            user = host.run(new Source(file, source), tree, "__main__");
            PyClass cls = experimentClass();
            className = cls.name;
            experiment = (PyInstance) host.callFromHost(cls, List.of(), Map.of());
            collectKernels(cls, needsRun);
        } catch (ParseException e) {
            throw new CompileException(e.file(), e.line(), Math.max(1, e.column()), "in the host code: " + e.detail());
        }
    }

    private static String stubSource() {
        try (InputStream in = ExperimentCompiler.class.getResourceAsStream("artiq_experiment.py")) {
            if (in == null) throw new IllegalStateException("artiq_experiment.py missing from the build");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read artiq_experiment.py", e);
        }
    }

    /** The one class of this file that derives from EnvExperiment. */
    private PyClass experimentClass() {
        PyClass env = (PyClass) stub.dict.get("EnvExperiment");
        List<PyClass> found = new ArrayList<>();
        for (Stmt s : tree.body())
            if (s instanceof Stmt.ClassDef c && user.dict.get(c.name()) instanceof PyClass cls && cls != env && cls.isSubclassOf(env))
                found.add(cls);
        if (found.isEmpty()) throw new CompileException(file, 1, 1, "no experiment class (a subclass of EnvExperiment) in this file");
        if (found.size() > 1)
            throw new CompileException(file, 1, 1, "several experiment classes (%s): coredev runs a file with one"
                    .formatted(String.join(", ", found.stream().map(k -> k.name).toList())));
        return found.getFirst();
    }

    private void collectKernels(PyClass cls, boolean needsRun) {
        Map<String, Stmt.ClassDef> classDefs = new LinkedHashMap<>();
        for (Stmt s : tree.body()) {
            if (s instanceof Stmt.ClassDef c) classDefs.put(c.name(), c);
            if (s instanceof Stmt.FunctionDef f && isKernel(f)) kernelFunctions.put(f.name(), f);
        }
        for (PyClass k : cls.mro) {
            Stmt.ClassDef def = classDefs.get(k.name);
            if (def == null) continue;
            for (Stmt s : def.body())
                if (s instanceof Stmt.FunctionDef f) {
                    if (isKernel(f)) kernelMethods.putIfAbsent(f.name(), f);
                    else if (!kernelMethods.containsKey(f.name())) hostMethods.putIfAbsent(f.name(), f);
                }
        }
        if (needsRun && !kernelMethods.containsKey("run")) {
            Span at = classDefs.get(cls.name).span();
            throw new CompileException(file, at, "%s.run is not a @kernel method: coredev runs the kernel of an experiment".formatted(cls.name));
        }
    }

    private static boolean isKernel(Stmt.FunctionDef f) {
        for (Expr d : f.decoratorList())
            if (d instanceof Expr.Name n && KERNEL_DECORATORS.contains(n.id())
                    || d instanceof Expr.Attribute a && KERNEL_DECORATORS.contains(a.attr()))
                return true;
        return false;
    }

    // ---- kernel side -----------------------------------------------------------------------

    private String kernelName(String method) { return className + "." + method; }

    /**
     * The file's exception classes ({@code class MyError(Exception): pass}, also of one another),
     * which kernels raise and catch: the type inference gives them ids after the built-in ones.
     */
    private List<Stmt> exceptionClasses() {
        org.coredev.compiler.types.ExceptionClasses known = new org.coredev.compiler.types.ExceptionClasses();
        List<Stmt> out = new ArrayList<>();
        for (Stmt s : tree.body())
            if (s instanceof Stmt.ClassDef c && c.bases().size() == 1 && c.bases().getFirst() instanceof Expr.Name base
                    && known.isClass(base.id()) && known.define(c.name(), base.id()))
                out.add(c);
        return out;
    }

    /** The program: {@code run()} called from {@code __modinit__}, or with {@code bundled} methods, their entry points. */
    private Module program(List<String> bundled) {
        List<Stmt> functions = new ArrayList<>();
        for (Stmt.FunctionDef f : kernelFunctions.values()) functions.add(rewriteFunction(f, false));
        for (Stmt.FunctionDef f : kernelMethods.values()) functions.add(rewriteFunction(f, true));
        List<Stmt> body = new ArrayList<>();
        for (Map.Entry<String, Expr> e : embedded.entrySet())
            body.add(new Stmt.Assign(List.of(new Expr.Name(e.getKey(), Ctx.STORE, e.getValue().span())), e.getValue(), null, e.getValue().span()));
        body.addAll(exceptionClasses());
        body.addAll(functions);
        if (bundled.isEmpty()) {
            Span at = kernelMethods.get("run").span();
            body.add(new Stmt.ExprStmt(new Expr.Call(new Expr.Name(kernelName("run"), Ctx.LOAD, at), List.of(), List.of(), at), at));
            body.addAll(writeback(at));
        } else {
            for (String m : bundled) body.add(entryPoint(kernelMethods.get(m)));
        }
        return new Module(body, tree.typeIgnores());
    }

    /**
     * Attribute writeback once a kernel returned (ARTIQ's attribute_writeback): one async RPC of
     * service 0 (setattr) per assigned attribute, carrying its name and value.
     */
    private List<Stmt> writeback(Span at) {
        List<Stmt> out = new ArrayList<>();
        for (String variable : writtenBack) {
            String attr = variable.substring("self.".length());
            out.add(new Stmt.ExprStmt(rpcCall(0, "setattr", true, "n",
                    List.of(new Expr.Constant(attr, null, at), new Expr.Name(variable, Ctx.LOAD, at)), at), at));
        }
        return out;
    }

    /**
     * {@code def entry.C.m(params): result = C.m(params); <writeback>; return result}, with the
     * method's parameters and their annotations: the host calls it with arguments of those types.
     */
    private Stmt.FunctionDef entryPoint(Stmt.FunctionDef method) {
        Span at = method.span();
        List<Arg> params = method.args().args().subList(1, method.args().args().size());
        if (!method.args().defaults().isEmpty() || method.args().vararg() != null || !method.args().kwonlyargs().isEmpty()
                || method.args().kwarg() != null)
            throw new CompileException(file, at, "bundle entry %s: plain positional parameters only (no defaults, *args, keywords)"
                    .formatted(kernelName(method.name())));
        List<Expr> forward = params.stream().map(p -> (Expr) new Expr.Name(p.arg(), Ctx.LOAD, p.span())).toList();
        Expr.Name result = new Expr.Name("entry.result", Ctx.STORE, at);
        List<Stmt> body = new ArrayList<>();
        body.add(new Stmt.Assign(List.of(result), new Expr.Call(new Expr.Name(kernelName(method.name()), Ctx.LOAD, at),
                forward, List.of(), at), null, at));
        body.addAll(writeback(at));
        body.add(new Stmt.Return(new Expr.Name("entry.result", Ctx.LOAD, at), at));
        Arguments args = new Arguments(List.of(), params, null, List.of(), List.of(), null, List.of());
        return new Stmt.FunctionDef(entryName(kernelName(method.name())), args, body, List.of(), null, null, List.of(), at);
    }

    /** A kernel as a program function: no decorators, no self, self.x and host globals resolved. */
    private Stmt.FunctionDef rewriteFunction(Stmt.FunctionDef f, boolean method) {
        Arguments a = f.args();
        List<Arg> params = a.args();
        String self = null;
        if (method) {
            if (params.isEmpty()) throw new CompileException(file, f.span(), "kernel method %s has no self parameter".formatted(f.name()));
            self = params.getFirst().arg();
            params = params.subList(1, params.size());
        }
        Set<String> locals = new HashSet<>();
        for (Arg p : params) locals.add(p.arg());
        collectStores(f.body(), locals);
        Set<String> written = new java.util.TreeSet<>();
        Rewriter r = new Rewriter(self, locals, written);
        @SuppressWarnings("unchecked")
        List<Stmt> body = new ArrayList<>((List<Stmt>) r.rewrite(f.body()));
        if (!written.isEmpty()) body.addFirst(new Stmt.Global(List.copyOf(written), f.span()));
        writtenBack.addAll(written);
        Arguments args = new Arguments(a.posonlyargs(), params, a.vararg(), a.kwonlyargs(), a.kwDefaults(), a.kwarg(), a.defaults());
        return new Stmt.FunctionDef(method ? kernelName(f.name()) : f.name(), args, body, List.of(), f.returns(),
                f.typeComment(), f.typeParams(), f.span());
    }

    private static void collectStores(Object node, Set<String> out) {
        if (node == null) return;
        if (node instanceof Expr.Name n && n.ctx() == Ctx.STORE) out.add(n.id());
        if (node instanceof org.coredev.python.ast.ExceptHandler h && h.name() != null) out.add(h.name());
        forEachChild(node, c -> collectStores(c, out));
    }

    /** Rewrites one kernel body's references to self and to host globals. */
    private final class Rewriter {
        private final String self;
        private final Set<String> locals;
        private final Set<String> written;

        Rewriter(String self, Set<String> locals, Set<String> written) {
            this.self = self;
            this.locals = locals;
            this.written = written;
        }

        Object rewrite(Object node) {
            if (node == null) return null;
            if (node instanceof List<?> list) {
                List<Object> out = new ArrayList<>(list.size());
                for (Object o : list) out.add(rewrite(o));
                return out;
            }
            switch (node) {
                case Expr.Call c when c.func() instanceof Expr.Attribute at && isSelf(at.value())
                        && kernelMethods.containsKey(at.attr()) -> {
                    return new Expr.Call(new Expr.Name(kernelName(at.attr()), Ctx.LOAD, at.span()),
                            rewriteList(c.args()), rewriteKeywords(c.keywords()), c.span());
                }
                case Expr.Call c when c.func() instanceof Expr.Attribute at && isSelf(at.value())
                        && hostMethods.containsKey(at.attr()) -> {
                    if (!c.keywords().isEmpty())
                        throw new CompileException(file, c.keywords().getFirst().span(), "keyword arguments of RPCs are not supported yet");
                    Stmt.FunctionDef def = hostMethods.get(at.attr());
                    boolean async = isAsyncRpc(def);
                    String returns = returnTag(def);
                    if (async && !returns.equals("n"))
                        throw new CompileException(file, def.span(), "async RPC %s must return None".formatted(at.attr()));
                    int service = services.computeIfAbsent(at.attr(), m -> 2 + services.size());
                    return rpcCall(service, at.attr(), async, returns, rewriteList(c.args()), c.span());
                }
                case Expr.Subscript sub when sub.ctx() == Ctx.STORE && sub.value() instanceof Expr.Attribute at && isSelf(at.value()) -> {
                    // An element store changes the attribute's value: write it back too.
                    writtenBack.add("self." + at.attr());
                }
                case Expr.Attribute at when isSelf(at.value()) -> {
                    return selfAttribute(at);
                }
                case Expr.Name n when self != null && n.id().equals(self) ->
                        throw new CompileException(file, n.span(), "'%s' can only be used as %s.attribute in a kernel".formatted(self, self));
                case Expr.Name n when n.ctx() == Ctx.LOAD && !locals.contains(n.id()) -> {
                    return hostGlobal(n);
                }
                default -> { }
            }
            if (!(node instanceof Record r) || !(node instanceof Node || node instanceof Stmt || node instanceof Expr)) return node;
            RecordComponent[] components = r.getClass().getRecordComponents();
            Object[] values = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int k = 0; k < components.length; k++) {
                values[k] = rewrite(get(components[k], r));
                types[k] = components[k].getType();
            }
            try {
                return r.getClass().getDeclaredConstructor(types).newInstance(values);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        @SuppressWarnings("unchecked")
        private List<Expr> rewriteList(List<Expr> l) { return (List<Expr>) rewrite(l); }

        @SuppressWarnings("unchecked")
        private List<org.coredev.python.ast.Keyword> rewriteKeywords(List<org.coredev.python.ast.Keyword> l) {
            return (List<org.coredev.python.ast.Keyword>) rewrite(l);
        }

        private boolean isSelf(Expr e) { return self != null && e instanceof Expr.Name n && n.id().equals(self); }

        private Expr selfAttribute(Expr.Attribute at) {
            String name = at.attr();
            if (kernelMethods.containsKey(name))
                throw new CompileException(file, at.span(), "kernel method %s.%s can only be called".formatted(self, name));
            Object value;
            try {
                value = host.getAttr(experiment, name);
            } catch (RuntimeException e) {
                throw new CompileException(file, at.span(), "%s has no attribute '%s' after build()".formatted(className, name));
            }
            if (value instanceof PyInstance d && d.attrs.get("__coredev_device_key__") instanceof String key) {
                if (at.ctx() != Ctx.LOAD) throw new CompileException(file, at.span(), "device attribute %s.%s cannot be assigned in a kernel".formatted(self, name));
                return new Expr.Name(key, Ctx.LOAD, at.span());
            }
            if (value instanceof PyBoundMethod || value instanceof PyFunction)
                throw new CompileException(file, at.span(), hostMethods.containsKey(name)
                        ? "host method %s.%s can only be called (an RPC)".formatted(self, name)
                        : "%s.%s is a method of the artiq stub or not defined in this file: a kernel cannot call it".formatted(self, name));
            String variable = "self." + name;
            if (!embedded.containsKey(variable)) embedded.put(variable, literal(value, at.span(), "%s.%s".formatted(self, name)));
            if (at.ctx() == Ctx.STORE) written.add(variable);
            return new Expr.Name(variable, at.ctx(), at.span());
        }

        /** A free name of a kernel: a module value of the experiment file becomes an embedded variable. */
        private Expr hostGlobal(Expr.Name n) {
            Object value = user.dict.get(n.id());
            if (value == null || stub.dict.get(n.id()) == value || kernelFunctions.containsKey(n.id())) return n;
            if (value instanceof PyFunction || value instanceof PyClass || value instanceof PyModule || value instanceof PyBuiltin) return n;
            if (!embedded.containsKey(n.id())) embedded.put(n.id(), literal(value, n.span(), n.id()));
            return n;
        }
    }

    /** {@code __coredev_rpc(service, "name", async, "return tag", args...)}: lowered to rpc_send(_async). */
    private static Expr rpcCall(int service, String name, boolean async, String returns, List<Expr> args, Span at) {
        List<Expr> all = new ArrayList<>(List.of(new Expr.Constant((long) service, null, at), new Expr.Constant(name, null, at),
                new Expr.Constant(async, null, at), new Expr.Constant(returns, null, at)));
        all.addAll(args);
        return new Expr.Call(new Expr.Name(org.coredev.compiler.types.TypeInference.RPC, Ctx.LOAD, at), all, List.of(), at);
    }

    /** {@code @rpc(flags={"async"})} (artiq/language/core.py). */
    private static boolean isAsyncRpc(Stmt.FunctionDef f) {
        for (Expr d : f.decoratorList())
            if (d instanceof Expr.Call c && (c.func() instanceof Expr.Name n && n.id().equals("rpc")
                    || c.func() instanceof Expr.Attribute a && a.attr().equals("rpc")))
                for (org.coredev.python.ast.Keyword k : c.keywords())
                    if ("flags".equals(k.arg()) && k.value() instanceof Expr.Set set)
                        for (Expr e : set.elts())
                            if (e instanceof Expr.Constant v && "async".equals(v.value())) return true;
        return false;
    }

    /** The RPC return tag from the method's annotation ({@code -> TInt32}); None without one. */
    private String returnTag(Stmt.FunctionDef f) {
        Expr r = f.returns();
        if (r == null || r instanceof Expr.Constant k && k.value() == Expr.Singleton.NONE) return "n";
        String name = r instanceof Expr.Name n ? n.id() : r instanceof Expr.Attribute a ? a.attr() : "";
        return switch (name) {
            case "TInt32", "int" -> "i";
            case "TInt64" -> "I";
            case "TFloat", "float" -> "f";
            case "TBool", "bool" -> "b";
            case "TNone" -> "n";
            default -> throw new CompileException(file, r.span(),
                    "RPC %s returns an unsupported type: annotate it TInt32, TInt64, TFloat, TBool or TNone".formatted(f.name()));
        };
    }

    /** A host value as a kernel-language literal: numbers, bools, strings, None, lists and tuples of them. */
    private Expr literal(Object value, Span at, String what) {
        return switch (value) {
            case Boolean b -> new Expr.Constant(b, null, at);
            case Long l -> new Expr.Constant(l, null, at);
            case Double d -> new Expr.Constant(d, null, at);
            case String s -> new Expr.Constant(s, null, at);
            case PyNone n -> new Expr.Constant(Expr.Singleton.NONE, null, at);
            case PyList l -> {
                if (l.items.isEmpty()) throw new CompileException(file, at, "%s is an empty list: its element type is unknown to the kernel".formatted(what));
                List<Expr> elts = new ArrayList<>();
                for (Object o : l.items) elts.add(literal(o, at, what));
                yield new Expr.List(elts, Ctx.LOAD, at);
            }
            case PyTuple t -> {
                List<Expr> elts = new ArrayList<>();
                for (Object o : t.items()) elts.add(literal(o, at, what));
                yield new Expr.Tuple(elts, Ctx.LOAD, at);
            }
            default -> throw new CompileException(file, at, "%s holds %s: kernels use numbers, bools, strings, lists and tuples of them, and devices"
                    .formatted(what, host.repr(value)));
        };
    }

    private static void forEachChild(Object node, Consumer<Object> action) {
        if (node instanceof List<?> list) {
            for (Object o : list) action.accept(o);
        } else if (node instanceof Record r && (node instanceof Node || node instanceof Stmt || node instanceof Expr)) {
            for (RecordComponent c : r.getClass().getRecordComponents()) action.accept(get(c, r));
        }
    }

    private static Object get(RecordComponent c, Record r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
