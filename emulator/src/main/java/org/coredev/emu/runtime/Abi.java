package org.coredev.emu.runtime;

import java.util.List;
import org.coredev.emu.cpu.rv32.Rv32Cpu;
import org.coredev.emu.runtime.Signature.Type;

/**
 * The RISC-V calling conventions of the two kernel targets (RISC-V psABI, "Integer Calling
 * Convention" and "Hardware Floating-point Calling Convention"): ilp32 for rv32ima, where doubles
 * travel in integer register pairs, and ilp32d for rv32g, where they go in fa0-fa7. Arguments
 * beyond the registers are on the stack, at sp, each 2*XLEN argument 8-byte aligned.
 */
public enum Abi {
    ILP32, ILP32D;

    /** Where one argument lives: integer register, FP register, stack offset from sp, or split. */
    sealed interface Location {}
    record IntReg(int reg) implements Location {}
    record IntPair(int lowReg) implements Location {}
    record FpReg(int reg) implements Location {}
    record Stack(int offset, boolean wide) implements Location {}
    /** Low word in a7, high word on the stack at sp + 0 (psABI: "if exactly one register is available"). */
    record Split() implements Location {}

    public static Abi of(Rv32Cpu.Variant variant) {
        return variant == Rv32Cpu.Variant.RV32G ? ILP32D : ILP32;
    }

    /** Locations of each parameter of {@code signature}, in order. */
    Location[] locate(Signature signature) {
        List<Type> params = signature.params();
        Location[] out = new Location[params.size()];
        int nextInt = 10, nextFp = 10, stack = 0;  // a0 = x10, fa0 = f10
        for (int k = 0; k < params.size(); k++) {
            Type t = params.get(k);
            if (this == ILP32D && t.floating() && nextFp <= 17) {
                out[k] = new FpReg(nextFp++);
            } else if (t.wide()) {
                if (nextInt <= 16) {
                    out[k] = new IntPair(nextInt);
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

    /**
     * Puts a call's arguments where a callee of {@code signature} looks for them: {@code values[k]}
     * is parameter k (an int32 or pointer in its low word, an int64 or a double's raw bits whole).
     * Stack arguments go at the CPU's sp, which the caller has set.
     */
    public void pass(Rv32Cpu cpu, GuestMemory memory, Signature signature, long[] values) {
        Location[] at = locate(signature);
        for (int k = 0; k < at.length; k++) {
            long v = values[k];
            switch (at[k]) {
                case IntReg r -> cpu.setX(r.reg(), (int) v);
                case IntPair p -> { cpu.setX(p.lowReg(), (int) v); cpu.setX(p.lowReg() + 1, (int) (v >>> 32)); }
                case FpReg r -> cpu.setF(r.reg(), v);
                case Split s -> { cpu.setX(17, (int) v); memory.store32(cpu.x(2), (int) (v >>> 32)); }
                case Stack s when s.wide() -> memory.store64(cpu.x(2) + s.offset(), v);
                case Stack s -> memory.store32(cpu.x(2) + s.offset(), (int) v);
            }
        }
    }

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
        return (end + 15) & ~15;
    }
}
