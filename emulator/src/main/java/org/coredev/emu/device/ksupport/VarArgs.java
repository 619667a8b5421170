package org.coredev.emu.device.ksupport;

import org.coredev.emu.cpu.Cpu;
import org.coredev.emu.cpu.rv32.Rv32Cpu;
import org.coredev.emu.runtime.Abi;
import org.coredev.emu.runtime.Args;
import org.coredev.emu.runtime.GuestMemory;

/**
 * The variadic arguments of a runtime call, read the way the callee's {@code va_arg} reads them.
 *
 * <p>RISC-V psABI, "Integer Calling Convention": variadic arguments travel like named integer
 * arguments, in a0-a7 and then on the stack, with one exception: an argument of 2*XLEN size and
 * alignment (long long, double) takes an aligned register pair, whose first register is
 * even-numbered, or an 8-byte-aligned stack slot; after the first stack argument every later
 * one is on the stack too. The hardware floating-point convention (ilp32d) passes variadic
 * arguments by the integer convention as well, so one reader serves both kernel ABIs: doubles
 * arrive in integer register pairs, never in fa0-fa7.
 *
 * <p>That layout is the callee's {@code va_list} view: a0-a7 spilled just below the caller's
 * stack arguments form one contiguous array, so aligning the read offset to 8 bytes is the same
 * as skipping to an even register (a7 skipped means the pair starts at sp + 0).
 *
 * <p>OR1K (the LLVM OR1K back end ARTIQ's or1k target used, CC_OR1K32_VarArg; GCC's or1k port
 * does the same): the named parameters take r3-r8 as usual, and every variadic argument goes on
 * the stack from sp upwards in 4-byte words, a long long or double as two words, high word first,
 * with no alignment to 8.
 */
public final class VarArgs {
    /** a0-a7, 4 bytes each, in front of the stack arguments. */
    private static final int REGISTER_BYTES = 32;

    /** r3-r8 hold OR1K's named parameters. */
    private static final int OR1K_ARGUMENT_REGISTERS = 6;

    private final Cpu cpu;
    private final GuestMemory memory;
    private final boolean or1k;
    private final int sp;
    private int offset;

    /**
     * @param fixedWords how many 32-bit named parameters precede the "..." (core_log: 1, the format)
     */
    public VarArgs(Args args, int fixedWords) {
        this(args.cpu(), args.memory(), args.abi(), fixedWords);
    }

    /** The variadic arguments of a call on a RISC-V core. */
    public VarArgs(Rv32Cpu cpu, GuestMemory memory, int fixedWords) {
        this(cpu, memory, Abi.ILP32, fixedWords);
    }

    public VarArgs(Cpu cpu, GuestMemory memory, Abi abi, int fixedWords) {
        this.cpu = cpu;
        this.memory = memory;
        this.or1k = abi == Abi.OR1K;
        this.sp = cpu.x(abi.sp());
        // On OR1K the offset counts from sp: named parameters past r8 come first on the stack.
        this.offset = or1k ? 4 * Math.max(0, fixedWords - OR1K_ARGUMENT_REGISTERS) : 4 * fixedWords;
    }

    /** {@code va_arg(ap, int)} (also char, short, pointers: promoted to 32 bits). */
    public int nextInt() {
        int v = word(offset);
        offset += 4;
        return v;
    }

    /** {@code va_arg(ap, long long)}: an aligned pair (RISC-V), two words high first (OR1K). */
    public long nextLong() {
        if (or1k) {
            long v = memory.load64(sp + offset);   // big-endian: the high word first
            offset += 8;
            return v;
        }
        offset = (offset + 7) & ~7;
        long low = Integer.toUnsignedLong(word(offset));
        long high = word(offset + 4);
        offset += 8;
        return low | high << 32;
    }

    /** {@code va_arg(ap, double)} (floats are promoted to double by the caller). */
    public double nextDouble() {
        return Double.longBitsToDouble(nextLong());
    }

    private int word(int at) {
        if (or1k) return memory.load32(sp + at);
        return at < REGISTER_BYTES ? cpu.x(10 + at / 4) : memory.load32(sp + at - REGISTER_BYTES);
    }
}
