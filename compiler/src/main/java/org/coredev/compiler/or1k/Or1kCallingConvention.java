package org.coredev.compiler.or1k;

import java.util.BitSet;
import java.util.List;
import org.coredev.compiler.ir.VReg;

/**
 * Where the OpenRISC 1000 ABI, as GCC's or1k port implements it, puts each argument word of a
 * call: r3-r8 in order; a two-word scalar (int64, or a double under soft float) in two
 * consecutive registers with the high word first, or, when it does not fit, on the stack with
 * the high word first, closing the registers to every later argument; stack words from offset 0
 * of the caller's sp upwards, 4-byte aligned. Results: one word in r11; a two-word scalar in r11
 * (high) and r12 (low). The IR lists a pair low word first, so each pair is swapped here.
 */
final class Or1kCallingConvention {
    /** The first and last argument registers. */
    static final int FIRST_ARG = 3, LAST_ARG = 8;
    /**
     * Where result word k of n goes: r11 alone, or r12 (low) and r11 (high) for a pair. Results of
     * more words come only from this compiler's own functions and follow on in r4, r3, r6, r5...
     */
    private static final int[] RESULTS = {12, 11, 4, 3, 6, 5, 8, 7};

    /** An argument word's place: register {@code register}, or {@code stackOffset} from sp at the call. */
    record Word(int register, int stackOffset) {
        boolean inRegister() { return register >= 0; }
    }

    /** The place of each IR argument register, and the stack bytes the arguments need. */
    record Layout(List<Word> words, int stackSize) { }

    private Or1kCallingConvention() { }

    static Layout layout(List<VReg> args, BitSet pairs) {
        Word[] out = new Word[args.size()];
        int next = FIRST_ARG, stack = 0;
        for (int k = 0; k < args.size(); k++) {
            if (args.get(k).kind() != VReg.Kind.W) throw new IllegalStateException("or1k has no double registers");
            if (pairs.get(k) && k + 1 < args.size()) {
                if (next + 1 <= LAST_ARG) {
                    out[k + 1] = new Word(next, -1);       // high word first
                    out[k] = new Word(next + 1, -1);
                    next += 2;
                } else {
                    next = LAST_ARG + 1;
                    out[k + 1] = new Word(-1, stack);
                    out[k] = new Word(-1, stack + 4);
                    stack += 8;
                }
                k++;
            } else if (next <= LAST_ARG) {
                out[k] = new Word(next++, -1);
            } else {
                out[k] = new Word(-1, stack);
                stack += 4;
            }
        }
        return new Layout(List.of(out), stack);
    }

    /** The register of result word {@code k} of {@code n}. */
    static int result(int k, int n) {
        if (n == 1) return 11;
        if (n > RESULTS.length) throw new IllegalStateException("more than " + RESULTS.length + " result words");
        return RESULTS[k];
    }
}
