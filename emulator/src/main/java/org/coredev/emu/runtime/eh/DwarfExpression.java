package org.coredev.emu.runtime.eh;

import org.coredev.emu.runtime.GuestFault;
import org.coredev.emu.runtime.GuestMemory;

/**
 * Evaluates the DWARF expressions that CFA programs may carry (DW_CFA_def_cfa_expression,
 * DW_CFA_expression, DW_CFA_val_expression): a stack machine of 32-bit values (DWARF 5 section
 * 2.5). Supported: literals and constants, DW_OP_addr, breg0-31/bregx, deref, stack operations,
 * arithmetic and logic, plus_uconst, nop. Anything else (register locations, branches, typed
 * operations) fails with an "unsupported" {@link EhException} naming the opcode and its address.
 */
final class DwarfExpression {
    private static final int MAX_STACK = 64;

    private DwarfExpression() {}

    /** The value left on top of the stack by the expression at [address, address + length). */
    static int evaluate(GuestMemory memory, int address, int length, RegisterState regs, Integer initial) {
        DwarfReader r = new DwarfReader(memory, "DWARF expression", address, Integer.toUnsignedLong(address) + length);
        int[] stack = new int[MAX_STACK];
        int depth = 0;
        if (initial != null) stack[depth++] = initial;
        while (!r.atEnd()) {
            int at = r.position();
            int op = r.u8();
            int push;
            if (op >= 0x30 && op <= 0x4f) {
                push = op - 0x30;  // DW_OP_lit0..31
            } else if (op >= 0x70 && op <= 0x8f) {
                push = regs.x(op - 0x70) + (int) r.sleb();  // DW_OP_breg0..31
            } else {
                switch (op) {
                    case 0x03 -> push = r.u32();                 // addr
                    case 0x08 -> push = r.u8();                  // const1u
                    case 0x09 -> push = (byte) r.u8();           // const1s
                    case 0x0a -> push = r.u16();                 // const2u
                    case 0x0b -> push = (short) r.u16();         // const2s
                    case 0x0c, 0x0d -> push = r.u32();           // const4u, const4s
                    case 0x10 -> push = (int) r.uleb();          // constu
                    case 0x11 -> push = (int) r.sleb();          // consts
                    case 0x92 -> {                               // bregx
                        int reg = r.uleb32();
                        if (reg > 31) throw r.error(at, "DW_OP_bregx of register %d is unsupported".formatted(reg));
                        push = regs.x(reg) + (int) r.sleb();
                    }
                    case 0x96 -> { continue; }                   // nop
                    case 0x12, 0x14, 0x15 -> {                   // dup, over, pick
                        int index = op == 0x12 ? 0 : op == 0x14 ? 1 : r.u8();
                        need(r, at, depth, index + 1);
                        push = stack[depth - 1 - index];
                    }
                    default -> {
                        depth = operate(r, at, op, stack, depth, memory);
                        continue;
                    }
                }
            }
            if (depth == MAX_STACK) throw r.error(at, "expression stack deeper than " + MAX_STACK);
            stack[depth++] = push;
        }
        if (depth == 0) throw r.error(address, "expression leaves an empty stack");
        return stack[depth - 1];
    }

    private static void need(DwarfReader r, int at, int depth, int n) {
        if (depth < n) throw r.error(at, "expression stack underflow");
    }

    /** Operations that pop operands; returns the new depth. */
    private static int operate(DwarfReader r, int at, int op, int[] s, int depth, GuestMemory memory) {
        switch (op) {
            case 0x06 -> {  // deref
                need(r, at, depth, 1);
                try {
                    s[depth - 1] = memory.load32(s[depth - 1]);
                } catch (GuestFault e) {
                    throw r.error(at, "DW_OP_deref of unreadable 0x%08x".formatted(s[depth - 1]));
                }
                return depth;
            }
            case 0x13 -> { need(r, at, depth, 1); return depth - 1; }  // drop
            case 0x16 -> {  // swap
                need(r, at, depth, 2);
                int t = s[depth - 1]; s[depth - 1] = s[depth - 2]; s[depth - 2] = t;
                return depth;
            }
            case 0x17 -> {  // rot
                need(r, at, depth, 3);
                int t = s[depth - 1]; s[depth - 1] = s[depth - 2]; s[depth - 2] = s[depth - 3]; s[depth - 3] = t;
                return depth;
            }
            case 0x19 -> { need(r, at, depth, 1); s[depth - 1] = Math.abs(s[depth - 1]); return depth; }
            case 0x1f -> { need(r, at, depth, 1); s[depth - 1] = -s[depth - 1]; return depth; }
            case 0x20 -> { need(r, at, depth, 1); s[depth - 1] = ~s[depth - 1]; return depth; }
            case 0x23 -> { need(r, at, depth, 1); s[depth - 1] += (int) r.uleb(); return depth; }  // plus_uconst
            default -> { }
        }
        need(r, at, depth, 2);
        int b = s[depth - 1], a = s[depth - 2];
        int result = switch (op) {
            case 0x1a -> a & b;
            case 0x1b -> {
                if (b == 0) throw r.error(at, "DW_OP_div by zero");
                yield a / b;
            }
            case 0x1c -> a - b;
            case 0x1d -> {
                if (b == 0) throw r.error(at, "DW_OP_mod by zero");
                yield Integer.remainderUnsigned(a, b);
            }
            case 0x1e -> a * b;
            case 0x21 -> a | b;
            case 0x22 -> a + b;
            case 0x24 -> a << b;
            case 0x25 -> a >>> b;
            case 0x26 -> a >> b;
            case 0x27 -> a ^ b;
            default -> throw r.error(at, "unsupported DWARF expression opcode 0x%02x".formatted(op));
        };
        s[depth - 2] = result;
        return depth - 1;
    }
}
