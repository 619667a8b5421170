package org.coredev.emu.runtime.rpc;

/**
 * The RPC layer's one exception, thrown out of {@code rpc_send}, {@code rpc_send_async} and
 * {@code rpc_recv} (through {@code Runtime.dispatch}). Two kinds:
 * <ul>
 *   <li>{@link #isKernelException()}: the host's service raised; the core device raises
 *       {@link #exceptionName()} with {@link #getMessage()} in the kernel, where it can be caught
 *       (ARTIQ: the runtime's {@code RpcRecvReply(Err(..))} raised from {@code rpc_recv});</li>
 *   <li>otherwise the kernel cannot go on (bad tag, a call the host cannot answer, a return value
 *       that does not fit the tag, rpc_recv without a call): the core device ends the run with the
 *       message, which names the service.</li>
 * </ul>
 */
public final class RpcException extends RuntimeException {
    private final String exceptionName;
    private final RpcReply.RaiseHost hostException;

    private RpcException(String exceptionName, String message, RpcReply.RaiseHost hostException) {
        super(message, null, false, false);
        this.exceptionName = exceptionName;
        this.hostException = hostException;
    }

    private RpcException(String exceptionName, String message) {
        this(exceptionName, message, null);
    }

    /** A kernel exception object the host sent ({@link RpcReply.RaiseHost}). */
    public static RpcException raiseHost(RpcReply.RaiseHost raise) {
        return new RpcException(raise.exception().name(), raise.exception().message(), raise);
    }

    /** The host's exception object for {@link #raiseHost}, else null. */
    public RpcReply.RaiseHost hostException() { return hostException; }

    /** A kernel exception to raise, e.g. {@code raise("ValueError", "bad frequency")}. */
    public static RpcException raise(String exceptionName, String message) {
        if (exceptionName == null || exceptionName.isEmpty()) throw new IllegalArgumentException("exception name missing");
        return new RpcException(exceptionName, message);
    }

    /** An error that ends the kernel. */
    public static RpcException abort(String message) {
        return new RpcException(null, message);
    }

    /** True when this is an exception the kernel should see (and may catch). */
    public boolean isKernelException() { return exceptionName != null; }

    /** The Python exception name to raise in the kernel; null for an abort. */
    public String exceptionName() { return exceptionName; }
}
