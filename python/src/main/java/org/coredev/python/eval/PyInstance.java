package org.coredev.python.eval;

import java.util.LinkedHashMap;
import java.util.Map;

/** An instance of a user class (or of an exception class): its class and its attributes. */
public final class PyInstance {
    /** The class. */
    public final PyClass cls;
    /** Instance attributes ({@code self.x = ...}). */
    public final Map<String, Object> attrs = new LinkedHashMap<>();

    public PyInstance(PyClass cls) { this.cls = cls; }

    @Override public String toString() { return "<" + cls.name + " object>"; }
}
