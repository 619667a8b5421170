package org.coredev.emu.device.ksupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.coredev.emu.bus.Bus;
import org.coredev.emu.bus.Ram;
import org.coredev.emu.cpu.StopReason;
import org.coredev.emu.cpu.rv32.Rv32Cpu;
import org.coredev.emu.device.KernelRaiser;
import org.coredev.emu.device.LogLine;
import org.coredev.emu.runtime.Abi;
import org.coredev.emu.runtime.GuestMemory;
import org.coredev.emu.runtime.Runtime;

/**
 * A CPU that calls runtime exports the way a kernel does: {@code jalr ra, 0(t0)} into the export's
 * entry, arguments where the calling convention puts them, {@link Runtime#dispatch} serving the
 * call. 256 KiB of RAM at 0x40000000 hold code, data (a bump allocator) and the stack; a 1 MiB
 * runtime heap sits at {@link RuntimeHeap#BASE}.
 */
final class Machine {
    static final int RAM = 0x4000_0000, RAM_SIZE = 256 << 10, STACK_TOP = RAM + RAM_SIZE - 64;
    static final int MU_PER_CYCLE = 8;
    private static final int JALR_RA_T0 = 0x0002_80e7;   // jalr x1, 0(x5)

    /** What the test raiser throws: the exception a kernel would see. */
    static final class Raised extends RuntimeException {
        final String name;
        final long p0, p1, p2;
        final String template;

        Raised(String name, String message, long p0, long p1, long p2) {
            super(name + ": " + KernelRaiser.format(message, p0, p1, p2), null, false, false);
            this.name = name;
            this.template = message;
            this.p0 = p0;
            this.p1 = p1;
            this.p2 = p2;
        }
    }

    final Bus bus = new Bus();
    final Ram ram = bus.addRam("ram", RAM, RAM_SIZE);
    final GuestMemory memory = new GuestMemory(bus);
    final RuntimeHeap heap = RuntimeHeap.map(bus, RuntimeHeap.BASE, 1 << 20);
    final Rv32Cpu cpu;
    final Runtime runtime;
    final KernelRaiser raiser = Raised::new;
    final List<LogLine> log = new ArrayList<>();
    private final int code;
    private int next = RAM + 0x1000;

    Machine(Rv32Cpu.Variant variant) {
        cpu = new Rv32Cpu(variant, bus, ram);
        cpu.setTrapRange(Runtime.ENTRY_BASE, Runtime.ENTRY_SIZE);
        runtime = new Runtime(Abi.of(variant), memory);
        code = words(JALR_RA_T0);
    }

    long nowMu() { return cpu.cycles() * MU_PER_CYCLE; }

    /**
     * Calls an export with a0.. = {@code args} and sp = {@code sp}; returns a0. The caller set up
     * any further registers (FP, stack) before.
     */
    int call(String name, int... args) {
        for (int k = 0; k < args.length; k++) cpu.setX(10 + k, args[k]);
        if (cpu.x(2) == 0) cpu.setX(2, STACK_TOP);
        cpu.setX(5, runtime.resolve(name).orElseThrow(() -> new AssertionError("not exported: " + name)));
        cpu.setPc(code);
        StopReason stop = cpu.run(1000);
        StopReason.RuntimeCall rc = assertInstanceOf(StopReason.RuntimeCall.class, stop);
        runtime.dispatch(cpu, runtime.functionAt(rc.pc()));
        assertEquals(code + 4, cpu.pc(), "returns to ra");
        return cpu.x(10);
    }

    int alloc(int size, int alignment) {
        next = (next + alignment - 1) & -alignment;
        int at = next;
        next += Math.max(size, 1);
        return at;
    }

    int words(int... values) {
        int at = alloc(4 * values.length, 4);
        for (int k = 0; k < values.length; k++) memory.store32(at + 4 * k, values[k]);
        return at;
    }

    /** A NUL-terminated string; returns its address. */
    int cString(String s) { return bytes(s.getBytes(StandardCharsets.UTF_8), true); }

    int bytes(byte[] data, boolean terminate) {
        int at = alloc(data.length + 1, 1);
        memory.write(at, data);
        if (terminate) memory.store8(at + data.length, 0);
        return at;
    }

    /** A {data, length} slice of int32 values; returns the slice's address. */
    int intList(int... values) { return words(words(values), values.length); }

    /** Sets a long in the register pair starting at {@code reg} (low word first). */
    void setPair(int reg, long value) {
        cpu.setX(reg, (int) value);
        cpu.setX(reg + 1, (int) (value >>> 32));
    }

    List<String> logText() { return log.stream().map(LogLine::text).toList(); }
}
