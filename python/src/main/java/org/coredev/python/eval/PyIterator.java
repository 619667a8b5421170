package org.coredev.python.eval;

import java.util.Iterator;

/** A Python iterator (from iter(), enumerate, zip, map, generator expressions...). */
public final class PyIterator implements Iterator<Object> {
    private final Iterator<?> it;

    public PyIterator(Iterator<?> it) { this.it = it; }

    @Override public boolean hasNext() { return it.hasNext(); }

    @Override public Object next() { return it.next(); }
}
