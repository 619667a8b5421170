package org.coredev.python.eval;

import java.util.List;
import java.util.Map;

/** A function implemented in Java (a built-in function or a method of a built-in type). */
public record PyBuiltin(String name, Fn fn) {
    /** The Java body: positional arguments and keyword arguments (in call order). */
    @FunctionalInterface
    public interface Fn {
        Object call(Interpreter in, List<Object> args, Map<String, Object> kwargs);
    }

    @Override public boolean equals(Object o) { return this == o; }

    @Override public int hashCode() { return System.identityHashCode(this); }

    @Override public String toString() { return "<built-in function " + name + ">"; }
}
