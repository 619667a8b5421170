package org.coredev.emu.runtime.rpc;

/** The host's answer to one RPC. */
public sealed interface RpcReply {
    /** The service returned {@code value}; for an async call it is ignored. */
    record Value(RpcValue value) implements RpcReply {}

    /** The service raised: the kernel sees {@code name} (a Python exception name) with {@code message}. */
    record Raise(String name, String message) implements RpcReply {}

    /**
     * The service raised, and the host names the exception by its own string keys (ARTIQ's
     * RPCException: name, message, file and function are keys of the host's embedding map, which
     * stay on the host): the kernel sees exactly this exception object, with {@code nameKey} as its
     * id, as the board's session.rs builds it.
     */
    record RaiseHost(int nameKey, int messageKey, java.util.List<Long> params, int fileKey, int line, int column,
                     int functionKey) implements RpcReply {
        public RaiseHost { params = java.util.List.copyOf(params); }
    }

    /** The host cannot run the service; a synchronous call then ends the kernel with {@code reason}. */
    record Unanswerable(String reason) implements RpcReply {}

    RpcReply NONE = new Value(RpcValue.NONE);

    static RpcReply value(RpcValue v) { return new Value(v); }
    static RpcReply raise(String name, String message) { return new Raise(name, message); }
    static RpcReply unanswerable(String reason) { return new Unanswerable(reason); }
}
