package org.coredev.compiler.or1k;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.coredev.compiler.ir.VReg;
import org.junit.jupiter.api.Test;

/** The OR1K argument places GCC's or1k port uses (emulator/src/test/isa-or1k/abi/abi.c holds the runtime to them too). */
class Or1kCallingConventionTest {
    private static List<VReg> words(int n) {
        List<VReg> out = new ArrayList<>();
        for (int k = 0; k < n; k++) out.add(new VReg(k, VReg.Kind.W));
        return out;
    }

    private static BitSet pairsAt(int... first) {
        BitSet b = new BitSet();
        for (int f : first) b.set(f);
        return b;
    }

    private static Or1kCallingConvention.Word reg(int r) { return new Or1kCallingConvention.Word(r, -1); }
    private static Or1kCallingConvention.Word stack(int off) { return new Or1kCallingConvention.Word(-1, off); }

    @Test
    void anInt64TakesTwoRegistersHighWordFirst() {
        // f(int32, int64, int32): the IR lists the pair low word first.
        var l = Or1kCallingConvention.layout(words(4), pairsAt(1));
        assertEquals(List.of(reg(3), reg(5), reg(4), reg(6)), l.words());
        assertEquals(0, l.stackSize());
    }

    @Test
    void aPairThatDoesNotFitGoesOnTheStackAndClosesTheRegisters() {
        // five words in r3-r7, then an int64 (only r8 left) and one more word: both on the stack.
        var l = Or1kCallingConvention.layout(words(8), pairsAt(5));
        assertEquals(List.of(reg(3), reg(4), reg(5), reg(6), reg(7), stack(4), stack(0), stack(8)), l.words());
        assertEquals(12, l.stackSize());
    }

    @Test
    void wordsBeyondR8GoOnTheStackInOrder() {
        var l = Or1kCallingConvention.layout(words(8), new BitSet());
        assertEquals(List.of(reg(3), reg(4), reg(5), reg(6), reg(7), reg(8), stack(0), stack(4)), l.words());
    }

    @Test
    void resultsAreR11OrR12AndR11ForAPair() {
        assertEquals(11, Or1kCallingConvention.result(0, 1));
        assertEquals(12, Or1kCallingConvention.result(0, 2));   // the low word
        assertEquals(11, Or1kCallingConvention.result(1, 2));   // the high word
    }
}
