package org.coredev.python.eval;

import java.util.LinkedHashMap;
import java.util.Map;

/** A module: a name and its global namespace. */
public final class PyModule {
    /** The dotted module name. */
    public final String name;
    /** Its globals. */
    public final Map<String, Object> dict;

    public PyModule(String name) { this(name, new LinkedHashMap<>()); }

    public PyModule(String name, Map<String, Object> dict) {
        this.name = name;
        this.dict = dict;
        dict.putIfAbsent("__name__", name);
    }

    @Override public String toString() { return "<module '" + name + "'>"; }
}
