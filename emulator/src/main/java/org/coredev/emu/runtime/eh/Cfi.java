package org.coredev.emu.runtime.eh;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import org.coredev.emu.runtime.GuestMemory;

/**
 * Executes call frame instructions (DWARF 5 section 6.4.2): the CIE's initial instructions, then
 * the FDE's up to a pc, giving the row of the unwind table for that pc: how to compute the
 * canonical frame address (CFA) and where the caller's value of each register is.
 */
public final class Cfi {
    /** How to compute the CFA. */
    public sealed interface CfaRule {}
    /** CFA = register + offset. */
    public record RegisterOffset(int register, int offset) implements CfaRule {}
    /** CFA = value of a DWARF expression. */
    public record CfaExpression(int address, int length) implements CfaRule {}

    /** Where the caller's value of one register is. */
    public sealed interface Rule {}
    /** Not recoverable (for the return address column: the end of the stack). */
    public record Undefined() implements Rule {}
    /** Unchanged from this frame (also the rule of registers nothing describes). */
    public record SameValue() implements Rule {}
    /** Saved at CFA + offset. */
    public record Offset(int offset) implements Rule {}
    /** The value CFA + offset itself. */
    public record ValOffset(int offset) implements Rule {}
    /** In another register of this frame. */
    public record InRegister(int register) implements Rule {}
    /** Saved at the address an expression computes (the CFA pushed first). */
    public record Expression(int address, int length) implements Rule {}
    /** The value an expression computes (the CFA pushed first). */
    public record ValExpression(int address, int length) implements Rule {}

    private static final Rule SAME = new SameValue();
    private static final int MAX_REMEMBERED = 64;

    /**
     * One row: the CFA rule and a rule per DWARF column 0-63 (RISC-V x0-x31, f0-f31).
     *
     * @param location the address from which this row applies
     */
    public record Row(int location, CfaRule cfa, Rule[] rules) {
        public Rule rule(int column) { return rules[column]; }

        Row copy() { return new Row(location, cfa, rules.clone()); }

        @Override public String toString() {
            StringBuilder b = new StringBuilder("0x%08x: CFA=%s".formatted(location, cfa));
            for (int c = 0; c < rules.length; c++) if (!(rules[c] instanceof SameValue)) b.append(", ").append(c).append('=').append(rules[c]);
            return b.toString();
        }

        @Override public boolean equals(Object o) {
            return o instanceof Row r && r.location == location && r.cfa.equals(cfa) && Arrays.equals(r.rules, rules);
        }

        @Override public int hashCode() { return 31 * cfa.hashCode() + Arrays.hashCode(rules); }
    }

    private Cfi() {}

    /** The row of {@code fde}'s table that applies at {@code pc}. */
    public static Row rowFor(GuestMemory memory, EhFrame.Fde fde, int pc) {
        EhFrame.Cie cie = fde.cie();
        Rule[] rules = new Rule[RegisterState.COLUMNS];
        Arrays.fill(rules, SAME);
        State initial = new State(new Row(fde.pcBegin(), new RegisterOffset(RegisterState.SP, 0), rules), null);
        // The CIE's program has no location to advance to: run it whole.
        run(memory, cie, fde, cie.instructions(), cie.end(), initial, Integer.MAX_VALUE, true);
        Row initialRow = initial.row.copy();
        State state = new State(initial.row, initialRow);
        run(memory, cie, fde, fde.instructions(), fde.end(), state, pc, false);
        return state.row;
    }

    private static final class State {
        Row row;
        final Row initial;
        final Deque<Row> remembered = new ArrayDeque<>();

        State(Row row, Row initial) {
            this.row = row;
            this.initial = initial;
        }
    }

    private static void run(GuestMemory memory, EhFrame.Cie cie, EhFrame.Fde fde, int start, int end,
                            State s, int pc, boolean inCie) {
        String table = inCie ? "CIE 0x%08x program".formatted(cie.address()) : "FDE 0x%08x program".formatted(fde.address());
        DwarfReader r = new DwarfReader(memory, table, start, Integer.toUnsignedLong(end));
        int code = cie.codeAlignment(), data = cie.dataAlignment();
        int loc = fde.pcBegin();
        while (!r.atEnd()) {
            int at = r.position();
            int op = r.u8();
            int high = op & 0xc0, low = op & 0x3f;
            int advance = -1;
            if (high == 0x40) {
                advance = low * code;
            } else if (high == 0x80) {
                set(s, r, at, low, new Offset((int) (r.uleb() * data)));
            } else if (high == 0xc0) {
                restore(s, r, at, low, inCie);
            } else {
                switch (op) {
                    case 0x00 -> { }  // nop
                    case 0x01 -> {    // set_loc
                        int target = r.pointer(cie.fdeEncoding(), DwarfReader.Bases.NONE);
                        if (Integer.compareUnsigned(target, pc) > 0 && !inCie) return;
                        loc = target;
                        s.row = new Row(loc, s.row.cfa(), s.row.rules());
                    }
                    case 0x02 -> advance = r.u8() * code;
                    case 0x03 -> advance = r.u16() * code;
                    case 0x04 -> advance = r.u32() * code;
                    case 0x05 -> set(s, r, at, register(r, at), new Offset((int) (r.uleb() * data)));
                    case 0x06 -> restore(s, r, at, register(r, at), inCie);
                    case 0x07 -> set(s, r, at, register(r, at), new Undefined());
                    case 0x08 -> set(s, r, at, register(r, at), SAME);
                    case 0x09 -> {
                        int reg = register(r, at);
                        set(s, r, at, reg, new InRegister(register(r, at)));
                    }
                    case 0x0a -> {  // remember_state
                        if (s.remembered.size() == MAX_REMEMBERED) throw r.error(at, "more than %d remembered states".formatted(MAX_REMEMBERED));
                        s.remembered.push(s.row.copy());
                    }
                    case 0x0b -> {  // restore_state: rules come back, the location stays
                        if (s.remembered.isEmpty()) throw r.error(at, "DW_CFA_restore_state without a remembered state");
                        Row back = s.remembered.pop();
                        s.row = new Row(s.row.location(), back.cfa(), back.rules());
                    }
                    case 0x0c -> s.row = withCfa(s.row, new RegisterOffset(register(r, at), r.uleb32()));
                    case 0x0d -> s.row = withCfa(s.row, new RegisterOffset(register(r, at), cfaOffset(s, r, at)));
                    case 0x0e -> s.row = withCfa(s.row, new RegisterOffset(cfaRegister(s, r, at), r.uleb32()));
                    case 0x0f -> {
                        int length = r.uleb32();
                        s.row = withCfa(s.row, new CfaExpression(r.position(), length));
                        r.seek(r.position() + length);
                    }
                    case 0x10, 0x16 -> {  // expression, val_expression
                        int reg = register(r, at);
                        int length = r.uleb32();
                        int body = r.position();
                        set(s, r, at, reg, op == 0x10 ? new Expression(body, length) : new ValExpression(body, length));
                        r.seek(body + length);
                    }
                    case 0x11 -> set(s, r, at, register(r, at), new Offset((int) (r.sleb() * data)));
                    case 0x12 -> {
                        int reg = register(r, at);
                        s.row = withCfa(s.row, new RegisterOffset(reg, (int) (r.sleb() * data)));
                    }
                    case 0x13 -> s.row = withCfa(s.row, new RegisterOffset(cfaRegister(s, r, at), (int) (r.sleb() * data)));
                    case 0x14 -> set(s, r, at, register(r, at), new ValOffset((int) (r.uleb() * data)));
                    case 0x15 -> set(s, r, at, register(r, at), new ValOffset((int) (r.sleb() * data)));
                    case 0x2e -> r.uleb();  // GNU_args_size: only matters for x86 push/pop frames
                    case 0x2f -> set(s, r, at, register(r, at), new Offset((int) (-r.uleb() * data)));
                    default -> throw r.error(at, "unsupported call frame instruction 0x%02x".formatted(op));
                }
            }
            if (advance >= 0) {
                if (inCie) throw r.error(at, "location advance in a CIE's initial instructions");
                long next = Integer.toUnsignedLong(loc) + Integer.toUnsignedLong(advance);
                if (next > Integer.toUnsignedLong(pc)) return;  // the row so far applies at pc
                loc = (int) next;
                s.row = new Row(loc, s.row.cfa(), s.row.rules());
            }
        }
    }

    private static int register(DwarfReader r, int at) {
        int reg = r.uleb32();
        if (reg < 0 || reg >= RegisterState.COLUMNS)
            throw r.error(at, "register %d is not a RISC-V x or f register (DWARF 0-63)".formatted(reg));
        return reg;
    }

    private static Row withCfa(Row row, CfaRule cfa) {
        if (cfa instanceof RegisterOffset ro && ro.register() >= 32) {
            throw new EhException(row.location(), "CFA based on FP register %d".formatted(ro.register()));
        }
        return new Row(row.location(), cfa, row.rules());
    }

    private static int cfaRegister(State s, DwarfReader r, int at) {
        if (s.row.cfa() instanceof RegisterOffset ro) return ro.register();
        throw r.error(at, "CFA offset change while the CFA is an expression");
    }

    private static int cfaOffset(State s, DwarfReader r, int at) {
        if (s.row.cfa() instanceof RegisterOffset ro) return ro.offset();
        throw r.error(at, "CFA register change while the CFA is an expression");
    }

    private static void set(State s, DwarfReader r, int at, int reg, Rule rule) {
        if (reg >= RegisterState.COLUMNS) throw r.error(at, "register %d out of range".formatted(reg));
        s.row.rules()[reg] = rule;
    }

    private static void restore(State s, DwarfReader r, int at, int reg, boolean inCie) {
        if (inCie || s.initial == null) throw r.error(at, "DW_CFA_restore in a CIE's initial instructions");
        set(s, r, at, reg, s.initial.rules()[reg]);
    }
}
