package org.coredev.compiler.experiment;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.coredev.emu.runtime.rpc.Host;
import org.coredev.emu.runtime.rpc.PrintingHost;
import org.coredev.emu.runtime.rpc.RpcCall;
import org.coredev.emu.runtime.rpc.RpcReply;
import org.coredev.emu.runtime.rpc.RpcType;
import org.coredev.emu.runtime.rpc.RpcValue;
import org.coredev.python.ParseException;
import org.coredev.python.eval.PyInstance;
import org.coredev.python.eval.PyList;
import org.coredev.python.eval.PyNone;
import org.coredev.python.eval.PyRaise;
import org.coredev.python.eval.PyTuple;

/**
 * The host of an experiment's kernel (what comm_kernel.py does with its embedding map): a service
 * the image's RPC table names runs that method of the experiment instance on the host evaluator,
 * with the arguments converted to evaluator values, and its return value goes back converted to
 * the type the kernel expects. Service 0 ({@code setattr}) is attribute writeback; {@code print}
 * prints as {@link PrintingHost} does. A method that raises makes the kernel raise that exception
 * (for a synchronous call; an async call that raises ends the kernel, as on ARTIQ).
 */
public final class ExperimentHost implements Host {
    private final ExperimentInstance experiment;
    private final Map<Integer, String> services = new TreeMap<>();
    private final PrintingHost printing;

    /**
     * @param services the image's RPC table ({@code Compiler.rpcServices(elf)})
     * @param out      where kernel print output goes
     * @param log      where calls of unknown services are logged
     */
    public ExperimentHost(ExperimentInstance experiment, Map<Integer, String> services, PrintStream out, PrintStream log) {
        this.experiment = experiment;
        this.services.putAll(services);
        this.printing = new PrintingHost(out, log, services);
    }

    private Object returned = PyNone.NONE;

    /** The value the last host-called kernel returned (None if it returned none), and forgets it. */
    public Object takeReturned() {
        Object r = returned;
        returned = PyNone.NONE;
        return r;
    }

    /** Services of another image of the same experiment session (whose numbers agree with these). */
    public void addServices(Map<Integer, String> more) {
        services.putAll(more);
        more.forEach((n, name) -> { if (name.equals("print")) printing.printing(n); });
    }

    @Override
    public RpcReply call(RpcCall call) {
        String name = services.get(call.service());
        if ("print".equals(name)) return printing.call(call);
        if (call.service() == 0) return setattr(call);
        if (name == null) return printing.call(call);
        if (ExperimentCompiler.RETURN_SERVICE.equals(name) && call.args().size() == 1) {
            returned = toPython(call.args().getFirst());
            return RpcReply.NONE;
        }
        try {
            List<Object> args = new ArrayList<>();
            for (RpcValue v : call.args()) args.add(toPython(v));
            Map<String, Object> kwargs = new TreeMap<>();
            for (Map.Entry<String, RpcValue> e : call.kwargs().entrySet()) kwargs.put(e.getKey(), toPython(e.getValue()));
            Object method = attributeAt(name);
            Object result = experiment.interpreter().call(method, args, kwargs);
            return call.async() ? RpcReply.NONE : RpcReply.value(toRpc(result, call.returns(), name));
        } catch (PyRaise r) {
            Object args = r.exception.attrs.get("args");
            String message = args instanceof PyTuple t && t.items().size() == 1 ? experiment.interpreter().str(t.items().getFirst())
                    : args instanceof PyTuple t && t.items().isEmpty() ? "" : experiment.interpreter().str(args);
            return RpcReply.raise(r.exception.cls.name, message);
        } catch (ReturnTypeMismatch e) {
            return RpcReply.raise("TypeError", e.getMessage());
        } catch (ParseException e) {
            return RpcReply.unanswerable("host method %s: %s".formatted(name, e.getMessage()));
        } catch (RuntimeException | StackOverflowError e) {
            return RpcReply.unanswerable("host method %s failed: %s".formatted(name, e));
        }
    }

    /**
     * Attribute writeback: setattr(name, value) on the instance; a dotted name ({@code pulse.width})
     * on the host object that path leads to from it.
     */
    private RpcReply setattr(RpcCall call) {
        if (call.args().size() != 2 || !(call.args().get(0) instanceof RpcValue.Str attr))
            return RpcReply.unanswerable("setattr expects (name, value), got " + call.argumentText());
        String path = attr.value();
        int dot = path.lastIndexOf('.');
        Object owner = dot < 0 ? experiment.instance() : attributeAt(path.substring(0, dot));
        if (!(owner instanceof PyInstance o))
            return RpcReply.unanswerable("setattr of %s: %s is not an object".formatted(path, path.substring(0, dot)));
        o.attrs.put(path.substring(dot + 1), toPython(call.args().get(1)));
        return RpcReply.NONE;
    }

    /** The attribute at a dotted path from the experiment ({@code pulse.describe}). */
    private Object attributeAt(String path) {
        Object at = experiment.instance();
        for (String name : path.split("\\.")) at = experiment.interpreter().getAttr(at, name);
        return at;
    }

    /** An RPC argument as the value comm_kernel.py hands the Python method. */
    static Object toPython(RpcValue v) {
        return switch (v) {
            case RpcValue.None n -> PyNone.NONE;
            case RpcValue.Bool b -> b.value();
            case RpcValue.Int32 i -> (long) i.value();
            case RpcValue.Int64 i -> i.value();
            case RpcValue.Float64 f -> f.value();
            case RpcValue.Str s -> s.value();
            case RpcValue.ListOf l -> new PyList(l.values().stream().map(ExperimentHost::toPython).toList());
            case RpcValue.Tuple t -> new PyTuple(t.values().stream().map(ExperimentHost::toPython).toList());
            default -> throw new ReturnTypeMismatch("RPC argument " + v.repr() + " is not supported by the experiment host");
        };
    }

    /** The method's return value as the kernel's return type (comm_kernel.py _send_rpc_value checks). */
    private static RpcValue toRpc(Object value, RpcType type, String method) {
        return switch (type) {
            case RpcType.None n when value instanceof PyNone -> RpcValue.NONE;
            case RpcType.Bool b when value instanceof Boolean x -> new RpcValue.Bool(x);
            case RpcType.Int32 i when value instanceof Long x && x == (int) (long) x -> new RpcValue.Int32((int) (long) x);
            case RpcType.Int64 i when value instanceof Long x -> new RpcValue.Int64(x);
            case RpcType.Float64 f when value instanceof Double x -> new RpcValue.Float64(x);
            case RpcType.Str x when value instanceof String v -> new RpcValue.Str(v);
            case RpcType.Tuple tu when value instanceof PyTuple tuple && tuple.items().size() == tu.elements().size() -> {
                List<RpcValue> out = new ArrayList<>();
                for (int k = 0; k < tu.elements().size(); k++) out.add(toRpc(tuple.items().get(k), tu.elements().get(k), method));
                yield new RpcValue.Tuple(out);
            }
            case RpcType.ListOf l when value instanceof PyList list ->
                    new RpcValue.ListOf(l.element(), list.items.stream().map(e -> toRpc(e, l.element(), method)).toList());
            default -> throw new ReturnTypeMismatch("RPC %s returned %s where the kernel expects %s"
                    .formatted(method, value instanceof PyNone ? "None" : String.valueOf(value), type.describe()));
        };
    }

    /** A return value that does not fit the annotated type: the kernel sees a TypeError. */
    private static final class ReturnTypeMismatch extends RuntimeException {
        ReturnTypeMismatch(String message) { super(message, null, false, false); }
    }
}
