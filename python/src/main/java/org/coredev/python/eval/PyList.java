package org.coredev.python.eval;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** A Python list: a mutable, ordered sequence backed by an ArrayList. */
public final class PyList {
    /** The elements; callers may mutate. */
    public final List<Object> items;

    public PyList() { items = new ArrayList<>(); }

    public PyList(Collection<?> items) { this.items = new ArrayList<>(items); }

    @Override public String toString() { return Py.repr(this); }
}
