package org.coredev.emu.cpu.or1k;

import static org.coredev.emu.cpu.or1k.Or1kIsa.*;

import org.coredev.emu.bus.Bus;
import org.coredev.emu.bus.BusFault;
import org.coredev.emu.bus.Ram;
import org.coredev.emu.cpu.Cpu;
import org.coredev.emu.cpu.StopReason;
import org.coredev.emu.cpu.TrapCause;
import org.coredev.emu.cpu.rv32.FloatFormat;
import org.coredev.emu.cpu.rv32.SoftFloat;

/**
 * An OpenRISC 1000 core (ORBIS32 + ORFPX32 single precision), big-endian, in the configuration of
 * the mor1kx kernel CPU of ARTIQ 6 and older boards: multiplier, divider, ff1/fl1, cmov, addc, and
 * the architectural delay slot after every branch and jump.
 *
 * <p>Delay slots: the core keeps the pc of the instruction being executed and {@code npc}, the
 * one after it. A branch or jump sets the instruction after its delay slot; the slot itself
 * always executes. An exception in a delay slot sets SR[DSX] and saves the branch's address in
 * EPCR0, so l.rfe re-executes the branch (architecture manual, section 6.3).
 *
 * <p>Exceptions vector to EVBAR + offset (0x200 bus error, 0x600 alignment, 0x700 illegal
 * instruction, 0xb00 range, 0xc00 system call, 0xe00 trap; reset is 0x100) with ESR0 = SR,
 * EPCR0 and EEAR0 set and SR to supervisor mode with exceptions and the MMUs off, as mor1kx
 * does. With {@link #setHostTraps(boolean) host traps} on, an exception instead stops the core
 * with {@link StopReason.Trap} (as qemu-or1k user mode turns exceptions into signals and
 * system calls into Linux calls); the pc stays on the faulting instruction, except for l.sys,
 * which is already stepped past (the result goes in r11).
 *
 * <p>Causes in {@link StopReason.Trap}: bus error = {@code *_ACCESS_FAULT}, alignment =
 * {@code *_MISALIGNED}, illegal = {@code ILLEGAL_INSTRUCTION}, range = {@code RANGE}, l.sys =
 * {@code ECALL_FROM_M}, l.trap = {@code BREAKPOINT}.
 *
 * <p>The tick timer (SPR group 10, mor1kx's pic/tick unit): TTCR counts CPU cycles while TTMR's
 * mode (bits 31:30) is not 0, and keeps its value while it is 0. Its match (TTMR[TP]), restart and
 * one-shot stop and its interrupt are not modelled: programs read it as a cycle counter.
 */
public final class Or1kCpu implements Cpu {
    /** Exception vector offsets (architecture manual table 6-1). */
    public static final int VECTOR_RESET = 0x100, VECTOR_BUS_ERROR = 0x200, VECTOR_ALIGNMENT = 0x600,
            VECTOR_ILLEGAL = 0x700, VECTOR_RANGE = 0xb00, VECTOR_SYSCALL = 0xc00, VECTOR_TRAP = 0xe00;

    /** SPR numbers (group 0 and the cache groups), architecture manual chapter 16. */
    public static final int SPR_VR = 0, SPR_UPR = 1, SPR_CPUCFGR = 2, SPR_EVBAR = 11, SPR_NPC = 16, SPR_SR = 17,
            SPR_PPC = 18, SPR_FPCSR = 20, SPR_EPCR0 = 32, SPR_EEAR0 = 48, SPR_ESR0 = 64, SPR_GPR0 = 1024,
            SPR_TTMR = 10 << 11, SPR_TTCR = (10 << 11) + 1;
    /** UPR: UP (the register is present) and TTP (a tick timer). */
    private static final int UPR = 1 | 1 << 10;

    /** SR bits. */
    public static final int SR_SM = 1, SR_TEE = 1 << 1, SR_IEE = 1 << 2, SR_DCE = 1 << 3, SR_ICE = 1 << 4,
            SR_DME = 1 << 5, SR_IME = 1 << 6, SR_F = 1 << 9, SR_CY = 1 << 10, SR_OV = 1 << 11, SR_OVE = 1 << 12,
            SR_DSX = 1 << 13, SR_EPH = 1 << 14, SR_FO = 1 << 15;
    /** FPCSR bits: enable, rounding mode (2..1), and the sticky flags this core sets. */
    public static final int FPCSR_FPEE = 1, FPCSR_OVF = 1 << 3, FPCSR_UNF = 1 << 4, FPCSR_IXF = 1 << 8,
            FPCSR_IVF = 1 << 9, FPCSR_DZF = 1 << 11;
    /** CPUCFGR: ORBIS32, ORFPX32 and EVBAR present, delay slot implemented (ND = 0). */
    private static final int CPUCFGR = 1 << 5 | 1 << 7 | 1 << 12;

    private static final int PAGE_SHIFT = 12, PAGE_SLOTS = 1 << (PAGE_SHIFT - 2);

    private final Bus bus;
    private final Or1kDecoder decoder = new Or1kDecoder();
    private final int[] cost = Mor1kxCycleModel.table();
    private final SoftFloat fpu = new SoftFloat();

    private final int[] r = new int[32];
    private int pc, npc, ppc;
    /** The instruction at pc is in the delay slot of the branch at {@link #branchPc}. */
    private boolean delaySlot;
    private int branchPc;
    private int sr, epcr, eear, esr, evbar, fpcsr;
    private long cycles, instret;
    /** Tick timer: TTMR, and TTCR = ttcrBase + the cycles since ttcrSince while TTMR's mode is not 0. */
    private int ttmr, ttcrBase;
    private long ttcrSince;

    private final byte[] mem;
    private final int memBase, memSize;
    private final Or1kDecoded[][] pages;

    private boolean hostTraps;
    private int trapBase, trapSize;
    private int watchAddress;
    private boolean watching;
    private StopReason stop;

    public Or1kCpu(Bus bus, Ram primary) {
        this.bus = bus;
        this.mem = primary.bytes();
        this.memBase = primary.base();
        this.memSize = primary.size();
        this.pages = new Or1kDecoded[memSize >>> PAGE_SHIFT][];
        reset();
    }

    /** Reset: registers zero, SR = SM | FO (supervisor mode), pc at the reset vector 0x100. */
    public void reset() {
        java.util.Arrays.fill(r, 0);
        sr = SR_SM | SR_FO;
        epcr = eear = esr = evbar = fpcsr = 0;
        ttmr = ttcrBase = 0;
        setPc(VECTOR_RESET);
        ppc = 0;
        stop = null;
    }

    public Bus bus() { return bus; }

    @Override public int pc() { return pc; }
    /** Continues at {@code pc}, outside any delay slot. */
    @Override public void setPc(int pc) {
        this.pc = pc;
        this.npc = pc + 4;
        this.delaySlot = false;
    }
    /** The address of the instruction after the one at {@link #pc()} (the branch target after a delay slot). */
    public int npc() { return npc; }
    @Override public int x(int reg) { return reg == 0 ? 0 : r[reg]; }
    /** Writes to r0 are dropped: r0 reads as zero, as the ABI and mor1kx's r0 handling assume. */
    @Override public void setX(int reg, int value) { if (reg != 0) r[reg] = value; }
    @Override public long cycles() { return cycles; }
    @Override public long instret() { return instret; }
    @Override public void addCycles(long n) { cycles += n; }

    public int sr() { return sr | SR_FO; }
    public void setSr(int value) { sr = value | SR_FO; }
    public int epcr() { return epcr; }
    public int eear() { return eear; }
    public int esr() { return esr; }
    public int evbar() { return evbar; }
    public void setEvbar(int value) { evbar = value; }
    public int fpcsr() { return fpcsr; }
    public boolean flag() { return (sr & SR_F) != 0; }

    /** Exceptions stop the core instead of vectoring (bare-metal programs under `coredev exec`). */
    public void setHostTraps(boolean on) { hostTraps = on; }

    /** Addresses [base, base+size) are runtime entry points: fetching from them stops the core. */
    public void setTrapRange(int base, int size) {
        this.trapBase = base;
        this.trapSize = size;
    }

    /** A store to the word at {@code address} stops the core with {@link StopReason.Watch}. */
    public void watchStores(int address) {
        watchAddress = address & ~3;
        watching = true;
    }

    /** Forgets every decoded instruction (instruction-cache invalidation, code loaded behind the CPU's back). */
    public void flushDecodeCache() { java.util.Arrays.fill(pages, null); }

    /** Forgets the decoded pages that [address, address+length) touches. */
    @Override
    public void invalidateDecoded(int address, int length) {
        long offset = Integer.toUnsignedLong(address) - Integer.toUnsignedLong(memBase);
        long first = Math.max(0, offset), end = Math.min(memSize, offset + length);   // the offsets in the primary RAM
        for (long page = first >>> PAGE_SHIFT; first < end && page <= (end - 1) >>> PAGE_SHIFT; page++) pages[(int) page] = null;
    }

    @Override
    public StopReason run(long cycleBudget) {
        long limit = cycleBudget > Long.MAX_VALUE - cycles ? Long.MAX_VALUE : cycles + cycleBudget;
        stop = null;
        while (cycles < limit && stop == null) step();
        return stop != null ? stop : new StopReason.Budget();
    }

    // ------------------------------------------------------------------ fetch and decode

    private Or1kDecoded fetch(int address) {
        int off = address - memBase;
        if (Integer.compareUnsigned(off, memSize) >= 0 || (address & 3) != 0) return null;
        Or1kDecoded[] page = pages[off >>> PAGE_SHIFT];
        if (page == null) page = pages[off >>> PAGE_SHIFT] = new Or1kDecoded[PAGE_SLOTS];
        int slot = (off >>> 2) & (PAGE_SLOTS - 1);
        Or1kDecoded d = page[slot];
        if (d == null) d = page[slot] = decoder.decode(beInt(mem, off));
        return d;
    }

    private static int beInt(byte[] b, int o) {
        return (b[o] & 0xff) << 24 | (b[o + 1] & 0xff) << 16 | (b[o + 2] & 0xff) << 8 | (b[o + 3] & 0xff);
    }

    /** Decodes the word at {@code address} (tests, traces). */
    public Or1kDecoded decodeAt(int address) throws BusFault {
        return decoder.decode((int) read(address, 4));
    }

    // ------------------------------------------------------------------ one instruction

    /** Set while an instruction executes: where execution goes after the next instruction. */
    private int after;
    private boolean nextInSlot;
    private boolean excepted;

    private void step() {
        final int thisPc = pc;
        if (Integer.compareUnsigned(thisPc - trapBase, trapSize) < 0) {
            stop = new StopReason.RuntimeCall(thisPc);
            return;
        }
        Or1kDecoded d = fetch(thisPc);
        if (d == null) {
            cycles++;
            // A jump to an unaligned address faults at the fetch: alignment, else nothing there.
            if ((thisPc & 3) != 0) exception(VECTOR_ALIGNMENT, TrapCause.INSTRUCTION_MISALIGNED, thisPc, false);
            else exception(VECTOR_BUS_ERROR, TrapCause.INSTRUCTION_ACCESS_FAULT, thisPc, false);
            return;
        }
        cycles += cost[d.op()];
        instret++;
        after = npc + 4;
        nextInSlot = false;
        excepted = false;
        pendingRange = false;
        execute(d, thisPc);
        if (pendingRange && !excepted) {
            // The result is written; EPCR0 points at the instruction (or its branch), as for faults.
            exception(VECTOR_RANGE, TrapCause.RANGE, thisPc, false);
        }
        if (excepted) return;
        ppc = thisPc;
        if (nextInSlot) branchPc = thisPc;
        pc = npc;
        npc = after;
        delaySlot = nextInSlot;
    }

    private void jump(int target) {
        after = target;
        nextInSlot = true;
    }

    private void execute(Or1kDecoded d, int thisPc) {
        final int op = d.op(), rd = d.rd(), imm = d.imm();
        final int a = x(d.ra()), b = x(d.rb());
        switch (op) {
            case J -> { jump(thisPc + imm); cycles += Mor1kxCycleModel.TAKEN_BRANCH_PENALTY; }
            case JAL -> {
                // The link register gets the address after the delay slot.
                setX(9, thisPc + 8);
                jump(thisPc + imm);
                cycles += Mor1kxCycleModel.TAKEN_BRANCH_PENALTY;
            }
            case BF, BNF -> {
                nextInSlot = true;
                if (flag() == (op == BF)) {
                    after = thisPc + imm;
                    cycles += Mor1kxCycleModel.TAKEN_BRANCH_PENALTY;
                }
            }
            case JR -> jump(b);
            case JALR -> { setX(9, thisPc + 8); jump(b); }
            case NOP, MSYNC, PSYNC -> { }
            case CSYNC -> { }
            case MOVHI -> setX(rd, imm << 16);
            case SYS -> syscallOrTrap(VECTOR_SYSCALL, TrapCause.ECALL_FROM_M, thisPc);
            case TRAP -> syscallOrTrap(VECTOR_TRAP, TrapCause.BREAKPOINT, thisPc);
            case RFE -> {
                if (!supervisor()) { illegal(d, thisPc); return; }
                sr = esr | SR_FO;
                pc = epcr;
                npc = epcr + 4;
                delaySlot = false;
                excepted = true; // pc already set: skip the commit
                ppc = thisPc;
            }
            case LWZ, LWS -> load(rd, a + imm, 4, false, thisPc);
            case LBZ -> load(rd, a + imm, 1, false, thisPc);
            case LBS -> load(rd, a + imm, 1, true, thisPc);
            case LHZ -> load(rd, a + imm, 2, false, thisPc);
            case LHS -> load(rd, a + imm, 2, true, thisPc);
            case SW -> store(a + imm, b, 4, thisPc);
            case SH -> store(a + imm, b, 2, thisPc);
            case SB -> store(a + imm, b, 1, thisPc);
            case ADDI -> setX(rd, add(a, imm, 0, thisPc));
            case ADDIC -> setX(rd, add(a, imm, carry(), thisPc));
            case ADD -> setX(rd, add(a, b, 0, thisPc));
            case ADDC -> setX(rd, add(a, b, carry(), thisPc));
            case SUB -> setX(rd, sub(a, b, thisPc));
            case ANDI -> setX(rd, a & imm);
            case ORI -> setX(rd, a | imm);
            case XORI -> setX(rd, a ^ imm);
            case AND -> setX(rd, a & b);
            case OR -> setX(rd, a | b);
            case XOR -> setX(rd, a ^ b);
            case MULI -> setX(rd, mul(a, imm, thisPc));
            case MUL -> setX(rd, mul(a, b, thisPc));
            case MULU -> {
                long p = Integer.toUnsignedLong(a) * Integer.toUnsignedLong(b);
                setX(rd, (int) p);
                setBit(SR_CY, (p >>> 32) != 0);
                rangeCheck(SR_CY, thisPc);
            }
            case DIV -> {
                // Division by zero sets OV and leaves rD = rA, as qemu-or1k does (the result is
                // undefined in the manual); MIN_VALUE / -1 wraps.
                setBit(SR_OV, b == 0);
                setX(rd, b == 0 ? a : (b == -1 ? -a : a / b));
                rangeCheck(SR_OV, thisPc);
            }
            case DIVU -> {
                setBit(SR_CY, b == 0);
                setX(rd, b == 0 ? a : Integer.divideUnsigned(a, b));
                rangeCheck(SR_CY, thisPc);
            }
            case SLLI -> setX(rd, a << imm);
            case SRLI -> setX(rd, a >>> imm);
            case SRAI -> setX(rd, a >> imm);
            case RORI -> setX(rd, Integer.rotateRight(a, imm));
            case SLL -> setX(rd, a << b);
            case SRL -> setX(rd, a >>> b);
            case SRA -> setX(rd, a >> b);
            case ROR -> setX(rd, Integer.rotateRight(a, b));
            case EXTHS -> setX(rd, (short) a);
            case EXTBS -> setX(rd, (byte) a);
            case EXTHZ -> setX(rd, a & 0xffff);
            case EXTBZ -> setX(rd, a & 0xff);
            case EXTWS, EXTWZ -> setX(rd, a);
            case CMOV -> setX(rd, flag() ? a : b);
            case FF1 -> setX(rd, a == 0 ? 0 : Integer.numberOfTrailingZeros(a) + 1);
            case FL1 -> setX(rd, a == 0 ? 0 : 32 - Integer.numberOfLeadingZeros(a));
            case SFEQ, SFEQI -> setFlag(a == (op == SFEQ ? b : imm));
            case SFNE, SFNEI -> setFlag(a != (op == SFNE ? b : imm));
            case SFGTU, SFGTUI -> setFlag(Integer.compareUnsigned(a, op == SFGTU ? b : imm) > 0);
            case SFGEU, SFGEUI -> setFlag(Integer.compareUnsigned(a, op == SFGEU ? b : imm) >= 0);
            case SFLTU, SFLTUI -> setFlag(Integer.compareUnsigned(a, op == SFLTU ? b : imm) < 0);
            case SFLEU, SFLEUI -> setFlag(Integer.compareUnsigned(a, op == SFLEU ? b : imm) <= 0);
            case SFGTS, SFGTSI -> setFlag(a > (op == SFGTS ? b : imm));
            case SFGES, SFGESI -> setFlag(a >= (op == SFGES ? b : imm));
            case SFLTS, SFLTSI -> setFlag(a < (op == SFLTS ? b : imm));
            case SFLES, SFLESI -> setFlag(a <= (op == SFLES ? b : imm));
            case MFSPR -> {
                if (!supervisor()) { illegal(d, thisPc); return; }
                setX(rd, readSpr(a | imm, thisPc));
            }
            case MTSPR -> {
                if (!supervisor()) { illegal(d, thisPc); return; }
                writeSpr(a | imm, b);
            }
            case ILLEGAL -> illegal(d, thisPc);
            default -> floatingPoint(op, rd, a, b);
        }
    }

    private boolean supervisor() { return (sr & SR_SM) != 0; }
    private int carry() { return (sr & SR_CY) != 0 ? 1 : 0; }
    private void setBit(int bit, boolean on) { sr = on ? sr | bit : sr & ~bit; }
    private void setFlag(boolean on) { setBit(SR_F, on); }

    /** a + b + c with CY (unsigned carry out) and OV (signed overflow). */
    private int add(int a, int b, int c, int thisPc) {
        long wide = Integer.toUnsignedLong(a) + Integer.toUnsignedLong(b) + c;
        int s = (int) wide;
        setBit(SR_CY, (wide >>> 32) != 0);
        setBit(SR_OV, ((a ^ s) & (b ^ s)) < 0);
        rangeCheck(SR_OV, thisPc);
        return s;
    }

    /** a - b with CY (borrow) and OV (signed overflow). */
    private int sub(int a, int b, int thisPc) {
        int s = a - b;
        setBit(SR_CY, Integer.compareUnsigned(a, b) < 0);
        setBit(SR_OV, ((a ^ b) & (a ^ s)) < 0);
        rangeCheck(SR_OV, thisPc);
        return s;
    }

    private int mul(int a, int b, int thisPc) {
        long p = (long) a * b;
        setBit(SR_OV, p != (int) p);
        rangeCheck(SR_OV, thisPc);
        return (int) p;
    }

    /** With SR[OVE] set, an instruction that sets the given overflow bit raises a range exception (after writing rD). */
    private void rangeCheck(int bit, int thisPc) {
        if ((sr & SR_OVE) != 0 && (sr & bit) != 0) pendingRange = true;
    }

    private boolean pendingRange;

    // ------------------------------------------------------------------ exceptions

    private void illegal(Or1kDecoded d, int thisPc) {
        exception(VECTOR_ILLEGAL, TrapCause.ILLEGAL_INSTRUCTION, thisPc, true);
    }

    /**
     * Enters the exception handler for a fault of the instruction at pc (not retired): EPCR0 is
     * that instruction, or the branch when it sits in a delay slot.
     */
    private void exception(int vector, TrapCause cause, int address, boolean retiredCounted) {
        if (retiredCounted) instret--;
        excepted = true;
        if (hostTraps) {
            stop = new StopReason.Trap(cause, pc, vector == VECTOR_ILLEGAL ? wordAt(pc) : address);
            return;
        }
        enter(vector, delaySlot ? branchPc : pc, address);
    }

    private int wordAt(int address) {
        try {
            return (int) read(address, 4);
        } catch (BusFault e) {
            return 0;
        }
    }

    /** l.sys and l.trap: l.sys's EPCR0 is the next instruction not executed, l.trap's the l.trap itself. */
    private void syscallOrTrap(int vector, TrapCause cause, int thisPc) {
        boolean sys = vector == VECTOR_SYSCALL;
        if (hostTraps) {
            if (sys) {
                // Committed like any instruction; the host serves the call and resumes at npc.
                stop = new StopReason.Trap(cause, thisPc, 0);
            } else {
                instret--;
                excepted = true;
                stop = new StopReason.Trap(cause, thisPc, 0);
            }
            return;
        }
        excepted = true;
        int restart = sys ? npc : (delaySlot ? branchPc : thisPc);
        // A system call in a delay slot resumes at the branch target; DSX still records the slot.
        ppc = thisPc;
        enter(vector, restart, thisPc);
    }

    private void enter(int vector, int restart, int address) {
        esr = sr | SR_FO;
        epcr = restart;
        eear = address;
        int dsx = delaySlot ? SR_DSX : 0;
        sr = (sr & ~(SR_IEE | SR_TEE | SR_DME | SR_IME | SR_OVE | SR_DSX)) | SR_SM | dsx | SR_FO;
        int base = (sr & SR_EPH) != 0 ? 0xf000_0000 | evbar : evbar;
        setPc(base + vector);
        cycles += Mor1kxCycleModel.EXCEPTION_CYCLES;
    }

    // ------------------------------------------------------------------ memory (big-endian)

    private void load(int rd, int address, int size, boolean signed, int thisPc) {
        if ((address & (size - 1)) != 0) {
            exception(VECTOR_ALIGNMENT, TrapCause.LOAD_MISALIGNED, address, true);
            return;
        }
        long v;
        try {
            v = read(address, size);
        } catch (BusFault e) {
            exception(VECTOR_BUS_ERROR, TrapCause.LOAD_ACCESS_FAULT, address, true);
            return;
        }
        int value = (int) v;
        if (signed) value = size == 1 ? (byte) value : size == 2 ? (short) value : value;
        setX(rd, value);
    }

    private void store(int address, int value, int size, int thisPc) {
        if ((address & (size - 1)) != 0) {
            exception(VECTOR_ALIGNMENT, TrapCause.STORE_MISALIGNED, address, true);
            return;
        }
        try {
            write(address, value, size);
        } catch (BusFault e) {
            exception(VECTOR_BUS_ERROR, TrapCause.STORE_ACCESS_FAULT, address, true);
            return;
        }
        if (watching && (address & ~3) == watchAddress) stop = new StopReason.Watch(address, value);
    }

    /** Reads {@code size} bytes big-endian, zero-extended. RAM is byte-addressed; devices see plain values. */
    private long read(int address, int size) throws BusFault {
        byte[] bytes;
        int off;
        int o = address - memBase;
        if (Integer.compareUnsigned(o, memSize - size + 1) < 0) {
            bytes = mem;
            off = o;
        } else {
            Ram ram = bus.ramAt(address);
            if (ram == null) return Integer.toUnsignedLong(bus.load(address, size));
            off = address - ram.base();
            if (off > ram.size() - size) throw new BusFault(address, "access passes the end of " + ram.name());
            bytes = ram.bytes();
        }
        long v = 0;
        for (int i = 0; i < size; i++) v = v << 8 | (bytes[off + i] & 0xff);
        return v;
    }

    private void write(int address, int value, int size) throws BusFault {
        byte[] bytes;
        int off;
        int o = address - memBase;
        if (Integer.compareUnsigned(o, memSize - size + 1) < 0) {
            bytes = mem;
            off = o;
            Or1kDecoded[] page = pages[o >>> PAGE_SHIFT];
            if (page != null) page[(o >>> 2) & (PAGE_SLOTS - 1)] = null;
        } else {
            Ram ram = bus.ramAt(address);
            if (ram == null) {
                bus.store(address, value, size);
                return;
            }
            off = address - ram.base();
            if (off > ram.size() - size) throw new BusFault(address, "access passes the end of " + ram.name());
            bytes = ram.bytes();
        }
        for (int i = size - 1; i >= 0; i--) {
            bytes[off + i] = (byte) value;
            value >>>= 8;
        }
    }

    // ------------------------------------------------------------------ SPRs

    /** l.mfspr in supervisor mode: what ARTIQ 6's {@code mfspr} export (board_misoc::spr) returns. */
    public int mfspr(int spr) { return readSpr(spr, pc); }

    /** l.mtspr in supervisor mode (ARTIQ 6's {@code mtspr} export). */
    public void mtspr(int spr, int value) { writeSpr(spr, value); }

    private int readSpr(int spr, int thisPc) {
        if (spr >= SPR_GPR0 && spr < SPR_GPR0 + 32) return x(spr - SPR_GPR0);
        return switch (spr) {
            case SPR_VR -> 0x1200_0001;
            case SPR_UPR -> UPR;  // no caches, MMUs or power management modelled
            case SPR_TTMR -> ttmr;
            case SPR_TTCR -> ttcr();
            case SPR_CPUCFGR -> CPUCFGR;
            case SPR_EVBAR -> evbar;
            case SPR_NPC -> npc;
            case SPR_SR -> sr | SR_FO;
            // The instruction retired before this l.mfspr.
            case SPR_PPC -> ppc;
            case SPR_FPCSR -> fpcsr;
            case SPR_EPCR0 -> epcr;
            case SPR_EEAR0 -> eear;
            case SPR_ESR0 -> esr;
            default -> 0;
        };
    }

    private int ttcr() { return ttmr >>> 30 == 0 ? ttcrBase : ttcrBase + (int) (cycles - ttcrSince); }

    private void writeSpr(int spr, int value) {
        if (spr >= SPR_GPR0 && spr < SPR_GPR0 + 32) { setX(spr - SPR_GPR0, value); return; }
        switch (spr) {
            case SPR_EVBAR -> evbar = value & ~0x1fff;
            case SPR_SR -> sr = value | SR_FO;
            case SPR_FPCSR -> fpcsr = value & 0xfff;
            case SPR_EPCR0 -> epcr = value;
            case SPR_EEAR0 -> eear = value;
            case SPR_ESR0 -> esr = value | SR_FO;
            case SPR_TTMR -> { ttcrBase = ttcr(); ttcrSince = cycles; ttmr = value; }
            case SPR_TTCR -> { ttcrBase = value; ttcrSince = cycles; }
            default -> {
                // Instruction cache group (4): any write (block invalidate, ICBIR) makes code be re-read.
                if ((spr >>> 11) == 4) flushDecodeCache();
            }
        }
    }

    // ------------------------------------------------------------------ ORFPX32

    private int roundingMode() {
        return switch ((fpcsr >>> 1) & 3) {
            case 0 -> SoftFloat.RNE;
            case 1 -> SoftFloat.RTZ;
            case 2 -> SoftFloat.RUP;
            default -> SoftFloat.RDN;
        };
    }

    private void floatingPoint(int op, int rd, int a, int b) {
        FloatFormat s = FloatFormat.SINGLE;
        long fa = Integer.toUnsignedLong(a), fb = Integer.toUnsignedLong(b);
        int rm = roundingMode();
        fpu.flags = 0;
        switch (op) {
            case LF_ADD_S -> setX(rd, (int) fpu.addS(fa, fb, rm));
            case LF_SUB_S -> setX(rd, (int) fpu.subS(fa, fb, rm));
            case LF_MUL_S -> setX(rd, (int) fpu.mulS(fa, fb, rm));
            case LF_DIV_S -> setX(rd, (int) fpu.divS(fa, fb, rm));
            case LF_ITOF_S -> setX(rd, (int) fpu.fromInt(s, a, false, rm));
            // Conversion to integer truncates, as qemu-or1k and the C cast do.
            case LF_FTOI_S -> setX(rd, fpu.toInt(s, fa, false, SoftFloat.RTZ));
            case LF_MADD_S -> setX(rd, (int) fpu.fma(s, fa, fb, Integer.toUnsignedLong(x(rd)), false, false, rm));
            case LF_REM_S -> setX(rd, remainder(a, b));
            case LF_SFEQ_S -> setFlag(fpu.compare(s, fa, fb, SoftFloat.EQ));
            case LF_SFNE_S -> setFlag(!fpu.compare(s, fa, fb, SoftFloat.EQ));
            case LF_SFGT_S -> setFlag(fpu.compare(s, fb, fa, SoftFloat.LT));
            case LF_SFGE_S -> setFlag(fpu.compare(s, fb, fa, SoftFloat.LE));
            case LF_SFLT_S -> setFlag(fpu.compare(s, fa, fb, SoftFloat.LT));
            case LF_SFLE_S -> setFlag(fpu.compare(s, fa, fb, SoftFloat.LE));
            case LF_SFUN_S -> setFlag(unordered(a, b));
            case LF_SFUEQ_S -> setFlag(unordered(a, b) || fpu.compare(s, fa, fb, SoftFloat.EQ));
            case LF_SFUNE_S -> setFlag(unordered(a, b) || !fpu.compare(s, fa, fb, SoftFloat.EQ));
            case LF_SFUGT_S -> setFlag(unordered(a, b) || fpu.compare(s, fb, fa, SoftFloat.LT));
            case LF_SFUGE_S -> setFlag(unordered(a, b) || fpu.compare(s, fb, fa, SoftFloat.LE));
            case LF_SFULT_S -> setFlag(unordered(a, b) || fpu.compare(s, fa, fb, SoftFloat.LT));
            case LF_SFULE_S -> setFlag(unordered(a, b) || fpu.compare(s, fa, fb, SoftFloat.LE));
            default -> throw new IllegalStateException("op " + Or1kIsa.name(op) + " has no semantics");
        }
        int f = fpu.flags;
        fpcsr |= ((f & SoftFloat.NX) != 0 ? FPCSR_IXF : 0) | ((f & SoftFloat.UF) != 0 ? FPCSR_UNF : 0)
                | ((f & SoftFloat.OF) != 0 ? FPCSR_OVF : 0) | ((f & SoftFloat.DZ) != 0 ? FPCSR_DZF : 0)
                | ((f & SoftFloat.NV) != 0 ? FPCSR_IVF : 0);
    }

    private static boolean unordered(int a, int b) {
        return Float.isNaN(Float.intBitsToFloat(a)) || Float.isNaN(Float.intBitsToFloat(b));
    }

    /** IEEE remainder: exact, so computing it in double and narrowing loses nothing. */
    private int remainder(int a, int b) {
        float x = Float.intBitsToFloat(a), y = Float.intBitsToFloat(b);
        if (Float.isNaN(x) || Float.isNaN(y) || Float.isInfinite(x) || y == 0) {
            if (!(Float.isNaN(x) || Float.isNaN(y))) fpu.flags |= SoftFloat.NV;
            return 0x7fc0_0000;
        }
        return Float.floatToRawIntBits((float) Math.IEEEremainder(x, y));
    }
}
