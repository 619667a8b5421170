package org.coredev.emu.device.ksupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.coredev.emu.bus.Bus;
import org.coredev.emu.bus.Ram;
import org.coredev.emu.cpu.or1k.Or1kCpu;
import org.coredev.emu.runtime.Abi;
import org.coredev.emu.runtime.GuestMemory;
import org.junit.jupiter.api.Test;

/**
 * C varargs as an OR1K caller passes them (LLVM's OR1K back end, CC_OR1K32_VarArg): the format in
 * r3, every variadic argument on the stack from sp in 4-byte words, a long long or double high
 * word first and not aligned to 8; the big-endian memory of an ARTIQ 6 board.
 */
class Or1kVarArgsTest {
    private static final int RAM = 0x4000_0000, SP = RAM + 0x8000, FORMAT = RAM + 0x100;

    private final Bus bus = new Bus();
    private final Ram ram = bus.addRam("ram", RAM, 64 << 10);
    private final GuestMemory memory = new GuestMemory(bus, ByteOrder.BIG_ENDIAN);
    private final Or1kCpu cpu = new Or1kCpu(bus, ram);

    @Test
    void variadicArgumentsAreStackWordsWithPairsHighWordFirst() {
        memory.write(FORMAT, "%d|%lld|%x|%f|%u\0".getBytes(StandardCharsets.US_ASCII));
        cpu.setX(3, FORMAT);
        cpu.setX(4, 0x5eed);   // a register the RISC-V reading would take: must not be read
        cpu.setX(1, SP);
        memory.store32(SP, -42);
        memory.store64(SP + 4, 5L << 33);   // at sp + 4: a pair is not moved to an 8-aligned slot
        memory.store32(SP + 12, 0xbeef);
        memory.store64(SP + 16, Double.doubleToRawLongBits(2.5));
        memory.store32(SP + 24, 7);
        byte[] text = CFormat.format(memory, cpu.x(3), new VarArgs(cpu, memory, Abi.OR1K, 1));
        assertEquals("-42|42949672960|beef|2.500000|7", new String(text, StandardCharsets.US_ASCII));
    }

    @Test
    void namedParametersPastR8ComeBeforeTheVariadicOnesOnTheStack() {
        cpu.setX(1, SP);
        memory.store32(SP, 111);       // the seventh named parameter
        memory.store32(SP + 4, 222);   // the first variadic one
        assertEquals(222, new VarArgs(cpu, memory, Abi.OR1K, 7).nextInt());
    }
}
