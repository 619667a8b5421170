package org.coredev.python.eval;

/**
 * A value used as a dict key or set element: equality and hash follow Python (1 == 1.0 == True,
 * tuples by content). The original value is kept so that keys come back out unchanged.
 */
public final class PyKey {
    /** The key as stored. */
    public final Object value;
    private final int hash;

    /** Wraps a hashable value; unhashable values (list, dict, set) raise TypeError. */
    public PyKey(Object value) {
        this.value = value;
        this.hash = Py.hash(value);
    }

    @Override public int hashCode() { return hash; }

    @Override public boolean equals(Object o) {
        return o instanceof PyKey k && (k.value == value || k.hash == hash && Py.eq(value, k.value));
    }

    @Override public String toString() { return Py.repr(value); }
}
