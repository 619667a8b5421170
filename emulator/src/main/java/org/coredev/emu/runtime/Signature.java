package org.coredev.emu.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * A C function type in one short string: return type, then parameter types in parentheses.
 * Letters: {@code v} void, {@code i} int32, {@code p} pointer (32-bit), {@code l} int64,
 * {@code f} float, {@code d} double. Example: {@code "d(dd)"} is {@code double f(double, double)}.
 */
public record Signature(Type returns, List<Type> params) {
    public enum Type {
        VOID('v'), INT('i'), POINTER('p'), LONG('l'), FLOAT('f'), DOUBLE('d');
        final char letter;
        Type(char letter) { this.letter = letter; }

        static Type of(char c, String text) {
            for (Type t : values()) if (t.letter == c) return t;
            throw new IllegalArgumentException("bad type letter '" + c + "' in signature " + text);
        }

        /** Passed in integer registers (or, for FLOAT/DOUBLE, in FP registers under ilp32d). */
        boolean wide() { return this == LONG || this == DOUBLE; }
        boolean floating() { return this == FLOAT || this == DOUBLE; }
    }

    public static Signature parse(String text) {
        int open = text.indexOf('('), close = text.lastIndexOf(')');
        if (open != 1 || close != text.length() - 1) throw new IllegalArgumentException("bad signature " + text);
        List<Type> params = new ArrayList<>();
        for (char c : text.substring(open + 1, close).toCharArray()) {
            Type t = Type.of(c, text);
            if (t == Type.VOID) throw new IllegalArgumentException("void parameter in " + text);
            params.add(t);
        }
        return new Signature(Type.of(text.charAt(0), text), List.copyOf(params));
    }

    @Override public String toString() {
        StringBuilder b = new StringBuilder().append(returns.letter).append('(');
        for (Type t : params) b.append(t.letter);
        return b.append(')').toString();
    }
}
