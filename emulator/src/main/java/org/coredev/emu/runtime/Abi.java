package org.coredev.emu.runtime;

import java.nio.ByteOrder;
import java.util.List;
import org.coredev.emu.cpu.Cpu;
import org.coredev.emu.cpu.rv32.Rv32Cpu;
import org.coredev.emu.runtime.Signature.Type;

/**
 * The calling conventions of the kernel targets, as the runtime sees a call into it and a call it
 * makes into the kernel.
 *
 * <ul>
 *   <li>{@link #ILP32} (rv32ima) and {@link #ILP32D} (rv32g): the RISC-V psABI, "Integer Calling
 *       Convention" and "Hardware Floating-point Calling Convention". Arguments in a0-a7 (x10-x17),
 *       doubles in integer register pairs (low word first) under ilp32 and in fa0-fa7 under
 *       ilp32d; beyond the registers on the stack at sp, each 2*XLEN argument 8-byte aligned; a
 *       64-bit argument with one register left is split between a7 and the stack. Results in a0
 *       (a1 the high word; fa0 under ilp32d), return to ra (x1); little-endian.</li>
 *   <li>{@link #OR1K} (ARTIQ 6 and older boards, soft float): the OpenRISC 1000 ABI as GCC's or1k
 *       port implements it. Arguments in r3-r8; a 64-bit argument (int64 or double) in two
 *       consecutive registers, high word first, with no alignment to an even register; one that
 *       does not fit goes on the stack, and so does every argument after it. Stack arguments at
 *       sp (r1) upward, 4-byte aligned, 64-bit ones high word first. Results in r11 (64-bit: r11
 *       the high word, r12 the low); return to the link register r9; big-endian.</li>
 * </ul>
 * Or1kAbiTest holds the OR1K rules to gcc-or1k-elf's own calls (emulator/src/test/isa-or1k/abi/abi.c).
 */
public enum Abi {
    ILP32, ILP32D, OR1K;

    /** Where one argument lives: integer register, FP register, stack offset from sp, or split. */
    sealed interface Location {}
    record IntReg(int reg) implements Location {}
    /** A 64-bit value in two integer registers. */
    record IntPair(int lowReg, int highReg) implements Location {}
    record FpReg(int reg) implements Location {}
    record Stack(int offset, boolean wide) implements Location {}
    /** Low word in a7, high word on the stack at sp + 0 (psABI: "if exactly one register is available"). */
    record Split() implements Location {}

    public static Abi of(Rv32Cpu.Variant variant) {
        return variant == Rv32Cpu.Variant.RV32G ? ILP32D : ILP32;
    }

    /** The convention of a kernel CPU target. */
    public static Abi of(org.coredev.loader.Target target) {
        return switch (target) {
            case RV32G -> ILP32D;
            case RV32IMA -> ILP32;
            case OR1K -> OR1K;
        };
    }

    /** The stack pointer register. */
    public int sp() { return this == OR1K ? 1 : 2; }

    /** The register holding the return address of a call. */
    public int returnAddress() { return this == OR1K ? 9 : 1; }

    /** The call instruction a call into the runtime came from: the return address less the call (on OR1K, and its delay slot). */
    public int callSite(Cpu cpu) { return cpu.x(returnAddress()) - (this == OR1K ? 8 : 4); }

    /** The guest's byte order, for memory a runtime function reads or writes. */
    public ByteOrder byteOrder() { return this == OR1K ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN; }

    /** Locations of each parameter of {@code signature}, in order. */
    Location[] locate(Signature signature) {
        return this == OR1K ? locateOr1k(signature) : locateRiscV(signature);
    }

    private Location[] locateRiscV(Signature signature) {
        List<Type> params = signature.params();
        Location[] out = new Location[params.size()];
        int nextInt = 10, nextFp = 10, stack = 0;  // a0 = x10, fa0 = f10
        for (int k = 0; k < params.size(); k++) {
            Type t = params.get(k);
            if (this == ILP32D && t.floating() && nextFp <= 17) {
                out[k] = new FpReg(nextFp++);
            } else if (t.wide()) {
                if (nextInt <= 16) {
                    out[k] = new IntPair(nextInt, nextInt + 1);
                    nextInt += 2;
                } else if (nextInt == 17) {
                    out[k] = new Split();
                    nextInt++;
                    stack = 4;
                } else {
                    stack = (stack + 7) & ~7;
                    out[k] = new Stack(stack, true);
                    stack += 8;
                }
            } else if (nextInt <= 17) {
                out[k] = new IntReg(nextInt++);
            } else {
                out[k] = new Stack(stack, false);
                stack += 4;
            }
        }
        return out;
    }

    private static Location[] locateOr1k(Signature signature) {
        List<Type> params = signature.params();
        Location[] out = new Location[params.size()];
        int next = 3, stack = 0;   // r3-r8, then the stack
        for (int k = 0; k < params.size(); k++) {
            Type t = params.get(k);
            if (t.wide()) {
                if (next + 1 <= 8) {
                    out[k] = new IntPair(next + 1, next);
                    next += 2;
                } else {
                    next = 9;           // a pair that does not fit closes the registers
                    out[k] = new Stack(stack, true);
                    stack += 8;
                }
            } else if (next <= 8) {
                out[k] = new IntReg(next++);
            } else {
                out[k] = new Stack(stack, false);
                stack += 4;
            }
        }
        return out;
    }

    /**
     * Puts a call's arguments where a callee of {@code signature} looks for them: {@code values[k]}
     * is parameter k (an int32 or pointer in its low word, an int64 or a double's raw bits whole).
     * Stack arguments go at the CPU's sp, which the caller has set.
     */
    public void pass(Cpu cpu, GuestMemory memory, Signature signature, long[] values) {
        Location[] at = locate(signature);
        int sp = cpu.x(sp());
        for (int k = 0; k < at.length; k++) {
            long v = values[k];
            switch (at[k]) {
                case IntReg r -> cpu.setX(r.reg(), (int) v);
                case IntPair p -> { cpu.setX(p.lowReg(), (int) v); cpu.setX(p.highReg(), (int) (v >>> 32)); }
                case FpReg r -> ((Rv32Cpu) cpu).setF(r.reg(), v);
                case Split s -> { cpu.setX(17, (int) v); memory.store32(sp, (int) (v >>> 32)); }
                case Stack s when s.wide() -> memory.store64(sp + s.offset(), v);
                case Stack s -> memory.store32(sp + s.offset(), (int) v);
            }
        }
    }

    /** Puts a function's result, {@code bits} as {@link RuntimeFunction#call} gives it, where the caller looks. */
    void setResult(Cpu cpu, Type returns, long bits) {
        switch (returns) {
            case VOID -> { }
            case INT, POINTER -> cpu.setX(firstResult(), (int) bits);
            case FLOAT -> {
                if (this == ILP32D) ((Rv32Cpu) cpu).setF(10, 0xffff_ffff_0000_0000L | (bits & 0xffff_ffffL));
                else cpu.setX(firstResult(), (int) bits);
            }
            case DOUBLE, LONG -> {
                if (this == ILP32D && returns == Type.DOUBLE) ((Rv32Cpu) cpu).setF(10, bits);
                else if (this == OR1K) {
                    cpu.setX(11, (int) (bits >>> 32));
                    cpu.setX(12, (int) bits);
                } else {
                    cpu.setX(10, (int) bits);
                    cpu.setX(11, (int) (bits >>> 32));
                }
            }
        }
    }

    /** The bits of a returned value of type {@code returns}, where {@link #setResult} puts them (a call the runtime made into the kernel). */
    public long result(Cpu cpu, Type returns) {
        return switch (returns) {
            case VOID -> 0;
            case INT, POINTER -> cpu.x(firstResult());
            case FLOAT -> this == ILP32D ? ((Rv32Cpu) cpu).f(10) & 0xffff_ffffL : cpu.x(firstResult());
            case DOUBLE, LONG -> {
                if (this == ILP32D && returns == Type.DOUBLE) yield ((Rv32Cpu) cpu).f(10);
                if (this == OR1K) yield (long) cpu.x(11) << 32 | Integer.toUnsignedLong(cpu.x(12));
                yield (long) cpu.x(11) << 32 | Integer.toUnsignedLong(cpu.x(10));
            }
        };
    }

    private int firstResult() { return this == OR1K ? 11 : 10; }

    /** The bytes of stack arguments a call of {@code signature} needs at sp. */
    public int stackBytes(Signature signature) {
        int end = 0;
        for (Location l : locate(signature)) {
            switch (l) {
                case Stack s -> end = Math.max(end, s.offset() + (s.wide() ? 8 : 4));
                case Split s -> end = Math.max(end, 4);
                default -> { }
            }
        }
        return this == OR1K ? (end + 3) & ~3 : (end + 15) & ~15;
    }
}
