package org.coredev.emu.runtime.rpc;

import java.util.OptionalInt;
import org.coredev.emu.cpu.Cpu;
import org.coredev.emu.runtime.Args;
import org.coredev.emu.runtime.GuestMemory;
import org.coredev.emu.runtime.Runtime;
import org.coredev.emu.runtime.RuntimeExport;

/**
 * The runtime's RPC exports (ARTIQ ksupport/lib.rs), served by a {@link Host}:
 * <pre>
 *   void rpc_send(u32 service, const CSlice *tag, const void *const *args);
 *   void rpc_send_async(u32 service, const CSlice *tag, const void *const *args);
 *   u32  rpc_recv(void *slot);
 * </pre>
 * A synchronous call asks the host at rpc_send and keeps the answer until the kernel collects it
 * with rpc_recv (see {@link ReturnTransfer} for the slot protocol); a raised exception comes out
 * of the first rpc_recv as an {@link RpcException} the core device raises in the kernel, as the
 * board's rpc_recv does. One instance per runtime: it holds the call in flight.
 */
public final class Rpc {
    private final Host host;
    private final RpcTiming timing;
    private final GuestMemory memory;

    /** The synchronous call whose answer the kernel has not collected yet, or null. */
    private Pending pending;

    private sealed interface Pending {
        int service();
    }
    private record PendingValue(int service, ReturnTransfer transfer) implements Pending {}
    private record PendingRaise(int service, RpcReply.Raise raise) implements Pending {}
    private record PendingHostRaise(int service, RpcReply.RaiseHost raise) implements Pending {}

    private Rpc(Runtime runtime, Host host, RpcTiming timing) {
        this.host = host;
        this.timing = timing;
        this.memory = runtime.memory();
    }

    /** Registers rpc_send, rpc_send_async and rpc_recv with {@link RpcTiming#KASLI} costs. */
    public static Rpc register(Runtime runtime, Host host) {
        return register(runtime, host, RpcTiming.KASLI);
    }

    public static Rpc register(Runtime runtime, Host host, RpcTiming timing) {
        Rpc rpc = new Rpc(runtime, host, timing);
        runtime.register(RuntimeExport.of("rpc_send", "v(ipp)", timing.sendCycles(), a -> rpc.send(a, false)));
        runtime.register(RuntimeExport.of("rpc_send_async", "v(ipp)", timing.asyncSendCycles(), a -> rpc.send(a, true)));
        runtime.register(RuntimeExport.of("rpc_recv", "i(p)", timing.recvCycles(), rpc::recv));
        return rpc;
    }

    /** What the exports cost. */
    public RpcTiming timing() { return timing; }

    /** The service of the call waiting for rpc_recv, if any. */
    public OptionalInt pendingService() {
        return pending == null ? OptionalInt.empty() : OptionalInt.of(pending.service());
    }

    /** Forgets a call in flight (a new kernel run starts). */
    public void reset() { pending = null; }

    private long send(Args a, boolean async) {
        send(a.cpu(), a.i(0), a.i(1), a.i(2), async);
        return 0;
    }

    /**
     * One rpc_send / rpc_send_async as the kernel makes it: the tag CSlice at {@code tagSlice},
     * the argument pointers at {@code argv}. Also the runtime's own sends (attribute writeback).
     */
    public void send(Cpu cpu, int service, int tagSlice, int argv, boolean async) {
        String what = (async ? "rpc_send_async" : "rpc_send") + " to service " + Integer.toUnsignedString(service);
        if (pending != null)
            throw RpcException.abort("%s while the answer of service %d was not received (rpc_recv missing)".formatted(what, pending.service()));
        RpcTag tag;
        RpcCodec.Arguments decoded;
        try {
            tag = RpcTag.parse(RpcCodec.readTag(memory, tagSlice));
            decoded = RpcCodec.decodeArguments(memory, tag, argv);
        } catch (RpcException e) {
            throw RpcException.abort(what + ": " + e.getMessage());
        }
        cpu.addCycles(decoded.payloadBytes() * timing.cyclesPerByte());

        RpcReply reply = host.call(new RpcCall(service, decoded.args(), decoded.kwargs(), async, tag.returns()));
        if (async) {
            // No answer travels back; a host-side exception ends the session as in comm_kernel.py's serve loop.
            if (reply instanceof RpcReply.Raise r)
                throw RpcException.abort("%s: the host raised %s: %s".formatted(what, r.name(), r.message()));
            if (reply instanceof RpcReply.RaiseHost r)
                throw RpcException.abort("%s: the host raised its exception %s".formatted(what, r.exception().name()));
            return;
        }
        pending = switch (reply) {
            case RpcReply.Unanswerable u -> throw RpcException.abort("%s: the host cannot answer: %s".formatted(what, u.reason()));
            case RpcReply.Raise r -> new PendingRaise(service, r);
            case RpcReply.RaiseHost r -> new PendingHostRaise(service, r);
            case RpcReply.Value v -> {
                try {
                    yield new PendingValue(service, new ReturnTransfer(tag.returns(), v.value(), memory.wideAlignment()));
                } catch (RpcException e) {
                    throw RpcException.abort("%s: %s (expected return type %s)".formatted(what, e.getMessage(), tag.returns().describe()));
                }
            }
        };
    }

    private long recv(Args a) {
        int slot = a.i(0);
        Pending p = pending;
        if (p == null) throw RpcException.abort("rpc_recv(0x%08x) without an RPC waiting for its answer".formatted(slot));
        switch (p) {
            case PendingRaise r -> {
                pending = null;
                a.cpu().addCycles(timing.roundTripCycles());
                throw RpcException.raise(r.raise().name(), r.raise().message());
            }
            case PendingHostRaise r -> {
                pending = null;
                a.cpu().addCycles(timing.roundTripCycles());
                throw RpcException.raiseHost(r.raise());
            }
            case PendingValue v -> {
                ReturnTransfer transfer = v.transfer();
                // The first rpc_recv waits for the host's answer; later ones only hand over buffers.
                if (!transfer.started()) a.cpu().addCycles(timing.roundTripCycles() + transfer.wireBytes() * timing.cyclesPerByte());
                int size = transfer.receive(memory, slot);
                if (transfer.done()) pending = null;
                return size;
            }
        }
    }
}
