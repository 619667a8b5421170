package org.coredev.compiler.rv32;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.coredev.compiler.ir.VReg;
import org.junit.jupiter.api.Test;

class CallingConventionTest {
    private static List<VReg> regs(String kinds) {
        List<VReg> out = new ArrayList<>();
        for (char c : kinds.toCharArray()) out.add(new VReg(out.size(), c == 'd' ? VReg.Kind.D : VReg.Kind.W));
        return out;
    }

    private static String describe(CallingConvention.Layout l) {
        StringBuilder b = new StringBuilder();
        for (CallingConvention.Place p : l.places()) {
            if (p.fpr() >= 0) b.append("fa").append(p.fpr());
            for (CallingConvention.Word w : p.words()) {
                if (!p.words().isEmpty() && w != p.words().getFirst()) b.append('+');
                b.append(w.inRegister() ? "a" + w.register() : "sp" + w.stackOffset());
            }
            b.append(' ');
        }
        return b.append('|').append(l.stackSize()).toString();
    }

    @Test
    void wordsBeyondEightGoToTheStackInOrder() {
        assertEquals("a0 a1 a2 a3 a4 a5 a6 a7 sp0 sp4 |16", describe(CallingConvention.layout(regs("wwwwwwwwww"), new BitSet())));
    }

    @Test
    void aPairSplitsBetweenA7AndTheStack() {
        BitSet pairs = new BitSet();
        pairs.set(7);
        assertEquals("a0 a1 a2 a3 a4 a5 a6 a7 sp0 sp4 |16", describe(CallingConvention.layout(regs("wwwwwwwwww"), pairs)));
    }

    @Test
    void aPairWhollyOnTheStackIsEightByteAligned() {
        BitSet pairs = new BitSet();
        pairs.set(9);
        assertEquals("a0 a1 a2 a3 a4 a5 a6 a7 sp0 sp8 sp12 |16", describe(CallingConvention.layout(regs("wwwwwwwwwww"), pairs)));
    }

    @Test
    void doublesBeyondEightFprsFollowTheIntegerConvention() {
        // ilp32d: the ninth double takes a0+a1, after seven words the tenth splits a7 and the stack
        assertEquals("fa0 fa1 fa2 fa3 fa4 fa5 fa6 fa7 a0+a1 |0", describe(CallingConvention.layout(regs("ddddddddd"), new BitSet())));
        assertEquals("a0 a1 a2 a3 a4 a5 a6 fa0 fa1 fa2 fa3 fa4 fa5 fa6 fa7 a7+sp0 sp8+sp12 |16",
                describe(CallingConvention.layout(regs("wwwwwwwdddddddddd"), new BitSet())));
    }
}
