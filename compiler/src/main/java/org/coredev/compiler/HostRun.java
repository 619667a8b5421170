package org.coredev.compiler;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.coredev.compiler.experiment.ExperimentCompiler;
import org.coredev.compiler.experiment.ExperimentHost;
import org.coredev.emu.EmulatorException;
import org.coredev.emu.device.CoreDevice;
import org.coredev.emu.device.KernelOutcome;
import org.coredev.emu.device.KernelRun;
import org.coredev.emu.device.ResidentBundle;
import org.coredev.loader.BundleLayout;
import org.coredev.python.ParseException;
import org.coredev.python.eval.PyList;
import org.coredev.python.eval.PyNone;
import org.coredev.python.eval.PyRaise;
import org.coredev.python.eval.PyTuple;
import org.coredev.python.eval.Types;

/**
 * An experiment whose {@code run()} is host code, run as artiq_run does ({@code prepare},
 * {@code run}, {@code analyze}) on the host evaluator, one core device for the whole run. Each
 * call of a {@code @kernel} method from host code compiles that kernel with the instance's
 * attributes as they are then, uploads and runs it, and writes back. Inside
 * {@code with bundled(self.f, self.g):} (or after {@code self.core.bundle(self.f, self.g)}) f and
 * g, and every kernel they reach, are compiled and uploaded once as a resident bundle; their calls
 * run there with no compilation and no upload, and other kernels called meanwhile are linked
 * against the bundle. Bundled code is never unloaded: entering {@code bundled} again with the
 * same kernels calls the resident bundle again, whose cells keep the device's values.
 */
public final class HostRun {
    /** One kernel call (or bundle load) from host code, in the order they happened. */
    public record Call(String kernel, String arguments, Kind kind, String bundle, int uploadedBytes, KernelRun run) {
        public enum Kind {
            /** Compiled and uploaded for this call. */
            COMPILED,
            /** Compiled for this call and linked against the open bundles. */
            LINKED,
            /** Ran in a resident bundle: nothing compiled, nothing uploaded. */
            RESIDENT,
            /** A bundle compiled and uploaded (its {@code __modinit__} ran). */
            BUNDLE_LOADED
        }

        /** The line coredev run prints before the call's trace. */
        public String describe() {
            return switch (kind) {
                case COMPILED -> "%s(%s): compiled, uploaded %d bytes".formatted(kernel, arguments, uploadedBytes);
                case LINKED -> "%s(%s): compiled, linked against bundle '%s', uploaded %d bytes".formatted(kernel, arguments, bundle, uploadedBytes);
                case RESIDENT -> "%s(%s): resident in bundle '%s': nothing compiled, nothing uploaded".formatted(kernel, arguments, bundle);
                case BUNDLE_LOADED -> "bundle '%s' (%s): compiled once, uploaded %d bytes, resident from now on".formatted(bundle, kernel, uploadedBytes);
            };
        }
    }

    /** How the run ended: the host's error or the kernel that stopped it, if any. */
    public record Result(List<Call> calls, KernelRun stoppedBy, String hostError) {
        /** 0, or the stopping kernel's status (1 uncaught exception, 3 fault, 124 budget), 1 for a host error. */
        public int exitStatus() {
            if (stoppedBy != null) return stoppedBy.outcome().exitStatus();
            return hostError == null ? 0 : 1;
        }
    }

    private record Open(long id, List<String> methods, ResidentBundle bundle, BundleLayout layout) { }

    private final ExperimentSession session;
    private final CoreDevice device;
    private final Target target;
    private final Consumer<Call> listener;
    private final ExperimentHost host;
    private final List<Call> calls = new ArrayList<>();
    private final Deque<Open> open = new ArrayDeque<>();
    /** Bundles loaded in this run, by their kernels (sorted): never unloaded, reused when bundled again. */
    private final Map<List<String>, Open> resident = new LinkedHashMap<>();
    private long nextId = 1;
    private KernelRun stopped;
    private CompileException compileError;

    /**
     * The device keeps every run's events from now on ({@link CoreDevice.History#ALL}): each call
     * of the experiment stays readable in the {@link Result}, and one VCD file covers them all.
     *
     * @param listener told of each call once it returned (coredev run prints it and its trace)
     */
    public HostRun(ExperimentSession session, CoreDevice device, Target target, PrintStream out, PrintStream log,
                   Consumer<Call> listener) {
        this.session = session;
        this.device = device;
        this.target = target;
        this.listener = listener;
        this.host = session.host(out, log);
        device.withHost(host);
        device.setHistory(CoreDevice.History.ALL);
        session.onKernelCalls(new Caller());
    }

    /**
     * Runs prepare(), run() and analyze(). A kernel that does not finish raises RuntimeError in the
     * host code that called it (which may catch it); a compile error of a kernel ends the run as
     * a CompileException naming the kernel's line.
     */
    public Result run() {
        String[] error = new String[1];
        Thread worker = Thread.ofPlatform().name("coredev-host").stackSize(256L << 20).unstarted(() -> {
            try {
                for (String step : List.of("prepare", "run", "analyze")) session.instance().callMethod(step);
            } catch (ParseException e) {
                error[0] = e.getMessage();
            }
        });
        worker.start();
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error[0] = "interrupted";
        }
        if (compileError != null) throw compileError;
        return new Result(List.copyOf(calls), error[0] == null ? null : stopped, error[0]);
    }

    private void record(Call call) {
        calls.add(call);
        listener.accept(call);
        if (!(call.run().outcome() instanceof KernelOutcome.Finished)) {
            stopped = call.run();
            throw PyRaise.of(Types.RUNTIME_ERROR, "kernel %s did not finish: %s".formatted(call.kernel(),
                    call.run().outcome().describe().lines().findFirst().orElse("")));
        }
    }

    private final class Caller implements ExperimentCompiler.KernelCaller {
        @Override
        public Object call(String method, List<Object> args) {
            String kernel = session.className() + "." + method;
            String shown = String.join(", ", args.stream().map(a -> session.instance().repr(a)).toList());
            try {
                for (Open o : open)
                    if (o.layout().entry(kernel).isPresent()) {
                        KernelRun run = device.call(o.bundle(), method, javaValues(args).toArray());
                        record(new Call(kernel, shown, Call.Kind.RESIDENT, o.layout().name(), 0, run));
                        return pythonValue(run.value());
                    }
                byte[] image;
                Call.Kind kind;
                if (open.isEmpty()) {
                    image = session.compileKernel(method, args, target);
                    kind = Call.Kind.COMPILED;
                } else {
                    image = session.compileLinked(method, args, target, open.stream().map(Open::layout).toList());
                    kind = Call.Kind.LINKED;
                }
                host.takeReturned();
                KernelRun run = device.run(kernel + ".elf", image);
                record(new Call(kernel, shown, kind, String.join("', '", open.stream().map(o -> o.layout().name()).toList()),
                        image.length, run));
                return host.takeReturned();
            } catch (CompileException e) {
                compileError = e;
                throw PyRaise.of(Types.RUNTIME_ERROR, e.getMessage());
            } catch (EmulatorException e) {
                throw PyRaise.of(Types.RUNTIME_ERROR, "%s(%s): %s".formatted(kernel, shown, e.getMessage()));
            }
        }

        @Override
        public long openBundle(List<String> methods) {
            List<String> key = List.copyOf(new TreeSet<>(methods));
            Open o = resident.get(key);
            if (o == null) {
                String name = String.join("+", methods);
                try {
                    CompiledBundle compiled = session.compileBundle(name, target, methods);
                    ResidentBundle bundle = device.loadBundle(name + ".elf", compiled.image());
                    o = new Open(nextId++, key, bundle, compiled.layout());
                    resident.put(key, o);
                    record(new Call(String.join(", ", methods.stream().map(m -> session.className() + "." + m).toList()), "",
                            Call.Kind.BUNDLE_LOADED, name, compiled.image().length, bundle.load()));
                } catch (CompileException e) {
                    compileError = e;
                    throw PyRaise.of(Types.RUNTIME_ERROR, e.getMessage());
                } catch (EmulatorException e) {
                    throw PyRaise.of(Types.RUNTIME_ERROR, "bundle '%s': %s".formatted(name, e.getMessage()));
                }
            }
            open.push(o);
            return o.id();
        }

        @Override
        public void closeBundle(long id) {
            open.removeIf(o -> o.id() == id);
        }
    }

    /** Evaluator values as the device's entry arguments take them. */
    private static List<Object> javaValues(List<Object> values) {
        List<Object> out = new ArrayList<>();
        for (Object v : values) out.add(switch (v) {
            case PyList l -> javaValues(l.items);
            case PyTuple t -> javaValues(t.items());
            default -> v;
        });
        return out;
    }

    private static Object pythonValue(Object v) {
        return switch (v) {
            case null -> PyNone.NONE;
            case Integer i -> (long) i;
            default -> v;
        };
    }
}
