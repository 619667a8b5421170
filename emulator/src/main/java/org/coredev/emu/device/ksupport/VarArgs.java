package org.coredev.emu.device.ksupport;

import org.coredev.emu.cpu.rv32.Rv32Cpu;
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
 */
public final class VarArgs {
    /** a0-a7, 4 bytes each, in front of the stack arguments. */
    private static final int REGISTER_BYTES = 32;

    private final Rv32Cpu cpu;
    private final GuestMemory memory;
    private final int sp;
    private int offset;

    /**
     * @param fixedWords how many 32-bit named parameters precede the "..." (core_log: 1, the format)
     */
    public VarArgs(Args args, int fixedWords) {
        this(args.rv32(), args.memory(), fixedWords);
    }

    public VarArgs(Rv32Cpu cpu, GuestMemory memory, int fixedWords) {
        this.cpu = cpu;
        this.memory = memory;
        this.sp = cpu.x(2);
        this.offset = 4 * fixedWords;
    }

    /** {@code va_arg(ap, int)} (also char, short, pointers: promoted to 32 bits). */
    public int nextInt() {
        int v = word(offset);
        offset += 4;
        return v;
    }

    /** {@code va_arg(ap, long long)}: an aligned pair. */
    public long nextLong() {
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
        return at < REGISTER_BYTES ? cpu.x(10 + at / 4) : memory.load32(sp + at - REGISTER_BYTES);
    }
}
