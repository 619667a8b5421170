package org.coredev.emu.cpu.rv32;

import static org.coredev.emu.cpu.rv32.Rv32Isa.*;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.coredev.emu.bus.Bus;
import org.coredev.emu.bus.BusFault;
import org.coredev.emu.bus.Ram;
import org.coredev.emu.cpu.Cpu;
import org.coredev.emu.cpu.StopReason;
import org.coredev.emu.cpu.TrapCause;

/**
 * An RV32IMAFD hart in machine mode, as the VexRiscv kernel CPU of ARTIQ boards runs it.
 *
 * <p>Instructions are decoded once into a cache of packed ints (see {@link Decoded}) kept per
 * 4 KiB page of the primary RAM region; stores into a page holding decoded code clear the
 * affected entries, and {@code fence.i} clears the whole cache, so self-modifying code sees its
 * new instructions. Code runs only from the primary RAM; the pc entering the runtime trap range
 * stops the core with {@link StopReason.RuntimeCall}.
 *
 * <p>Exceptions trap to mtvec as the privileged spec says; with mtvec = 0 (no handler installed)
 * the core stops with {@link StopReason.Trap} and the pc on the trapping instruction.
 */
public final class Rv32Cpu implements Cpu {
    /** The two kernel CPU configurations of ARTIQ boards (artiq/compiler/targets.py). */
    public enum Variant {
        /** Kasli 1.x: no FPU. */
        RV32IMA,
        /** Kasli 2.x: hard double-precision floats. */
        RV32G
    }

    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final int PAGE_SHIFT = 12, PAGE_SLOTS = 1 << (PAGE_SHIFT - 2);
    /** Returned by slow memory paths when the access trapped instead of producing a value. */
    private static final long TRAPPED = Long.MIN_VALUE;
    private static final long BOX = 0xffff_ffff_0000_0000L;
    private static final long CANONICAL_NAN_S = 0x7fc0_0000L;

    // mstatus fields (privileged spec 3.1.6); M-mode only, so MPP always reads 3.
    private static final int MSTATUS_MIE = 1 << 3, MSTATUS_MPIE = 1 << 7, MSTATUS_MPP = 3 << 11;
    private static final int MSTATUS_FS = 3 << 13, MSTATUS_SD = 1 << 31;

    private final Variant variant;
    private final Bus bus;
    private final Rv32Decoder decoder;
    private final int[] cost = VexRiscvCycleModel.table();

    private final int[] x = new int[32];
    private final long[] f = new long[32];
    private final SoftFloat fpu = new SoftFloat();
    private int frm;
    private int pc;
    long cycles, instret;   // package access: translated blocks count into them

    private int mstatus, mtvec, mepc, mcause, mtval, mscratch, mie;
    private long cycleOffset, instretOffset;
    private boolean reserved;
    private int reservation;

    // Primary RAM fast path and its decode cache.
    private final byte[] mem;
    private final int memBase, memSize;
    private final int[][] pageOps, pageImm;
    /** Per page: stores must look at it (decoded code or a watched word). */
    private final boolean[] storeHook;

    // A second RAM served without the bus (the kernel stack, at the far end of main RAM).
    private byte[] mem2;
    private int mem2Base, mem2Size;

    private int trapBase, trapSize;
    /** The stop for each word of the trap range, made on first use: a kernel calls the runtime every few instructions. */
    private StopReason.RuntimeCall[] runtimeCalls = new StopReason.RuntimeCall[0];
    private int watchAddress;
    private boolean watching;

    private StopReason stop;
    private static final StopReason BUDGET = new StopReason.Budget();
    /** The interpreter stopped after a branch or jump for the translating tier (never returned by run). */
    private static final StopReason TRANSFER = new StopReason.Budget();

    // The translating tier (off unless chosen): blocks per page, how often each address started one.
    /** Executions of a block start before it is translated. */
    static final int HOT = 16;
    private int hot = HOT;
    private boolean translating;
    private BlockTranslator translator;
    private BlockMemory blockMemory;
    private BlockTranslator.Block[][] pageBlocks;
    private byte[][] pageHeat;
    private byte[] pageDrops;
    /** Marks an address whose first instruction no block can start with. */
    private static final BlockTranslator.Block NO_BLOCK = new BlockTranslator.Block(null, new BlockTranslator.Segment(0, 1, new int[] {0, 0}));

    public Rv32Cpu(Variant variant, Bus bus, Ram primary) {
        this.variant = variant;
        this.bus = bus;
        this.decoder = variant == Variant.RV32G ? Rv32Decoder.rv32g() : Rv32Decoder.rv32ima();
        this.mem = primary.bytes();
        this.memBase = primary.base();
        this.memSize = primary.size();
        int pages = memSize >>> PAGE_SHIFT;
        this.pageOps = new int[pages][];
        this.pageImm = new int[pages][];
        this.storeHook = new boolean[pages];
        reset();
        setTranslation(defaultTranslation());
    }

    /** Architectural reset: registers zero, FPU enabled with fcsr = 0 (as ARTIQ's runtime leaves it). */
    public void reset() {
        java.util.Arrays.fill(x, 0);
        java.util.Arrays.fill(f, 0);
        pc = 0;
        fpu.flags = 0;
        frm = 0;
        mstatus = MSTATUS_MPP | (variant == Variant.RV32G ? (1 << 13) : 0);
        mtvec = mepc = mcause = mtval = mscratch = mie = 0;
        reserved = false;
        stop = null;
    }

    public Variant variant() { return variant; }
    public Bus bus() { return bus; }

    @Override public int pc() { return pc; }
    @Override public void setPc(int pc) { this.pc = pc; }
    @Override public int x(int reg) { return reg == 0 ? 0 : x[reg]; }
    @Override public void setX(int reg, int value) { if (reg != 0) x[reg] = value; }
    /** Raw 64-bit FP register (single values NaN-boxed). */
    public long f(int reg) { return f[reg]; }
    public void setF(int reg, long bits) { f[reg] = bits; }
    public int fcsr() { return frm << 5 | fpu.flags; }
    public void setFcsr(int value) {
        frm = (value >>> 5) & 7;
        fpu.flags = value & 31;
    }
    @Override public long cycles() { return cycles; }
    @Override public long instret() { return instret; }

    /** Lets simulated time jump forward (e.g. the CPU waiting on a device), without retiring anything. */
    @Override public void addCycles(long n) { cycles += n; }

    public int mstatus() { return mstatus; }
    public int mtvec() { return mtvec; }
    public int mepc() { return mepc; }
    public int mcause() { return mcause; }
    public int mtval() { return mtval; }

    /** Serves loads and stores to {@code ram} without going through the bus (code still runs only from the primary RAM). */
    public void setSecondaryRam(Ram ram) {
        mem2 = ram.bytes();
        mem2Base = ram.base();
        mem2Size = ram.size();
        if (blockMemory != null) blockMemory.setSecondary(mem2, mem2Base, mem2Size);
    }

    /**
     * Chooses the execution tier: the interpreter (the reference), or translation of hot blocks
     * to JVM bytecode ({@link BlockTranslator}), which gives the same registers, memory, traps and
     * cycle counts. The default is {@link #defaultTranslation()}.
     */
    public void setTranslation(boolean on) {
        if (on && translator == null) {
            translator = new BlockTranslator(cost);
            blockMemory = new BlockMemory(mem, memBase, memSize);
            for (int p = 0; p < pageOps.length; p++) {
                if (pageOps[p] == null) continue;
                for (int slot = 0; slot < PAGE_SLOTS; slot++) if (pageOps[p][slot] != 0) blockMemory.markCode((p << PAGE_SHIFT) + 4 * slot);
            }
            if (watching) blockMemory.markCode(watchAddress - memBase);
            if (mem2 != null) blockMemory.setSecondary(mem2, mem2Base, mem2Size);
            pageBlocks = new BlockTranslator.Block[pageOps.length][];
            pageHeat = new byte[pageOps.length][];
            pageDrops = new byte[pageOps.length];
        }
        translating = on;
    }

    public boolean translation() { return translating; }

    /** Tests: a block start is translated after this many executions (0: at its first), instead of {@link #HOT}. */
    void translateAfter(int executions) {
        if (executions < 0 || executions > Byte.MAX_VALUE) throw new IllegalArgumentException("executions: " + executions);
        hot = executions;
    }

    /** The tier new cores start with: translating unless the system property coredev.cpu.tier is "interpret". */
    public static boolean defaultTranslation() {
        return !"interpret".equals(System.getProperty("coredev.cpu.tier", "translate"));
    }

    /** Blocks translated so far (0 on the interpreter). */
    public int translatedBlocks() { return translator == null ? 0 : translator.translated(); }

    /** Addresses [base, base+size) are runtime entry points: fetching from them stops the core. Page-aligned. */
    public void setTrapRange(int base, int size) {
        if ((base & 0xfff) != 0 || (size & 0xfff) != 0) throw new IllegalArgumentException("trap range must be page-aligned");
        this.trapBase = base;
        this.trapSize = size;
        this.runtimeCalls = new StopReason.RuntimeCall[Integer.divideUnsigned(size, 4)];
    }

    private StopReason.RuntimeCall runtimeCall(int pc) {
        int slot = (pc - trapBase) >>> 2;
        StopReason.RuntimeCall s = (pc & 3) == 0 ? runtimeCalls[slot] : null;
        if (s == null) {
            s = new StopReason.RuntimeCall(pc);
            if ((pc & 3) == 0) runtimeCalls[slot] = s;
        }
        return s;
    }

    /** A store to the word at {@code address} stops the core with {@link StopReason.Watch}. */
    public void watchStores(int address) {
        int off = address - memBase;
        if (Integer.compareUnsigned(off, memSize) >= 0) throw new IllegalArgumentException("watched address outside primary RAM");
        watchAddress = address & ~3;
        watching = true;
        storeHook[off >>> PAGE_SHIFT] = true;
        if (blockMemory != null) blockMemory.markCode(off);
    }

    /** Forgets every decoded instruction (fence.i, or code loaded behind the CPU's back). */
    public void flushDecodeCache() {
        for (int p = 0; p < pageOps.length; p++) {
            if (pageOps[p] != null) {
                pageOps[p] = null;
                pageImm[p] = null;
            }
        }
        if (pageBlocks != null) java.util.Arrays.fill(pageBlocks, null);
        if (watching) storeHook[(watchAddress - memBase) >>> PAGE_SHIFT] = true;
        // storeHook stays set on former code pages: harmless, the hook re-checks.
    }

    /** Forgets decoded instructions in [address, address+length): code written behind the CPU's back. */
    @Override
    public void invalidateDecoded(int address, int length) {
        for (long a = Integer.toUnsignedLong(address) & ~3L; a < Integer.toUnsignedLong(address) + length; a += 4) {
            int off = (int) a - memBase;
            if (Integer.compareUnsigned(off, memSize) >= 0) continue;
            int[] ops = pageOps[off >>> PAGE_SHIFT];
            if (ops != null) ops[(off >>> 2) & (PAGE_SLOTS - 1)] = 0;
            if (pageBlocks != null) dropBlocks(off >>> PAGE_SHIFT, false);
        }
    }

    /** The decoded form of the instruction at {@code address} (for traces and disassembly). */
    public Decoded decodeAt(int address) throws BusFault {
        return decoder.decode(bus.load(address, 4));
    }

    @Override
    public StopReason run(long cycleBudget) {
        return translating ? runTranslated(cycleBudget) : interpret(cycleBudget, false);
    }

    /**
     * The translating tier: at each block start (a jump or branch target, or where the previous
     * block or an untranslatable instruction left off), a translated block runs if there is one
     * and the budget reaches past its last instruction's start. Cold code is interpreted up to its
     * next branch or jump, an instruction no block can do on its own; so the two tiers stop in the
     * same state.
     */
    private StopReason runTranslated(long cycleBudget) {
        final long limit = cycleBudget > Long.MAX_VALUE - cycles ? Long.MAX_VALUE : cycles + cycleBudget;
        final int[] x = this.x;
        final BlockMemory memory = blockMemory;
        while (cycles < limit) {
            // A call into the runtime (the interpreter stops there the same way): no block, no setup.
            if (Integer.compareUnsigned(pc - trapBase, trapSize) < 0) return runtimeCall(pc);
            BlockTranslator.Block b = blockAt(pc);
            StopReason s;
            if (b == null) {
                s = interpret(limit - cycles, true);      // cold code: up to its next branch or jump
            } else {
                if (b != NO_BLOCK && cycles + b.costBeforeLast() < limit) {
                    long before = instret;
                    int next = b.code().run(x, memory, this, limit);
                    if (instret != before) {
                        pc = next;
                        continue;
                    }
                }
                s = interpret(1, false);                  // what the block cannot do; a block may start after it
            }
            if (s != BUDGET && s != TRANSFER) return s;
        }
        return BUDGET;
    }

    /** The block starting at {@code pc}: null while it is not hot (or outside the primary RAM), {@link #NO_BLOCK} if none can. */
    private BlockTranslator.Block blockAt(int pc) {
        int off = pc - memBase;
        if (Integer.compareUnsigned(off, memSize) >= 0 || (off & 3) != 0
                || Integer.compareUnsigned(pc - trapBase, trapSize) < 0) return null;
        int page = off >>> PAGE_SHIFT, slot = (off >>> 2) & (PAGE_SLOTS - 1);
        BlockTranslator.Block[] blocks = pageBlocks[page];
        if (blocks != null && blocks[slot] != null) return blocks[slot];
        if (pageDrops[page] >= MAX_DROPS) return null;
        byte[] heat = pageHeat[page];
        if (heat == null) pageHeat[page] = heat = new byte[PAGE_SLOTS];
        if (heat[slot] < hot) {
            heat[slot]++;
            return null;
        }
        BlockTranslator.Block b = translator.translate(blockCode, pc);
        if (blocks == null) pageBlocks[page] = blocks = new BlockTranslator.Block[PAGE_SLOTS];
        blocks[slot] = b == null ? NO_BLOCK : b;
        return blocks[slot];
    }

    /** Pages whose blocks the guest's stores dropped this often (self-modifying code) are left to the interpreter. */
    private static final int MAX_DROPS = 8;

    /** Forgets a page's blocks; {@code byGuest}: the guest's own store into code (counted against the page). */
    private void dropBlocks(int page, boolean byGuest) {
        if (pageBlocks[page] == null) return;
        pageBlocks[page] = null;
        pageHeat[page] = null;
        if (byGuest && pageDrops[page] < MAX_DROPS) pageDrops[page]++;
    }

    /** The translator reads instructions through the decode cache, so their page is watched for stores. */
    private final BlockTranslator.Code blockCode = new BlockTranslator.Code() {
        @Override public int packed(int pc) { return decoded(pc - memBase); }
        @Override public int imm(int pc) {
            int off = pc - memBase;
            decoded(off);
            return pageImm[off >>> PAGE_SHIFT][(off >>> 2) & (PAGE_SLOTS - 1)];
        }
        @Override public boolean reached(int pc) {
            int off = pc - memBase, page = off >>> PAGE_SHIFT, slot = (off >>> 2) & (PAGE_SLOTS - 1);
            return (pageHeat[page] != null && pageHeat[page][slot] > 0) || (pageBlocks[page] != null && pageBlocks[page][slot] != null);
        }
    };

    private int decoded(int off) {
        int page = off >>> PAGE_SHIFT, slot = (off >>> 2) & (PAGE_SLOTS - 1);
        decodePage(page);
        int w = pageOps[page][slot];
        return w != 0 ? w : decodeInto(pageOps[page], pageImm[page], slot, off);
    }

    /**
     * The reference tier: one decoded instruction at a time. With {@code untilTransfer} (the
     * translating tier's cold code), it also stops after a branch or jump, with {@link #TRANSFER}.
     */
    private StopReason interpret(long cycleBudget, boolean untilTransfer) {
        final int[] x = this.x;
        final byte[] mem = this.mem;
        final int memBase = this.memBase, memSize = this.memSize;
        final int[] cost = this.cost;
        final boolean[] storeHook = this.storeHook;
        int pc = this.pc;
        long cycles = this.cycles, instret = this.instret;
        final long limit = cycleBudget > Long.MAX_VALUE - cycles ? Long.MAX_VALUE : cycles + cycleBudget;
        final long[] f = this.f;
        int[] ops = null, imms = null;
        boolean slow = false;
        int pageStart = 1; // offset of the cached page; 1 is never a page start
        stop = null;

        while (cycles < limit) {
            int off = pc - memBase;
            if ((off & ~(PAGE_SLOTS * 4 - 1)) != pageStart) {
                if (Integer.compareUnsigned(pc - trapBase, trapSize) < 0) {
                    stop = runtimeCall(pc);
                    break;
                }
                if (Integer.compareUnsigned(off, memSize) >= 0) {
                    this.cycles = cycles;
                    this.instret = instret;
                    pc = trap(TrapCause.INSTRUCTION_ACCESS_FAULT, pc, pc);
                    cycles = this.cycles;
                    if (stop != null) break;
                    continue;
                }
                int page = off >>> PAGE_SHIFT;
                decodePage(page);
                ops = pageOps[page];
                imms = pageImm[page];
                pageStart = off & ~(PAGE_SLOTS * 4 - 1);
            }
            int slot = (off >>> 2) & (PAGE_SLOTS - 1);
            int w = ops[slot];
            if (w == 0) w = decodeInto(ops, imms, slot, off);
            final int imm = imms[slot];
            final int op = w & Decoded.OP_MASK;
            final int rd = (w >>> 8) & 31, rs1 = (w >>> 13) & 31, rs2 = (w >>> 18) & 31;
            cycles += cost[op];
            instret++;
            switch (op) {
                case LUI -> { x[rd] = imm; pc += 4; }
                case AUIPC -> { x[rd] = pc + imm; pc += 4; }
                case JAL -> {
                    int target = pc + imm;
                    if ((target & 3) != 0) { pc = syncTrap(TrapCause.INSTRUCTION_MISALIGNED, pc, target, cycles, instret); cycles = this.cycles; instret = this.instret; if (stop != null) break; continue; }
                    x[rd] = pc + 4;
                    pc = target;
                    if (untilTransfer) stop = TRANSFER;
                }
                case JALR -> {
                    int target = (x[rs1] + imm) & ~1;
                    if ((target & 3) != 0) { pc = syncTrap(TrapCause.INSTRUCTION_MISALIGNED, pc, target, cycles, instret); cycles = this.cycles; instret = this.instret; if (stop != null) break; continue; }
                    x[rd] = pc + 4;
                    pc = target;
                    cycles += VexRiscvCycleModel.BRANCH_MISPREDICT_PENALTY;
                    if (untilTransfer) stop = TRANSFER;
                }
                case BEQ, BNE, BLT, BGE, BLTU, BGEU -> {
                    int a = x[rs1], b = x[rs2];
                    boolean taken = switch (op) {
                        case BEQ -> a == b;
                        case BNE -> a != b;
                        case BLT -> a < b;
                        case BGE -> a >= b;
                        case BLTU -> Integer.compareUnsigned(a, b) < 0;
                        default -> Integer.compareUnsigned(a, b) >= 0;
                    };
                    // Backward-taken and forward-not-taken are what a warmed predictor gets right.
                    if (taken == (imm >= 0)) cycles += VexRiscvCycleModel.BRANCH_MISPREDICT_PENALTY;
                    if (taken) {
                        int target = pc + imm;
                        if ((target & 3) != 0) { pc = syncTrap(TrapCause.INSTRUCTION_MISALIGNED, pc, target, cycles, instret); cycles = this.cycles; instret = this.instret; if (stop != null) break; continue; }
                        pc = target;
                    } else {
                        pc += 4;
                    }
                    if (untilTransfer) stop = TRANSFER;
                }
                case LW -> {
                    int a = x[rs1] + imm, o = a - memBase;
                    if ((o & 3) == 0 && Integer.compareUnsigned(o, memSize) < 0) {
                        x[rd] = (int) INT_LE.get(mem, o);
                    } else {
                        long v = syncLoad(a, 4, pc, cycles, instret);
                        if (v == TRAPPED) { pc = this.pc; cycles = this.cycles; instret = this.instret; if (stop != null) break; continue; }
                        cycles = this.cycles;   // with any wait states the device took
                        x[rd] = (int) v;
                    }
                    pc += 4;
                }
                case LB, LBU -> {
                    int a = x[rs1] + imm, o = a - memBase;
                    int v;
                    if (Integer.compareUnsigned(o, memSize) < 0) {
                        v = mem[o];
                    } else {
                        long r = syncLoad(a, 1, pc, cycles, instret);
                        if (r == TRAPPED) { pc = this.pc; cycles = this.cycles; instret = this.instret; if (stop != null) break; continue; }
                        cycles = this.cycles;
                        v = (byte) r;
                    }
                    x[rd] = op == LB ? v : v & 0xff;
                    pc += 4;
                }
                case LH, LHU -> {
                    int a = x[rs1] + imm, o = a - memBase;
                    int v;
                    if ((o & 1) == 0 && Integer.compareUnsigned(o, memSize) < 0) {
                        v = (short) SHORT_LE.get(mem, o);
                    } else {
                        long r = syncLoad(a, 2, pc, cycles, instret);
                        if (r == TRAPPED) { pc = this.pc; cycles = this.cycles; instret = this.instret; if (stop != null) break; continue; }
                        cycles = this.cycles;
                        v = (short) r;
                    }
                    x[rd] = op == LH ? v : v & 0xffff;
                    pc += 4;
                }
                case SW, SH, SB -> {
                    int size = op == SW ? 4 : op == SH ? 2 : 1;
                    int a = x[rs1] + imm, o = a - memBase, v = x[rs2];
                    if ((o & (size - 1)) == 0 && Integer.compareUnsigned(o, memSize) < 0) {
                        switch (size) {
                            case 4 -> INT_LE.set(mem, o, v);
                            case 2 -> SHORT_LE.set(mem, o, (short) v);
                            default -> mem[o] = (byte) v;
                        }
                        pc += 4;
                        if (storeHook[o >>> PAGE_SHIFT] && afterStore(o, size, v)) break;
                    } else {
                        if (!syncStore(a, v, size, pc, cycles, instret)) { pc = this.pc; cycles = this.cycles; instret = this.instret; if (stop != null) break; continue; }
                        cycles = this.cycles;
                        pc += 4;
                    }
                }
                case ADDI -> { x[rd] = x[rs1] + imm; pc += 4; }
                case SLTI -> { x[rd] = x[rs1] < imm ? 1 : 0; pc += 4; }
                case SLTIU -> { x[rd] = Integer.compareUnsigned(x[rs1], imm) < 0 ? 1 : 0; pc += 4; }
                case XORI -> { x[rd] = x[rs1] ^ imm; pc += 4; }
                case ORI -> { x[rd] = x[rs1] | imm; pc += 4; }
                case ANDI -> { x[rd] = x[rs1] & imm; pc += 4; }
                case SLLI -> { x[rd] = x[rs1] << imm; pc += 4; }
                case SRLI -> { x[rd] = x[rs1] >>> imm; pc += 4; }
                case SRAI -> { x[rd] = x[rs1] >> imm; pc += 4; }
                case ADD -> { x[rd] = x[rs1] + x[rs2]; pc += 4; }
                case SUB -> { x[rd] = x[rs1] - x[rs2]; pc += 4; }
                // Java masks int shift counts to 5 bits, exactly as RV32 uses rs2[4:0].
                case SLL -> { x[rd] = x[rs1] << x[rs2]; pc += 4; }
                case SLT -> { x[rd] = x[rs1] < x[rs2] ? 1 : 0; pc += 4; }
                case SLTU -> { x[rd] = Integer.compareUnsigned(x[rs1], x[rs2]) < 0 ? 1 : 0; pc += 4; }
                case XOR -> { x[rd] = x[rs1] ^ x[rs2]; pc += 4; }
                case SRL -> { x[rd] = x[rs1] >>> x[rs2]; pc += 4; }
                case SRA -> { x[rd] = x[rs1] >> x[rs2]; pc += 4; }
                case OR -> { x[rd] = x[rs1] | x[rs2]; pc += 4; }
                case AND -> { x[rd] = x[rs1] & x[rs2]; pc += 4; }
                case MUL -> { x[rd] = x[rs1] * x[rs2]; pc += 4; }
                case MULH -> { x[rd] = (int) (((long) x[rs1] * (long) x[rs2]) >> 32); pc += 4; }
                case MULHSU -> { x[rd] = (int) (((long) x[rs1] * Integer.toUnsignedLong(x[rs2])) >> 32); pc += 4; }
                case MULHU -> { x[rd] = (int) ((Integer.toUnsignedLong(x[rs1]) * Integer.toUnsignedLong(x[rs2])) >>> 32); pc += 4; }
                case DIV -> { x[rd] = div(x[rs1], x[rs2]); pc += 4; }
                case DIVU -> { int b = x[rs2]; x[rd] = b == 0 ? -1 : Integer.divideUnsigned(x[rs1], b); pc += 4; }
                case REM -> { x[rd] = rem(x[rs1], x[rs2]); pc += 4; }
                case REMU -> { int b = x[rs2]; x[rd] = b == 0 ? x[rs1] : Integer.remainderUnsigned(x[rs1], b); pc += 4; }
                case FENCE, WFI -> pc += 4;
                // The double-precision work of kernels, inline; anything unusual falls to the slow path.
                case FLD -> {
                    int o = x[rs1] + imm - memBase;
                    if ((o & 7) == 0 && Integer.compareUnsigned(o, memSize) < 0 && (mstatus & MSTATUS_FS) != 0) {
                        f[rd] = (long) LONG_LE.get(mem, o);
                        mstatus |= MSTATUS_FS;
                        pc += 4;
                    } else slow = true;
                }
                case FSD -> {
                    int o = x[rs1] + imm - memBase;
                    if ((o & 7) == 0 && Integer.compareUnsigned(o, memSize) < 0 && (mstatus & MSTATUS_FS) != 0
                            && !storeHook[o >>> PAGE_SHIFT]) {
                        LONG_LE.set(mem, o, f[rs2]);
                        pc += 4;
                    } else slow = true;
                }
                case FADD_D, FSUB_D, FMUL_D, FDIV_D -> {
                    int rm = (w >>> 28) & 7;
                    if (rm == 7) rm = frm;
                    if (rm <= 4 && (mstatus & MSTATUS_FS) != 0) {
                        f[rd] = switch (op) {
                            case FADD_D -> fpu.addD(f[rs1], f[rs2], rm);
                            case FSUB_D -> fpu.subD(f[rs1], f[rs2], rm);
                            case FMUL_D -> fpu.mulD(f[rs1], f[rs2], rm);
                            default -> fpu.divD(f[rs1], f[rs2], rm);
                        };
                        mstatus |= MSTATUS_FS;
                        pc += 4;
                    } else slow = true;
                }
                case FMADD_D, FMSUB_D, FNMSUB_D, FNMADD_D -> {
                    int rm = (w >>> 28) & 7;
                    if (rm == 7) rm = frm;
                    if (rm <= 4 && (mstatus & MSTATUS_FS) != 0) {
                        f[rd] = fpu.fmaD(f[rs1], f[rs2], f[(w >>> 23) & 31],
                                op == FNMSUB_D || op == FNMADD_D, op == FMSUB_D || op == FNMADD_D, rm);
                        mstatus |= MSTATUS_FS;
                        pc += 4;
                    } else slow = true;
                }
                case FSGNJ_D -> {  // fmv.d
                    if ((mstatus & MSTATUS_FS) != 0) {
                        f[rd] = (f[rs1] & ~FloatFormat.DOUBLE.signBit) | (f[rs2] & FloatFormat.DOUBLE.signBit);
                        pc += 4;
                    } else slow = true;
                }
                case FLT_D, FLE_D, FEQ_D -> {
                    if ((mstatus & MSTATUS_FS) != 0) {
                        int relation = op == FEQ_D ? SoftFloat.EQ : op == FLT_D ? SoftFloat.LT : SoftFloat.LE;
                        x[rd] = fpu.compare(FloatFormat.DOUBLE, f[rs1], f[rs2], relation) ? 1 : 0;
                        pc += 4;
                    } else slow = true;
                }
                default -> slow = true;
            }
            if (slow) {
                // Everything rarer than integer code lives outside the hot loop.
                slow = false;
                this.pc = pc;
                this.cycles = cycles;
                this.instret = instret;
                executeRare(op, w, imm, rd, rs1, rs2);
                pc = this.pc;
                cycles = this.cycles;
                instret = this.instret;
                if (op == FENCE_I) { ops = null; pageStart = 1; }
                else if (pageStart != 1 && pageOps[pageStart >>> PAGE_SHIFT] == null) { ops = null; pageStart = 1; }
                if (stop != null) break;
            }
            x[0] = 0;
            if (stop != null) break;
        }
        x[0] = 0;
        this.pc = pc;
        this.cycles = cycles;
        this.instret = instret;
        StopReason s = stop;
        stop = null;
        return s != null ? s : BUDGET;
    }

    /** RV32 division (also called by translated blocks). */
    static int div(int a, int b) {
        if (b == 0) return -1;
        if (a == Integer.MIN_VALUE && b == -1) return a;  // overflow: the quotient is the dividend
        return a / b;
    }

    static int rem(int a, int b) {
        if (b == 0) return a;
        if (a == Integer.MIN_VALUE && b == -1) return 0;
        return a % b;
    }

    /** Gives a page its decode cache (once), and from then on stores into it are checked. */
    private void decodePage(int page) {
        if (pageOps[page] == null) {
            pageOps[page] = new int[PAGE_SLOTS];
            pageImm[page] = new int[PAGE_SLOTS];
            storeHook[page] = true;
        }
    }

    private int decodeInto(int[] ops, int[] imms, int slot, int off) {
        if (blockMemory != null) blockMemory.markCode(off);
        int word = (int) INT_LE.get(mem, off);
        Decoded d = decoder.decode(word);
        imms[slot] = d.op() == ILLEGAL ? word : d.imm();
        int packed = d.packed();
        ops[slot] = packed;
        return packed;
    }

    /** A store landed in a page with decoded code or a watch: invalidate and check. @return stop the loop */
    private boolean afterStore(int off, int size, int value) {
        int page = off >>> PAGE_SHIFT;
        int[] ops = pageOps[page];
        if (ops != null) {
            // Blocks never span pages; a store into data beside them leaves them be.
            if (pageBlocks != null && (blockMemory.code(off) || blockMemory.code((off + size - 1) & ~3))) dropBlocks(page, true);
            int first = (off >>> 2) & (PAGE_SLOTS - 1), last = ((off + size - 1) >>> 2) & (PAGE_SLOTS - 1);
            for (int s = first; s <= last; s++) ops[s] = 0;
        }
        if (watching && ((off + memBase) & ~3) == watchAddress) {
            stop = new StopReason.Watch(off + memBase, value);
            return true;
        }
        return false;
    }

    // ------------------------------------------------------------------ traps

    private int syncTrap(TrapCause cause, int pc, int tval, long cycles, long instret) {
        this.cycles = cycles;
        this.instret = instret - 1; // the trapping instruction does not retire
        return trap(cause, pc, tval);
    }

    /**
     * Takes an exception at {@code pc}. With a handler installed, enters it as the privileged spec
     * says (3.1.6.1: MPIE <- MIE, MIE <- 0; mepc, mcause, mtval) and returns its address; without
     * one, records the stop and returns {@code pc} unchanged.
     */
    private int trap(TrapCause cause, int pc, int tval) {
        this.pc = pc;
        if (mtvec == 0) {
            stop = new StopReason.Trap(cause, pc, tval);
            return pc;
        }
        mepc = pc;
        mcause = cause.code();
        mtval = tval;
        int mie = (mstatus & MSTATUS_MIE) != 0 ? MSTATUS_MPIE : 0;
        mstatus = (mstatus & ~(MSTATUS_MIE | MSTATUS_MPIE)) | mie;
        cycles += cost[ECALL];
        this.pc = mtvec & ~3;
        return this.pc;
    }

    // ------------------------------------------------------------------ slow memory paths

    private long syncLoad(int address, int size, int pc, long cycles, long instret) {
        this.pc = pc;
        this.cycles = cycles;
        this.instret = instret;
        long v = load(address, size);
        if (v == TRAPPED) this.instret--;
        return v;
    }

    private boolean syncStore(int address, int value, int size, int pc, long cycles, long instret) {
        this.pc = pc;
        this.cycles = cycles;
        this.instret = instret;
        boolean ok = store(address, value, size);
        if (!ok) this.instret--;
        return ok;
    }

    /** Loads {@code size} bytes (zero-extended) at this.pc's instruction, or traps and returns TRAPPED. */
    private long load(int address, int size) {
        if ((address & (size - 1)) != 0) {
            trap(TrapCause.LOAD_MISALIGNED, pc, address);
            return TRAPPED;
        }
        long v = peek(address, size);
        if (v == TRAPPED) trap(TrapCause.LOAD_ACCESS_FAULT, pc, address);
        return v;
    }

    /** Reads an aligned value (zero-extended) without trapping; TRAPPED if nothing answers there. */
    private long peek(int address, int size) {
        int o = address - memBase;
        if (Integer.compareUnsigned(o, memSize) < 0) return read(mem, o, size);
        o = address - mem2Base;
        if (mem2 != null && Integer.compareUnsigned(o, mem2Size) < 0) return read(mem2, o, size);
        try {
            return Integer.toUnsignedLong(bus.load(address, size));
        } catch (BusFault e) {
            return TRAPPED;
        }
    }

    private static long read(byte[] m, int o, int size) {
        return switch (size) {
            case 1 -> m[o] & 0xff;
            case 2 -> (short) SHORT_LE.get(m, o) & 0xffff;
            default -> (long) (int) INT_LE.get(m, o) & 0xffff_ffffL;
        };
    }

    private static void write(byte[] m, int o, int value, int size) {
        switch (size) {
            case 4 -> INT_LE.set(m, o, value);
            case 2 -> SHORT_LE.set(m, o, (short) value);
            default -> m[o] = (byte) value;
        }
    }

    /** Stores at this.pc's instruction; false if it trapped. */
    private boolean store(int address, int value, int size) {
        if ((address & (size - 1)) != 0) {
            trap(TrapCause.STORE_MISALIGNED, pc, address);
            return false;
        }
        int o = address - memBase;
        if (Integer.compareUnsigned(o, memSize) < 0) {
            write(mem, o, value, size);
            if (storeHook[o >>> PAGE_SHIFT]) afterStore(o, size, value);
            return true;
        }
        o = address - mem2Base;
        if (mem2 != null && Integer.compareUnsigned(o, mem2Size) < 0) {
            write(mem2, o, value, size);
            return true;
        }
        try {
            bus.store(address, value, size);
            return true;
        } catch (BusFault e) {
            trap(TrapCause.STORE_ACCESS_FAULT, pc, address);
            return false;
        }
    }

    // ------------------------------------------------------------------ everything else

    /** Executes an instruction outside the hot loop; state is in the fields. */
    private void executeRare(int op, int w, int imm, int rd, int rs1, int rs2) {
        int thisPc = pc;
        switch (op) {
            case ILLEGAL, 0 -> illegal(imm);
            case ECALL -> { instret--; trap(TrapCause.ECALL_FROM_M, thisPc, 0); }
            case EBREAK -> { instret--; trap(TrapCause.BREAKPOINT, thisPc, thisPc); }
            case MRET -> {
                int mpie = (mstatus & MSTATUS_MPIE) != 0 ? MSTATUS_MIE : 0;
                mstatus = (mstatus & ~MSTATUS_MIE) | mpie | MSTATUS_MPIE;
                pc = mepc;
            }
            case FENCE_I -> { flushDecodeCache(); pc += 4; }
            case CSRRW, CSRRS, CSRRC, CSRRWI, CSRRSI, CSRRCI -> csrInstruction(op, imm, rd, rs1, thisPc);
            case LR_W, SC_W, AMOSWAP_W, AMOADD_W, AMOXOR_W, AMOAND_W, AMOOR_W, AMOMIN_W, AMOMAX_W, AMOMINU_W, AMOMAXU_W ->
                    atomic(op, rd, rs1, rs2);
            default -> { if (floatingPoint(op, w, imm, rd, rs1, rs2)) pc += 4; }
        }
    }

    private void illegal(int word) {
        instret--;
        trap(TrapCause.ILLEGAL_INSTRUCTION, pc, word);
    }


    private void atomic(int op, int rd, int rs1, int rs2) {
        int address = x[rs1];
        if (op == LR_W) {
            long v = load(address, 4);
            if (v == TRAPPED) { instret--; return; }
            reserved = true;
            reservation = address;
            setX(rd, (int) v);
            pc += 4;
            return;
        }
        if (op == SC_W) {
            // VexRiscv keeps one reservation bit, cleared by every sc; ordinary stores keep it.
            if ((address & 3) != 0) { instret--; trap(TrapCause.STORE_MISALIGNED, pc, address); return; }
            boolean ok = reserved && reservation == address;
            reserved = false;
            if (ok && !store(address, x[rs2], 4)) { instret--; return; }
            setX(rd, ok ? 0 : 1);
            pc += 4;
            return;
        }
        // AMOs report misalignment and faults as store/AMO exceptions (spec table 3.6).
        if ((address & 3) != 0) { instret--; trap(TrapCause.STORE_MISALIGNED, pc, address); return; }
        long loaded = peek(address, 4);
        if (loaded == TRAPPED) { instret--; trap(TrapCause.STORE_ACCESS_FAULT, pc, address); return; }
        int old = (int) loaded, src = x[rs2];
        int result = switch (op) {
            case AMOSWAP_W -> src;
            case AMOADD_W -> old + src;
            case AMOXOR_W -> old ^ src;
            case AMOAND_W -> old & src;
            case AMOOR_W -> old | src;
            case AMOMIN_W -> Math.min(old, src);
            case AMOMAX_W -> Math.max(old, src);
            case AMOMINU_W -> Integer.compareUnsigned(old, src) <= 0 ? old : src;
            default -> Integer.compareUnsigned(old, src) >= 0 ? old : src;
        };
        if (!store(address, result, 4)) { instret--; return; }
        setX(rd, old);
        pc += 4;
    }

    // ------------------------------------------------------------------ CSRs

    private void csrInstruction(int op, int csr, int rd, int rs1, int thisPc) {
        boolean immediate = op == CSRRWI || op == CSRRSI || op == CSRRCI;
        int operand = immediate ? rs1 : x[rs1];
        boolean writes = op == CSRRW || op == CSRRWI || rs1 != 0;
        if (!csrExists(csr) || (writes && (csr >>> 10) == 3)) { illegal(instructionWord()); return; }
        int old = readCsr(csr);
        if (writes) {
            int value = switch (op) {
                case CSRRW, CSRRWI -> operand;
                case CSRRS, CSRRSI -> old | operand;
                default -> old & ~operand;
            };
            writeCsr(csr, value);
        }
        setX(rd, old);
        pc = thisPc + 4;
    }

    private boolean fpuEnabled() { return variant == Variant.RV32G && (mstatus & MSTATUS_FS) != 0; }

    private boolean csrExists(int csr) {
        return switch (csr) {
            case 0x001, 0x002, 0x003 -> fpuEnabled();
            case 0xc00, 0xc01, 0xc02, 0xc80, 0xc81, 0xc82, 0xb00, 0xb02, 0xb80, 0xb82,
                 0xf11, 0xf12, 0xf13, 0xf14,
                 0x300, 0x301, 0x304, 0x305, 0x340, 0x341, 0x342, 0x343, 0x344 -> true;
            default -> false;
        };
    }

    private int readCsr(int csr) {
        // Counters as they stood before the reading instruction (charged and counted already).
        long mcycle = cycles - cost[CSRRS] + cycleOffset, minstret = instret - 1 + instretOffset;
        return switch (csr) {
            case 0x001 -> fpu.flags;
            case 0x002 -> frm;
            case 0x003 -> fcsr();
            // The board's VexRiscv has no time CSR; it reads as the cycle counter here so that
            // static programs that use rdtime run both here and under qemu-user.
            case 0xc00, 0xc01, 0xb00 -> (int) mcycle;
            case 0xc80, 0xc81, 0xb80 -> (int) (mcycle >>> 32);
            case 0xc02, 0xb02 -> (int) minstret;
            case 0xc82, 0xb82 -> (int) (minstret >>> 32);
            case 0x300 -> mstatus | ((mstatus & MSTATUS_FS) == MSTATUS_FS ? MSTATUS_SD : 0);
            case 0x301 -> misa();
            case 0x304 -> mie;
            case 0x305 -> mtvec;
            case 0x340 -> mscratch;
            case 0x341 -> mepc;
            case 0x342 -> mcause;
            case 0x343 -> mtval;
            default -> 0; // mip, mvendorid, marchid, mimpid, mhartid
        };
    }

    private void writeCsr(int csr, int value) {
        switch (csr) {
            case 0x001 -> fpu.flags = value & 31;
            case 0x002 -> frm = value & 7;
            case 0x003 -> setFcsr(value);
            // Writes move an offset: simulated time itself never jumps backwards.
            case 0xb00 -> cycleOffset = ((cycles + cycleOffset) & ~0xffff_ffffL | Integer.toUnsignedLong(value)) - cycles;
            case 0xb80 -> cycleOffset = ((long) value << 32 | (cycles + cycleOffset) & 0xffff_ffffL) - cycles;
            case 0xb02 -> instretOffset = ((instret + instretOffset) & ~0xffff_ffffL | Integer.toUnsignedLong(value)) - instret;
            case 0xb82 -> instretOffset = ((long) value << 32 | (instret + instretOffset) & 0xffff_ffffL) - instret;
            case 0x300 -> {
                int writable = MSTATUS_MIE | MSTATUS_MPIE | (variant == Variant.RV32G ? MSTATUS_FS : 0);
                mstatus = (mstatus & ~writable) | (value & writable) | MSTATUS_MPP;
            }
            case 0x304 -> mie = value & 0x888;
            case 0x305 -> mtvec = value & ~2; // direct (0) or vectored (1) mode; bit 1 reserved
            case 0x340 -> mscratch = value;
            case 0x341 -> mepc = value & ~3;
            case 0x342 -> mcause = value;
            case 0x343 -> mtval = value;
            default -> { } // misa is WARL and fixed here; mip has no writable bits without interrupts
        }
    }

    private int misa() {
        int ext = 1 << ('I' - 'A') | 1 << ('M' - 'A') | 1 << ('A' - 'A');
        if (variant == Variant.RV32G) ext |= 1 << ('F' - 'A') | 1 << ('D' - 'A');
        return 1 << 30 | ext;
    }

    // ------------------------------------------------------------------ floating point

    private long readS(int reg) {
        long v = f[reg];
        // A single-precision operand not properly NaN-boxed reads as the canonical NaN (spec 12.2).
        return (v & BOX) == BOX ? v & 0xffff_ffffL : CANONICAL_NAN_S;
    }

    private void writeS(int reg, long bits) {
        f[reg] = BOX | (bits & 0xffff_ffffL);
        mstatus |= MSTATUS_FS;
    }

    private void writeD(int reg, long bits) {
        f[reg] = bits;
        mstatus |= MSTATUS_FS;
    }

    /** Ops with a rounding-mode field (whose dynamic mode must be valid). */
    private static final boolean[] USES_RM = new boolean[OP_COUNT];
    static {
        for (Rv32Isa.Pattern p : Rv32Isa.patterns()) {
            Rv32Isa.Format format = p.format();
            USES_RM[p.op()] = format == Rv32Isa.Format.FR || format == Rv32Isa.Format.FR1 || format == Rv32Isa.Format.R4;
        }
    }

    /**
     * A load inside a translated block that {@link BlockMemory} cannot serve, done on the bus (a
     * device, or RAM other than the two the block reaches) exactly as the interpreter does it: the
     * block has stored pc, cycles and instret through this instruction, so a device sees the same
     * time. {@code kind} is the size, plus 8 if the value is sign-extended. MISS, with nothing done,
     * when the interpreter must execute it instead: misaligned (it traps), or nothing mapped there.
     */
    long busLoadInBlock(int address, int kind, int pc) {
        this.pc = pc;
        int size = kind & 7;
        if ((address & (size - 1)) != 0) return BlockMemory.MISS;
        int v;
        try {
            v = bus.load(address, size);
        } catch (BusFault e) {
            return BlockMemory.MISS;
        }
        return switch (kind) {
            case 1 | 8 -> (byte) v;
            case 2 | 8 -> (short) v;
            default -> v;            // lw, and lbu / lhu as the bus zero-extends them
        };
    }

    /**
     * A store inside a translated block that {@link BlockMemory} cannot serve, done on the bus as
     * the interpreter does it (see {@link #busLoadInBlock}); false, with nothing done, when it
     * traps, or lands in the primary RAM (code or a watched word: the interpreter's invalidation).
     */
    boolean busStoreInBlock(int address, int value, int size, int pc) {
        this.pc = pc;
        if ((address & (size - 1)) != 0 || Integer.compareUnsigned(address - memBase, memSize) < 0) return false;
        try {
            bus.store(address, value, size);
            return true;
        } catch (BusFault e) {
            return false;
        }
    }

    /**
     * A floating-point instruction inside a translated block. It runs here only if it cannot trap:
     * the FPU is on, the rounding mode valid, a load or store aligned and in RAM (a store not in a
     * page of code); otherwise nothing happens and false sends the block out before it.
     */
    boolean floatInBlock(int w, int imm) {
        int op = w & Decoded.OP_MASK, rd = (w >>> 8) & 31, rs1 = (w >>> 13) & 31, rs2 = (w >>> 18) & 31;
        if (!fpuEnabled()) return false;
        int rm = (w >>> 28) & 7;
        if (USES_RM[op] && (rm == 7 ? frm : rm) > 4) return false;
        boolean safe = switch (op) {
            case FLW, FSW -> plainRam(x[rs1] + imm, 4, op == FSW);
            case FLD, FSD -> plainRam(x[rs1] + imm, 8, op == FSD);
            default -> true;
        };
        return safe && floatingPoint(op, w, imm, rd, rs1, rs2);
    }

    /** An aligned access that the primary or secondary RAM serves without a trap or a store hook. */
    private boolean plainRam(int address, int size, boolean store) {
        if ((address & (size - 1)) != 0) return false;
        int o = address - memBase;
        if (Integer.compareUnsigned(o, memSize - size) <= 0) return !store || (!blockMemory.code(o) && (size < 8 || !blockMemory.code(o + 4)));
        o = address - mem2Base;
        return mem2 != null && Integer.compareUnsigned(o, mem2Size - size) <= 0;
    }

    /** Executes a floating-point instruction; false if it trapped (the pc then is the trap's). */
    private boolean floatingPoint(int op, int w, int imm, int rd, int rs1, int rs2) {
        if (!fpuEnabled()) { illegal(instructionWord()); return false; }
        int rm = (w >>> 28) & 7;
        if (rm == 7) rm = frm;
        if (USES_RM[op] && rm > 4) { illegal(instructionWord()); return false; }
        int rs3 = (w >>> 23) & 31;
        FloatFormat S = FloatFormat.SINGLE, D = FloatFormat.DOUBLE;
        switch (op) {
            case FLW, FLD -> {
                int address = x[rs1] + imm;
                if (op == FLW) {
                    long v = load(address, 4);
                    if (v == TRAPPED) { instret--; return false; }
                    writeS(rd, v);
                } else {
                    long v = loadDouble(address);
                    if (doubleLoadTrapped) { instret--; return false; }
                    writeD(rd, v);
                }
            }
            case FSW -> { if (!store(x[rs1] + imm, (int) f[rs2], 4)) { instret--; return false; } }
            case FSD -> { if (!storeDouble(x[rs1] + imm, f[rs2])) { instret--; return false; } }
            case FADD_S -> writeS(rd, fpu.addS(readS(rs1), readS(rs2), rm));
            case FSUB_S -> writeS(rd, fpu.subS(readS(rs1), readS(rs2), rm));
            case FMUL_S -> writeS(rd, fpu.mulS(readS(rs1), readS(rs2), rm));
            case FDIV_S -> writeS(rd, fpu.divS(readS(rs1), readS(rs2), rm));
            case FSQRT_S -> writeS(rd, fpu.sqrtS(readS(rs1), rm));
            case FADD_D -> writeD(rd, fpu.addD(f[rs1], f[rs2], rm));
            case FSUB_D -> writeD(rd, fpu.subD(f[rs1], f[rs2], rm));
            case FMUL_D -> writeD(rd, fpu.mulD(f[rs1], f[rs2], rm));
            case FDIV_D -> writeD(rd, fpu.divD(f[rs1], f[rs2], rm));
            case FSQRT_D -> writeD(rd, fpu.sqrtD(f[rs1], rm));
            case FMADD_S, FMSUB_S, FNMSUB_S, FNMADD_S -> writeS(rd, fpu.fma(S, readS(rs1), readS(rs2), readS(rs3),
                    op == FNMSUB_S || op == FNMADD_S, op == FMSUB_S || op == FNMADD_S, rm));
            case FMADD_D, FMSUB_D, FNMSUB_D, FNMADD_D -> writeD(rd, fpu.fmaD(f[rs1], f[rs2], f[rs3],
                    op == FNMSUB_D || op == FNMADD_D, op == FMSUB_D || op == FNMADD_D, rm));
            case FSGNJ_S, FSGNJN_S, FSGNJX_S -> {
                long a = readS(rs1), b = readS(rs2);
                long sign = switch (op) {
                    case FSGNJ_S -> b;
                    case FSGNJN_S -> ~b;
                    default -> a ^ b;
                } & S.signBit;
                writeS(rd, (a & ~S.signBit) | sign);
            }
            case FSGNJ_D, FSGNJN_D, FSGNJX_D -> {
                long a = f[rs1], b = f[rs2];
                long sign = switch (op) {
                    case FSGNJ_D -> b;
                    case FSGNJN_D -> ~b;
                    default -> a ^ b;
                } & D.signBit;
                writeD(rd, (a & ~D.signBit) | sign);
            }
            case FMIN_S, FMAX_S -> writeS(rd, fpu.minMax(S, readS(rs1), readS(rs2), op == FMAX_S));
            case FMIN_D, FMAX_D -> writeD(rd, fpu.minMax(D, f[rs1], f[rs2], op == FMAX_D));
            case FEQ_S, FLT_S, FLE_S -> setX(rd, fpu.compare(S, readS(rs1), readS(rs2),
                    op == FEQ_S ? SoftFloat.EQ : op == FLT_S ? SoftFloat.LT : SoftFloat.LE) ? 1 : 0);
            case FEQ_D, FLT_D, FLE_D -> setX(rd, fpu.compare(D, f[rs1], f[rs2],
                    op == FEQ_D ? SoftFloat.EQ : op == FLT_D ? SoftFloat.LT : SoftFloat.LE) ? 1 : 0);
            case FCLASS_S -> setX(rd, SoftFloat.classify(S, readS(rs1)));
            case FCLASS_D -> setX(rd, SoftFloat.classify(D, f[rs1]));
            // fmv.x.w moves the raw low 32 bits: no NaN-box check (spec 11.7).
            case FMV_X_W -> setX(rd, (int) f[rs1]);
            case FMV_W_X -> writeS(rd, x[rs1]);
            case FCVT_W_S, FCVT_WU_S -> setX(rd, fpu.toInt(S, readS(rs1), op == FCVT_WU_S, rm));
            case FCVT_W_D, FCVT_WU_D -> setX(rd, fpu.toInt(D, f[rs1], op == FCVT_WU_D, rm));
            case FCVT_S_W, FCVT_S_WU -> writeS(rd, fpu.fromInt(S, x[rs1], op == FCVT_S_WU, rm));
            case FCVT_D_W, FCVT_D_WU -> writeD(rd, fpu.fromInt(D, x[rs1], op == FCVT_D_WU, rm));
            case FCVT_S_D -> writeS(rd, fpu.convert(D, S, f[rs1], rm));
            case FCVT_D_S -> writeD(rd, fpu.convert(S, D, readS(rs1), rm));
            default -> throw new IllegalStateException("op " + Rv32Isa.name(op) + " has no semantics");
        }
        return true;
    }

    /** Set by {@link #loadDouble}: every 64-bit pattern is a valid double, so no sentinel value. */
    private boolean doubleLoadTrapped;

    private long loadDouble(int address) {
        doubleLoadTrapped = true;
        if ((address & 7) != 0) {
            trap(TrapCause.LOAD_MISALIGNED, pc, address);
            return 0;
        }
        int o = address - memBase;
        if (Integer.compareUnsigned(o, memSize - 4) < 0) {
            doubleLoadTrapped = false;
            return (long) LONG_LE.get(mem, o);
        }
        long lo = load(address, 4);
        if (lo == TRAPPED) return 0;
        long hi = load(address + 4, 4);
        if (hi == TRAPPED) return 0;
        doubleLoadTrapped = false;
        return hi << 32 | lo;
    }

    private boolean storeDouble(int address, long value) {
        if ((address & 7) != 0) {
            trap(TrapCause.STORE_MISALIGNED, pc, address);
            return false;
        }
        return store(address, (int) value, 4) && store(address + 4, (int) (value >>> 32), 4);
    }

    /** The word of the instruction at pc, for mtval (the decode cache keeps fields, not words). */
    private int instructionWord() {
        long w = peek(pc, 4);
        return w == TRAPPED ? 0 : (int) w;
    }
}
