package org.coredev.python.eval;

/** Python's {@code None}. */
public final class PyNone {
    /** The one instance. */
    public static final PyNone NONE = new PyNone();

    private PyNone() { }

    @Override public String toString() { return "None"; }
}
