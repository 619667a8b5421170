package org.coredev.loader;

import java.util.ArrayList;
import java.util.List;

/**
 * A kernel-language value type as a bundle's layout manifest records it: what the host must
 * put where to call an entry point, and what an embedded attribute's cell holds.
 */
public sealed interface ValueType {
    enum Scalar implements ValueType {
        INT32("int32"), INT64("int64"), FLOAT("float"), BOOL("bool"), NONE("None"), STR("str");
        private final String text;
        Scalar(String text) { this.text = text; }
        @Override public String toString() { return text; }
    }

    record ListOf(ValueType elt) implements ValueType {
        @Override public String toString() { return "list(elt=" + elt + ")"; }
    }

    record TupleOf(List<ValueType> elts) implements ValueType {
        public TupleOf { elts = List.copyOf(elts); }
        @Override public String toString() {
            return "(" + String.join(", ", elts.stream().map(Object::toString).toList()) + (elts.size() == 1 ? ",)" : ")");
        }
    }

    /** Parses the compiler's spelling of a type. */
    static ValueType parse(String text) {
        Parser p = new Parser(text);
        ValueType t = p.type();
        if (p.at != text.length()) throw new IllegalArgumentException("bad type '" + text + "'");
        return t;
    }

    final class Parser {
        private final String s;
        private int at;

        private Parser(String s) { this.s = s; }

        private ValueType type() {
            if (s.startsWith("list(elt=", at)) {
                at += "list(elt=".length();
                ValueType elt = type();
                expect(')');
                return new ListOf(elt);
            }
            if (at < s.length() && s.charAt(at) == '(') {
                at++;
                List<ValueType> elts = new ArrayList<>();
                while (at < s.length() && s.charAt(at) != ')') {
                    elts.add(type());
                    if (at < s.length() && s.charAt(at) == ',') at++;
                    while (at < s.length() && s.charAt(at) == ' ') at++;
                }
                expect(')');
                return new TupleOf(elts);
            }
            for (Scalar k : Scalar.values())
                if (s.startsWith(k.toString(), at)) {
                    at += k.toString().length();
                    return k;
                }
            throw new IllegalArgumentException("bad type '" + s + "' at " + at);
        }

        private void expect(char c) {
            if (at >= s.length() || s.charAt(at) != c) throw new IllegalArgumentException("bad type '" + s + "': '" + c + "' expected at " + at);
            at++;
        }
    }
}
