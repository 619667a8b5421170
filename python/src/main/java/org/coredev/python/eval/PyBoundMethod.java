package org.coredev.python.eval;

/** A function bound to its first argument ({@code obj.method}). */
public record PyBoundMethod(Object self, Object function) {
    @Override public boolean equals(Object o) {
        return o instanceof PyBoundMethod m && m.self == self && m.function == function;
    }

    @Override public int hashCode() { return System.identityHashCode(self) * 31 + System.identityHashCode(function); }
}
