package org.coredev.compiler.ir;

import java.util.ArrayList;
import java.util.List;

/** A basic block: straight-line instructions ending in one terminator. */
public final class Block {
    public final int id;
    public final List<Insn> insns = new ArrayList<>();

    Block(int id) { this.id = id; }

    public boolean terminated() { return !insns.isEmpty() && insns.getLast() instanceof Insn.Terminator; }

    /** The blocks control may go to next: the terminator's targets and the landing pads of its calls. */
    public List<Block> successors() {
        List<Block> out = new ArrayList<>();
        for (Insn i : insns)
            if (i instanceof Insn.Call c && c.landingPad() != null && !out.contains(c.landingPad())) out.add(c.landingPad());
        if (terminated()) {
            switch ((Insn.Terminator) insns.getLast()) {
                case Insn.Jump j -> out.add(j.target());
                case Insn.Branch b -> { out.add(b.ifTrue()); out.add(b.ifFalse()); }
                case Insn.Return r -> { }
                case Insn.Unreachable u -> { }
            }
        }
        return out;
    }

    @Override public String toString() { return "b" + id; }
}
