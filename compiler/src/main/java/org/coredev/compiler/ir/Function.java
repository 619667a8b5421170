package org.coredev.compiler.ir;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/** One function in IR: parameters (flattened words/doubles), blocks (the first is the entry), stack slots. */
public final class Function {
    /** A fixed-size piece of the stack frame whose address the code takes. */
    public record Slot(int size, int align) { }

    public final String name;
    /** Exported (global) symbol; other functions are local symbols of the image. */
    public final boolean exported;
    public final List<VReg> params = new ArrayList<>();
    /** Indexes of the parameters that start a two-word scalar (see {@link Insn.Call#pairs()}). */
    public final BitSet paramPairs = new BitSet();
    public final List<Block> blocks = new ArrayList<>();
    public final List<Slot> slots = new ArrayList<>();
    private int nextReg;

    public Function(String name, boolean exported) {
        this.name = name;
        this.exported = exported;
    }

    public VReg newReg(VReg.Kind kind) { return new VReg(nextReg++, kind); }
    public int registerCount() { return nextReg; }

    public Block newBlock() {
        Block b = new Block(blocks.size());
        blocks.add(b);
        return b;
    }

    public int newSlot(int size, int align) {
        slots.add(new Slot(size, align));
        return slots.size() - 1;
    }

    /** A readable listing, for tests and debugging. */
    public String dump() {
        StringBuilder b = new StringBuilder("function ").append(name).append(params).append('\n');
        for (Block block : blocks) {
            b.append(block).append(":\n");
            for (Insn i : block.insns) b.append("  ").append(i).append('\n');
        }
        return b.toString();
    }
}
