package org.coredev.compiler.elf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coredev.compiler.Target;
import org.coredev.compiler.backend.FunctionCode;

/**
 * .eh_frame (one CIE, one FDE per function, CFI for the prologue the back end generates) and
 * .eh_frame_hdr with its binary-search table (LSB Core, "Exception Frames"; what
 * artiq/firmware/libunwind reads on the board).
 */
final class EhFrameWriter {
    private static final int DW_EH_PE_PCREL_SDATA4 = 0x1b, DW_EH_PE_UDATA4 = 0x03, DW_EH_PE_DATAREL_SDATA4 = 0x3b,
            DW_EH_PE_INDIRECT_PCREL_SDATA4 = 0x9b, DW_EH_PE_OMIT = 0xff, DW_EH_PE_ULEB128 = 0x01;

    private EhFrameWriter() {}

    /** Size of .eh_frame_hdr for {@code n} functions. */
    static int headerSize(int n) { return 12 + 8 * n; }

    /**
     * .eh_frame at {@code address}; {@code fdeOffsets} receives each FDE's offset in the section.
     * {@code textAddress} is where .text starts; {@code lsda[k]} is function k's LSDA address (0:
     * none); {@code personalitySlot} the GOT slot of {@code __artiq_personality} (0 if no LSDA).
     * Functions with an LSDA use a second CIE, "zPLR", naming the personality through that slot.
     */
    static byte[] ehFrame(Target target, int address, int textAddress, List<FunctionCode> functions, int[] fdeOffsets,
                          int[] lsda, int personalitySlot) {
        boolean be = target.bigEndian();
        // DWARF numbers of the stack pointer and the return address: x2 and x1, or r1 and r9.
        int sp = target == Target.OR1K ? 1 : 2, ra = target == Target.OR1K ? 9 : 1;
        Bytes b = new Bytes(be);
        // CIE for functions without handlers: CFA = sp + 0.
        Bytes cie = new Bytes(be).u32(0).u8(1).bytes("zR\0".getBytes()).uleb(1).sleb(-4).u8(ra).uleb(1)
                .u8(DW_EH_PE_PCREL_SDATA4)
                .u8(0x0c).uleb(sp).uleb(0);   // DW_CFA_def_cfa sp, 0
        byte[] cieBody = padded(cie.toArray());
        b.u32(cieBody.length).bytes(cieBody);
        int handlerCie = -1;
        if (personalitySlot != 0) {
            handlerCie = b.size();
            Bytes c = new Bytes(be).u32(0).u8(1).bytes("zPLR\0".getBytes()).uleb(1).sleb(-4).u8(ra).uleb(7)
                    .u8(DW_EH_PE_INDIRECT_PCREL_SDATA4);
            int field = address + handlerCie + 4 + c.size();
            c.u32(personalitySlot - field).u8(DW_EH_PE_PCREL_SDATA4).u8(DW_EH_PE_PCREL_SDATA4)
                    .u8(0x0c).uleb(sp).uleb(0);
            byte[] body = padded(c.toArray());
            b.u32(body.length).bytes(body);
        }
        for (int k = 0; k < functions.size(); k++) {
            FunctionCode f = functions.get(k);
            fdeOffsets[k] = b.size();
            int pcBeginField = address + b.size() + 8;
            boolean withLsda = lsda[k] != 0;
            Bytes fde = new Bytes(be).u32(b.size() + 4 - (withLsda ? handlerCie : 0))   // CIE pointer: distance back to the CIE
                    .u32(textAddress + f.offset() - pcBeginField).u32(f.size());
            if (withLsda) fde.uleb(4).u32(lsda[k] - (pcBeginField + 9));   // LSDA pointer field follows range and length byte
            else fde.uleb(0);
            advance(fde, f.cfaSetAt());
            fde.u8(0x0e).uleb(f.frameSize());            // DW_CFA_def_cfa_offset
            advance(fde, f.savesDoneAt() - f.cfaSetAt());
            for (FunctionCode.Saved s : f.saved())
                fde.u8(0x80 | s.dwarfRegister()).uleb(-s.cfaOffset() / 4);   // DW_CFA_offset, data align -4
            if (f.framePointer() >= 0) {
                advance(fde, f.framePointerSetAt() - f.savesDoneAt());
                fde.u8(0x0d).uleb(f.framePointer());        // DW_CFA_def_cfa_register: sp moves, fp does not
            }
            byte[] body = padded(fde.toArray());
            b.u32(body.length).bytes(body);
        }
        b.u32(0);   // terminator
        return b.toArray();
    }

    /**
     * A function's LSDA as ARTIQ's personality reads it (libeh/dwarf.rs): no LPStart (the
     * function start), no type table, uleb128 call sites, each a cleanup (action 0) whose landing
     * pad compares exception ids itself.
     */
    static byte[] lsda(FunctionCode f) {
        Bytes table = new Bytes(false);   // only bytes and LEB128s: no byte order
        for (FunctionCode.CallSite c : f.callSites()) table.uleb(c.start()).uleb(c.length()).uleb(c.landingPad()).uleb(0);
        byte[] t = table.toArray();
        return new Bytes(false).u8(DW_EH_PE_OMIT).u8(DW_EH_PE_OMIT).u8(DW_EH_PE_ULEB128).uleb(t.length).bytes(t).toArray();
    }

    /**
     * A function's LSDA for ARTIQ 6's personality (release-6 libeh/dwarf.rs), at {@code address}:
     * no LPStart; a type table, always (the board asserts one), of pc-relative sdata4 pointers to
     * the catch clauses' type infos (name slices at their addresses in {@code symbols}), 4-byte
     * aligned; uleb128 call sites, a pad with catch clauses pointing at its chain of action
     * records (one type filter each, in clause order), a pad without at action 0 (cleanup).
     */
    static byte[] typedLsda(FunctionCode f, int address, Map<String, Integer> symbols, boolean bigEndian) {
        Map<String, Integer> filters = new LinkedHashMap<>();   // type-info symbol -> filter (1-based)
        Map<List<String>, Integer> chains = new LinkedHashMap<>();   // catch list -> action table offset
        Bytes actions = new Bytes(false);
        for (FunctionCode.CallSite c : f.callSites()) {
            if (c.catches().isEmpty() || chains.containsKey(c.catches())) continue;
            chains.put(c.catches(), actions.size());
            for (int k = 0; k < c.catches().size(); k++) {
                int filter = filters.computeIfAbsent(c.catches().get(k), sym -> filters.size() + 1);
                actions.sleb(filter).sleb(k + 1 < c.catches().size() ? 1 : 0);   // next: the record right after
            }
        }
        Bytes sites = new Bytes(false);
        for (FunctionCode.CallSite c : f.callSites())
            sites.uleb(c.start()).uleb(c.length()).uleb(c.landingPad()).uleb(c.catches().isEmpty() ? 0 : chains.get(c.catches()) + 1);
        byte[] siteBytes = sites.toArray(), actionBytes = actions.toArray();
        Bytes rest = new Bytes(false).u8(DW_EH_PE_ULEB128).uleb(siteBytes.length).bytes(siteBytes).bytes(actionBytes);
        int restSize = rest.size(), types = 4 * filters.size();
        // The type-table offset's own LEB128 length moves everything after it.
        for (int lebSize = 1; ; lebSize++) {
            int end = address + 2 + lebSize + restSize;
            int pad = (4 - (end & 3)) & 3;
            int offset = restSize + pad + types;
            if (ulebSize(offset) != lebSize) continue;
            Bytes out = new Bytes(bigEndian).u8(DW_EH_PE_OMIT).u8(DW_EH_PE_PCREL_SDATA4).uleb(offset).bytes(rest.toArray());
            for (int k = 0; k < pad; k++) out.u8(0);
            List<String> bySlot = new ArrayList<>(filters.keySet());
            // Filter k's entry is k entries below the table's base: the last filter comes first.
            for (int k = bySlot.size(); k >= 1; k--) {
                String symbol = bySlot.get(k - 1);
                Integer target = symbols.get(symbol);
                if (target == null) throw new IllegalStateException("type info " + symbol + " has no address");
                out.u32(target - (address + out.size()));
            }
            return out.toArray();
        }
    }

    private static int ulebSize(int value) {
        int n = 1;
        for (long v = Integer.toUnsignedLong(value) >>> 7; v != 0; v >>>= 7) n++;
        return n;
    }

    private static void advance(Bytes b, int delta) {
        if (delta == 0) return;
        if (delta < 0x40) b.u8(0x40 | delta);          // DW_CFA_advance_loc
        else if (delta < 0x100) b.u8(0x02).u8(delta);   // DW_CFA_advance_loc1
        else b.u8(0x03).u16(delta);                     // DW_CFA_advance_loc2
    }

    /** Pads a record body with DW_CFA_nop so that length field + body is a multiple of 4. */
    private static byte[] padded(byte[] body) {
        int n = (body.length + 3) / 4 * 4;
        return java.util.Arrays.copyOf(body, n);
    }

    static byte[] header(Target target, int address, int ehFrameAddress, int textAddress, List<FunctionCode> functions,
                         int[] fdeOffsets) {
        Integer[] order = new Integer[functions.size()];
        for (int k = 0; k < order.length; k++) order[k] = k;
        java.util.Arrays.sort(order, java.util.Comparator.comparingInt(k -> functions.get(k).offset()));
        Bytes b = new Bytes(target.bigEndian()).u8(1).u8(DW_EH_PE_PCREL_SDATA4).u8(DW_EH_PE_UDATA4).u8(DW_EH_PE_DATAREL_SDATA4)
                .u32(ehFrameAddress - (address + 4)).u32(functions.size());
        for (int k : order)
            b.u32(textAddress + functions.get(k).offset() - address).u32(ehFrameAddress + fdeOffsets[k] - address);
        return b.toArray();
    }
}
