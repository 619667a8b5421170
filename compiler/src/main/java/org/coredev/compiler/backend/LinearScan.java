package org.coredev.compiler.backend;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import org.coredev.compiler.ir.Block;
import org.coredev.compiler.ir.Function;
import org.coredev.compiler.ir.Insn;
import org.coredev.compiler.ir.VReg;

/**
 * Linear-scan register allocation (Poletto and Sarkar) over live intervals from a block-level
 * liveness analysis. A value that lives across a call gets a callee-saved register of the
 * target's {@link Registers}, so calls need no caller-side saves; others take a caller-saved
 * temporary first. A value spills to the frame only when no register fits, the interval ending
 * last giving way.
 */
public final class LinearScan {
    /**
     * The registers a back end hands out, in order of preference: callee-saved and caller-saved
     * ("temporary") word and double registers. The code generator's own scratch registers are in none.
     */
    public record Registers(int[] savedWords, int[] tempWords, int[] savedDoubles, int[] tempDoubles) { }

    /** Where each virtual register lives: a physical register number, or -1 - spill index. */
    public record Allocation(int[] location, int spillCount, BitSet usedWordRegs, BitSet usedDoubleRegs) {
        public boolean spilled(VReg v) { return location[v.id()] < 0; }
        public int register(VReg v) { return location[v.id()]; }
        public int spillIndex(VReg v) { return -1 - location[v.id()]; }
    }

    private record Interval(VReg reg, int start, int end) { }

    private LinearScan() {}

    public static Allocation allocate(Function f, Registers set) {
        int n = f.registerCount();
        int[] start = new int[n], end = new int[n];
        java.util.Arrays.fill(start, Integer.MAX_VALUE);
        java.util.Arrays.fill(end, -1);
        VReg[] regs = new VReg[n];
        for (VReg p : f.params) { regs[p.id()] = p; touch(start, end, p.id(), -1); }

        java.util.TreeSet<Integer> calls = new java.util.TreeSet<>();
        // Positions: 2 per instruction in block order.
        int[] blockStart = new int[f.blocks.size()], blockEnd = new int[f.blocks.size()];
        int pos = 0;
        for (Block b : f.blocks) {
            blockStart[b.id] = pos;
            for (Insn i : b.insns) {
                for (VReg u : i.uses()) { regs[u.id()] = u; touch(start, end, u.id(), pos); }
                for (VReg d : i.defs()) { regs[d.id()] = d; touch(start, end, d.id(), pos); }
                if (i instanceof Insn.Call) calls.add(pos);
                pos += 2;
            }
            blockEnd[b.id] = Math.max(blockStart[b.id], pos - 2);
        }

        // Liveness per block, iterated to a fixed point.
        int nb = f.blocks.size();
        BitSet[] use = new BitSet[nb], def = new BitSet[nb], in = new BitSet[nb], out = new BitSet[nb];
        for (Block b : f.blocks) {
            BitSet u = new BitSet(), d = new BitSet();
            for (Insn i : b.insns) {
                for (VReg r : i.uses()) if (!d.get(r.id())) u.set(r.id());
                for (VReg r : i.defs()) d.set(r.id());
            }
            use[b.id] = u; def[b.id] = d; in[b.id] = new BitSet(); out[b.id] = new BitSet();
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int k = nb - 1; k >= 0; k--) {
                Block b = f.blocks.get(k);
                BitSet o = new BitSet();
                for (Block s : b.successors()) o.or(in[s.id]);
                BitSet i = (BitSet) o.clone();
                i.andNot(def[b.id]);
                i.or(use[b.id]);
                if (!o.equals(out[b.id]) || !i.equals(in[b.id])) { out[b.id] = o; in[b.id] = i; changed = true; }
            }
        }
        for (Block b : f.blocks) {
            in[b.id].stream().forEach(r -> touch(start, end, r, blockStart[b.id]));
            out[b.id].stream().forEach(r -> touch(start, end, r, blockEnd[b.id]));
        }

        List<Interval> intervals = new ArrayList<>();
        for (int r = 0; r < n; r++) if (regs[r] != null) intervals.add(new Interval(regs[r], start[r], end[r]));
        intervals.sort(Comparator.comparingInt(Interval::start).thenComparingInt(i -> i.reg().id()));

        int[] location = new int[n];
        int spills = 0;
        BitSet usedW = new BitSet(), usedD = new BitSet();
        List<Interval> active = new ArrayList<>();
        // Free physical registers per class; caller-saved ones only for values no call interrupts.
        BitSet freeW = new BitSet(), freeD = new BitSet();
        for (int r : set.savedWords()) freeW.set(r);
        for (int r : set.tempWords()) freeW.set(r);
        for (int r : set.savedDoubles()) freeD.set(r);
        for (int r : set.tempDoubles()) freeD.set(r);
        for (Interval cur : intervals) {
            // Expire intervals that end where this one starts: operands are read before results are written.
            for (var it = active.iterator(); it.hasNext(); ) {
                Interval a = it.next();
                if (a.end() <= cur.start()) {
                    it.remove();
                    (a.reg().kind() == VReg.Kind.W ? freeW : freeD).set(location[a.reg().id()]);
                }
            }
            boolean word = cur.reg().kind() == VReg.Kind.W;
            BitSet free = word ? freeW : freeD;
            Integer call = calls.higher(cur.start());
            boolean crossesCall = call != null && call < cur.end();
            int[] temps = word ? set.tempWords() : set.tempDoubles(), saved = word ? set.savedWords() : set.savedDoubles();
            int chosen = -1;
            if (!crossesCall) for (int r : temps) if (free.get(r)) { chosen = r; break; }
            if (chosen < 0) for (int r : saved) if (free.get(r)) { chosen = r; break; }
            if (chosen >= 0) {
                free.clear(chosen);
                location[cur.reg().id()] = chosen;
                active.add(cur);
                continue;
            }
            // Nothing free: spill whichever interval (a usable one, or this one) ends last.
            Interval victim = cur;
            for (Interval a : active)
                if (a.reg().kind() == cur.reg().kind() && a.end() > victim.end()
                        && (!crossesCall || isIn(location[a.reg().id()], saved))) victim = a;
            if (victim != cur) {
                location[cur.reg().id()] = location[victim.reg().id()];
                active.remove(victim);
                active.add(cur);
            }
            location[victim.reg().id()] = -1 - spills++;
        }
        for (int r = 0; r < n; r++) {
            if (regs[r] == null || location[r] < 0) continue;
            if (regs[r].kind() == VReg.Kind.W) { if (isIn(location[r], set.savedWords())) usedW.set(location[r]); }
            else if (isIn(location[r], set.savedDoubles())) usedD.set(location[r]);
        }
        return new Allocation(location, spills, usedW, usedD);
    }

    private static boolean isIn(int r, int[] set) {
        for (int x : set) if (x == r) return true;
        return false;
    }

    private static void touch(int[] start, int[] end, int r, int pos) {
        start[r] = Math.min(start[r], pos);
        end[r] = Math.max(end[r], pos);
    }
}
