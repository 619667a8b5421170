package org.coredev.compiler.embedding;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.coredev.compiler.CompileException;
import org.coredev.python.ast.Arg;
import org.coredev.python.ast.Children;
import org.coredev.python.ast.Expr;
import org.coredev.python.ast.Module;
import org.coredev.python.ast.Node;
import org.coredev.python.ast.Ops.Ctx;
import org.coredev.python.ast.Stmt;
import org.coredev.python.parser.Parser;

/**
 * Embeds host values into a program: a name the program never assigns that names a device of
 * the device database (following aliases, as ARTIQ's device manager does) is that device. Its
 * method calls become calls of the kernel-language drivers in {@code drivers.py} with the
 * device's attributes (the RTIO channel) as constants, and the drivers the program needs join
 * it. Devices: {@code artiq.coredevice.ttl} TTLOut / TTLInOut ({@code on off pulse_mu pulse set_o}, TTLOut {@code output} (a no-op, as ARTIQ's),
 * TTLInOut also {@code output input set_oe gate_rising(_mu) gate_falling(_mu) gate_both(_mu)
 * timestamp_mu count}) and {@code artiq.coredevice.core} Core
 * ({@code break_realtime get_rtio_counter_mu seconds_to_mu mu_to_seconds}). Devices of the classes in
 * {@link DeviceClasses} (TTLClockGen, SPIMaster, Urukul CPLD, AD9910) get their drivers'
 * {@code __driver_C_m(self, ...)} functions instantiated per device as {@code <device>.m}, with
 * {@code self.x} bound to constants, state variables {@code <device>.x} and sub-devices
 * ({@code urukul0_ch0.sw.on()}), until every method they call is instantiated.
 */
public final class Embedding {
    /** Prefix of driver functions; user functions may not use it. */
    public static final String DRIVER_PREFIX = "__driver_";
    private static final Map<String, Set<String>> METHODS = Map.of(
            "TTLOut", Set.of("on", "off", "pulse_mu", "pulse", "set_o", "output"),
            "TTLInOut", Set.of("on", "off", "pulse_mu", "pulse", "set_o", "output", "input", "set_oe",
                    "gate_rising_mu", "gate_falling_mu", "gate_both_mu", "gate_rising", "gate_falling", "gate_both",
                    "timestamp_mu", "count"),
            "Core", Set.of("break_realtime", "reset", "wait_until_mu", "get_rtio_counter_mu", "seconds_to_mu", "mu_to_seconds"));

    private record Device(String name, String className, Long channel) { }

    /** A device of an instantiated class (DeviceClasses) and its attributes. */
    private record Instance(String name, String className, DeviceClasses.Attributes attributes) { }

    private final Map<String, Instance> instances = new java.util.LinkedHashMap<>();
    /** Instantiated methods, "device.method", in the order first called. */
    private final Set<String> methodsUsed = new java.util.LinkedHashSet<>();
    private final java.util.ArrayDeque<String> methodsPending = new java.util.ArrayDeque<>();
    private Map<String, Stmt.FunctionDef> templates;
    /** While rewriting an instantiated driver: device names are devices even if the program assigns them. */
    private boolean inDriver;

    private final String file;
    private final Map<String, ?> db;
    private final Set<String> assigned = new HashSet<>();
    private final Set<String> driversUsed = new TreeSet<>();

    private Embedding(String file, Map<String, ?> db) {
        this.file = file;
        this.db = db;
    }

    /** The program with device method calls bound to drivers; unchanged when it uses no device. */
    public static Module embed(String file, Module module, Map<String, ?> deviceDb) {
        Embedding e = new Embedding(file, deviceDb);
        e.collectAssigned(module);
        @SuppressWarnings("unchecked")
        List<Stmt> body = (List<Stmt>) e.rewrite(module.body());
        for (Stmt s : body)
            if (s instanceof Stmt.FunctionDef f && f.name().startsWith(DRIVER_PREFIX))
                throw new CompileException(file, f.span(), "function name '%s' is reserved".formatted(f.name()));
        List<Stmt> instantiated = e.instantiatePending();
        if (e.driversUsed.isEmpty() && instantiated.isEmpty()) return new Module(body, module.typeIgnores());
        List<Stmt> out = new ArrayList<>(e.stateInitialisers());
        out.addAll(body);
        out.addAll(instantiated);
        for (Stmt s : drivers().body())   // the per-channel drivers; templates are only instantiated
            if (!(s instanceof Stmt.FunctionDef f && isTemplate(f))) out.add(s);
        return new Module(out, module.typeIgnores());
    }

    private static Module drivers() {
        try (InputStream in = Embedding.class.getResourceAsStream("drivers.py")) {
            if (in == null) throw new IllegalStateException("drivers.py missing from the build");
            return Parser.parse("drivers.py", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read drivers.py", e);
        }
    }

    // ---- which names are the program's own ------------------------------------------------

    private void collectAssigned(Object node) {
        if (node == null) return;
        switch (node) {
            case Expr.Name n when n.ctx() == Ctx.STORE -> assigned.add(n.id());
            case Stmt.FunctionDef f -> assigned.add(f.name());
            case Arg a -> assigned.add(a.arg());
            default -> { }
        }
        Children.forEach(node, this::collectAssigned);
    }

    // ---- rewriting -------------------------------------------------------------------------

    private Object rewrite(Object node) {
        if (node instanceof Expr.Call c && c.func() instanceof Expr.Attribute a) {
            String key = deviceKey(a.value());
            if (key != null) {
                Instance inst = instance(key);
                if (inst != null) return instanceCall(inst, a, c);
                Device d = device(key, false);
                if (d != null) return methodCall(d, a, c);
            }
        }
        if (node instanceof Expr.Attribute a && a.ctx() == Ctx.LOAD) {   // another device's state or constant: self.cpld.cfg_reg
            String key = deviceKey(a.value());
            Instance inst = key == null ? null : instance(key);
            if (inst != null && inst.attributes().state().containsKey(a.attr()))
                return new Expr.Name(inst.name() + "." + a.attr(), Ctx.LOAD, a.span());
            if (inst != null && inst.attributes().constants().containsKey(a.attr()))
                return new Expr.Constant(inst.attributes().constants().get(a.attr()), null, a.span());
        }
        if (node instanceof Expr.Name n && n.ctx() == Ctx.LOAD && (inDriver || !assigned.contains(n.id())) && instance(n.id()) != null)
            throw new CompileException(file, n.span(), "device '%s' (%s) can only be used to call its methods yet (%s)"
                    .formatted(n.id(), instance(n.id()).className(), String.join(", ", methodsOf(instance(n.id()).className()))));
        if (node instanceof Expr.Name n && n.ctx() == Ctx.LOAD) {
            Device d = device(n.id());
            if (d != null)
                throw new CompileException(file, n.span(), "device '%s' (%s) can only be used to call its methods yet (%s)"
                        .formatted(n.id(), d.className(), String.join(", ", new TreeSet<>(METHODS.get(d.className())))));
        }
        return Children.map(node, this::rewrite);
    }

    private Expr methodCall(Device d, Expr.Attribute method, Expr.Call c) {
        Set<String> methods = METHODS.get(d.className());
        if (!methods.contains(method.attr()))
            throw new CompileException(file, method.span(), "%s '%s' has no kernel method '%s' (supported: %s)"
                    .formatted(d.className(), d.name(), method.attr(), String.join(", ", new TreeSet<>(methods))));
        // TTLOut.output() is ARTIQ's no-op (an output already): its own driver, not TTLInOut's set_oe.
        String family = d.className().equals("Core") ? "Core" : d.className().equals("TTLOut") && method.attr().equals("output") ? "TTLOut" : "TTL";
        String driver = DRIVER_PREFIX + family + "_" + method.attr();
        driversUsed.add(driver);
        List<Expr> args = new ArrayList<>();
        if (d.channel() != null) args.add(new Expr.Constant(d.channel(), null, c.span()));
        @SuppressWarnings("unchecked")
        List<Expr> rest = (List<Expr>) rewrite(c.args());
        args.addAll(rest);
        return new Expr.Call(new Expr.Name(driver, Ctx.LOAD, method.span()), args, c.keywords(), c.span());
    }

    /** The device a free name stands for, or null (assigned by the program, or not in the database). */
    private Device device(String name) {
        return device(name, !inDriver);
    }

    private Device device(String name, boolean excludeAssigned) {
        if (excludeAssigned && assigned.contains(name) || !db.containsKey(name)) return null;
        Object entry = db.get(name);
        String resolved = name;
        for (int hops = 0; entry instanceof String alias; hops++) {   // aliases, as ARTIQ's DeviceDB.get
            if (hops > 100 || !db.containsKey(alias)) return null;
            resolved = alias;
            entry = db.get(alias);
        }
        if (!(entry instanceof Map<?, ?> m) || !"local".equals(m.get("type"))) return null;
        Object module = m.get("module"), cls = m.get("class");
        Map<?, ?> arguments = m.get("arguments") instanceof Map<?, ?> a ? a : Map.of();
        if ("artiq.coredevice.core".equals(module) && "Core".equals(cls)) return new Device(name, "Core", null);
        if ("artiq.coredevice.ttl".equals(module) && ("TTLOut".equals(cls) || "TTLInOut".equals(cls))) {
            if (!(arguments.get("channel") instanceof Number channel))
                throw new CompileException(file, 1, 1, "device '%s' (%s) has no integer channel argument".formatted(resolved, cls));
            return new Device(name, (String) cls, channel.longValue());
        }
        return null;
    }

    // ---- instantiated drivers (state, sub-devices) ------------------------------------------

    /** The device_db key an expression names: a free device name or a sub-device chain (ch0.sw), else null. */
    private String deviceKey(Expr e) {
        if (e instanceof Expr.Name n) {
            if (inDriver ? !db.containsKey(n.id()) : assigned.contains(n.id()) || !db.containsKey(n.id())) return null;
            return n.id();
        }
        if (e instanceof Expr.Attribute a) {
            String owner = deviceKey(a.value());
            if (owner == null) return null;
            Instance inst = instance(owner);
            if (inst == null || !inst.attributes().subDevices().containsKey(a.attr())) {
                Device d = inst == null ? device(owner, false) : null;
                String cls = inst != null ? inst.className() : d != null ? d.className() : "device";
                throw new CompileException(file, a.span(), "%s '%s' has no sub-device '%s'".formatted(cls, owner, a.attr()));
            }
            return inst.attributes().subDevices().get(a.attr());
        }
        return null;
    }

    /** The instantiated-class device a key names (aliases followed), or null. */
    private Instance instance(String key) {
        String resolved = key;
        Object entry = db.get(key);
        for (int hops = 0; entry instanceof String alias; hops++) {
            if (hops > 100 || !db.containsKey(alias)) return null;
            resolved = alias;
            entry = db.get(alias);
        }
        if (!(entry instanceof Map<?, ?> m) || !"local".equals(m.get("type"))
                || !(m.get("module") instanceof String module) || !(m.get("class") instanceof String cls)
                || !DeviceClasses.isInstantiated(module, cls)) return null;
        Instance known = instances.get(resolved);
        if (known != null) return known;
        Map<?, ?> arguments = m.get("arguments") instanceof Map<?, ?> a ? a : Map.of();
        Instance inst = new Instance(resolved, cls, DeviceClasses.attributes(file, resolved, cls, arguments,
                this::argumentsOf, org.coredev.compiler.desugar.Desugaring.refPeriod(castDb())));
        instances.put(resolved, inst);
        return inst;
    }

    @SuppressWarnings("unchecked")
    private Map<String, ?> castDb() { return (Map<String, ?>) db; }

    private Map<?, ?> argumentsOf(String key) {
        Object entry = db.get(key);
        for (int hops = 0; entry instanceof String alias && hops < 100; hops++) entry = db.get(alias);
        if (!(entry instanceof Map<?, ?> m)) return null;
        return m.get("arguments") instanceof Map<?, ?> a ? a : Map.of();
    }

    private Expr instanceCall(Instance inst, Expr.Attribute method, Expr.Call c) {
        if (!templates().containsKey(inst.className() + "_" + method.attr()))
            throw new CompileException(file, method.span(), "%s '%s' has no kernel method '%s' (supported: %s)"
                    .formatted(inst.className(), inst.name(), method.attr(), String.join(", ", methodsOf(inst.className()))));
        String function = inst.name() + "." + method.attr();
        if (methodsUsed.add(function)) methodsPending.add(function);
        @SuppressWarnings("unchecked")
        List<Expr> args = (List<Expr>) rewrite(c.args());
        @SuppressWarnings("unchecked")
        List<org.coredev.python.ast.Keyword> keywords = (List<org.coredev.python.ast.Keyword>) rewrite(c.keywords());
        return new Expr.Call(new Expr.Name(function, Ctx.LOAD, method.span()), args, keywords, c.span());
    }

    private Set<String> methodsOf(String cls) {
        Set<String> out = new TreeSet<>();
        for (String k : templates().keySet())
            if (k.startsWith(cls + "_")) out.add(k.substring(cls.length() + 1));
        return out;
    }

    private static boolean isTemplate(Stmt.FunctionDef f) {
        return !f.args().args().isEmpty() && f.args().args().getFirst().arg().equals("self");
    }

    /** Template functions of drivers.py by "Class_method". */
    private Map<String, Stmt.FunctionDef> templates() {
        if (templates == null) {
            templates = new java.util.TreeMap<>();
            for (Stmt s : drivers().body())
                if (s instanceof Stmt.FunctionDef f && isTemplate(f))
                    templates.put(f.name().substring(DRIVER_PREFIX.length()), f);
        }
        return templates;
    }

    /** Instantiates every method called so far, and those they call, until none is left. */
    private List<Stmt> instantiatePending() {
        List<Stmt> out = new ArrayList<>();
        while (!methodsPending.isEmpty()) {
            String function = methodsPending.poll();
            int dot = function.lastIndexOf('.');
            Instance inst = instances.get(function.substring(0, dot));
            Stmt.FunctionDef template = templates().get(inst.className() + "_" + function.substring(dot + 1));
            out.add(instantiate(inst, function, template));
        }
        return out;
    }

    private Stmt.FunctionDef instantiate(Instance inst, String function, Stmt.FunctionDef template) {
        Object body = bindSelf(inst, template.body());
        Set<String> stores = new TreeSet<>();
        collectStateStores(inst, body, stores);
        boolean outer = inDriver;
        inDriver = true;
        @SuppressWarnings("unchecked")
        List<Stmt> rewritten = new ArrayList<>((List<Stmt>) rewrite(body));
        inDriver = outer;
        if (!stores.isEmpty()) rewritten.addFirst(new Stmt.Global(List.copyOf(stores), template.span()));
        org.coredev.python.ast.Arguments a = template.args();
        org.coredev.python.ast.Arguments args = new org.coredev.python.ast.Arguments(a.posonlyargs(),
                a.args().subList(1, a.args().size()), a.vararg(), a.kwonlyargs(), a.kwDefaults(), a.kwarg(), a.defaults());
        return new Stmt.FunctionDef(function, args, rewritten, List.of(), template.returns(), template.typeComment(),
                template.typeParams(), template.span());
    }

    private void collectStateStores(Instance inst, Object node, Set<String> out) {
        if (node instanceof Expr.Name n && n.ctx() != Ctx.LOAD && n.id().startsWith(inst.name() + ".")) out.add(n.id());
        Children.forEach(node, c -> collectStateStores(inst, c, out));
    }

    /** self.x in a template: a constant, the state variable "device.x", a sub-device's name, or the device itself (methods). */
    private Object bindSelf(Instance inst, Object node) {
        if (node instanceof Expr.Attribute at && at.value() instanceof Expr.Name n && n.id().equals("self")) {
            DeviceClasses.Attributes attrs = inst.attributes();
            if (attrs.constants().containsKey(at.attr())) return new Expr.Constant(attrs.constants().get(at.attr()), null, at.span());
            if (attrs.state().containsKey(at.attr())) return new Expr.Name(inst.name() + "." + at.attr(), at.ctx(), at.span());
            if (attrs.subDevices().containsKey(at.attr())) return new Expr.Name(attrs.subDevices().get(at.attr()), Ctx.LOAD, at.span());
            return new Expr.Attribute(new Expr.Name(inst.name(), Ctx.LOAD, n.span()), at.attr(), at.ctx(), at.span());
        }
        return Children.copy(node, child -> bindSelf(inst, child));
    }

    /** Module-level assignments of every instantiated device's state, before the program's code. */
    private List<Stmt> stateInitialisers() {
        List<Stmt> out = new ArrayList<>();
        org.coredev.python.ast.Span at = new org.coredev.python.ast.Span(1, 1, 1, 1);
        for (Instance inst : instances.values())
            for (Map.Entry<String, Object> e : inst.attributes().state().entrySet()) {
                Expr value = new Expr.Constant(e.getValue(), null, at);
                if (e.getValue() instanceof Long)   // int64 state (ARTIQ's int64(...) in __init__)
                    value = new Expr.Call(new Expr.Name("int64", Ctx.LOAD, at), List.of(value), List.of(), at);
                else if (e.getValue() instanceof Integer i)
                    value = new Expr.Constant((long) i, null, at);
                out.add(new Stmt.Assign(List.of(new Expr.Name(inst.name() + "." + e.getKey(), Ctx.STORE, at)), value, null, at));
            }
        return out;
    }

    // ---- generic traversal ----------------------------------------------------------------
}
