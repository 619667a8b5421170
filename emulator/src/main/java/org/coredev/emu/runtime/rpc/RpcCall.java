package org.coredev.emu.runtime.rpc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One RPC as the host receives it (comm_kernel.py {@code _serve_rpc}): the service number (the
 * embedding-map id of the host function; 0 is attribute writeback, {@code setattr}), the
 * positional and keyword arguments, whether the kernel waits for an answer, and the return type
 * the kernel expects.
 */
public record RpcCall(int service, List<RpcValue> args, Map<String, RpcValue> kwargs, boolean async, RpcType returns) {
    public RpcCall {
        args = List.copyOf(args);
        kwargs = Collections.unmodifiableMap(new LinkedHashMap<>(kwargs));
    }

    /** The call as Python source would show it: {@code (1, 'x', sep='')}. */
    public String argumentText() {
        StringBuilder b = new StringBuilder("(");
        String sep = "";
        for (RpcValue v : args) {
            b.append(sep).append(v.repr());
            sep = ", ";
        }
        for (Map.Entry<String, RpcValue> e : kwargs.entrySet()) {
            b.append(sep).append(e.getKey()).append('=').append(e.getValue().repr());
            sep = ", ";
        }
        return b.append(')').toString();
    }
}
