package org.coredev.compiler.backend;

import java.util.List;

/**
 * Where a function's code sits in .text and what its prologue does, for the symbol table and the
 * CFI of its FDE: after {@code cfaSetAt} bytes the frame is {@code frameSize} bytes (CFA = sp +
 * frameSize); after {@code savesDoneAt} bytes every register in {@code saved} is stored at
 * CFA + its offset (DWARF register numbers of the target: RV32 x1..x31 are 1..31 and f0..f31 32..63,
 * OR1K r0..r31 are 0..31). A function that moves sp at run time (an Alloca) sets
 * {@code framePointer} (a DWARF register, else -1) to sp after {@code framePointerSetAt} bytes,
 * and the CFA is framePointer + frameSize from there. {@code callSites} become the function's
 * LSDA (.gcc_except_table), in address order.
 */
public record FunctionCode(String name, boolean exported, int offset, int size, int frameSize, int cfaSetAt,
                           int savesDoneAt, List<Saved> saved, List<CallSite> callSites, int framePointer,
                           int framePointerSetAt) {
    public record Saved(int dwarfRegister, int cfaOffset) { }

    /**
     * A call inside a try: bytes [start, start + length) of the function unwind to landingPad
     * (offsets in the function); {@code catches}: the pad's catch clauses' type-info symbols
     * (none: a cleanup, action 0).
     */
    public record CallSite(int start, int length, int landingPad, List<String> catches) {
        public CallSite { catches = List.copyOf(catches); }

        /** The catch clauses of landing pad {@code pad} (its first instruction is the LandingPad). */
        public static List<String> catchesOf(org.coredev.compiler.ir.Block pad) {
            return !pad.insns.isEmpty() && pad.insns.getFirst() instanceof org.coredev.compiler.ir.Insn.LandingPad l
                    ? l.catches() : List.of();
        }
    }
}
