package org.coredev.compiler.ir;

/** A virtual register: {@code W} a 32-bit integer word, {@code D} a double (rv32g only). */
public record VReg(int id, Kind kind) {
    public enum Kind { W, D }

    @Override public String toString() { return (kind == Kind.W ? "%w" : "%d") + id; }
}
