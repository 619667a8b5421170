package org.coredev.emu.runtime.rpc;

/** The host's answer to one RPC. */
public sealed interface RpcReply {
    /** The service returned {@code value}; for an async call it is ignored. */
    record Value(RpcValue value) implements RpcReply {}

    /** The service raised: the kernel sees {@code name} (a Python exception name) with {@code message}. */
    record Raise(String name, String message) implements RpcReply {}

    /**
     * The service raised, and the host sent the exception object itself (ARTIQ's RPCException), as
     * the board's session.rs builds it for the kernel: today's host names it by keys of its
     * embedding map (the name's key is the id, the strings stay host strings,
     * {@code "<host string N>"}); ARTIQ 6's sends the name and strings themselves.
     */
    record RaiseHost(org.coredev.emu.runtime.eh.ArtiqException exception) implements RpcReply {}

    /** The host cannot run the service; a synchronous call then ends the kernel with {@code reason}. */
    record Unanswerable(String reason) implements RpcReply {}

    RpcReply NONE = new Value(RpcValue.NONE);

    static RpcReply value(RpcValue v) { return new Value(v); }
    static RpcReply raise(String name, String message) { return new Raise(name, message); }
    static RpcReply unanswerable(String reason) { return new Unanswerable(reason); }
}
