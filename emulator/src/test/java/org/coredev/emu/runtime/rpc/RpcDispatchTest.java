package org.coredev.emu.runtime.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.coredev.emu.cpu.StopReason;
import org.coredev.emu.cpu.rv32.Rv32Cpu;
import org.coredev.emu.runtime.Abi;
import org.coredev.emu.runtime.Runtime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The exports called the way a kernel calls them: a real CPU executes {@code jalr ra, 0(t0)} into
 * the runtime's entry, the arguments sit where the calling convention puts them, and
 * {@link Runtime#dispatch} serves the call and returns to ra.
 */
class RpcDispatchTest {
    private static final int JALR_RA_T0 = 0x0002_80e7;   // jalr x1, 0(x5)

    private final KernelMemory m = new KernelMemory();
    private final List<RpcCall> calls = new ArrayList<>();
    private RpcReply answer = RpcReply.NONE;
    private Rv32Cpu cpu;
    private Runtime runtime;
    private int code;

    private void boot(Rv32Cpu.Variant variant, RpcTiming timing, Host host) {
        cpu = new Rv32Cpu(variant, m.bus, m.ram);
        cpu.setTrapRange(Runtime.ENTRY_BASE, Runtime.ENTRY_SIZE);
        runtime = new Runtime(Abi.of(variant), m.memory);
        Rpc.register(runtime, host, timing);
        code = m.words(JALR_RA_T0);
    }

    private void boot(Rv32Cpu.Variant variant, RpcTiming timing) {
        boot(variant, timing, call -> {
            calls.add(call);
            return answer;
        });
    }

    /** Calls an export with integer arguments in a0.., returns a0; {@code cycles[0]} gets the call's cost. */
    private int call(String name, long[] cycles, int... args) {
        for (int k = 0; k < args.length; k++) cpu.setX(10 + k, args[k]);
        cpu.setX(5, runtime.resolve(name).orElseThrow());
        cpu.setPc(code);
        StopReason stop = cpu.run(1000);
        StopReason.RuntimeCall rc = assertInstanceOf(StopReason.RuntimeCall.class, stop);
        long before = cpu.cycles();
        runtime.dispatch(cpu, runtime.functionAt(rc.pc()));
        if (cycles != null) cycles[0] = cpu.cycles() - before;
        assertEquals(code + 4, cpu.pc(), "returns to ra");
        return cpu.x(10);
    }

    private int call(String name, int... args) { return call(name, null, args); }

    private int tag(String tag) { return m.slice(tag.getBytes(StandardCharsets.ISO_8859_1)); }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void synchronousCallReturnsAStringThroughTheSlotProtocol(Rv32Cpu.Variant variant) {
        boot(variant, RpcTiming.FREE);
        answer = RpcReply.value(RpcValue.str("hello"));
        int argv = m.words(m.words(5), m.slice("hi"));
        call("rpc_send", 9, tag("is:s"), argv);
        assertEquals(List.of(new RpcCall(9, List.of(RpcValue.int32(5), RpcValue.str("hi")), Map.of(), false, RpcType.STR)), calls);

        int slot = m.alloc(8, 4);
        int size = call("rpc_recv", slot);
        assertEquals(5, size);
        assertEquals(0, call("rpc_recv", m.alloc(size, 8)));
        assertEquals("hello", m.string(slot));
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void asyncCallNeedsNoReceive(Rv32Cpu.Variant variant) {
        boot(variant, RpcTiming.FREE);
        int argv = m.words(m.float64(0.5));
        call("rpc_send_async", 4, tag("f:n"), argv);
        call("rpc_send_async", 4, tag("f:n"), argv);
        assertEquals(2, calls.size());
        assertTrue(calls.getFirst().async());
        assertEquals(List.of(RpcValue.float64(0.5)), calls.getFirst().args());
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void hostExceptionIsRaisedFromTheFirstReceive(Rv32Cpu.Variant variant) {
        boot(variant, RpcTiming.FREE);
        answer = RpcReply.raise("ValueError", "bad frequency");
        call("rpc_send", 3, tag(":i"), m.words());
        RpcException e = assertThrows(RpcException.class, () -> call("rpc_recv", m.alloc(4, 4)));
        assertTrue(e.isKernelException());
        assertEquals("ValueError", e.exceptionName());
        assertEquals("bad frequency", e.getMessage());
        // The call is over: the next RPC goes through.
        answer = RpcReply.value(RpcValue.int32(1));
        call("rpc_send", 3, tag(":i"), m.words());
        assertEquals(0, call("rpc_recv", m.alloc(4, 4)));
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void unanswerableCallEndsTheKernelNamingTheService(Rv32Cpu.Variant variant) {
        PrintingHost host = new PrintingHost(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), Map.of(9, "get_value"));
        boot(variant, RpcTiming.FREE, host);
        RpcException e = assertThrows(RpcException.class, () -> call("rpc_send", 9, tag(":i"), m.words()));
        assertFalse(e.isKernelException());
        assertTrue(e.getMessage().startsWith("rpc_send to service 9: the host cannot answer"), e.getMessage());
        assertTrue(e.getMessage().contains("get_value"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void returnValueOfTheWrongTypeEndsTheKernel(Rv32Cpu.Variant variant) {
        boot(variant, RpcTiming.FREE);
        answer = RpcReply.value(RpcValue.str("x"));
        RpcException e = assertThrows(RpcException.class, () -> call("rpc_send", 9, tag(":i"), m.words()));
        assertEquals("rpc_send to service 9: type mismatch: cannot serialize 'x' as int32 (expected return type int32)", e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void receiveWithoutACallEndsTheKernel(Rv32Cpu.Variant variant) {
        boot(variant, RpcTiming.FREE);
        RpcException e = assertThrows(RpcException.class, () -> call("rpc_recv", m.alloc(4, 4)));
        assertTrue(e.getMessage().contains("without an RPC waiting"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void sendingAgainBeforeReceivingEndsTheKernel(Rv32Cpu.Variant variant) {
        boot(variant, RpcTiming.FREE);
        call("rpc_send", 1, tag(":n"), m.words());
        RpcException e = assertThrows(RpcException.class, () -> call("rpc_send", 2, tag(":n"), m.words()));
        assertTrue(e.getMessage().contains("answer of service 1 was not received"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void badTagEndsTheKernelNamingServiceAndPosition(Rv32Cpu.Variant variant) {
        boot(variant, RpcTiming.FREE);
        RpcException e = assertThrows(RpcException.class, () -> call("rpc_send", 6, tag("iq:n"), m.words(m.words(1), 0)));
        assertTrue(e.getMessage().startsWith("rpc_send to service 6: bad RPC tag \"iq:n\" at byte 1"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void callsChargeTheirCyclesAndTransferTime(Rv32Cpu.Variant variant) {
        RpcTiming t = RpcTiming.KASLI;
        boot(variant, t);
        long[] cost = new long[1];
        call("rpc_send", cost, 1, tag("s:n"), m.words(m.slice("abcd")));
        long argumentBytes = 4 + 8 + 4;    // argv entry, slice, contents
        assertEquals(t.sendCycles() + argumentBytes * t.cyclesPerByte(), cost[0]);
        call("rpc_recv", cost, m.alloc(4, 4));
        assertEquals(t.recvCycles() + t.roundTripCycles(), cost[0]);

        call("rpc_send_async", cost, 1, tag(":n"), m.words());
        assertEquals(t.asyncSendCycles(), cost[0]);
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void onlyTheFirstReceiveWaitsForTheHost(Rv32Cpu.Variant variant) {
        RpcTiming t = RpcTiming.KASLI;
        boot(variant, t);
        answer = RpcReply.value(RpcValue.str("xyz"));
        call("rpc_send", 1, tag(":s"), m.words());
        long[] cost = new long[1];
        int size = call("rpc_recv", cost, m.alloc(8, 4));
        assertEquals(t.recvCycles() + t.roundTripCycles() + (4 + 3) * t.cyclesPerByte(), cost[0]);
        call("rpc_recv", cost, m.alloc(size, 8));
        assertEquals(t.recvCycles(), cost[0]);
    }
}
