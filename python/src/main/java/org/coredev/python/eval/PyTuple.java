package org.coredev.python.eval;

import java.util.List;

/** A Python tuple: an immutable sequence. */
public record PyTuple(List<Object> items) {
    /** The empty tuple. */
    public static final PyTuple EMPTY = new PyTuple(List.of());

    public PyTuple {
        items = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(items));
    }

    /** A tuple of the given values. */
    public static PyTuple of(Object... values) { return new PyTuple(java.util.Arrays.asList(values)); }

    @Override public boolean equals(Object o) { return this == o; }

    @Override public int hashCode() { return System.identityHashCode(this); }

    @Override public String toString() { return Py.repr(this); }
}
