package org.coredev.emu.runtime.rpc;

/**
 * The host side of RPCs: what comm_kernel.py does with a kernel's rpc_send. Called on the
 * emulator's thread while the kernel waits in simulated time; it must return (never block for
 * ever): a call it cannot serve is {@link RpcReply.Unanswerable}.
 */
@FunctionalInterface
public interface Host {
    RpcReply call(RpcCall call);
}
