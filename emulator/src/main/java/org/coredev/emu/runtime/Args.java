package org.coredev.emu.runtime;

import org.coredev.emu.cpu.Cpu;
import org.coredev.emu.cpu.rv32.Rv32Cpu;

/**
 * The arguments of one runtime call, read from the CPU by the target's calling convention.
 * Parameter {@code k} is read as the type its signature declares.
 */
public final class Args {
    private final Cpu cpu;
    private final GuestMemory memory;
    private final Abi.Location[] locations;
    private final Abi abi;

    Args(Cpu cpu, GuestMemory memory, Abi abi, Signature signature) {
        this.cpu = cpu;
        this.memory = memory;
        this.abi = abi;
        this.locations = abi.locate(signature);
    }

    public GuestMemory memory() { return memory; }
    public Cpu cpu() { return cpu; }

    /** The calling convention the arguments were read by. */
    public Abi abi() { return abi; }

    /** Where the call returns to in the kernel (ra, or r9 on OR1K). */
    public int returnAddress() { return cpu.x(abi.returnAddress()); }

    public int count() { return locations.length; }

    /** An int32 or pointer parameter. */
    public int i(int k) {
        return switch (locations[k]) {
            case Abi.IntReg r -> cpu.x(r.reg());
            case Abi.Stack s -> memory.load32(cpu.x(abi.sp()) + s.offset());
            case Abi.FpReg r -> (int) ((Rv32Cpu) cpu).f(r.reg());
            default -> throw new IllegalStateException("parameter " + k + " is 64-bit");
        };
    }

    /** An int64 parameter (or the raw bits of a double passed in integer registers). */
    public long l(int k) {
        return switch (locations[k]) {
            case Abi.IntPair p -> Integer.toUnsignedLong(cpu.x(p.lowReg())) | (long) cpu.x(p.highReg()) << 32;
            case Abi.Split s -> Integer.toUnsignedLong(cpu.x(17)) | (long) memory.load32(cpu.x(abi.sp())) << 32;
            case Abi.Stack s -> memory.load64(cpu.x(abi.sp()) + s.offset());
            case Abi.FpReg r -> ((Rv32Cpu) cpu).f(r.reg());
            case Abi.IntReg r -> throw new IllegalStateException("parameter " + k + " is 32-bit");
        };
    }

    public double d(int k) { return Double.longBitsToDouble(l(k)); }

    public float f(int k) { return Float.intBitsToFloat(i(k)); }
}
