package org.coredev.emu.runtime.rpc;

/**
 * What RPCs cost in CPU cycles (125 MHz on Kasli: 8 ns a cycle), charged to simulated time.
 *
 * @param sendCycles       a synchronous rpc_send: handing the request to the comms CPU through the mailbox
 * @param asyncSendCycles  an rpc_send_async: the kernel CPU serializes into the async RPC queue itself
 * @param recvCycles       each rpc_recv call: one mailbox round trip with the comms CPU
 * @param roundTripCycles  added to the first rpc_recv of a call: the network round trip to the host and back
 * @param cyclesPerByte    per byte of arguments and of return value (network and serialization throughput)
 */
public record RpcTiming(int sendCycles, int asyncSendCycles, int recvCycles, long roundTripCycles, int cyclesPerByte) {
    public RpcTiming {
        if (sendCycles < 1 || asyncSendCycles < 1 || recvCycles < 1 || roundTripCycles < 0 || cyclesPerByte < 0)
            throw new IllegalArgumentException("RPC costs must be positive: " + sendCycles + ", " + asyncSendCycles + ", " + recvCycles);
    }

    /**
     * Kasli over Gigabit Ethernet to a Linux host. Sources (see docs/rpc.md):
     * a null synchronous RPC takes about 3 ms (m-labs/artiq#2601: "very consistent ~3ms" on
     * Kasli with ARTIQ 7; #1488: 2.4 ms on a KC705 with a fast Linux PC; ARTIQ's own
     * test_rtio.py RPCTest accepts 100 ns to 3.5 ms), so 375,000 cycles; bulk RPC transfers run at
     * about 18 MB/s (#685), about 7 cycles a byte. The mailbox hand-offs (1 µs) and the async
     * enqueue (10 µs) are estimates: ARTIQ publishes no figure for them.
     */
    public static final RpcTiming KASLI = new RpcTiming(125, 1_250, 125, 375_000, 7);

    /** Every call costs one cycle: for tests that count instructions, not time. */
    public static final RpcTiming FREE = new RpcTiming(1, 1, 1, 0, 0);
}
