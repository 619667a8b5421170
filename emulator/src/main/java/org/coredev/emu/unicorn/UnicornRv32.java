package org.coredev.emu.unicorn;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;

/**
 * One RV32 hart on Unicorn 2.0.1 (CPU model SiFive U34: RV32IMAFDC, machine mode), stepped one instruction
 * at a time as the reference CPU of lockstep tests. Every step reports how the instruction ended
 * ({@link StepResult}) and the memory writes it made.
 *
 * <p>What differs from a plain hart (see {@code emulator/docs/unicorn.md}):
 * <ul>
 *   <li>{@code mstatus.FS} is set to Dirty at creation so F and D instructions execute.</li>
 *   <li>Unicorn 2.0.1 only reads and writes the low 32 bits of an f register through {@code uc_reg_*} on
 *       RV32, so {@link #f} and {@link #setF} run one {@code fsd}/{@code fld} in a helper page mapped at
 *       {@link #HELPER_BASE} (code) and {@link #SPILL_BASE} (data). Those helper instructions advance
 *       Unicorn's counters, are never reported as memory writes, and leave the pc as it was.</li>
 *   <li>Unicorn 2.0.1 does not NaN-box single-precision results: {@code fadd.s} leaves the upper 32 bits
 *       of the destination zero.</li>
 * </ul>
 * Not thread-safe. Addresses are RV32 addresses held in Java {@code int}s.
 */
public final class UnicornRv32 implements AutoCloseable {

    /** Unicorn 2's id for the SiFive U34 RV32 CPU model (rv32gcsu, privileged spec 1.10). */
    public static final int CPU_SIFIVE_U34 = 3;
    /** Page holding the f-register helper code (32 {@code fsd}, then 32 {@code fld}). */
    public static final int HELPER_BASE = 0xffff_e000;
    /** Page holding the f-register spill area (at offset 0x800, reachable from x0 as -2048). */
    public static final int SPILL_BASE = 0xffff_f000;
    private static final int SPILL_AREA = 0xffff_f800;
    private static final int STORE_F = HELPER_BASE;            // fsd f_i, -2048+8i(x0)
    private static final int LOAD_F = HELPER_BASE + 32 * 4;    // fld f_i, -2048+8i(x0)

    // Unicorn register ids (unicorn/riscv.h, Unicorn 2.0.1)
    private static final int REG_X0 = 1;
    private static final int REG_FFLAGS = 41;
    private static final int REG_FRM = 42;
    private static final int REG_FCSR = 43;
    private static final int REG_MSTATUS = 116;
    private static final int REG_PC = 190;
    private static final int MSTATUS_FS = 3 << 13;

    /** Odd, so never a pc: {@code uc_emu_start} stops only on its instruction count. */
    private static final long UNREACHABLE = 0xffff_ffffL;
    private static final int NO_TRAP = -1;
    private static final int EBREAK = 0x0010_0073;

    private final Unicorn uc;
    private final Arena arena;
    private final MemorySegment xIds;
    private final MemorySegment xPointers;
    private final MemorySegment xValues;

    private boolean closed;
    /** Pc as last set or observed; saves reading it back before every step. */
    private int pc;

    // state written by hooks during one uc_emu_start
    private boolean recordWrites = true;
    private long[] writeAddress = new long[8];
    private int[] writeSize = new int[8];
    private long[] writeValue = new long[8];
    private int writeCount;
    private int trapCause = NO_TRAP;
    private long unmappedAddress;

    /** A fresh hart: no RAM mapped, all registers zero, pc 0x1000 (Unicorn's reset vector), FS Dirty. */
    public UnicornRv32() {
        uc = new Unicorn(Unicorn.UC_ARCH_RISCV, Unicorn.UC_MODE_RISCV32);
        try {
            uc.setCpuModel(CPU_SIFIVE_U34);
            uc.hookMemoryWrite(this::onWrite, 1, 0);
            uc.hookInterrupt(this::onInterrupt);
            uc.hookUnmapped(this::onUnmapped);
            uc.regWriteInt(REG_MSTATUS, uc.regReadInt(REG_MSTATUS) | MSTATUS_FS);
            uc.memMap(Integer.toUnsignedLong(HELPER_BASE), 0x2000, Unicorn.UC_PROT_ALL);
            uc.memWrite(Integer.toUnsignedLong(HELPER_BASE), helperCode());
            pc = uc.regReadInt(REG_PC);
        } catch (RuntimeException e) {
            uc.close();
            throw e;
        }
        arena = Arena.ofShared();
        xIds = arena.allocate(JAVA_INT, 32);
        xPointers = arena.allocate(ADDRESS, 32);
        xValues = arena.allocate(JAVA_LONG, 32);
        for (int i = 0; i < 32; i++) {
            xIds.setAtIndex(JAVA_INT, i, REG_X0 + i);
            xPointers.setAtIndex(ADDRESS, i, xValues.asSlice(8L * i, 8));
        }
    }

    /** Maps zero-filled RAM; {@code base} and {@code size} must be multiples of 4 KiB. */
    public void mapRam(int base, int size) {
        uc.memMap(Integer.toUnsignedLong(base), Integer.toUnsignedLong(size), Unicorn.UC_PROT_ALL);
    }

    /**
     * Writes bytes into mapped memory (not reported as an instruction's write) and drops any translated
     * code covering them, so rewritten instructions take effect.
     */
    public void write(int address, byte[] data) {
        long start = Integer.toUnsignedLong(address);
        uc.memWrite(start, data);
        if (data.length > 0) {
            uc.removeCache(start, start + data.length);
        }
    }

    /** Writes 32-bit little-endian words, e.g. hand-assembled instructions. */
    public void writeWords(int address, int... words) {
        byte[] bytes = new byte[words.length * 4];
        for (int i = 0; i < words.length; i++) {
            for (int b = 0; b < 4; b++) {
                bytes[4 * i + b] = (byte) (words[i] >>> (8 * b));
            }
        }
        write(address, bytes);
    }

    /** Reads bytes from mapped memory. */
    public byte[] read(int address, int length) {
        return uc.memRead(Integer.toUnsignedLong(address), length);
    }

    /** Integer register {@code x[i]}. */
    public int x(int i) {
        return uc.regReadInt(REG_X0 + checkRegister(i));
    }

    /** Sets {@code x[i]}; a write to x0 is discarded, as on the hart. */
    public void setX(int i, int value) {
        if (checkRegister(i) != 0) {
            uc.regWriteInt(REG_X0 + i, value);
        }
    }

    /** All 32 integer registers in one native call ({@code uc_reg_read_batch}). */
    public int[] xs() {
        uc.regReadBatch(xIds, xPointers, 32);
        int[] values = new int[32];
        for (int i = 0; i < 32; i++) {
            values[i] = xValues.getAtIndex(JAVA_INT, 2L * i);
        }
        return values;
    }

    /** Raw 64 bits of {@code f[i]}, upper half included (read through {@code fsd}). */
    public long f(int i) {
        runHelper(STORE_F + 4 * checkRegister(i), 1, "fsd f" + i);
        return readSpill(i);
    }

    /** All 32 f registers, raw 64 bits each, with one helper run of 32 {@code fsd}. */
    public long[] fs() {
        runHelper(STORE_F, 32, "fsd f0..f31");
        MemorySegment spill = MemorySegment.ofArray(read(SPILL_AREA, 256));
        long[] values = new long[32];
        for (int i = 0; i < 32; i++) {
            values[i] = spill.getAtIndex(JAVA_LONG_UNALIGNED, i);
        }
        return values;
    }

    /** Sets all 64 bits of {@code f[i]} (through {@code fld}), e.g. a NaN-boxed single {@code 0xffffffff_3fc00000}. */
    public void setF(int i, long bits) {
        byte[] bytes = new byte[8];
        MemorySegment.ofArray(bytes).set(JAVA_LONG_UNALIGNED, 0, bits);
        write(SPILL_AREA + 8 * checkRegister(i), bytes);
        runHelper(LOAD_F + 4 * i, 1, "fld f" + i);
    }

    /** {@code fcsr} (frm in bits 7:5, fflags NV DZ OF UF NX in bits 4:0). */
    public int fcsr() {
        return readFpCsr(REG_FCSR);
    }

    /** Sets {@code fcsr}. */
    public void setFcsr(int value) {
        withFpEnabled(() -> uc.regWriteInt(REG_FCSR, value));
    }

    /** Accrued exception flags, {@code fcsr[4:0]}. */
    public int fflags() {
        return readFpCsr(REG_FFLAGS);
    }

    /** Dynamic rounding mode, {@code fcsr[7:5]}. */
    public int frm() {
        return readFpCsr(REG_FRM);
    }

    /** {@code mstatus} as Unicorn holds it. */
    public int mstatus() {
        return uc.regReadInt(REG_MSTATUS);
    }

    /** Program counter. */
    public int pc() {
        return pc;
    }

    /** Sets the program counter. */
    public void setPc(int value) {
        uc.regWriteInt(REG_PC, value);
        pc = value;
    }

    /** Executes exactly one instruction at {@link #pc()}. */
    public StepResult step() {
        int start = pc;
        writeCount = 0;
        trapCause = NO_TRAP;
        unmappedAddress = -1;
        int err = uc.emuStart(Integer.toUnsignedLong(start), UNREACHABLE, 0, 1);
        pc = uc.regReadInt(REG_PC);
        return outcome(err, start);
    }

    /**
     * Runs up to {@code maxInstructions} instructions, stopping early at the first trap or fault. Memory
     * writes are not recorded. A {@link StepResult.Retired} result means the budget ran out.
     */
    public StepResult run(long maxInstructions) {
        if (maxInstructions <= 0) {
            throw new UnicornException("run: instruction budget must be positive, got " + maxInstructions);
        }
        int start = pc;
        trapCause = NO_TRAP;
        unmappedAddress = -1;
        recordWrites = false;
        int err;
        try {
            err = uc.emuStart(Integer.toUnsignedLong(start), UNREACHABLE, 0, maxInstructions);
        } finally {
            recordWrites = true;
        }
        pc = uc.regReadInt(REG_PC);
        // Unicorn reports neither the trapping pc nor an instruction count; an intr-hook trap has
        // already advanced pc by 4 (cpu-exec.c, TARGET_RISCV), so step back over it.
        int trapPc = trapCause == NO_TRAP || err != Unicorn.UC_ERR_OK ? pc : pc - 4;
        writeCount = 0;
        return outcome(err, trapPc);
    }

    /** Closes the engine and frees native memory. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            uc.close();
        } finally {
            arena.close();
        }
    }

    private StepResult outcome(int err, int start) {
        if (err == Unicorn.UC_ERR_WRITE_UNMAPPED && writeCount > 0
                && writeAddress[writeCount - 1] == unmappedAddress) {
            // UC_HOOK_MEM_WRITE runs before Unicorn finds the page unmapped: that write never happened.
            writeCount--;
        }
        List<MemoryWrite> writes = writes();
        switch (err) {
            case Unicorn.UC_ERR_OK -> {
                if (trapCause == NO_TRAP) {
                    return writes.isEmpty() ? StepResult.Retired.NO_WRITES : new StepResult.Retired(writes);
                }
                // Unicorn's intr path advances pc by 4 before calling the hook and takes no RISC-V trap;
                // put the pc back on the instruction that raised the exception.
                setPc(start);
                return new StepResult.Trap(start, trapCause, writes);
            }
            case Unicorn.UC_ERR_INSN_INVALID -> {
                // ebreak ends emulation through riscv_stop_interrupt (qemu/target/riscv/unicorn.c), pc unchanged
                if (pc == start && readWord(start) == EBREAK) {
                    return new StepResult.Trap(start, StepResult.Trap.BREAKPOINT, writes);
                }
            }
            case Unicorn.UC_ERR_READ_UNMAPPED, Unicorn.UC_ERR_WRITE_UNMAPPED -> {
                StepResult.Access access = err == Unicorn.UC_ERR_READ_UNMAPPED
                        ? StepResult.Access.READ : StepResult.Access.WRITE;
                setPc(start);
                return new StepResult.Fault(start, access, (int) unmappedAddress, err, writes);
            }
            case Unicorn.UC_ERR_FETCH_UNMAPPED -> {
                if (unmappedAddress != Integer.toUnsignedLong(start)) {
                    // The instruction (a jump, or the last one before unmapped memory) completed; Unicorn
                    // failed fetching the next one. That fetch is reported by the next step.
                    return writes.isEmpty() ? StepResult.Retired.NO_WRITES : new StepResult.Retired(writes);
                }
                setPc(start);
                return new StepResult.Fault(start, StepResult.Access.FETCH, start, err, writes);
            }
            default -> { }
        }
        throw new UnicornException("uc_emu_start at pc 0x%08x: %s".formatted(start, Unicorn.strerror(err)), err);
    }

    private List<MemoryWrite> writes() {
        if (writeCount == 0) {
            return List.of();
        }
        List<MemoryWrite> list = new ArrayList<>(writeCount);
        for (int i = 0; i < writeCount; i++) {
            list.add(MemoryWrite.of(writeAddress[i], writeSize[i], writeValue[i]));
        }
        return Collections.unmodifiableList(list);
    }

    private void onWrite(long address, int size, long value) {
        if (!recordWrites) {
            return;
        }
        if (writeCount == writeAddress.length) {
            writeAddress = Arrays.copyOf(writeAddress, 2 * writeCount);
            writeSize = Arrays.copyOf(writeSize, 2 * writeCount);
            writeValue = Arrays.copyOf(writeValue, 2 * writeCount);
        }
        writeAddress[writeCount] = address;
        writeSize[writeCount] = size;
        writeValue[writeCount] = value;
        writeCount++;
    }

    private void onInterrupt(int intno) {
        trapCause = intno;
        // Without this Unicorn would go on with the next instruction (matters for run()).
        uc.emuStop();
    }

    private boolean onUnmapped(int type, long address, int size, long value) {
        unmappedAddress = address;
        return false;
    }

    /** Runs {@code count} helper instructions at {@code address} without disturbing pc or the write log. */
    private void runHelper(int address, int count, String what) {
        int savedPc = pc;
        recordWrites = false;
        trapCause = NO_TRAP;
        int err;
        try {
            err = uc.emuStart(Integer.toUnsignedLong(address), UNREACHABLE, 0, count);
        } finally {
            recordWrites = true;
            setPc(savedPc);
        }
        if (err != Unicorn.UC_ERR_OK || trapCause != NO_TRAP) {
            // FS cleared by the program under test makes fsd/fld illegal (cause 2)
            throw new UnicornException("%s helper at 0x%08x: %s".formatted(what, address,
                    err != Unicorn.UC_ERR_OK ? Unicorn.strerror(err) : "exception " + trapCause
                            + " (is mstatus.FS off? mstatus=0x%x)".formatted(mstatus())), err);
        }
    }

    private long readSpill(int i) {
        return MemorySegment.ofArray(read(SPILL_AREA + 8 * i, 8)).get(JAVA_LONG_UNALIGNED, 0);
    }

    private int readWord(int address) {
        return MemorySegment.ofArray(read(address, 4)).get(JAVA_INT_UNALIGNED, 0);
    }

    /**
     * Reads an FP CSR. QEMU's CSR read fails while {@code mstatus.FS} is off and Unicorn 2.0.1 then hands
     * back an uninitialised value, so FS is switched on around the read.
     */
    private int readFpCsr(int regId) {
        int[] value = new int[1];
        withFpEnabled(() -> value[0] = uc.regReadInt(regId));
        return value[0];
    }

    private void withFpEnabled(Runnable access) {
        int mstatus = uc.regReadInt(REG_MSTATUS);
        if ((mstatus & MSTATUS_FS) != 0) {
            access.run();
            return;
        }
        uc.regWriteInt(REG_MSTATUS, mstatus | MSTATUS_FS);
        try {
            access.run();
        } finally {
            uc.regWriteInt(REG_MSTATUS, mstatus);
        }
    }

    private static int checkRegister(int i) {
        if (i < 0 || i > 31) {
            throw new UnicornException("register index " + i + " out of range 0..31");
        }
        return i;
    }

    /** 32 {@code fsd f_i, -2048+8i(x0)} followed by 32 {@code fld f_i, -2048+8i(x0)}. */
    private static byte[] helperCode() {
        MemorySegment code = MemorySegment.ofArray(new byte[64 * 4]);
        for (int i = 0; i < 32; i++) {
            int offset = -2048 + 8 * i;
            code.setAtIndex(JAVA_INT_UNALIGNED, i, storeDouble(i, offset));
            code.setAtIndex(JAVA_INT_UNALIGNED, 32 + i, loadDouble(i, offset));
        }
        return code.toArray(JAVA_BYTE);
    }

    /** {@code fsd f_rs2, imm(x0)}: S-type, opcode STORE-FP, funct3 011. */
    static int storeDouble(int rs2, int imm) {
        return ((imm >> 5) & 0x7f) << 25 | rs2 << 20 | 0b011 << 12 | (imm & 0x1f) << 7 | 0b0100111;
    }

    /** {@code fld f_rd, imm(x0)}: I-type, opcode LOAD-FP, funct3 011. */
    static int loadDouble(int rd, int imm) {
        return (imm & 0xfff) << 20 | 0b011 << 12 | rd << 7 | 0b0000111;
    }
}
