package org.coredev.compiler.or1k;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.coredev.compiler.CompileException;
import org.coredev.compiler.backend.FunctionCode;
import org.coredev.compiler.backend.LinearScan;
import org.coredev.compiler.backend.MachineCode;
import org.coredev.compiler.ir.Block;
import org.coredev.compiler.ir.Function;
import org.coredev.compiler.ir.Insn;
import org.coredev.compiler.ir.IrModule;
import org.coredev.compiler.ir.VReg;

/**
 * ORBIS32 code for IR functions (ARTIQ's or1k target: mul, div, cmov; no FPU, so the IR has no
 * double registers), with the OR1K calling convention of {@link Or1kCallingConvention}. Frame,
 * from sp (r1) upwards: outgoing stack arguments, r9, the callee-saved registers the allocation
 * used, spill slots, the IR's stack slots; 8-byte aligned. r13, r15 and r17 are the scratch
 * registers for spilled operands; inside one instruction r3-r8, r11 and r12 are free too (the
 * allocator never hands them out), which the high-word multiply uses. A function with an
 * {@link Insn.Alloca} moves sp at run time: it keeps r2 as its frame pointer (sp after the
 * prologue) and reaches its frame through it; outgoing arguments stay at sp.
 */
public final class Or1kCodeGen {
    private static final int T0 = 13, T1 = 15, T2 = 17;
    /** Where the personality leaves the ARTIQ exception at a landing pad (UNWIND_DATA_REG.1 on or1k). */
    private static final int EXCEPTION_REGISTER = 4;
    /** r2 and the even r14-r30 callee-saved; the odd r19-r31 for values that live across no call. */
    public static final LinearScan.Registers REGISTERS = new LinearScan.Registers(
            new int[] {14, 16, 18, 20, 22, 24, 26, 28, 30, 2}, new int[] {19, 21, 23, 25, 27, 29, 31},
            new int[0], new int[0]);
    /** {@link #REGISTERS} without r2, the frame pointer of a function that moves sp. */
    private static final LinearScan.Registers REGISTERS_WITH_FRAME_POINTER = new LinearScan.Registers(
            new int[] {14, 16, 18, 20, 22, 24, 26, 28, 30}, REGISTERS.tempWords(), new int[0], new int[0]);
    private static final int FP = 2;

    private final Or1kAsm asm = new Or1kAsm();
    private final List<FunctionCode> functions = new ArrayList<>();

    private LinearScan.Allocation alloc;
    private int[] spillOffset;
    private int[] slotOffset;
    private int frameSize;
    private int lrOffset, outgoing;
    /** The register the frame is reached through: sp, or r2 in a function that moves sp. */
    private int frame;
    private List<int[]> savedWords;   // {register, sp offset}
    private List<int[]> callSites;    // {code offset, length, landing pad block id}

    private Or1kCodeGen() { }

    public static MachineCode generate(IrModule module, String file) {
        Or1kCodeGen g = new Or1kCodeGen();
        for (Function f : module.functions) g.function(f, file);
        return new MachineCode(g.asm.finish(), g.asm.fixups(), g.functions);
    }

    private void function(Function f, String file) {
        boolean movesSp = f.blocks.stream().anyMatch(b -> b.insns.stream().anyMatch(i -> i instanceof Insn.Alloca || i instanceof Insn.RestoreStack));
        alloc = LinearScan.allocate(f, movesSp ? REGISTERS_WITH_FRAME_POINTER : REGISTERS);
        Or1kCallingConvention.Layout incoming = Or1kCallingConvention.layout(f.params, f.paramPairs);
        outgoing = 0;
        for (Block b : f.blocks) for (Insn i : b.insns) if (i instanceof Insn.Call c)
            outgoing = Math.max(outgoing, Or1kCallingConvention.layout(c.args(), c.pairs()).stackSize());
        lrOffset = outgoing;
        int off = lrOffset + 4;
        savedWords = new ArrayList<>();
        if (movesSp) { savedWords.add(new int[] {FP, off}); off += 4; }
        for (int r = alloc.usedWordRegs().nextSetBit(0); r >= 0; r = alloc.usedWordRegs().nextSetBit(r + 1)) {
            savedWords.add(new int[] {r, off});
            off += 4;
        }
        spillOffset = new int[alloc.spillCount()];
        for (int k = 0; k < spillOffset.length; k++) { spillOffset[k] = off; off += 4; }
        slotOffset = new int[f.slots.size()];
        for (int k = 0; k < f.slots.size(); k++) {
            off = align(off, f.slots.get(k).align());
            slotOffset[k] = off;
            off += f.slots.get(k).size();
        }
        frameSize = align(off, 8);
        if (frameSize > 32760) throw new CompileException(file, 1, 1, "function %s(): its frame is too large for or1k (%d bytes)".formatted(f.name, frameSize));

        int start = asm.offset();
        asm.addi(Or1kAsm.SP, Or1kAsm.SP, -frameSize);
        int cfaSetAt = asm.offset() - start;
        List<FunctionCode.Saved> saved = new ArrayList<>();
        asm.sw(Or1kAsm.LR, Or1kAsm.SP, lrOffset);
        saved.add(new FunctionCode.Saved(Or1kAsm.LR, lrOffset - frameSize));
        for (int[] s : savedWords) { asm.sw(s[0], Or1kAsm.SP, s[1]); saved.add(new FunctionCode.Saved(s[0], s[1] - frameSize)); }
        int savesDoneAt = asm.offset() - start;
        frame = movesSp ? FP : Or1kAsm.SP;
        if (movesSp) asm.mv(FP, Or1kAsm.SP);
        int framePointerSetAt = asm.offset() - start;

        // Parameters arrive in r3-r8 and above the frame.
        for (int k = 0; k < f.params.size(); k++) {
            Or1kCallingConvention.Word w = incoming.words().get(k);
            if (w.inRegister()) storeW(f.params.get(k), w.register());
            else { asm.lwz(T0, frame, frameSize + w.stackOffset()); storeW(f.params.get(k), T0); }
        }

        callSites = new ArrayList<>();
        Map<Block, Integer> labels = new HashMap<>();
        for (Block b : f.blocks) labels.put(b, asm.newLabel());
        for (int k = 0; k < f.blocks.size(); k++) {
            Block b = f.blocks.get(k);
            Block next = k + 1 < f.blocks.size() ? f.blocks.get(k + 1) : null;
            asm.bind(labels.get(b));
            for (Insn i : b.insns) insn(i, labels, next, file, f.name);
            if (!b.terminated()) asm.trap();
        }
        List<FunctionCode.CallSite> sites = new ArrayList<>();
        for (int[] c : callSites)
            sites.add(new FunctionCode.CallSite(c[0] - start, c[1], asm.labelOffset(labels.get(f.blocks.get(c[2]))) - start,
                    FunctionCode.CallSite.catchesOf(f.blocks.get(c[2]))));
        functions.add(new FunctionCode(f.name, f.exported, start, asm.offset() - start, frameSize, cfaSetAt, savesDoneAt, saved, sites,
                movesSp ? FP : -1, framePointerSetAt));
    }

    private static int align(int v, int a) { return (v + a - 1) / a * a; }

    // ---- operands --------------------------------------------------------------------------

    private int useW(VReg v, int scratch) {
        if (!alloc.spilled(v)) return alloc.register(v);
        asm.lwz(scratch, frame, spillOffset[alloc.spillIndex(v)]);
        return scratch;
    }

    private int defW(VReg v) { return alloc.spilled(v) ? T0 : alloc.register(v); }

    /** Puts the value of physical register {@code reg} into v's location. */
    private void storeW(VReg v, int reg) {
        if (alloc.spilled(v)) asm.sw(reg, frame, spillOffset[alloc.spillIndex(v)]);
        else asm.mv(alloc.register(v), reg);
    }

    private void loadW(int reg, VReg v) {
        if (alloc.spilled(v)) asm.lwz(reg, frame, spillOffset[alloc.spillIndex(v)]);
        else asm.mv(reg, alloc.register(v));
    }

    private static IllegalStateException noDoubles(Insn i) {
        return new IllegalStateException("or1k is a soft-float target, the IR has no double operations: " + i);
    }

    // ---- instructions ----------------------------------------------------------------------

    private void insn(Insn insn, Map<Block, Integer> labels, Block next, String file, String function) {
        switch (insn) {
            case Insn.Const c -> { int rd = defW(c.dst()); asm.li(rd, c.value()); storeW(c.dst(), rd); }
            case Insn.Move m -> {
                if (m.dst().kind() != VReg.Kind.W) throw noDoubles(m);
                storeW(m.dst(), useW(m.src(), T0));
            }
            case Insn.Bin b -> {
                int ra = useW(b.a(), T0), rb = useW(b.b(), T1), rd = defW(b.dst());
                bin(b.op(), rd, ra, rb);
                storeW(b.dst(), rd);
            }
            case Insn.FBin b -> throw noDoubles(b);
            case Insn.FCmp c -> throw noDoubles(c);
            case Insn.Convert c -> throw noDoubles(c);
            case Insn.AddrOf a -> { int rd = defW(a.dst()); asm.addressOf(rd, a.symbol()); storeW(a.dst(), rd); }
            case Insn.ImportAddr a -> { int rd = defW(a.dst()); asm.loadGot(rd, a.symbol()); storeW(a.dst(), rd); }
            case Insn.SlotAddr s -> { int rd = defW(s.dst()); asm.addi(rd, frame, slotOffset[s.slot()]); storeW(s.dst(), rd); }
            case Insn.Alloca a -> {
                // sp -= size rounded up to 16; the space is above the outgoing-argument area.
                int size = useW(a.size(), T0);
                asm.addi(T1, size, 15);
                asm.li(T2, -16);
                asm.alu("and", T1, T1, T2);
                asm.alu("sub", Or1kAsm.SP, Or1kAsm.SP, T1);
                int rd = defW(a.dst());
                asm.addi(rd, Or1kAsm.SP, outgoing);
                storeW(a.dst(), rd);
            }
            case Insn.SaveStack a -> { int rd = defW(a.dst()); asm.mv(rd, Or1kAsm.SP); storeW(a.dst(), rd); }
            case Insn.RestoreStack a -> asm.mv(Or1kAsm.SP, useW(a.saved(), T0));
            case Insn.Load l -> {
                int base = useW(l.base(), T1), rd = defW(l.dst());
                switch (l.width()) {
                    case WORD -> asm.lwz(rd, base, l.offset());
                    case BYTE -> asm.lbz(rd, base, l.offset());
                    case DOUBLE -> throw noDoubles(l);
                }
                storeW(l.dst(), rd);
            }
            case Insn.Store s -> {
                int base = useW(s.base(), T1);
                switch (s.width()) {
                    case WORD -> asm.sw(useW(s.src(), T0), base, s.offset());
                    case BYTE -> asm.sb(useW(s.src(), T0), base, s.offset());
                    case DOUBLE -> throw noDoubles(s);
                }
            }
            case Insn.Call c -> {
                Or1kCallingConvention.Layout layout = Or1kCallingConvention.layout(c.args(), c.pairs());
                for (int k = 0; k < c.args().size(); k++) {
                    Or1kCallingConvention.Word w = layout.words().get(k);
                    if (w.inRegister()) loadW(w.register(), c.args().get(k));
                    else asm.sw(useW(c.args().get(k), T0), Or1kAsm.SP, w.stackOffset());
                }
                if (c.imported()) asm.loadGot(T0, c.callee());
                if (c.landingPad() != null) callSites.add(new int[] {asm.offset(), 8, c.landingPad().id});
                if (c.imported()) asm.jalr(T0);
                else asm.call(c.callee());
                int n = c.results().size();
                if (n > 8) throw new CompileException(file, 1, 1, "function %s(): a call returns more than 8 words".formatted(function));
                for (int k = 0; k < n; k++) storeW(c.results().get(k), Or1kCallingConvention.result(k, n));
            }
            case Insn.LandingPad l -> storeW(l.exception(), EXCEPTION_REGISTER);
            case Insn.Jump j -> { if (j.target() != next) asm.jump(labels.get(j.target())); }
            case Insn.Branch b when b.ifTrue() == next -> {
                asm.sf("eq", useW(b.cond(), T0), Or1kAsm.ZERO);
                asm.branchIfFlag(labels.get(b.ifFalse()));
            }
            case Insn.Branch b -> {
                asm.sf("ne", useW(b.cond(), T0), Or1kAsm.ZERO);
                asm.branchIfFlag(labels.get(b.ifTrue()));
                if (b.ifFalse() != next) asm.jump(labels.get(b.ifFalse()));
            }
            case Insn.Return r -> {
                int n = r.values().size();
                if (n > 8) throw new CompileException(file, 1, 1, "function %s() returns more than 8 words".formatted(function));
                for (int k = 0; k < n; k++) loadW(Or1kCallingConvention.result(k, n), r.values().get(k));
                if (frame != Or1kAsm.SP) asm.mv(Or1kAsm.SP, frame);   // drop what Allocas took
                asm.lwz(Or1kAsm.LR, Or1kAsm.SP, lrOffset);
                for (int[] s : savedWords) asm.lwz(s[0], Or1kAsm.SP, s[1]);
                asm.addi(Or1kAsm.SP, Or1kAsm.SP, frameSize);
                asm.ret();
            }
            case Insn.Unreachable u -> asm.trap();
        }
    }

    /** rd = ra op rb; ra and rb are not among r3-r8, r11, r12, which the longer sequences use. */
    private void bin(Insn.Op op, int rd, int ra, int rb) {
        switch (op) {
            case ADD, SUB, AND, OR, XOR, SLL, SRL, SRA, MUL, DIV -> asm.alu(op.name().toLowerCase(), rd, ra, rb);
            case REM -> {   // a - (a / b) * b: no remainder instruction in ARTIQ's or1k features
                asm.alu("div", 11, ra, rb);
                asm.alu("mul", 11, 11, rb);
                asm.alu("sub", rd, ra, 11);
            }
            case SLT, SLTU -> {
                asm.sf(op == Insn.Op.SLT ? "lts" : "ltu", ra, rb);
                asm.addi(12, Or1kAsm.ZERO, 1);
                asm.alu("cmov", rd, 12, Or1kAsm.ZERO);
            }
            case MULHU -> { multiplyHighUnsigned(ra, rb); asm.mv(rd, 12); }
            case MULH -> {   // the unsigned high word, less b if a < 0 and a if b < 0
                multiplyHighUnsigned(ra, rb);
                asm.srai(3, ra, 31);
                asm.alu("and", 3, 3, rb);
                asm.alu("sub", 12, 12, 3);
                asm.srai(3, rb, 31);
                asm.alu("and", 3, 3, ra);
                asm.alu("sub", rd, 12, 3);
            }
        }
    }

    /**
     * r12 = the high word of the unsigned 64-bit product of ra and rb, from 16-bit halves: l.mul
     * gives only the low word, and ARTIQ's or1k has no l.muldu.
     */
    private void multiplyHighUnsigned(int ra, int rb) {
        asm.andi(3, ra, 0xffff);          // al
        asm.srli(4, ra, 16);              // ah
        asm.andi(5, rb, 0xffff);          // bl
        asm.srli(6, rb, 16);              // bh
        asm.alu("mul", 7, 3, 5);          // al*bl
        asm.alu("mul", 8, 4, 5);          // ah*bl
        asm.alu("mul", 11, 3, 6);         // al*bh
        asm.alu("mul", 12, 4, 6);         // ah*bh
        asm.srli(7, 7, 16);
        asm.andi(3, 8, 0xffff);
        asm.alu("add", 7, 7, 3);
        asm.andi(3, 11, 0xffff);
        asm.alu("add", 7, 7, 3);          // the middle column with the low product's carry
        asm.srli(7, 7, 16);
        asm.srli(8, 8, 16);
        asm.alu("add", 12, 12, 8);
        asm.srli(11, 11, 16);
        asm.alu("add", 12, 12, 11);
        asm.alu("add", 12, 12, 7);
    }
}
