package org.coredev.python.eval;

import java.util.LinkedHashSet;

/** A Python set or frozenset (elements kept in insertion order, so output is deterministic). */
public final class PySet {
    /** The elements. */
    public final LinkedHashSet<PyKey> items = new LinkedHashSet<>();
    /** True for a frozenset. */
    public final boolean frozen;

    public PySet(boolean frozen) { this.frozen = frozen; }

    /** Adds an element. */
    public void add(Object v) { items.add(new PyKey(v)); }

    /** True if the set holds the value. */
    public boolean contains(Object v) { return items.contains(new PyKey(v)); }

    @Override public String toString() { return Py.repr(this); }
}
