package org.coredev.emu.runtime.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.coredev.emu.bus.Bus;
import org.coredev.emu.bus.BusFault;
import org.coredev.emu.bus.Ram;
import org.coredev.emu.cpu.StopReason;
import org.coredev.emu.cpu.rv32.Rv32Cpu;
import org.coredev.emu.runtime.Abi;
import org.coredev.emu.runtime.GuestMemory;
import org.coredev.emu.runtime.Runtime;
import org.coredev.emu.runtime.RuntimeExport;
import org.coredev.loader.LoadedImage;
import org.coredev.loader.Linker;
import org.coredev.loader.LoaderException;
import org.coredev.loader.Target;
import org.coredev.loader.TargetMemory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Compiled kernel code calling rpc_send, rpc_send_async and rpc_recv as ARTIQ's compiler does
 * (src/test/rpc-fixtures/rpc.c, built by build.sh with clang and lld for both kernel targets),
 * loaded by the board's linker and run on the CPU.
 */
class RpcFixtureTest {
    private static final Path FIXTURES = Path.of("src/test/rpc-fixtures");
    private static final int RAM = 0x4000_0000, RAM_SIZE = 1 << 20, PAYLOAD = RAM + 0x1_0000;
    private static final int STACK_TOP = RAM + RAM_SIZE - 64;
    private static final int EXIT = Runtime.ENTRY_BASE + Runtime.ENTRY_SIZE - 0x1000;

    private final Bus bus = new Bus();
    private final Ram ram = bus.addRam("ram", RAM, RAM_SIZE);
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream(), logged = new ByteArrayOutputStream();
    private final List<RpcCall> calls = new ArrayList<>();
    private RpcReply answer = RpcReply.NONE;
    private Rv32Cpu cpu;
    private Runtime runtime;
    private LoadedImage image;

    private void load(Rv32Cpu.Variant variant) throws IOException, LoaderException {
        cpu = new Rv32Cpu(variant, bus, ram);
        cpu.setTrapRange(Runtime.ENTRY_BASE, Runtime.ENTRY_SIZE);
        GuestMemory memory = new GuestMemory(bus);
        runtime = new Runtime(Abi.of(variant), memory);
        PrintingHost printing = new PrintingHost(new PrintStream(printed, true, StandardCharsets.UTF_8),
                new PrintStream(logged, true, StandardCharsets.UTF_8), Map.of(1, "print"));
        Rpc.register(runtime, call -> {
            calls.add(call);
            return call.service() == 1 ? printing.call(call) : answer;
        }, RpcTiming.FREE);
        String file = variant == Rv32Cpu.Variant.RV32G ? "rpc-rv32g.elf" : "rpc-rv32ima.elf";
        TargetMemory target = new TargetMemory() {
            @Override public void write(int address, byte[] data) {
                try {
                    bus.write(address, data);
                } catch (BusFault e) {
                    throw new AssertionError(e);
                }
            }

            @Override public byte[] read(int address, int length) {
                try {
                    return bus.read(address, length);
                } catch (BusFault e) {
                    throw new AssertionError(e);
                }
            }
        };
        Target t = variant == Rv32Cpu.Variant.RV32G ? Target.RV32G : Target.RV32IMA;
        image = new Linker(t, target, runtime, PAYLOAD, RAM + RAM_SIZE - 1).load(file, Files.readAllBytes(FIXTURES.resolve(file)));
        cpu.flushDecodeCache();
    }

    /** Calls {@code function(arg)} and serves runtime calls until it returns; returns a0. */
    private int run(String function, int arg) throws LoaderException {
        cpu.setX(1, EXIT);
        cpu.setX(2, STACK_TOP);
        cpu.setX(10, arg);
        cpu.setPc(image.entry(function));
        for (int k = 0; k < 100; k++) {
            StopReason stop = cpu.run(1_000_000);
            StopReason.RuntimeCall call = assertInstanceOf(StopReason.RuntimeCall.class, stop, () -> "stopped at " + image.symbolize(cpu.pc()));
            if (call.pc() == EXIT) return cpu.x(10);
            RuntimeExport export = runtime.functionAt(call.pc());
            if (export == null) fail("call of unknown runtime address 0x%08x".formatted(call.pc()));
            runtime.dispatch(cpu, export);
        }
        return fail("the kernel did not return");
    }

    @Test
    void committedFixturesRebuildIdentically() throws Exception {
        // build.sh exits 2 naming the Debian package (clang, lld) when a tool is missing.
        Process p = new ProcessBuilder("bash", FIXTURES.resolve("build.sh").toString(), "--check").redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("build.sh --check did not finish within 120 s");
        }
        assertEquals(0, p.exitValue(), output);
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void asyncPrintDecodesEveryArgumentKind(Rv32Cpu.Variant variant) throws Exception {
        load(variant);
        run("print_values", 0);
        RpcCall call = calls.getFirst();
        assertTrue(call.async());
        assertEquals(List.of(RpcValue.int32(42), RpcValue.float64(2.5), RpcValue.str("volts"),
                RpcValue.list(RpcType.INT32, RpcValue.int32(1), RpcValue.int32(2), RpcValue.int32(3)),
                RpcValue.tuple(RpcValue.TRUE, RpcValue.int64(7))), call.args());
        assertEquals(Python3.run("print(42, 2.5, 'volts', [1, 2, 3], (True, 7))"), printed.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void listReturnValueReachesTheKernel(Rv32Cpu.Variant variant) throws Exception {
        load(variant);
        answer = RpcReply.value(RpcValue.list(RpcType.INT32, RpcValue.int32(10), RpcValue.int32(20), RpcValue.int32(30)));
        assertEquals(60, run("sum_counts", 5));
        assertEquals(List.of(RpcValue.str("pmt"), RpcValue.int32(5)), calls.getFirst().args());
        assertEquals(new RpcType.ListOf(RpcType.INT32), calls.getFirst().returns());
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void stringReturnValueReachesTheKernel(Rv32Cpu.Variant variant) throws Exception {
        load(variant);
        answer = RpcReply.value(RpcValue.str("Hello"));
        assertEquals(5 * 256 + 'H', run("greeting_code", 0));
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void hostExceptionComesOutOfTheKernelsReceive(Rv32Cpu.Variant variant) throws Exception {
        load(variant);
        answer = RpcReply.raise("KeyError", "pmt");
        RpcException e = assertThrows(RpcException.class, () -> run("sum_counts", 1));
        assertEquals("KeyError", e.exceptionName());
        assertEquals("rpc_recv", runtime.nameAt(cpu.pc()));
    }
}
