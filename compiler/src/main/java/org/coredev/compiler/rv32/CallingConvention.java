package org.coredev.compiler.rv32;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.coredev.compiler.ir.VReg;

/**
 * Where the RISC-V psABI (ilp32 / ilp32d, "Integer Calling Convention" and "Hardware
 * Floating-point Calling Convention") puts each argument of a call: words in a0-a7, doubles in
 * fa0-fa7 while any is free and then as two words by the integer convention; a two-word scalar
 * takes two registers, or its low word a7 and its high word the stack, or 8-byte aligned stack;
 * stack arguments from offset 0 of the caller's sp upwards.
 */
final class CallingConvention {
    /** A word's place: argument register a{@code register}, or {@code stackOffset} from sp at the call. */
    record Word(int register, int stackOffset) {
        boolean inRegister() { return register >= 0; }
    }

    /** One argument: in fa{@code fpr}, or in {@code words} (one, or two for a double: low, high). */
    record Place(int fpr, List<Word> words) { }

    /** The places of {@code args} and the stack bytes they need (a multiple of 16). */
    record Layout(List<Place> places, int stackSize) { }

    private CallingConvention() { }

    static Layout layout(List<VReg> args, BitSet pairs) {
        List<Place> places = new ArrayList<>();
        int gpr = 0, fpr = 0, stack = 0;
        for (int k = 0; k < args.size(); k++) {
            VReg a = args.get(k);
            if (a.kind() == VReg.Kind.D && fpr < 8) {
                places.add(new Place(fpr++, List.of()));
                continue;
            }
            boolean twoWords = a.kind() == VReg.Kind.D || pairs.get(k) && k + 1 < args.size();
            if (!twoWords) {
                Word w;
                if (gpr < 8) w = new Word(gpr++, -1);
                else { w = new Word(-1, stack); stack += 4; }
                places.add(new Place(-1, List.of(w)));
                continue;
            }
            Word low, high;
            if (gpr < 8) {
                low = new Word(gpr++, -1);
                if (gpr < 8) high = new Word(gpr++, -1);
                else { high = new Word(-1, stack); stack += 4; }
            } else {
                stack = (stack + 7) & ~7;
                low = new Word(-1, stack);
                high = new Word(-1, stack + 4);
                stack += 8;
            }
            if (a.kind() == VReg.Kind.D) places.add(new Place(-1, List.of(low, high)));
            else {   // the pair's two word registers
                places.add(new Place(-1, List.of(low)));
                places.add(new Place(-1, List.of(high)));
                k++;
            }
        }
        return new Layout(places, (stack + 15) & ~15);
    }
}
