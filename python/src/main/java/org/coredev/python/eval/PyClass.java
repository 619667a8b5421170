package org.coredev.python.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Python class: user classes from {@code class} statements and the built-in types (int, str,
 * list, Exception...). Built-in types carry a Java constructor; user classes create
 * {@link PyInstance}s and run {@code __init__}.
 */
public final class PyClass {
    /** The class name. */
    public final String name;
    /** Direct bases. */
    public final List<PyClass> bases;
    /** The class namespace (methods, class attributes). */
    public final Map<String, Object> dict;
    /** For built-in types: how calling the type makes a value; null for user classes. */
    public final PyBuiltin.Fn constructor;
    /** Method resolution order, this class first. */
    public final List<PyClass> mro;

    public PyClass(String name, List<PyClass> bases, Map<String, Object> dict, PyBuiltin.Fn constructor) {
        this.name = name;
        this.bases = List.copyOf(bases);
        this.dict = dict == null ? new LinkedHashMap<>() : dict;
        this.constructor = constructor;
        this.mro = linearize();
        this.dict.putIfAbsent("__name__", name);
    }

    /** C3 linearization (falls back to depth-first order if the bases conflict). */
    private List<PyClass> linearize() {
        List<List<PyClass>> seqs = new ArrayList<>();
        for (PyClass b : bases) seqs.add(new ArrayList<>(b.mro));
        seqs.add(new ArrayList<>(bases));
        List<PyClass> out = new ArrayList<>();
        out.add(this);
        while (true) {
            seqs.removeIf(List::isEmpty);
            if (seqs.isEmpty()) return out;
            PyClass pick = null;
            for (List<PyClass> s : seqs) {
                PyClass head = s.get(0);
                boolean inTail = false;
                for (List<PyClass> t : seqs) if (t.indexOf(head) > 0) { inTail = true; break; }
                if (!inTail) { pick = head; break; }
            }
            if (pick == null) {
                for (List<PyClass> s : seqs) for (PyClass c : s) if (!out.contains(c)) out.add(c);
                return out;
            }
            out.add(pick);
            for (List<PyClass> s : seqs) s.remove(pick);
        }
    }

    /** Looks a name up along the MRO; null if absent. */
    public Object lookup(String attr) {
        for (PyClass c : mro) {
            Object v = c.dict.get(attr);
            if (v != null) return v;
        }
        return null;
    }

    /** True if this class is {@code other} or derives from it. */
    public boolean isSubclassOf(PyClass other) { return mro.contains(other); }

    @Override public String toString() { return "<class '" + name + "'>"; }
}
