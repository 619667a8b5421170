package org.coredev.compiler.types;

/**
 * Types of the kernel language (ARTIQ's builtins.py, the part supported): int32, int64, float,
 * bool, None, str, lists of one element type, ranges, tuples, and type variables that
 * unification binds.
 */
public sealed interface Type {
    /** int32 or int64 (ARTIQ's {@code int(width=N)}). */
    record Int(int width) implements Type {
        @Override public String toString() { return "int" + width; }
    }
    record Float() implements Type {
        @Override public String toString() { return "float"; }
    }
    record Bool() implements Type {
        @Override public String toString() { return "bool"; }
    }
    record None() implements Type {
        @Override public String toString() { return "None"; }
    }
    record Str() implements Type {
        @Override public String toString() { return "str"; }
    }
    /**
     * {@code bytes} (immutable) or {@code bytearray}: as a str, a {ptr, len} slice of the bytes,
     * whose elements read as ints 0..255.
     */
    record Bytes(boolean mutable) implements Type {
        @Override public String toString() { return mutable ? "bytearray" : "bytes"; }
    }
    /**
     * An exception caught by {@code except ... as e}: the address of the frame's copy of its
     * 64-byte object (eh_artiq.rs {@code Exception}). {@code str(e)} is its message.
     */
    record Exc() implements Type {
        @Override public String toString() { return "Exception"; }
    }
    /** A list of one element type (ARTIQ's {@code list(elt=T)}). */
    record ListOf(Type elt) implements Type {
        @Override public String toString() { return "list(elt=" + elt + ")"; }
    }
    /**
     * A numpy array of {@code dims} dimensions (ARTIQ's {@code numpy.array(elt=T, num_dims=N)}):
     * its value is the buffer's address and one int32 length per dimension, the elements of one
     * type in C order in the buffer.
     */
    record ArrayOf(Type elt, int dims) implements Type {
        @Override public String toString() { return "numpy.array(elt=" + elt + ", num_dims=" + dims + ")"; }
    }
    /** A range value, {@code r = range(...)} (ARTIQ's {@code range(elt=T)}): start, stop and step of one int type. */
    record RangeOf(Type elt) implements Type {
        @Override public String toString() { return "range(elt=" + elt + ")"; }
    }
    /** A tuple of fixed length, one type per position. */
    record TupleOf(java.util.List<Type> elts) implements Type {
        @Override public String toString() {
            return "(" + String.join(", ", elts.stream().map(Object::toString).toList()) + (elts.size() == 1 ? ",)" : ")");
        }
    }

    /**
     * An instance of a class the program defines in its kernel code (ARTIQ's instance types). The
     * classes supported hold no data of their own: class attributes and methods only.
     */
    record Instance(String className) implements Type {
        @Override public String toString() { return "<instance " + className + ">"; }
    }

    /**
     * A type not known yet. {@code intOnly} variables stand for an integer literal's width
     * (ARTIQ's {@code int(width=?)}): they only bind to an int and default to int32.
     */
    final class Var implements Type {
        final int id;
        boolean intOnly;
        Type bound;

        Var(int id, boolean intOnly) { this.id = id; this.intOnly = intOnly; }

        @Override public String toString() {
            return bound != null ? bound.toString() : intOnly ? "int" : "'t" + id;
        }
    }

    Int INT32 = new Int(32);
    Int INT64 = new Int(64);
    Float FLOAT = new Float();
    Bool BOOL = new Bool();
    None NONE = new None();
    Str STR = new Str();
    Exc EXC = new Exc();
    Bytes BYTES = new Bytes(false);
    Bytes BYTEARRAY = new Bytes(true);

    /** This type with bound variables replaced by what they are bound to. */
    static Type prune(Type t) {
        Type root = t;
        while (root instanceof Var v && v.bound != null) root = v.bound;
        // Path compression: long chains (x = 1 + 1 + ... + 1) stay cheap to walk.
        while (t instanceof Var v && v.bound != null && v.bound != root) {
            Type next = v.bound;
            v.bound = root;
            t = next;
        }
        return root;
    }

    /** The final type, inner types too: unbound integer variables become int32; null if still unknown. */
    static Type resolve(Type t) {
        Type p = prune(t);
        if (p instanceof Var v) {
            if (v.intOnly) { v.bound = INT32; return INT32; }
            return null;
        }
        if (p instanceof ListOf l) {
            Type e = resolve(l.elt());
            return e == null ? null : new ListOf(e);
        }
        if (p instanceof RangeOf r) {
            Type e = resolve(r.elt());
            return e == null ? null : new RangeOf(e);
        }
        if (p instanceof ArrayOf a) {
            Type e = resolve(a.elt());
            return e == null ? null : new ArrayOf(e, a.dims());
        }
        if (p instanceof TupleOf tu) {
            java.util.List<Type> out = new java.util.ArrayList<>();
            for (Type e : tu.elts()) {
                Type r = resolve(e);
                if (r == null) return null;
                out.add(r);
            }
            return new TupleOf(java.util.List.copyOf(out));
        }
        return p;
    }

    static boolean isInt(Type t) {
        Type p = prune(t);
        return p instanceof Int || (p instanceof Var v && v.intOnly);
    }

    static boolean isNumeric(Type t) {
        return isInt(t) || prune(t) instanceof Float;
    }
}
