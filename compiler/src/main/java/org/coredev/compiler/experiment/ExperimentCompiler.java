package org.coredev.compiler.experiment;

import org.coredev.loader.ValueType;
import org.coredev.loader.BundleLayout;
import java.io.IOException;
import java.io.InputStream;
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
import org.coredev.python.ast.Children;
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
import org.coredev.python.eval.PyRaise;
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
    /** HasEnvironment's methods ARTIQ marks {@code @rpc(flags={"async"})}: kernels call them. */
    private static final Set<String> DATASET_RPCS = Set.of("set_dataset", "append_to_dataset", "mutate_dataset");
    private static final Set<String> DATASET_FLAGS = Set.of("broadcast", "persist", "archive");

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
    /** Devices the program's kernels quote ({@code self.dev}), key to class. */
    private final Map<String, String> devicesUsed = new LinkedHashMap<>();
    /** Linking against bundles: their layouts, else null. */
    private List<BundleLayout> linkedBundles;
    /** Linking: the bundles' cells the program uses, and the bundles' kernels it calls. */
    private final Map<String, ValueType> externGlobals = new LinkedHashMap<>();
    private final Map<String, BundleLayout.Kernel> externKernels = new LinkedHashMap<>();
    private ExperimentInstance instance;
    private KernelCaller caller = KernelCaller.NONE;
    /** The file's top-level classes, by name: where a host object's kernel and host methods are defined. */
    private final Map<String, Stmt.ClassDef> classDefs = new LinkedHashMap<>();
    /**
     * Each host object the kernels reach, by its first path from the experiment ({@code self},
     * {@code self.pulse}): one object is one set of variables however many paths lead to it.
     */
    private final java.util.IdentityHashMap<PyInstance, String> objectPaths = new java.util.IdentityHashMap<>();
    /** Kernel methods of host objects other than the experiment, each compiled for its one object. */
    private final Map<String, ObjectKernel> objectKernels = new LinkedHashMap<>();

    /** A host object a kernel reaches from the experiment: its path ({@code self.pulse}) and the instance. */
    private record HostObject(String path, PyInstance instance) {
        /** The name of its attribute {@code attr} as a program variable, and in writeback and RPC service names. */
        String member(String attr) { return path + "." + attr; }
    }

    /** A kernel method of a host object other than the experiment, compiled for that object. */
    private record ObjectKernel(Stmt.FunctionDef def, HostObject self) { }

    /**
     * What host code's calls of kernels do: coredev's host run() compiles and runs them
     * ({@code HostRun}); {@code bundled(...)} makes a bundle of them.
     */
    public interface KernelCaller {
        /** Host code called kernel method {@code method} with evaluator values; returns an evaluator value. */
        Object call(String method, List<Object> args);

        /** {@code bundled(self.f, self.g)}: compile and load a bundle of these kernel methods; returns its handle's id. */
        long openBundle(List<String> methods);

        /** The block of bundle {@code id} ended: its kernels are called as ordinary kernels again. */
        void closeBundle(long id);

        KernelCaller NONE = new KernelCaller() {
            @Override public Object call(String method, List<Object> args) {
                throw PyRaise.of(org.coredev.python.eval.Types.RUNTIME_ERROR,
                        "@kernel method %s called from host code: coredev runs such calls in an experiment's host run()".formatted(method));
            }
            @Override public long openBundle(List<String> methods) {
                throw PyRaise.of(org.coredev.python.eval.Types.RUNTIME_ERROR, "bundled() is for an experiment's host run()");
            }
            @Override public void closeBundle(long id) { }
        };
    }

    /** Host code's kernel calls and bundles go to {@code caller} from now on. */
    public void onKernelCalls(KernelCaller caller) { this.caller = caller; }

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
        return new Built(c.kernel("run", List.of()), c.instance());
    }

    /**
     * An experiment whose host code and build() ran here, kept alive: its kernels are compiled
     * from it as they are asked for ({@link #kernel}, {@link #bundle}, {@link #linked}), each
     * quoting the instance's attributes as they are at that moment, and their RPCs and writeback
     * reach the one {@link #instance}.
     */
    public static ExperimentCompiler open(String file, String source, Module tree, Map<String, ?> deviceDb,
                                          Consumer<String> hostOutput) {
        return open(file, source, tree, deviceDb, hostOutput, null);
    }

    /** As {@link #open}, for the experiment class {@code experimentClass} of a file defining several (null: its only one). */
    public static ExperimentCompiler open(String file, String source, Module tree, Map<String, ?> deviceDb,
                                          Consumer<String> hostOutput, String experimentClass) {
        ExperimentCompiler c = new ExperimentCompiler(file, tree, deviceDb);
        c.requestedClass = experimentClass;
        c.runHost(source, hostOutput, false);
        return c;
    }

    /** The experiment class asked for by name (artiq_run's --class-name), or null. */
    private String requestedClass;

    /** The experiment instance build() created (one for the whole session). */
    public ExperimentInstance instance() {
        if (instance == null) instance = new ExperimentInstance(host, experiment);
        return instance;
    }

    /** The experiment class's name. */
    public String className() { return className; }

    /** Whether the experiment has a {@code @kernel} method of this name. */
    public boolean isKernel(String method) { return kernelMethods.containsKey(method); }

    /**
     * A kernel that calls {@code method} with {@code hostArgs} (evaluator values, quoted as
     * literals) from {@code __modinit__}, then writes back the attributes its kernels assign.
     */
    public Module kernel(String method, List<Object> hostArgs) {
        reset(null);
        Stmt.FunctionDef def = requireKernel(method);
        return program(List.of(method), rootCall(def, hostArgs), false);
    }

    /**
     * A bundle's program: the kernel methods {@code methods} and every kernel they reach, with the
     * experiment's attributes embedded once. {@code __modinit__} only initialises the embedded
     * values (it runs once, when the bundle is loaded); each method gets an entry point
     * {@link #entryName entry.Class.method} that calls it and then writes back the attributes
     * the bundle's kernels assign.
     */
    public record BuiltBundle(Module program, ExperimentInstance instance, List<String> entries, Map<String, String> kernels,
                              Set<String> writtenBack, Set<String> kernelNames, Map<String, String> devices) { }

    public static BuiltBundle buildBundle(String file, String source, Module tree, Map<String, ?> deviceDb,
                                          Consumer<String> hostOutput, List<String> methods) {
        return open(file, source, tree, deviceDb, hostOutput).bundle(methods);
    }

    /** The bundle of kernel methods {@code methods}; see {@link BuiltBundle}. */
    public BuiltBundle bundle(List<String> methods) {
        reset(null);
        if (methods.isEmpty()) throw new CompileException(file, 1, 1, "a bundle needs at least one kernel");
        Map<String, String> kernels = new LinkedHashMap<>();
        for (String m : methods) {
            requireKernel(m);
            kernels.put(entryName(kernelName(m)), kernelName(m));
        }
        Module program = program(methods, null, true);
        Set<String> names = new java.util.TreeSet<>(kernelFunctions.keySet());
        for (String m : kernelMethods.keySet()) names.add(kernelName(m));
        return new BuiltBundle(program, instance(), List.copyOf(kernels.keySet()), kernels, Set.copyOf(writtenBack), names,
                new java.util.TreeMap<>(devicesUsed));
    }

    /**
     * A kernel linked against resident bundles: it calls {@code method} with {@code hostArgs}
     * as {@link #kernel} does, but the bundles' kernels are called in the bundles, and every
     * attribute and device it uses must be one the bundles embedded: it reaches them through the
     * bundles' exported cells ({@link #externGlobals}), never through a copy of its own.
     */
    public record Linked(Module program, Map<String, ValueType> externGlobals,
                         Map<String, BundleLayout.Kernel> externKernels) { }

    public Linked linked(String method, List<Object> hostArgs, List<BundleLayout> bundles) {
        reset(bundles);
        Stmt.FunctionDef def = requireKernel(method);
        if (bundleKernel(kernelName(method)) != null)
            throw new CompileException(file, def.span(), "%s is in bundle '%s': call it in the bundle, not linked against it"
                    .formatted(kernelName(method), bundleOf(kernelName(method))));
        // After a call into a bundle, its assigned attributes are written back as after its own calls.
        for (BundleLayout b : bundles)
            for (BundleLayout.Attribute a : b.attributes())
                if (a.written() && a.name().startsWith("self.")) {
                    writtenBack.add(a.name());
                    externGlobals.put(a.name(), a.type());
                }
        Module program = program(List.of(method), rootCall(def, hostArgs), false);
        return new Linked(program, new java.util.TreeMap<>(externGlobals), new java.util.TreeMap<>(externKernels));
    }

    /** The exported entry point of a bundled kernel. */
    public static String entryName(String kernel) { return "entry." + kernel; }

    private Stmt.FunctionDef requireKernel(String m) {
        Stmt.FunctionDef def = kernelMethods.get(m);
        if (def != null) return def;
        throw new CompileException(file, 1, 1, hostMethods.containsKey(m)
                ? "%s.%s is a host method: only @kernel methods can be bundled or called as kernels".formatted(className, m)
                : "%s has no @kernel method '%s'".formatted(className, m));
    }

    /** {@code Class.m(args)} with the host's arguments quoted. */
    private Stmt rootCall(Stmt.FunctionDef def, List<Object> hostArgs) {
        Span at = def.span();
        int declared = def.args().args().size() - 1;
        if (hostArgs.size() != declared)
            throw new CompileException(file, at, "%s() takes %d arguments, %d given".formatted(kernelName(def.name()), declared, hostArgs.size()));
        List<Expr> args = new ArrayList<>();
        for (int k = 0; k < hostArgs.size(); k++)
            args.add(literal(hostArgs.get(k), at, "argument %d of %s()".formatted(k + 1, kernelName(def.name()))));
        Expr call = new Expr.Call(new Expr.Name(kernelName(def.name()), Ctx.LOAD, at), args, List.of(), at);
        // A kernel that returns a value sends it to the host caller (service RETURN_SERVICE).
        if (org.coredev.compiler.desugar.Desugaring.returnsValue(def.body()))
            call = rpcCall(services.computeIfAbsent(RETURN_SERVICE, m -> 2 + services.size()), RETURN_SERVICE, true, "n", List.of(call), at);
        return new Stmt.ExprStmt(call, at);
    }

    /** The RPC service that carries a host-called kernel's return value back (ExperimentHost keeps it). */
    public static final String RETURN_SERVICE = "__coredev_return";

    /** Per-program state: each program quotes the instance afresh. */
    private void reset(List<BundleLayout> bundles) {
        // Service numbers are not reset: they stay one table for the session, so one host serves
        // a bundle and the kernels linked against it.
        writtenBack.clear();
        embedded.clear();
        objectPaths.clear();
        objectPaths.put(experiment, "self");
        objectKernels.clear();
        devicesUsed.clear();
        externGlobals.clear();
        externKernels.clear();
        linkedBundles = bundles;
    }

    /** The bundle kernel of this name, or null. */
    private BundleLayout.Kernel bundleKernel(String name) {
        if (linkedBundles == null) return null;
        for (BundleLayout b : linkedBundles) {
            var k = b.kernel(name);
            if (k.isPresent()) return k.get();
        }
        return null;
    }

    private String bundleOf(String kernel) {
        for (BundleLayout b : linkedBundles) if (b.kernel(kernel).isPresent()) return b.name();
        return "?";
    }

    /** The bundles' attribute of this name, or null. */
    private BundleLayout.Attribute bundleAttribute(String name) {
        for (BundleLayout b : linkedBundles) {
            var a = b.attribute(name);
            if (a.isPresent()) return a.get();
        }
        return null;
    }

    private boolean bundleObject(String device) {
        for (BundleLayout b : linkedBundles) if (b.object(device).isPresent()) return true;
        return false;
    }

    private String bundleNames() {
        return String.join("', '", linkedBundles.stream().map(BundleLayout::name).toList());
    }

    /** What the bundles embedded, for the refusal of anything else. */
    private String bundleContents() {
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        for (BundleLayout b : linkedBundles) {
            for (var a : b.attributes()) if (a.name().startsWith("self.")) names.add(a.name());
            for (var o : b.objects()) names.add("self." + o.name());
        }
        return names.isEmpty() ? "nothing" : String.join(", ", names);
    }

    /** A device_db entry's class, following aliases as the device manager does. */
    public static String deviceClass(Map<String, ?> db, String key) {
        Object entry = db.get(key);
        for (int hops = 0; entry instanceof String alias && hops < 16; hops++) entry = db.get(alias);
        return entry instanceof Map<?, ?> m && m.get("class") instanceof String c ? c : "?";
    }

    // ---- host side -------------------------------------------------------------------------

    private void runHost(String source, Consumer<String> hostOutput, boolean needsRun) {
        host.setStdout(hostOutput);
        host.builtins().put("__coredev_device_exists", new PyBuiltin("__coredev_device_exists",
                (in, args, kwargs) -> args.size() == 1 && args.get(0) instanceof String key && deviceDb.containsKey(key)));
        host.builtins().put("__coredev_bundle_open", new PyBuiltin("__coredev_bundle_open",
                (in, args, kwargs) -> caller.openBundle(bundledMethods(args.isEmpty() ? PyTuple.EMPTY : args.getFirst()))));
        host.builtins().put("__coredev_bundle_close", new PyBuiltin("__coredev_bundle_close", (in, args, kwargs) -> {
            caller.closeBundle((Long) args.getFirst());
            return PyNone.NONE;
        }));
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
            // Host code that calls a kernel method runs it on the device, never its body here.
            for (String m : kernelMethods.keySet()) cls.dict.put(m, new PyBuiltin(KERNEL_PREFIX + kernelName(m), (in, args, kwargs) -> {
                if (!kwargs.isEmpty()) throw PyRaise.typeError("%s(): keyword arguments of kernel calls are not supported yet".formatted(kernelName(m)));
                return caller.call(m, args.subList(1, args.size()));
            }));
        } catch (ParseException e) {
            throw new CompileException(e.file(), e.line(), Math.max(1, e.column()), "in the host code: " + e.detail());
        }
    }

    /** Marks the builtins that stand for kernel methods in the experiment class. */
    private static final String KERNEL_PREFIX = "kernel ";

    /** The kernel methods {@code bundled(self.f, self.g)} names. */
    private List<String> bundledMethods(Object kernels) {
        List<String> out = new ArrayList<>();
        for (Object k : kernels instanceof PyTuple t ? t.items() : List.of(kernels)) {
            if (k instanceof PyBoundMethod bm && bm.self() == experiment && bm.function() instanceof PyBuiltin b
                    && b.name().startsWith(KERNEL_PREFIX + className + "."))
                out.add(b.name().substring(KERNEL_PREFIX.length() + className.length() + 1));
            else
                throw PyRaise.typeError("bundled() takes @kernel methods of the experiment (self.f, self.g), not " + host.repr(k));
        }
        if (out.isEmpty()) throw PyRaise.typeError("bundled() needs at least one @kernel method");
        return out;
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
        String names = String.join(", ", found.stream().map(k -> k.name).toList());
        if (requestedClass != null) {
            for (PyClass k : found) if (k.name.equals(requestedClass)) return k;
            throw new CompileException(file, 1, 1, "no experiment class '%s' in this file (it has %s)".formatted(requestedClass, names));
        }
        if (found.size() > 1)
            throw new CompileException(file, 1, 1, "several experiment classes (%s): choose one with --class".formatted(names));
        return found.getFirst();
    }

    private void collectKernels(PyClass cls, boolean needsRun) {
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
        // The stub's dataset methods are host methods too: a kernel's self.set_dataset(...) is an async RPC.
        Module stubTree = org.coredev.python.parser.Parser.parse("artiq/experiment.py", stubSource());
        for (Stmt s : stubTree.body())
            if (s instanceof Stmt.ClassDef c && c.name().equals("HasEnvironment"))
                for (Stmt m : c.body())
                    if (m instanceof Stmt.FunctionDef f && DATASET_RPCS.contains(f.name()) && !kernelMethods.containsKey(f.name()))
                        hostMethods.putIfAbsent(f.name(), f);
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

    /**
     * The program of the kernels reachable from the methods {@code roots}: with a {@code rootCall},
     * {@code __modinit__} makes that call and writes back; for a {@code bundle}, each root gets an
     * entry point instead. Kernels of linked bundles are not compiled here: they stay calls.
     */
    private Module program(List<String> roots, Stmt rootCall, boolean bundle) {
        List<Stmt> functions = new ArrayList<>();
        Set<String> reached = reachable(roots);
        for (Map.Entry<String, Stmt.FunctionDef> f : kernelFunctions.entrySet())
            if (reached.contains(f.getKey()) && !extern(f.getKey())) functions.add(rewriteFunction(f.getValue(), f.getKey(), null));
        for (Map.Entry<String, Stmt.FunctionDef> m : kernelMethods.entrySet())
            if (reached.contains(kernelName(m.getKey())) && !extern(kernelName(m.getKey())))
                functions.add(rewriteFunction(m.getValue(), kernelName(m.getKey()), new HostObject("self", experiment)));
        for (Map.Entry<String, ObjectKernel> k : List.copyOf(objectKernels.entrySet()))
            if (reached.contains(k.getKey()) && !extern(k.getKey()))
                functions.add(rewriteFunction(k.getValue().def(), k.getKey(), k.getValue().self()));
        List<Stmt> body = new ArrayList<>();
        for (Map.Entry<String, Expr> e : embedded.entrySet())
            body.add(new Stmt.Assign(List.of(new Expr.Name(e.getKey(), Ctx.STORE, e.getValue().span())), e.getValue(), null, e.getValue().span()));
        body.addAll(exceptionClasses());
        body.addAll(functions);
        if (!bundle) {
            body.add(rootCall);
            body.addAll(writeback(rootCall.span()));
        } else {
            for (String m : roots) body.add(entryPoint(kernelMethods.get(m)));
        }
        return new Module(body, tree.typeIgnores());
    }

    /** Whether a kernel is a linked bundle's (recorded as called there). */
    private boolean extern(String kernel) {
        BundleLayout.Kernel k = bundleKernel(kernel);
        if (k != null) externKernels.put(kernel, k);
        return k != null;
    }

    /**
     * The kernels (program names: {@code Class.m} and module-level kernel functions) that the
     * methods {@code roots} reach by calls; a kernel nothing calls is not compiled. The bodies of
     * linked bundles' kernels are not followed: their callees are in the bundle.
     */
    private Set<String> reachable(List<String> roots) {
        Set<String> seen = new java.util.LinkedHashSet<>();
        java.util.ArrayDeque<String> queue = new java.util.ArrayDeque<>();
        for (String r : roots) queue.add(kernelName(r));
        while (!queue.isEmpty()) {
            String k = queue.poll();
            if (!seen.add(k) || bundleKernel(k) != null) continue;
            boolean method = k.startsWith(className + ".") && kernelMethods.containsKey(k.substring(className.length() + 1));
            ObjectKernel ok = objectKernels.get(k);
            Stmt.FunctionDef def = method ? kernelMethods.get(k.substring(className.length() + 1))
                    : ok != null ? ok.def() : kernelFunctions.get(k);
            if (def == null) continue;
            String self = (method || ok != null) && !def.args().args().isEmpty() ? def.args().args().getFirst().arg() : null;
            collectKernelCalls(def.body(), self, method ? new HostObject("self", experiment) : ok != null ? ok.self() : null, queue);
        }
        return seen;
    }

    private void collectKernelCalls(Object node, String self, HostObject selfObject, java.util.ArrayDeque<String> out) {
        if (node instanceof Expr.Call c) {
            HostObject o = c.func() instanceof Expr.Attribute at ? objectAt(at.value(), self, selfObject) : null;
            if (o != null) {
                String kernel = objectKernel(o, ((Expr.Attribute) c.func()).attr());
                if (kernel != null) out.add(kernel);
            } else if (c.func() instanceof Expr.Name n && kernelFunctions.containsKey(n.id()))
                out.add(n.id());
        }
        Children.forEach(node, child -> collectKernelCalls(child, self, selfObject, out));
    }

    /**
     * The host object {@code e} names in a kernel whose {@code self} parameter is {@code self}
     * (standing for {@code selfObject}): self, or an attribute chain from it through objects of
     * the file's classes; null for anything else (a device, a value, a local).
     */
    private HostObject objectAt(Expr e, String self, HostObject selfObject) {
        if (self != null && e instanceof Expr.Name n && n.id().equals(self)) return selfObject;
        if (!(e instanceof Expr.Attribute a) || a.ctx() != Ctx.LOAD) return null;
        HostObject outer = objectAt(a.value(), self, selfObject);
        if (outer == null) return null;
        Object value;
        try {
            value = host.getAttr(outer.instance(), a.attr());
        } catch (RuntimeException missing) {
            return null;
        }
        if (!(value instanceof PyInstance i) || i.attrs.get("__coredev_device_key__") instanceof String || definitions(i.cls).isEmpty())
            return null;
        return new HostObject(objectPaths.computeIfAbsent(i, k -> outer.member(a.attr())), i);
    }

    /** The definitions in the file of {@code cls} and its bases, in MRO order (none: not a class of the file). */
    private List<Stmt.ClassDef> definitions(PyClass cls) {
        List<Stmt.ClassDef> out = new ArrayList<>();
        for (PyClass k : cls.mro)
            if (classDefs.get(k.name) instanceof Stmt.ClassDef def && user.dict.get(k.name) == k) out.add(def);
        return out;
    }

    /** The method {@code name} of a host object's class (the first in its MRO defined in the file), or null. */
    private Stmt.FunctionDef method(HostObject o, String name) {
        for (Stmt.ClassDef def : definitions(o.instance().cls))
            for (Stmt s : def.body())
                if (s instanceof Stmt.FunctionDef f && f.name().equals(name)) return f;
        return null;
    }

    /**
     * The program function of kernel method {@code name} of host object {@code o}:
     * {@code Class.m} for the experiment's own, {@code Pulse.fire@self.pulse} for another
     * object's (compiled for that object); null if it is no kernel method.
     */
    private String objectKernel(HostObject o, String name) {
        if (o.instance() == experiment) return kernelMethods.containsKey(name) ? kernelName(name) : null;
        Stmt.FunctionDef def = method(o, name);
        if (def == null || !isKernel(def)) return null;
        String kernel = o.instance().cls.name + "." + name + "@" + o.path();
        objectKernels.putIfAbsent(kernel, new ObjectKernel(def, o));
        return kernel;
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

    /**
     * A kernel as the program function {@code name}: no decorators; for a method of {@code selfObject}
     * (null: a module-level kernel) no self, its attributes and host globals resolved.
     */
    private Stmt.FunctionDef rewriteFunction(Stmt.FunctionDef f, String name, HostObject selfObject) {
        Arguments a = f.args();
        List<Arg> params = a.args();
        String self = null;
        if (selfObject != null) {
            if (params.isEmpty()) throw new CompileException(file, f.span(), "kernel method %s has no self parameter".formatted(f.name()));
            self = params.getFirst().arg();
            params = params.subList(1, params.size());
        }
        Set<String> locals = new HashSet<>();
        for (Arg p : params) locals.add(p.arg());
        collectStores(f.body(), locals);
        Set<String> written = new java.util.TreeSet<>();
        Rewriter r = new Rewriter(self, selfObject, locals, written);
        @SuppressWarnings("unchecked")
        List<Stmt> body = new ArrayList<>((List<Stmt>) r.rewrite(f.body()));
        if (!written.isEmpty()) body.addFirst(new Stmt.Global(List.copyOf(written), f.span()));
        writtenBack.addAll(written);
        Arguments args = new Arguments(a.posonlyargs(), params, a.vararg(), a.kwonlyargs(), a.kwDefaults(), a.kwarg(), a.defaults());
        return new Stmt.FunctionDef(name, args, body, List.of(), f.returns(),
                f.typeComment(), f.typeParams(), f.span());
    }

    private static void collectStores(Object node, Set<String> out) {
        if (node == null) return;
        if (node instanceof Expr.Name n && n.ctx() == Ctx.STORE) out.add(n.id());
        if (node instanceof org.coredev.python.ast.ExceptHandler h && h.name() != null) out.add(h.name());
        Children.forEach(node, c -> collectStores(c, out));
    }

    /** Rewrites one kernel body's references to self and to host globals. */
    private final class Rewriter {
        private final String self;
        private final HostObject selfObject;
        private final Set<String> locals;
        private final Set<String> written;

        Rewriter(String self, HostObject selfObject, Set<String> locals, Set<String> written) {
            this.self = self;
            this.selfObject = selfObject;
            this.locals = locals;
            this.written = written;
        }

        Object rewrite(Object node) {
            if (node == null) return null;
            switch (node) {
                case Expr.Call c when c.func() instanceof Expr.Attribute at && objectAt(at.value()) instanceof HostObject o
                        && objectKernel(o, at.attr()) instanceof String kernel -> {
                    return new Expr.Call(new Expr.Name(kernel, Ctx.LOAD, at.span()),
                            rewriteList(c.args()), rewriteKeywords(c.keywords()), c.span());
                }
                case Expr.Call c when c.func() instanceof Expr.Attribute at && objectAt(at.value()) instanceof HostObject o
                        && hostMethod(o, at.attr()) instanceof Stmt.FunctionDef def -> {
                    for (org.coredev.python.ast.Keyword k : c.keywords())
                        // broadcast/persist/archive say where ARTIQ's master keeps a dataset: nothing to send here.
                        if (!(DATASET_RPCS.contains(at.attr()) && DATASET_FLAGS.contains(k.arg())))
                            throw new CompileException(file, k.span(), "keyword arguments of RPCs are not supported yet");
                    boolean async = isAsyncRpc(def);
                    String returns = returnTag(def);
                    if (async && !returns.equals("n"))
                        throw new CompileException(file, def.span(), "async RPC %s must return None".formatted(at.attr()));
                    // The service names the method by its path from the experiment: "describe", "pulse.describe".
                    String method = o.member(at.attr()).substring("self.".length());
                    int service = services.computeIfAbsent(method, m -> 2 + services.size());
                    return rpcCall(service, method, async, returns, rewriteList(c.args()), c.span());
                }
                case Expr.Subscript sub when sub.ctx() == Ctx.STORE && sub.value() instanceof Expr.Attribute at
                        && objectAt(at.value()) instanceof HostObject o -> {
                    // An element store changes the attribute's value: write it back too.
                    writtenBack.add(o.member(at.attr()));
                }
                case Expr.Attribute at when objectAt(at.value()) instanceof HostObject o -> {
                    return objectAttribute(o, at);
                }
                case Expr.Name n when self != null && n.id().equals(self) ->
                        throw new CompileException(file, n.span(), "'%s' can only be used as %s.attribute in a kernel".formatted(self, self));
                case Expr.Name n when n.ctx() == Ctx.LOAD && !locals.contains(n.id()) -> {
                    return hostGlobal(n);
                }
                default -> { }
            }
            return Children.copy(node, this::rewrite);
        }

        @SuppressWarnings("unchecked")
        private List<Expr> rewriteList(List<Expr> l) { return (List<Expr>) rewrite(l); }

        @SuppressWarnings("unchecked")
        private List<org.coredev.python.ast.Keyword> rewriteKeywords(List<org.coredev.python.ast.Keyword> l) {
            return (List<org.coredev.python.ast.Keyword>) rewrite(l);
        }

        private HostObject objectAt(Expr e) { return ExperimentCompiler.this.objectAt(e, self, selfObject); }

        /** The host (non-kernel) method {@code name} of a host object: a kernel's call of it is an RPC. */
        private Stmt.FunctionDef hostMethod(HostObject o, String name) {
            if (o.instance() == experiment) return hostMethods.get(name);
            Stmt.FunctionDef def = method(o, name);
            return def == null || isKernel(def) ? null : def;
        }

        /** {@code o.attr} in a kernel: a device, or a value as the program variable {@code self.pulse.attr}. */
        private Expr objectAttribute(HostObject o, Expr.Attribute at) {
            String name = at.attr();
            // As the kernel wrote it: self.width in a method of the object, self.pulse.width from outside.
            String shown = at.value() instanceof Expr.Name ? self + "." + name : o.member(name);
            if (objectKernel(o, name) != null)
                throw new CompileException(file, at.span(), "kernel method %s can only be called".formatted(shown));
            Object value;
            try {
                value = host.getAttr(o.instance(), name);
            } catch (RuntimeException e) {
                throw new CompileException(file, at.span(), o.instance() == experiment
                        ? "%s has no attribute '%s' after build()".formatted(className, name)
                        : "%s (a %s) has no attribute '%s' after build()".formatted(o.path(), o.instance().cls.name, name));
            }
            if (value instanceof PyInstance d && d.attrs.get("__coredev_device_key__") instanceof String key) {
                if (at.ctx() != Ctx.LOAD) throw new CompileException(file, at.span(), "device attribute %s cannot be assigned in a kernel".formatted(shown));
                if (linkedBundles != null && !bundleObject(key))
                    throw notInBundle(at.span(), "device %s (%s)".formatted(shown, key));
                devicesUsed.put(key, deviceClass(deviceDb, key));
                return new Expr.Name(key, Ctx.LOAD, at.span());
            }
            if (value instanceof PyBoundMethod || value instanceof PyFunction)
                throw new CompileException(file, at.span(), hostMethod(o, name) != null
                        ? "host method %s can only be called (an RPC)".formatted(shown)
                        : "%s is a method of the artiq stub or not defined in this file: a kernel cannot call it".formatted(shown));
            if (value instanceof PyInstance i && !definitions(i.cls).isEmpty())
                throw new CompileException(file, at.span(), ("%s is a host object (a %s): a kernel reads and assigns its attributes "
                        + "and calls its methods, but cannot hold it as a value yet").formatted(shown, i.cls.name));
            String variable = o.member(name);
            if (linkedBundles != null) {
                BundleLayout.Attribute cell = bundleAttribute(variable);
                if (cell == null) throw notInBundle(at.span(), "attribute %s".formatted(shown));
                externGlobals.put(variable, cell.type());
            } else if (!embedded.containsKey(variable)) embedded.put(variable, literal(value, at.span(), shown));
            if (at.ctx() == Ctx.STORE) written.add(variable);
            return new Expr.Name(variable, at.ctx(), at.span());
        }

        /** A free name of a kernel: a module value of the experiment file becomes an embedded variable. */
        private Expr hostGlobal(Expr.Name n) {
            Object value = user.dict.get(n.id());
            if (value == null || stub.dict.get(n.id()) == value || kernelFunctions.containsKey(n.id())) return n;
            if (value instanceof PyFunction || value instanceof PyClass || value instanceof PyModule || value instanceof PyBuiltin) return n;
            if (linkedBundles != null) {
                BundleLayout.Attribute cell = bundleAttribute(n.id());
                if (cell == null) throw notInBundle(n.span(), "module value %s".formatted(n.id()));
                externGlobals.put(n.id(), cell.type());
            } else if (!embedded.containsKey(n.id())) embedded.put(n.id(), literal(value, n.span(), n.id()));
            return n;
        }

        /** A host object or attribute a linked kernel uses that no bundle embedded: a second copy would be out of sync. */
        private CompileException notInBundle(Span at, String what) {
            return new CompileException(file, at, ("%s is not in bundle '%s': a kernel linked against a bundle uses only the "
                    + "attributes and devices the bundle embedded (%s); add a bundled kernel that uses it, or call this kernel "
                    + "outside the bundled block").formatted(what, bundleNames(), bundleContents()));
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
        String tag = returnTag(r);
        if (tag == null)
            throw new CompileException(file, r.span(), ("RPC %s returns an unsupported type: annotate it TInt32, TInt64, TFloat, "
                    + "TBool, TStr, TNone, TList of any of those but TNone, or TTuple of TInt32, TInt64, TFloat, TBool and TStr").formatted(f.name()));
        return tag;
    }

    /** The tag of a return annotation ({@code TInt32}, {@code TStr}, {@code TList(TList(TFloat))}, ...); null if unsupported. */
    private static String returnTag(Expr r) {
        if (r instanceof Expr.Call c && c.args().size() == 1 && c.keywords().isEmpty() && "TList".equals(annotationName(c.func()))) {
            // Any element but None: numbers, bools, strs, lists, and tuples of numbers, bools and strs.
            String elt = returnTag(c.args().getFirst());
            return elt != null && !elt.equals("n") ? "l" + elt : null;
        }
        // TTuple([TInt32, TStr]): a tuple of numbers, bools and strs, tagged 't', its count as a raw byte, its elements.
        if (r instanceof Expr.Call c && c.args().size() == 1 && c.keywords().isEmpty() && "TTuple".equals(annotationName(c.func()))
                && c.args().getFirst() instanceof Expr.List elts && !elts.elts().isEmpty() && elts.elts().size() < 128) {
            StringBuilder tag = new StringBuilder("t").append((char) elts.elts().size());
            for (Expr e : elts.elts()) {
                String t = returnTag(e);
                if (t == null || t.length() != 1 || !"iIfbs".contains(t)) return null;
                tag.append(t);
            }
            return tag.toString();
        }
        return switch (annotationName(r)) {
            case "TInt32", "int" -> "i";
            case "TInt64" -> "I";
            case "TFloat", "float" -> "f";
            case "TBool", "bool" -> "b";
            case "TStr", "str" -> "s";
            case "TNone" -> "n";
            default -> null;
        };
    }

    private static String annotationName(Expr e) {
        return e instanceof Expr.Name n ? n.id() : e instanceof Expr.Attribute a ? a.attr() : "";
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
}
