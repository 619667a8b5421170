package org.coredev.emu.runtime.rpc;

import java.io.PrintStream;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The host of the command line, which has no experiment to call into: {@code print} RPCs print
 * their arguments as Python's {@code print} does; every other call is logged, one line each:
 * <pre>
 *   rpc 0 setattr(&lt;host object 3&gt;, 'count', 5) [async]
 *   rpc 7 set_dataset('x', 1.0) [async]
 *   rpc 9 get_value(1) -&gt; int32
 * </pre>
 * Async calls need no answer. A synchronous call other than print has no answer here: it is
 * {@link RpcReply.Unanswerable}, unless it returns None and {@link #answeringNone} is set, in
 * which case it returns None as if the host function did nothing.
 */
public final class PrintingHost implements Host {
    private final PrintStream out;
    private final PrintStream log;
    private final Map<Integer, String> names = new TreeMap<>();
    private final Set<Integer> printServices = new TreeSet<>();
    private boolean answerNone;

    /**
     * @param out   where print output goes
     * @param log   where other calls are logged (may be the same stream)
     * @param names service number to name, e.g. from the compiler's embedding map; service 0 is
     *              {@code setattr} (attribute writeback) unless named otherwise
     */
    public PrintingHost(PrintStream out, PrintStream log, Map<Integer, String> names) {
        this.out = out;
        this.log = log;
        this.names.put(0, "setattr");
        this.names.putAll(names);
    }

    /** Treats {@code service} as Python's print whatever its name. */
    public PrintingHost printing(int service) {
        printServices.add(service);
        return this;
    }

    /** Answers None to synchronous calls whose return type is None instead of ending the kernel. */
    public PrintingHost answeringNone(boolean answer) {
        this.answerNone = answer;
        return this;
    }

    @Override
    public RpcReply call(RpcCall call) {
        String name = names.get(call.service());
        if (printServices.contains(call.service()) || "print".equals(name)) return print(call);
        StringBuilder line = new StringBuilder("rpc ").append(Integer.toUnsignedString(call.service())).append(' ');
        if (name != null) line.append(name);
        line.append(call.argumentText());
        if (call.async()) line.append(" [async]");
        else if (!(call.returns() instanceof RpcType.None)) line.append(" -> ").append(call.returns().describe());
        log.println(line);
        log.flush();
        if (call.async()) return RpcReply.NONE;
        if (answerNone && call.returns() instanceof RpcType.None) return RpcReply.NONE;
        return RpcReply.unanswerable("no host function for service %s%s in this run".formatted(
                Integer.toUnsignedString(call.service()), name == null ? "" : " (" + name + ")"));
    }

    /** Python's print(*args, sep=' ', end='\n'): str() of each argument. */
    private RpcReply print(RpcCall call) {
        String sep = " ", end = "\n";
        for (Map.Entry<String, RpcValue> kw : call.kwargs().entrySet()) {
            RpcValue v = kw.getValue();
            switch (kw.getKey()) {
                case "sep", "end" -> {
                    String text;
                    if (v instanceof RpcValue.Str s) text = s.value();
                    else if (v instanceof RpcValue.None) text = kw.getKey().equals("sep") ? " " : "\n";
                    else return RpcReply.raise("TypeError", "%s must be None or a string, not %s".formatted(kw.getKey(), pythonTypeName(v)));
                    if (kw.getKey().equals("sep")) sep = text;
                    else end = text;
                }
                case "flush" -> { }
                default -> {
                    return RpcReply.raise("TypeError", "'%s' is an invalid keyword argument for print()".formatted(kw.getKey()));
                }
            }
        }
        StringBuilder text = new StringBuilder();
        for (int k = 0; k < call.args().size(); k++) {
            if (k > 0) text.append(sep);
            text.append(call.args().get(k).toPython());
        }
        out.print(text.append(end));
        out.flush();
        return RpcReply.NONE;
    }

    private static String pythonTypeName(RpcValue v) {
        return switch (v) {
            case RpcValue.None n -> "NoneType";
            case RpcValue.Bool b -> "bool";
            case RpcValue.Int32 i -> "int";
            case RpcValue.Int64 i -> "int";
            case RpcValue.Float64 f -> "float";
            case RpcValue.Str s -> "str";
            case RpcValue.Bytes b -> "bytes";
            case RpcValue.ByteArray b -> "bytearray";
            case RpcValue.ListOf l -> "list";
            case RpcValue.Array a -> "numpy.ndarray";
            case RpcValue.Tuple t -> "tuple";
            case RpcValue.Range r -> "range";
            case RpcValue.Keyword k -> "keyword";
            case RpcValue.ObjectRef o -> "object";
        };
    }
}
