package org.coredev.emu.runtime;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.coredev.emu.bus.Bus;
import org.coredev.emu.bus.MmioDevice;
import org.coredev.emu.bus.Ram;
import org.coredev.emu.cpu.StopReason;
import org.coredev.emu.cpu.TrapCause;
import org.coredev.emu.cpu.or1k.Or1kCpu;
import org.coredev.emu.exec.BareMetalImage;
import org.junit.jupiter.api.Test;

/**
 * The runtime's OR1K calling convention against gcc-or1k-elf's own calls: abi.elf
 * (src/test/isa-or1k/abi/abi.c) calls runtime functions of every argument shape (a 64-bit value
 * that no longer fits in r3-r8, pairs at odd registers, 64-bit stack arguments, soft-float
 * doubles and floats, a pointer to a big-endian struct) on an {@link Or1kCpu}; each function
 * checks what it received and returns a value the program checks in turn.
 */
class Or1kAbiTest {
    private final List<String> wrong = new ArrayList<>();

    private void expect(String what, long expected, long actual) {
        if (expected != actual) wrong.add("%s: expected 0x%x, got 0x%x".formatted(what, expected, actual));
    }

    @Test
    void gccCallsReachTheRuntimeWithEveryArgumentInPlace() throws Exception {
        Path elf = Path.of("src/test/isa-or1k/abi/abi.elf");
        BareMetalImage image = BareMetalImage.parse(elf.toString(), Files.readAllBytes(elf));
        Bus bus = new Bus();
        int low = (int) (image.lowest() & ~0xfffL);
        Ram ram = bus.addRam("ram", low, (int) (((image.highest() + 0xfff) & ~0xfffL) - low));
        for (BareMetalImage.Segment s : image.segments()) bus.write(s.address(), s.data());
        Or1kCpu cpu = new Or1kCpu(bus, ram);
        cpu.setHostTraps(true);
        cpu.setPc(image.entry());
        GuestMemory memory = new GuestMemory(bus, ByteOrder.BIG_ENDIAN);
        Runtime runtime = new Runtime(Abi.OR1K, memory, Runtime.ARTIQ6_ENTRY_BASE);
        cpu.setTrapRange(runtime.entryBase(), Runtime.ENTRY_SIZE);
        register(runtime);

        int calls = 0;
        while (true) {
            StopReason stop = cpu.run(10_000_000);
            if (stop instanceof StopReason.RuntimeCall call) {
                RuntimeExport export = runtime.functionAt(call.pc());
                assertNotNull(export, "a call to 0x%08x".formatted(call.pc()));
                runtime.dispatch(cpu, export);
                calls++;
            } else if (stop instanceof StopReason.Trap t && t.cause() == TrapCause.ECALL_FROM_M && cpu.x(11) == 93) {
                assertEquals(List.of(), wrong, "arguments the runtime received");
                assertEquals(0, cpu.x(3), "results abi.c found wrong (its exit status)");
                assertEquals(9, calls);
                return;
            } else {
                fail("abi.elf stopped: " + stop);
            }
        }
    }

    private void register(Runtime runtime) {
        runtime.register(RuntimeExport.of("spill", "v(iiiiili)", 1, a -> {
            for (int k = 0; k < 5; k++) expect("spill arg " + k, k + 1, a.i(k));
            expect("spill wide (no pair left in r8: on the stack)", 0x1122334455667788L, a.l(5));
            expect("spill int after it (on the stack too)", 9, a.i(6));
            return 0;
        }));
        runtime.register(RuntimeExport.of("pairs", "v(illl)", 1, a -> {
            expect("pairs int", 1, a.i(0));
            expect("pairs r4:r5", 0x10_0000_0002L, a.l(1));
            expect("pairs r6:r7", 0x30_0000_0004L, a.l(2));
            expect("pairs stack", 0x50_0000_0006L, a.l(3));
            return 0;
        }));
        runtime.register(RuntimeExport.of("four_wide", "v(llll)", 1, a -> {
            long[] expected = {0x1_0000_000aL, 0x2_0000_000bL, 0x3_0000_000cL, 0x4_0000_000dL};
            for (int k = 0; k < 4; k++) expect("four_wide " + k, expected[k], a.l(k));
            return 0;
        }));
        runtime.register(RuntimeExport.of("stack", "v(iiiiiiili)", 1, a -> {
            for (int k = 0; k < 7; k++) expect("stack arg " + k, k + 1, a.i(k));
            expect("stack wide, 4-byte aligned", 0x8_0000_0009L, a.l(7));
            expect("stack last", 10, a.i(8));
            return 0;
        }));
        runtime.register(RuntimeExport.of("wide", "l(l)", 1, a -> {
            expect("wide", 0x1_0000_0002L, a.l(0));
            return a.l(0) * 3 + 1;
        }));
        runtime.register(RuntimeExport.of("soft_double", "d(dfd)", 1, a -> {
            expect("double a", Double.doubleToRawLongBits(1.5), a.l(0));
            expect("float b", Float.floatToRawIntBits(2.5f), a.i(1));
            expect("double c", Double.doubleToRawLongBits(3.25), a.l(2));
            return Double.doubleToRawLongBits(a.d(0) * a.f(1) + a.d(2));
        }));
        runtime.register(RuntimeExport.of("soft_float", "f(f)", 1, a -> {
            expect("float", Float.floatToRawIntBits(1.25f), a.i(0));
            return Float.floatToRawIntBits(a.f(0) * 2);
        }));
        runtime.register(RuntimeExport.of("record", "i(p)", 1, a -> {
            GuestMemory m = a.memory();
            int p = a.i(0);
            // struct record { int32 word; int16 half; int8 byte; int64 wide; }: offsets 0, 4, 6, 8 (i64:32).
            int word = m.load32(p), half = (short) m.load16(p + 4), b = (byte) m.load8(p + 6);
            long wide = m.load64(p + 8);
            expect("record word", 0x01020304, word);
            expect("record half", -2, half);
            expect("record byte", 5, b);
            expect("record wide", 0x1122334455667788L, wide);
            m.store32(p, word + 1);
            m.store16(p + 4, half + 1);
            m.store8(p + 6, b + 1);
            m.store64(p + 8, wide + 1);
            return word ^ half;
        }));
        runtime.register(RuntimeExport.of("pointer", "p(pi)", 1, a -> {
            expect("pointer's text", 'r', a.memory().load8(a.i(0)));
            expect("pointer offset", 3, a.i(1));
            return a.i(0) + a.i(1);
        }));
    }

    @Test
    void bigEndianMemoryKeepsRamBytesInGuestOrderAndDeviceValuesWhole() {
        Bus bus = new Bus();
        bus.addRam("ram", 0x1000, 0x1000);
        int[] register = new int[1];
        bus.addDevice("csr", 0x8000, new MmioDevice() {
            @Override public int length() { return 0x10; }
            @Override public int load(int offset, int size) { return register[0]; }
            @Override public void store(int offset, int value, int size) { register[0] = value; }
        });
        GuestMemory m = new GuestMemory(bus, ByteOrder.BIG_ENDIAN);
        m.store32(0x1000, 0x11223344);
        m.store16(0x1004, 0xa1b2);
        m.store64(0x1008, 0x0102030405060708L);
        assertArrayEquals(new byte[] {0x11, 0x22, 0x33, 0x44, (byte) 0xa1, (byte) 0xb2, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8},
                m.read(0x1000, 16));
        assertEquals(0x11223344, m.load32(0x1000));
        assertEquals(0xa1b2, m.load16(0x1004));
        assertEquals(0x0102030405060708L, m.load64(0x1008));
        m.store32(0x8000, 0xcafe0001);
        assertEquals(0xcafe0001, register[0]);
        assertEquals(0xcafe0001, m.load32(0x8000));
        assertEquals(ByteOrder.LITTLE_ENDIAN, new GuestMemory(bus).order());
    }

    @Test
    void resultsAreReadWhereTheyAreReturned() {
        Bus bus = new Bus();
        Or1kCpu cpu = new Or1kCpu(bus, bus.addRam("ram", 0x1000, 0x1000));
        Abi.OR1K.setResult(cpu, Signature.Type.LONG, 0x1122_3344_5566_7788L);
        assertEquals(0x11223344, cpu.x(11), "high word in r11");
        assertEquals(0x55667788, cpu.x(12), "low word in r12");
        assertEquals(0x1122_3344_5566_7788L, Abi.OR1K.result(cpu, Signature.Type.LONG));
        Abi.OR1K.setResult(cpu, Signature.Type.DOUBLE, Double.doubleToRawLongBits(-2.5));
        assertEquals(-2.5, Double.longBitsToDouble(Abi.OR1K.result(cpu, Signature.Type.DOUBLE)));
        Abi.OR1K.setResult(cpu, Signature.Type.INT, -7);
        assertEquals(-7, cpu.x(11));
        assertEquals(-7, (int) Abi.OR1K.result(cpu, Signature.Type.INT));
        // The RISC-V conventions: a0 low word, a1 high word; fa0 for doubles under ilp32d.
        Bus rbus = new Bus();
        org.coredev.emu.cpu.rv32.Rv32Cpu rv = new org.coredev.emu.cpu.rv32.Rv32Cpu(org.coredev.emu.cpu.rv32.Rv32Cpu.Variant.RV32G,
                rbus, rbus.addRam("ram", 0x1000, 0x1000));
        Abi.ILP32.setResult(rv, Signature.Type.LONG, 0x1122_3344_5566_7788L);
        assertEquals(0x55667788, rv.x(10));
        assertEquals(0x1122_3344_5566_7788L, Abi.ILP32.result(rv, Signature.Type.LONG));
        Abi.ILP32D.setResult(rv, Signature.Type.DOUBLE, Double.doubleToRawLongBits(3.25));
        assertEquals(3.25, Double.longBitsToDouble(Abi.ILP32D.result(rv, Signature.Type.DOUBLE)));
    }

    @Test
    void aRuntimeRefusesMemoryOfTheOtherByteOrder() {
        GuestMemory little = new GuestMemory(new Bus());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Runtime(Abi.OR1K, little));
        assertTrue(e.getMessage().contains("BIG_ENDIAN"), e.getMessage());
    }

    @Test
    void passPutsArgumentsWhereArgsReadsThem() throws Exception {
        Bus bus = new Bus();
        Ram ram = bus.addRam("ram", 0x1000, 0x1000);
        Or1kCpu cpu = new Or1kCpu(bus, ram);
        cpu.setX(1, 0x1800);
        GuestMemory memory = new GuestMemory(bus, ByteOrder.BIG_ENDIAN);
        Signature s = Signature.parse("v(iiiiilildl)");
        long[] values = {1, 2, 3, 4, 5, 0x6_0000_0007L, 8, 0x9_0000_000aL, Double.doubleToRawLongBits(-2.5), 0xb_0000_000cL};
        Abi.OR1K.pass(cpu, memory, s, values);
        Args args = new Args(cpu, memory, Abi.OR1K, s);
        for (int k = 0; k < 5; k++) assertEquals(k + 1, args.i(k));
        assertEquals(0x6_0000_0007L, args.l(5));
        assertEquals(0, cpu.x(8), "a pair that does not fit leaves r8 unused");
        assertEquals(8, args.i(6));
        assertEquals(0x9_0000_000aL, args.l(7));
        assertEquals(-2.5, args.d(8));
        assertEquals(0xb_0000_000cL, args.l(9));
        assertEquals(6, memory.load32(0x1800), "the high word first, at sp");
        assertEquals(7, memory.load32(0x1804));
        assertEquals(8, memory.load32(0x1808));
        assertEquals(Abi.OR1K.stackBytes(s), 36);
    }
}
