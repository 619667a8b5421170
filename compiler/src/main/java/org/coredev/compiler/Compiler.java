package org.coredev.compiler;

import org.coredev.compiler.types.Externs;
import org.coredev.loader.BundleLayout;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.coredev.compiler.desugar.Desugaring;
import org.coredev.compiler.elf.ElfWriter;
import org.coredev.compiler.embedding.Embedding;
import org.coredev.compiler.experiment.ExperimentCompiler;
import org.coredev.compiler.ir.IrModule;
import org.coredev.compiler.ir.Lowering;
import org.coredev.compiler.backend.MachineCode;
import org.coredev.compiler.or1k.Or1kCodeGen;
import org.coredev.compiler.rv32.CodeGen;
import org.coredev.compiler.types.TypeInference;
import org.coredev.compiler.types.TypedProgram;
import org.coredev.python.ParseException;
import org.coredev.python.ast.Module;
import org.coredev.python.parser.Parser;

/**
 * The compiler driver: parse -> embed host values (devices) -> desugar -> infer types -> IR -> rv32 or or1k code
 * -> ELF. A "program" is a file of kernel-language statements compiled as one kernel: the module's
 * top-level code becomes {@code __modinit__}, its functions are kernels it may call.
 */
public final class Compiler {
    private Compiler() {}

    /** Compiles a program to a kernel image for {@code target}; errors are {@link CompileException}s. */
    public static byte[] compileProgram(String file, String source, Target target) {
        return compileProgram(file, source, target, Map.of());
    }

    /**
     * Compiles a program whose free names may be devices of {@code deviceDb} (the device_db
     * dictionary as plain Java values: maps, strings for aliases, numbers), e.g.
     * {@code led0.pulse_mu(1000)} or {@code core.break_realtime()}.
     */
    public static byte[] compileProgram(String file, String source, Target target, Map<String, ?> deviceDb) {
        return onCompilerThread(file, () -> compileOnThisThread(file, parse(file, source), target, deviceDb));
    }

    /**
     * As {@link #compileProgram(String, String, Target, Map)}, with {@code print} compiled as ARTIQ
     * compiles it when {@code print_as_rpc} is off (its JIT testbench): formatted on the device,
     * as {@code core_log} is, rather than an RPC to the host.
     */
    public static byte[] compileProgramPrintingInKernel(String file, String source, Target target, Map<String, ?> deviceDb) {
        return onCompilerThread(file, () -> compileOnThisThread(file, printAsCoreLog(parse(file, source)), target, deviceDb));
    }

    /** The module with every call of {@code print} a call of {@code core_log}. */
    @SuppressWarnings("unchecked")
    private static Module printAsCoreLog(Module module) {
        return new Module((java.util.List<org.coredev.python.ast.Stmt>) printAsCoreLog((Object) module.body()), module.typeIgnores());
    }

    private static Object printAsCoreLog(Object node) {
        return switch (node) {
            case org.coredev.python.ast.Expr.Call c when c.func() instanceof org.coredev.python.ast.Expr.Name n && n.id().equals("print") ->
                    org.coredev.python.ast.Children.map(new org.coredev.python.ast.Expr.Call(
                            new org.coredev.python.ast.Expr.Name("core_log", n.ctx(), n.span()), c.args(), c.keywords(), c.span()),
                            Compiler::printAsCoreLog);
            case null -> null;
            default -> org.coredev.python.ast.Children.map(node, Compiler::printAsCoreLog);
        };
    }

    /**
     * Compiles an experiment file: runs the file and its experiment class's {@code build()} with
     * the host evaluator ({@code print} output of that host code goes to {@code hostOutput}),
     * then compiles the {@code @kernel} method {@code run} and the kernels it calls, with the
     * experiment's attributes embedded (ExperimentCompiler).
     */
    public static byte[] compileExperiment(String file, String source, Target target, Map<String, ?> deviceDb,
                                           java.util.function.Consumer<String> hostOutput) {
        return onCompilerThread(file, () -> {
            Module tree = parse(file, source);
            Module program = ExperimentCompiler.kernelProgram(file, source, tree, deviceDb, hostOutput);
            return compileOnThisThread(file, program, target, deviceDb);
        });
    }

    /**
     * Compiles an experiment as {@link #compileExperiment} does and keeps the host instance
     * build() created: run the image with {@code compiled.host(out, log)} as the core device's
     * RPC host so the kernel's calls of host methods and its attribute writeback reach it.
     */
    public static CompiledExperiment compileExperimentForRun(String file, String source, Target target, Map<String, ?> deviceDb,
                                                             java.util.function.Consumer<String> hostOutput) {
        ExperimentCompiler.Built[] built = new ExperimentCompiler.Built[1];
        byte[] image = onCompilerThread(file, () -> {
            built[0] = ExperimentCompiler.build(file, source, parse(file, source), deviceDb, hostOutput);
            return compileOnThisThread(file, built[0].program(), target, deviceDb);
        });
        return new CompiledExperiment(image, built[0].instance());
    }

    /**
     * Compiles a bundle: the experiment's {@code @kernel} methods {@code methods} and every kernel
     * they reach, once, into one image to be kept resident (CoreDevice.loadBundle). Its
     * {@code __modinit__} initialises the embedded host values; each method is called through its
     * exported entry point, whose parameters take their types from the method's annotations, and
     * which writes back the attributes the bundle's kernels assign. The image's layout manifest
     * ({@link org.coredev.loader.BundleLayout}) lists the entries and the embedded attributes.
     */
    public static CompiledBundle compileBundle(String name, String file, String source, Target target, Map<String, ?> deviceDb,
                                               java.util.function.Consumer<String> hostOutput, java.util.List<String> methods) {
        return openExperiment(file, source, deviceDb, hostOutput).compileBundle(name, target, methods);
    }

    /**
     * Runs an experiment file's host code and {@code build()} once and keeps the instance: its
     * kernels are then compiled from it on demand, as ordinary kernels, as bundles, or linked
     * against resident bundles ({@link ExperimentSession}).
     */
    public static ExperimentSession openExperiment(String file, String source, Map<String, ?> deviceDb,
                                                   java.util.function.Consumer<String> hostOutput) {
        return openExperiment(file, source, deviceDb, hostOutput, null);
    }

    /** As {@link #openExperiment}, choosing the experiment class of a file that defines several (null: its only one). */
    public static ExperimentSession openExperiment(String file, String source, Map<String, ?> deviceDb,
                                                   java.util.function.Consumer<String> hostOutput, String experimentClass) {
        ExperimentCompiler[] opened = new ExperimentCompiler[1];
        onCompilerThread(file, () -> {
            opened[0] = ExperimentCompiler.open(file, source, parse(file, source), deviceDb, hostOutput, experimentClass);
            return new byte[0];
        });
        return new ExperimentSession(file, opened[0], deviceDb);
    }

    static byte[] compileKernel(String file, ExperimentCompiler experiment, String method, java.util.List<Object> args,
                                Target target, Map<String, ?> deviceDb) {
        return onCompilerThread(file, () -> compileOnThisThread(file, experiment.kernel(method, args), target, deviceDb));
    }

    static CompiledBundle compileBundle(String file, ExperimentCompiler experiment, String name, Target target,
                                        Map<String, ?> deviceDb, java.util.List<String> methods) {
        ExperimentCompiler.BuiltBundle[] built = new ExperimentCompiler.BuiltBundle[1];
        byte[] image = onCompilerThread(file, () -> {
            built[0] = experiment.bundle(methods);
            return compile(file, built[0].program(), target, deviceDb, built[0], name, Externs.NONE);
        });
        BundleLayout layout = BundleLayout.of(file, image).orElseThrow();
        return new CompiledBundle(name, image, layout, built[0].instance());
    }

    static byte[] compileLinked(String file, ExperimentCompiler experiment, String method, java.util.List<Object> args,
                                Target target, Map<String, ?> deviceDb, java.util.List<BundleLayout> bundles) {
        return onCompilerThread(file, () -> {
            ExperimentCompiler.Linked linked = experiment.linked(method, args, bundles);
            Map<String, org.coredev.compiler.types.Type> globals = new TreeMap<>();
            linked.externGlobals().forEach((g, t) -> globals.put(g, BundleManifest.type(t)));
            // Every device state cell the bundles hold is theirs, used here or not: the drivers read them.
            for (BundleLayout b : bundles)
                for (BundleLayout.Attribute a : b.attributes())
                    if (!a.name().startsWith("self.") && a.name().indexOf('.') > 0) globals.put(a.name(), BundleManifest.type(a.type()));
            Map<String, Externs.Signature> functions = new TreeMap<>();
            linked.externKernels().forEach((k, sig) -> functions.put(k, new Externs.Signature(
                    sig.params().stream().map(BundleManifest::type).toList(), BundleManifest.type(sig.returns()))));
            return compile(file, linked.program(), target, deviceDb, null, null,
                    new org.coredev.compiler.types.Externs(globals, functions));
        });
    }

    /** Whether a source file defines an experiment class (one deriving from EnvExperiment); false if it does not parse. */
    public static boolean isExperiment(String file, String source) {
        try {
            return ExperimentCompiler.definesExperiment(Parser.parse(file, source));
        } catch (ParseException e) {
            return false;
        }
    }

    private static Module parse(String file, String source) {
        try {
            return Parser.parse(file, source);
        } catch (ParseException e) {
            throw new CompileException(file, e.line(), e.column(), e.detail());
        }
    }

    private static byte[] onCompilerThread(String file, java.util.function.Supplier<byte[]> compilation) {
        // The passes recurse over the tree: a long operator chain (a + a + ... + a) is as deep as it
        // is long, so they run on a thread with a large stack, and a deeper program is refused.
        byte[][] result = new byte[1][];
        RuntimeException[] failure = new RuntimeException[1];
        Thread worker = Thread.ofPlatform().name("coredev-compiler").stackSize(STACK_BYTES).unstarted(() -> {
            try {
                result[0] = compilation.get();
            } catch (RuntimeException e) {
                failure[0] = e;
            } catch (StackOverflowError e) {
                failure[0] = new CompileException(file, 1, 1, "program nested too deeply to compile");
            }
        });
        worker.start();
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompileException(file, 1, 1, "compilation interrupted");
        }
        if (failure[0] != null) throw failure[0];
        return result[0];
    }

    private static final long STACK_BYTES = 256L << 20;

    private static byte[] compileOnThisThread(String file, Module module, Target target, Map<String, ?> deviceDb) {
        return compile(file, module, target, deviceDb, null, null, Externs.NONE);
    }

    /**
     * The passes; with {@code bundle}, its entry points are exported and its manifest written; with
     * {@code externs}, the image links against resident bundles for those variables and kernels.
     */
    private static byte[] compile(String file, Module module, Target target, Map<String, ?> deviceDb,
                                  ExperimentCompiler.BuiltBundle bundle, String bundleName, Externs externs) {
        module = org.coredev.compiler.desugar.FunctionArguments.specialize(file, module);
        module = org.coredev.compiler.desugar.NestedFunctions.lift(file, module);
        module = Embedding.embed(file, module, deviceDb);
        if (!externs.globals().isEmpty()) module = withoutExternInitialisers(file, module, externs);
        module = Desugaring.desugar(file, module, Desugaring.refPeriod(deviceDb));
        TypedProgram typed = bundle != null ? TypeInference.infer(file, module, bundle.entries())
                : externs.functions().isEmpty() && externs.globals().isEmpty() ? TypeInference.infer(file, module)
                : TypeInference.infer(file, module, externs);
        IrModule ir = Lowering.lower(file, target, typed);
        MachineCode code = target == Target.OR1K ? Or1kCodeGen.generate(ir, file) : CodeGen.generate(ir, target, file);
        // jal reaches ±1 MiB: within that, every branch and call of the image is in range.
        if (code.text().length >= 1 << 20)
            throw new CompileException(file, 1, 1, "program too large: %d bytes of code (at most 1 MiB)".formatted(code.text().length));
        if (bundle == null) return ElfWriter.write(target, code, ir.data, ir.rpcServices, ir.exceptionNames);
        return ElfWriter.write(target, code, ir.data, ir.rpcServices, ir.exceptionNames,
                symbols -> BundleManifest.layout(bundleName, typed, bundle, deviceDb, symbols));
    }

    /**
     * A linked kernel's module without the initialisers of the bundles' cells (device state the
     * drivers' embedding set up): those cells were initialised once, in the bundle. Device state
     * the bundles do not hold would be a second copy of a device: refused.
     */
    private static Module withoutExternInitialisers(String file, Module module, Externs externs) {
        java.util.List<org.coredev.python.ast.Stmt> body = new java.util.ArrayList<>();
        for (org.coredev.python.ast.Stmt s : module.body()) {
            if (s instanceof org.coredev.python.ast.Stmt.Assign a && a.targets().size() == 1
                    && a.targets().getFirst() instanceof org.coredev.python.ast.Expr.Name n) {
                if (externs.globals().containsKey(n.id())) continue;
                int dot = n.id().indexOf('.');
                if (dot > 0 && !n.id().startsWith("self."))
                    throw new CompileException(file, a.span(), ("device %s's state %s is not in the bundle: a kernel linked against "
                            + "a bundle uses only the devices the bundle embedded").formatted(n.id().substring(0, dot), n.id()));
            }
            body.add(s);
        }
        return new Module(body, module.typeIgnores());
    }

    /**
     * The RPC services a compiled image calls, from its {@code .coredev.rpc} section: service number
     * to host function name (e.g. {@code 1 -> "print"}); empty if the image has no such section.
     */
    public static Map<Integer, String> rpcServices(byte[] elf) {
        return numberedNames(elf, ElfWriter.RPC_SECTION);
    }

    /**
     * The program's own exception classes in a compiled image, from its {@code .coredev.exceptions}
     * section: id to class name (e.g. {@code 23 -> "MyError"}), for naming an uncaught exception
     * the runtime shows only by its id; empty if none.
     */
    public static Map<Integer, String> exceptionNames(byte[] elf) {
        return numberedNames(elf, ElfWriter.EXCEPTIONS_SECTION);
    }

    private static Map<Integer, String> numberedNames(byte[] elf, String section) {
        Map<Integer, String> out = new TreeMap<>();
        byte[] table = org.coredev.loader.ElfImage.sectionNamed(elf, section).orElse(new byte[0]);
        for (String line : new String(table, StandardCharsets.UTF_8).split("\n")) {
            int space = line.indexOf(' ');
            if (space <= 0) continue;
            try {
                out.put(Integer.parseInt(line.substring(0, space)), line.substring(space + 1));
            } catch (NumberFormatException e) {
                return Map.of();   // not one of our tables
            }
        }
        return out;
    }
}
