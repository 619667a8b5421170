package org.coredev.compiler.rv32;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.coredev.compiler.CompileException;
import org.coredev.compiler.Target;
import org.coredev.compiler.backend.FunctionCode;
import org.coredev.compiler.backend.LinearScan;
import org.coredev.compiler.backend.MachineCode;
import org.coredev.compiler.ir.Block;
import org.coredev.compiler.ir.Function;
import org.coredev.compiler.ir.Insn;
import org.coredev.compiler.ir.IrModule;
import org.coredev.compiler.ir.VReg;

/**
 * RV32IM(+D) code for IR functions, with the ilp32 / ilp32d calling convention: word arguments
 * in a0-a7, doubles in fa0-fa7 (rv32g), the rest on the stack ({@link CallingConvention}), results
 * in a0/a1 or fa0. Frame, from sp upwards: outgoing stack arguments, an 8-byte scratch for
 * doubles passed in words, ra, the callee-saved registers the allocation used, spill slots, the IR's stack slots; 16-byte
 * aligned. t0-t2 and ft0-ft1 are the scratch registers for spilled operands and addresses. A
 * function with an {@link Insn.Alloca} moves sp at run time: it keeps s0 as its frame pointer
 * (sp after the prologue) and reaches its frame through it; outgoing arguments stay at sp.
 */
public final class CodeGen {
    private static final int F0 = 0, F1 = 1, FA0 = 10;
    /**
     * s0-s11 and fs0-fs11 callee-saved; t3-t6 and ft2-ft11 for values that live across no call
     * (t0-t2 and ft0-ft1 are this generator's scratch).
     */
    public static final LinearScan.Registers REGISTERS = new LinearScan.Registers(
            new int[] {8, 9, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27}, new int[] {28, 29, 30, 31},
            new int[] {8, 9, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27}, new int[] {2, 3, 4, 5, 6, 7, 28, 29, 30, 31});
    /** {@link #REGISTERS} without s0, the frame pointer of a function that moves sp. */
    private static final LinearScan.Registers REGISTERS_WITH_FRAME_POINTER = new LinearScan.Registers(
            new int[] {9, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27}, REGISTERS.tempWords(),
            REGISTERS.savedDoubles(), REGISTERS.tempDoubles());

    private final Target target;
    private final Asm asm = new Asm();
    private final List<FunctionCode> functions = new ArrayList<>();

    private LinearScan.Allocation alloc;
    private int[] spillOffset;
    private int[] slotOffset;
    private int frameSize;
    private int raOffset, doubleScratch;
    /** The register the frame is reached through: sp, or s0 in a function that moves sp. */
    private int frame;
    private List<int[]> savedWords, savedDoubles;   // {register, sp offset}
    private List<int[]> callSites;                  // {code offset, length, landing pad block id}

    private CodeGen(Target target) { this.target = target; }

    public static MachineCode generate(IrModule module, Target target, String file) {
        CodeGen g = new CodeGen(target);
        for (Function f : module.functions) g.function(f, file);
        return new MachineCode(g.asm.finish(), g.asm.fixups(), g.functions);
    }

    private void function(Function f, String file) {
        boolean movesSp = f.blocks.stream().anyMatch(b -> b.insns.stream().anyMatch(i -> i instanceof Insn.Alloca || i instanceof Insn.RestoreStack));
        alloc = LinearScan.allocate(f, movesSp ? REGISTERS_WITH_FRAME_POINTER : REGISTERS);
        // Frame layout: outgoing stack arguments at sp, a double's word scratch, ra, saves ...
        CallingConvention.Layout incoming = CallingConvention.layout(f.params, f.paramPairs);
        int outgoing = 0;
        boolean scratch = splitsDouble(incoming);
        for (Block b : f.blocks) for (Insn i : b.insns) if (i instanceof Insn.Call c) {
            CallingConvention.Layout l = CallingConvention.layout(c.args(), c.pairs());
            outgoing = Math.max(outgoing, l.stackSize());
            scratch |= splitsDouble(l);
        }
        doubleScratch = outgoing;
        raOffset = outgoing + (scratch ? 8 : 0);
        int off = raOffset + 4;
        savedWords = new ArrayList<>();
        if (movesSp) { savedWords.add(new int[] {Asm.S0, off}); off += 4; }
        for (int r = alloc.usedWordRegs().nextSetBit(0); r >= 0; r = alloc.usedWordRegs().nextSetBit(r + 1)) {
            savedWords.add(new int[] {r, off});
            off += 4;
        }
        off = align(off, 8);
        savedDoubles = new ArrayList<>();
        for (int r = alloc.usedDoubleRegs().nextSetBit(0); r >= 0; r = alloc.usedDoubleRegs().nextSetBit(r + 1)) {
            savedDoubles.add(new int[] {r, off});
            off += 8;
        }
        spillOffset = new int[alloc.spillCount()];
        int[] spillSize = new int[alloc.spillCount()];
        for (Block b : f.blocks) for (Insn i : b.insns) {
            for (VReg v : i.defs()) if (alloc.spilled(v)) spillSize[alloc.spillIndex(v)] = v.kind() == VReg.Kind.D ? 8 : 4;
            for (VReg v : i.uses()) if (alloc.spilled(v)) spillSize[alloc.spillIndex(v)] = v.kind() == VReg.Kind.D ? 8 : 4;
        }
        for (VReg p : f.params) if (alloc.spilled(p)) spillSize[alloc.spillIndex(p)] = p.kind() == VReg.Kind.D ? 8 : 4;
        for (int k = 0; k < spillOffset.length; k++) {
            off = align(off, Math.max(4, spillSize[k]));
            spillOffset[k] = off;
            off += Math.max(4, spillSize[k]);
        }
        if (off > 2040) throw new CompileException(file, 1, 1, "function %s(): too many spilled values".formatted(f.name));
        slotOffset = new int[f.slots.size()];
        for (int k = 0; k < f.slots.size(); k++) {
            off = align(off, f.slots.get(k).align());
            slotOffset[k] = off;
            off += f.slots.get(k).size();
        }
        frameSize = align(off, 16);

        int start = asm.offset();
        adjustSp(-frameSize);
        int cfaSetAt = asm.offset() - start;
        List<FunctionCode.Saved> saved = new ArrayList<>();
        asm.sw(Asm.RA, Asm.SP, raOffset);
        saved.add(new FunctionCode.Saved(1, raOffset - frameSize));
        for (int[] s : savedWords) { asm.sw(s[0], Asm.SP, s[1]); saved.add(new FunctionCode.Saved(s[0], s[1] - frameSize)); }
        for (int[] s : savedDoubles) { asm.fsd(s[0], Asm.SP, s[1]); saved.add(new FunctionCode.Saved(32 + s[0], s[1] - frameSize)); }
        int savesDoneAt = asm.offset() - start;
        frame = movesSp ? Asm.S0 : Asm.SP;
        if (movesSp) asm.mv(Asm.S0, Asm.SP);
        int framePointerSetAt = asm.offset() - start;

        // Parameters arrive in argument registers and above the frame (psABI).
        for (int k = 0; k < f.params.size(); k++) {
            VReg p = f.params.get(k);
            CallingConvention.Place place = incoming.places().get(k);
            if (place.fpr() >= 0) { storeD(p, FA0 + place.fpr()); continue; }
            if (p.kind() == VReg.Kind.W) { storeW(p, wordIn(place.words().getFirst(), frameSize, Asm.T0)); continue; }
            for (int h = 0; h < 2; h++) asm.sw(wordIn(place.words().get(h), frameSize, Asm.T0), frame, doubleScratch + 4 * h);
            asm.fld(F0, frame, doubleScratch);
            storeD(p, F0);
        }

        callSites = new ArrayList<>();
        Map<Block, Integer> labels = new HashMap<>();
        for (Block b : f.blocks) labels.put(b, asm.newLabel());
        for (int k = 0; k < f.blocks.size(); k++) {
            Block b = f.blocks.get(k);
            Block next = k + 1 < f.blocks.size() ? f.blocks.get(k + 1) : null;
            asm.bind(labels.get(b));
            for (Insn i : b.insns) insn(i, labels, next);
            if (!b.terminated()) asm.ebreak();
        }
        List<FunctionCode.CallSite> sites = new ArrayList<>();
        for (int[] c : callSites)
            sites.add(new FunctionCode.CallSite(c[0] - start, c[1], asm.labelOffset(labels.get(f.blocks.get(c[2]))) - start,
                    FunctionCode.CallSite.catchesOf(f.blocks.get(c[2]))));
        functions.add(new FunctionCode(f.name, f.exported, start, asm.offset() - start, frameSize, cfaSetAt, savesDoneAt, saved, sites,
                movesSp ? Asm.S0 : -1, framePointerSetAt));
    }

    private static boolean splitsDouble(CallingConvention.Layout l) {
        for (CallingConvention.Place p : l.places()) if (p.words().size() == 2) return true;
        return false;
    }

    /** A register holding an incoming argument word: its argument register, or {@code scratch} loaded from the caller's frame. */
    private int wordIn(CallingConvention.Word w, int frame, int scratch) {
        if (w.inRegister()) return Asm.A0 + w.register();
        loadFromFrame(scratch, frame + w.stackOffset());
        return scratch;
    }

    /** Loads the word {@code offset} bytes into the frame (from the frame register). */
    private void loadFromFrame(int rd, int offset) {
        if (offset <= 2047) asm.lw(rd, frame, offset);
        else { asm.li(Asm.T2, offset); asm.alu("add", Asm.T2, frame, Asm.T2); asm.lw(rd, Asm.T2, 0); }
    }

    /** Puts an outgoing argument word from register {@code rs} in its place. */
    private void wordOut(CallingConvention.Word w, int rs) {
        if (w.inRegister()) asm.mv(Asm.A0 + w.register(), rs);
        else asm.sw(rs, Asm.SP, w.stackOffset());
    }

    private static int align(int v, int a) { return (v + a - 1) / a * a; }

    private void adjustSp(int delta) {
        if (delta >= -2048 && delta <= 2047) asm.addi(Asm.SP, Asm.SP, delta);
        else { asm.li(Asm.T0, delta); asm.alu("add", Asm.SP, Asm.SP, Asm.T0); }
    }

    // ---- operands --------------------------------------------------------------------------

    private int useW(VReg v, int scratch) {
        if (!alloc.spilled(v)) return alloc.register(v);
        asm.lw(scratch, frame, spillOffset[alloc.spillIndex(v)]);
        return scratch;
    }

    private int useD(VReg v, int scratch) {
        if (!alloc.spilled(v)) return alloc.register(v);
        asm.fld(scratch, frame, spillOffset[alloc.spillIndex(v)]);
        return scratch;
    }

    private int defW(VReg v) { return alloc.spilled(v) ? Asm.T0 : alloc.register(v); }
    private int defD(VReg v) { return alloc.spilled(v) ? F0 : alloc.register(v); }

    /** Puts the value of physical register {@code reg} into v's location. */
    private void storeW(VReg v, int reg) {
        if (alloc.spilled(v)) asm.sw(reg, frame, spillOffset[alloc.spillIndex(v)]);
        else asm.mv(alloc.register(v), reg);
    }

    private void storeD(VReg v, int reg) {
        if (alloc.spilled(v)) asm.fsd(reg, frame, spillOffset[alloc.spillIndex(v)]);
        else asm.fmv(alloc.register(v), reg);
    }

    private void loadW(int reg, VReg v) {
        if (alloc.spilled(v)) asm.lw(reg, frame, spillOffset[alloc.spillIndex(v)]);
        else asm.mv(reg, alloc.register(v));
    }

    private void loadD(int reg, VReg v) {
        if (alloc.spilled(v)) asm.fld(reg, frame, spillOffset[alloc.spillIndex(v)]);
        else asm.fmv(reg, alloc.register(v));
    }

    // ---- instructions ----------------------------------------------------------------------

    private void insn(Insn insn, Map<Block, Integer> labels, Block next) {
        switch (insn) {
            case Insn.Const c -> { int rd = defW(c.dst()); asm.li(rd, c.value()); storeW(c.dst(), rd); }
            case Insn.Move m -> {
                if (m.dst().kind() == VReg.Kind.W) storeW(m.dst(), useW(m.src(), Asm.T0));
                else storeD(m.dst(), useD(m.src(), F0));
            }
            case Insn.Bin b -> {
                int ra = useW(b.a(), Asm.T0), rb = useW(b.b(), Asm.T1), rd = defW(b.dst());
                asm.alu(b.op().name().toLowerCase(), rd, ra, rb);
                storeW(b.dst(), rd);
            }
            case Insn.FBin b -> {
                int fa = useD(b.a(), F0), fb = useD(b.b(), F1), fd = defD(b.dst());
                asm.fop(b.op().name().toLowerCase(), fd, fa, fb);
                storeD(b.dst(), fd);
            }
            case Insn.FCmp c -> {
                int fa = useD(c.a(), F0), fb = useD(c.b(), F1), rd = defW(c.dst());
                asm.fop(c.op().name().toLowerCase(), rd, fa, fb);
                storeW(c.dst(), rd);
            }
            case Insn.Convert c -> {
                switch (c.conv()) {
                    case W_TO_D -> { int rs = useW(c.src(), Asm.T0), fd = defD(c.dst()); asm.fcvtDW(fd, rs); storeD(c.dst(), fd); }
                    case D_TO_W -> { int fs = useD(c.src(), F0), rd = defW(c.dst()); asm.fcvtWD(rd, fs); storeW(c.dst(), rd); }
                    case D_NEG -> { int fs = useD(c.src(), F0), fd = defD(c.dst()); asm.fop("fsgnjn", fd, fs, fs); storeD(c.dst(), fd); }
                }
            }
            case Insn.AddrOf a -> { int rd = defW(a.dst()); asm.addressOf(rd, a.symbol()); storeW(a.dst(), rd); }
            case Insn.ImportAddr a -> { int rd = defW(a.dst()); asm.loadGot(rd, a.symbol()); storeW(a.dst(), rd); }
            case Insn.SlotAddr s -> {
                int rd = defW(s.dst()), off = slotOffset[s.slot()];
                if (off <= 2047) asm.addi(rd, frame, off);
                else { asm.li(Asm.T1, off); asm.alu("add", rd, frame, Asm.T1); }
                storeW(s.dst(), rd);
            }
            case Insn.Alloca a -> {
                // sp -= size rounded up to 16; the space is above the outgoing-argument area.
                int size = useW(a.size(), Asm.T0);
                asm.addi(Asm.T1, size, 15);
                asm.andi(Asm.T1, Asm.T1, -16);
                asm.alu("sub", Asm.SP, Asm.SP, Asm.T1);
                int rd = defW(a.dst());
                if (doubleScratch <= 2047) asm.addi(rd, Asm.SP, doubleScratch);
                else { asm.li(Asm.T1, doubleScratch); asm.alu("add", rd, Asm.SP, Asm.T1); }
                storeW(a.dst(), rd);
            }
            case Insn.SaveStack a -> { int rd = defW(a.dst()); asm.mv(rd, Asm.SP); storeW(a.dst(), rd); }
            case Insn.RestoreStack a -> asm.mv(Asm.SP, useW(a.saved(), Asm.T0));
            case Insn.Load l -> {
                int base = useW(l.base(), Asm.T1);
                switch (l.width()) {
                    case WORD -> { int rd = defW(l.dst()); asm.lw(rd, base, l.offset()); storeW(l.dst(), rd); }
                    case BYTE -> { int rd = defW(l.dst()); asm.lbu(rd, base, l.offset()); storeW(l.dst(), rd); }
                    case DOUBLE -> { int fd = defD(l.dst()); asm.fld(fd, base, l.offset()); storeD(l.dst(), fd); }
                }
            }
            case Insn.Store s -> {
                int base = useW(s.base(), Asm.T1);
                switch (s.width()) {
                    case WORD -> asm.sw(useW(s.src(), Asm.T0), base, s.offset());
                    case BYTE -> asm.sb(useW(s.src(), Asm.T0), base, s.offset());
                    case DOUBLE -> asm.fsd(useD(s.src(), F0), base, s.offset());
                }
            }
            case Insn.Call c -> {
                CallingConvention.Layout layout = CallingConvention.layout(c.args(), c.pairs());
                for (int k = 0; k < c.args().size(); k++) {
                    VReg a = c.args().get(k);
                    CallingConvention.Place place = layout.places().get(k);
                    if (place.fpr() >= 0) loadD(FA0 + place.fpr(), a);
                    else if (a.kind() == VReg.Kind.W) {
                        CallingConvention.Word word = place.words().getFirst();
                        if (word.inRegister()) loadW(Asm.A0 + word.register(), a);
                        else asm.sw(useW(a, Asm.T0), Asm.SP, word.stackOffset());
                    } else {   // a double by the integer convention: through the frame's scratch
                        asm.fsd(useD(a, F0), frame, doubleScratch);
                        for (int h = 0; h < 2; h++) {
                            asm.lw(Asm.T0, frame, doubleScratch + 4 * h);
                            wordOut(place.words().get(h), Asm.T0);
                        }
                    }
                }
                int w, d;
                if (c.imported()) asm.loadGot(Asm.T0, c.callee());
                if (c.landingPad() != null) callSites.add(new int[] {asm.offset(), 4, c.landingPad().id});
                if (c.imported()) asm.jalr(Asm.RA, Asm.T0, 0);
                else asm.call(c.callee());
                w = 0; d = 0;
                for (VReg r : c.results()) {
                    if (r.kind() == VReg.Kind.W) storeW(r, Asm.A0 + w++);
                    else storeD(r, FA0 + d++);
                }
            }
            case Insn.LandingPad l -> storeW(l.exception(), Asm.A0 + 1);
            case Insn.Jump j -> { if (j.target() != next) asm.jump(labels.get(j.target())); }
            case Insn.Branch b when b.ifTrue() == next -> {
                asm.skipIfNonZero(useW(b.cond(), Asm.T0));
                asm.jump(labels.get(b.ifFalse()));
            }
            case Insn.Branch b -> {
                asm.skipIfZero(useW(b.cond(), Asm.T0));
                asm.jump(labels.get(b.ifTrue()));
                if (b.ifFalse() != next) asm.jump(labels.get(b.ifFalse()));
            }
            case Insn.Return r -> {
                int w = 0, d = 0;
                for (VReg v : r.values()) {
                    if (v.kind() == VReg.Kind.W) loadW(Asm.A0 + w++, v);
                    else loadD(FA0 + d++, v);
                }
                if (frame != Asm.SP) asm.mv(Asm.SP, frame);   // drop what Allocas took
                asm.lw(Asm.RA, Asm.SP, raOffset);
                for (int[] s : savedWords) asm.lw(s[0], Asm.SP, s[1]);
                for (int[] s : savedDoubles) asm.fld(s[0], Asm.SP, s[1]);
                adjustSp(frameSize);
                asm.ret();
            }
            case Insn.Unreachable u -> asm.ebreak();
        }
    }
}
