package org.coredev.compiler.embedding;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.coredev.compiler.CompileException;
import org.coredev.python.ast.Arg;
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
 * it. Devices: {@code artiq.coredevice.ttl} TTLOut / TTLInOut ({@code on off pulse_mu pulse set_o},
 * TTLInOut also {@code output input set_oe gate_rising(_mu) gate_falling(_mu) gate_both(_mu)
 * timestamp_mu count}) and {@code artiq.coredevice.core} Core
 * ({@code break_realtime get_rtio_counter_mu seconds_to_mu mu_to_seconds}).
 */
public final class Embedding {
    /** Prefix of driver functions; user functions may not use it. */
    public static final String DRIVER_PREFIX = "__driver_";
    private static final Map<String, Set<String>> METHODS = Map.of(
            "TTLOut", Set.of("on", "off", "pulse_mu", "pulse", "set_o"),
            "TTLInOut", Set.of("on", "off", "pulse_mu", "pulse", "set_o", "output", "input", "set_oe",
                    "gate_rising_mu", "gate_falling_mu", "gate_both_mu", "gate_rising", "gate_falling", "gate_both",
                    "timestamp_mu", "count"),
            "Core", Set.of("break_realtime", "get_rtio_counter_mu", "seconds_to_mu", "mu_to_seconds"));

    private record Device(String name, String className, Long channel) { }

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
        if (e.driversUsed.isEmpty()) return new Module(body, module.typeIgnores());
        List<Stmt> out = new ArrayList<>(body);
        out.addAll(drivers().body());
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
        forEachChild(node, this::collectAssigned);
    }

    // ---- rewriting -------------------------------------------------------------------------

    private Object rewrite(Object node) {
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            boolean changed = false;
            for (Object o : list) {
                Object r = rewrite(o);
                changed |= r != o;
                out.add(r);
            }
            return changed ? out : list;
        }
        if (node instanceof Expr.Call c && c.func() instanceof Expr.Attribute a && a.value() instanceof Expr.Name n) {
            Device d = device(n.id());
            if (d != null) return methodCall(d, a, c);
        }
        if (node instanceof Expr.Name n && n.ctx() == Ctx.LOAD) {
            Device d = device(n.id());
            if (d != null)
                throw new CompileException(file, n.span(), "device '%s' (%s) can only be used to call its methods yet (%s)"
                        .formatted(n.id(), d.className(), String.join(", ", new TreeSet<>(METHODS.get(d.className())))));
        }
        if (!(node instanceof Record r) || !(node instanceof Node || node instanceof Stmt || node instanceof Expr)) return node;
        RecordComponent[] components = r.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        boolean changed = false;
        for (int k = 0; k < components.length; k++) {
            Object value = get(components[k], r);
            values[k] = rewrite(value);
            types[k] = components[k].getType();
            changed |= values[k] != value;
        }
        if (!changed) return node;
        try {
            return r.getClass().getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private Expr methodCall(Device d, Expr.Attribute method, Expr.Call c) {
        Set<String> methods = METHODS.get(d.className());
        if (!methods.contains(method.attr()))
            throw new CompileException(file, method.span(), "%s '%s' has no kernel method '%s' (supported: %s)"
                    .formatted(d.className(), d.name(), method.attr(), String.join(", ", new TreeSet<>(methods))));
        String driver = DRIVER_PREFIX + (d.className().equals("Core") ? "Core" : "TTL") + "_" + method.attr();
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
        if (assigned.contains(name) || !db.containsKey(name)) return null;
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

    // ---- generic traversal ----------------------------------------------------------------

    private static void forEachChild(Object node, java.util.function.Consumer<Object> action) {
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
