package org.coredev.compiler;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.coredev.compiler.experiment.ExperimentCompiler;
import org.coredev.compiler.experiment.ExperimentHost;
import org.coredev.compiler.experiment.ExperimentInstance;
import org.coredev.loader.BundleLayout;

/**
 * An experiment whose host code and {@code build()} ran once (Compiler.openExperiment): one host
 * instance for the whole session, its kernels compiled from it as they are called. Each
 * compilation quotes the instance's attributes as they are then; writeback of every kernel and
 * bundle reaches the same instance.
 */
public final class ExperimentSession {
    private final String file;
    private final ExperimentCompiler experiment;
    private final Map<String, ?> deviceDb;
    private final List<ExperimentHost> hosts = new java.util.ArrayList<>();

    ExperimentSession(String file, ExperimentCompiler experiment, Map<String, ?> deviceDb) {
        this.file = file;
        this.experiment = experiment;
        this.deviceDb = deviceDb;
    }

    /** The experiment instance build() created. */
    public ExperimentInstance instance() { return experiment.instance(); }

    /** The experiment class's name. */
    public String className() { return experiment.className(); }

    /** Host code's calls of kernel methods and {@code bundled(...)} go to {@code caller} (HostRun). */
    public void onKernelCalls(ExperimentCompiler.KernelCaller caller) { experiment.onKernelCalls(caller); }

    /** Whether {@code method} is a {@code @kernel} method of the experiment. */
    public boolean isKernel(String method) { return experiment.isKernel(method); }

    /** An image that calls kernel {@code method} with {@code args} (evaluator values) and writes back. */
    public byte[] compileKernel(String method, List<Object> args, Target target) {
        return served(Compiler.compileKernel(file, experiment, method, args, target, deviceDb));
    }

    /** A bundle of the kernel methods {@code methods} and every kernel they reach (see Compiler.compileBundle). */
    public CompiledBundle compileBundle(String name, Target target, List<String> methods) {
        CompiledBundle bundle = Compiler.compileBundle(file, experiment, name, target, deviceDb, methods);
        served(bundle.image());
        return bundle;
    }

    /**
     * An image that calls kernel {@code method} linked against the resident {@code bundles}: it
     * calls their kernels there and reaches their attributes and devices through their exported
     * cells; anything else of the host it would need a copy of is refused (CompileException naming
     * the attribute, its file:line:col and the bundles).
     */
    public byte[] compileLinked(String method, List<Object> args, Target target, List<BundleLayout> bundles) {
        return served(Compiler.compileLinked(file, experiment, method, args, target, deviceDb, bundles));
    }

    /**
     * The RPC host of every image compiled from this session, before or after this call: host
     * methods run on {@link #instance}; service numbers are one table for the session.
     */
    public ExperimentHost host(PrintStream out, PrintStream log) {
        ExperimentHost host = new ExperimentHost(instance(), Map.of(), out, log);
        host.addServices(services);
        hosts.add(host);
        return host;
    }

    /** The session's RPC table: the union of its images' (their numbers agree). */
    private final Map<Integer, String> services = new java.util.TreeMap<>();

    private byte[] served(byte[] image) {
        Map<Integer, String> table = Compiler.rpcServices(image);
        services.putAll(table);
        for (ExperimentHost h : hosts) h.addServices(table);
        return image;
    }
}
