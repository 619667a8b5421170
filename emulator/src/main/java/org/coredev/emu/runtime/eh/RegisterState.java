package org.coredev.emu.runtime.eh;

import org.coredev.emu.cpu.Cpu;
import org.coredev.emu.cpu.rv32.Rv32Cpu;
import org.coredev.emu.runtime.Abi;

/**
 * The registers of one frame as the unwinder sees them: the 32 integer registers (DWARF 0-31 on
 * both kernel CPUs: RISC-V x0-x31, OR1K r0-r31), RISC-V's f0-f31 as raw 64-bit values (DWARF
 * 32-63) and the pc. For every frame but a faulting one the pc is a return address, so its FDE
 * and call site are looked up at {@code pc - 1} (the call may be the function's last
 * instruction; on OR1K the return address is past the call's delay slot, still inside the call
 * site).
 */
public final class RegisterState {
    /** DWARF numbers of the RISC-V registers (psABI "DWARF Register Numbers"). */
    public static final int RA = 1, SP = 2, F0 = 32, COLUMNS = 64;

    private final int[] x = new int[32];
    private final long[] f = new long[32];
    /** The stack pointer's register: x2 on RISC-V, r1 on OR1K. */
    private final int spRegister;
    private int pc;
    private boolean pcIsReturnAddress;

    private RegisterState(int spRegister) { this.spRegister = spRegister; }

    /** An all-zero RISC-V state with the given pc (tests and hand-made stacks). */
    public static RegisterState of(int pc, boolean pcIsReturnAddress) {
        RegisterState s = new RegisterState(SP);
        s.pc = pc;
        s.pcIsReturnAddress = pcIsReturnAddress;
        return s;
    }

    /** A RISC-V CPU's registers, the pc being the instruction it is about to execute (or faulted on). */
    public static RegisterState of(Rv32Cpu cpu) { return of(cpu, Abi.ILP32); }

    /** The CPU's registers, the pc being the instruction it is about to execute (or faulted on). */
    public static RegisterState of(Cpu cpu, Abi abi) {
        RegisterState s = fromRegisters(cpu, abi);
        s.pc = cpu.pc();
        s.pcIsReturnAddress = false;
        return s;
    }

    /** {@link #callerOf(Cpu, Abi)} on RISC-V. */
    public static RegisterState callerOf(Rv32Cpu cpu) { return callerOf(cpu, Abi.ILP32); }

    /**
     * The frame that called a runtime function the CPU has just entered: the same registers,
     * with the pc at the return address (ra, or r9 on OR1K). Runtime functions are Java, so they
     * have no frame.
     */
    public static RegisterState callerOf(Cpu cpu, Abi abi) {
        RegisterState s = fromRegisters(cpu, abi);
        s.pc = cpu.x(abi.returnAddress());
        s.pcIsReturnAddress = true;
        return s;
    }

    private static RegisterState fromRegisters(Cpu cpu, Abi abi) {
        RegisterState s = new RegisterState(abi.sp());
        for (int k = 1; k < 32; k++) s.x[k] = cpu.x(k);
        if (hasDoubles(cpu)) for (int k = 0; k < 32; k++) s.f[k] = ((Rv32Cpu) cpu).f(k);
        return s;
    }

    private static boolean hasDoubles(Cpu cpu) {
        return cpu instanceof Rv32Cpu rv && rv.variant() == Rv32Cpu.Variant.RV32G;
    }

    /** Writes every register and the pc into the CPU (FP registers only on a core that has them). */
    public void applyTo(Cpu cpu) {
        for (int k = 1; k < 32; k++) cpu.setX(k, x[k]);
        if (hasDoubles(cpu)) for (int k = 0; k < 32; k++) ((Rv32Cpu) cpu).setF(k, f[k]);
        cpu.setPc(pc);
    }

    public RegisterState copy() {
        RegisterState s = new RegisterState(spRegister);
        System.arraycopy(x, 0, s.x, 0, 32);
        System.arraycopy(f, 0, s.f, 0, 32);
        s.pc = pc;
        s.pcIsReturnAddress = pcIsReturnAddress;
        return s;
    }

    public int pc() { return pc; }
    public void setPc(int pc) { this.pc = pc; }
    public boolean pcIsReturnAddress() { return pcIsReturnAddress; }
    void setPcIsReturnAddress(boolean value) { pcIsReturnAddress = value; }

    /** Where this frame's FDE and call site are looked up: inside the call for a return address. */
    public int lookupPc() { return pcIsReturnAddress ? pc - 1 : pc; }

    public int sp() { return x[spRegister]; }
    /** The stack pointer's register (DWARF number). */
    public int spRegister() { return spRegister; }
    public int x(int reg) { return reg == 0 ? 0 : x[reg]; }
    public void setX(int reg, int value) { if (reg != 0) x[reg] = value; }
    public long f(int reg) { return f[reg]; }
    public void setF(int reg, long bits) { f[reg] = bits; }

    /** DWARF column {@code column} (0-63) as a 64-bit value (x registers zero-extended). */
    long column(int column) {
        return column < 32 ? Integer.toUnsignedLong(x(column)) : f[column - F0];
    }

    void setColumn(int column, long value) {
        if (column < 32) setX(column, (int) value);
        else f[column - F0] = value;
    }

    @Override
    public String toString() {
        return "pc=0x%08x sp=0x%08x".formatted(pc, x[spRegister]);
    }
}
