package org.coredev.python.eval;

import java.util.LinkedHashMap;
import java.util.Map;

/** A Python dict: insertion-ordered, with Python key equality. */
public final class PyDict {
    /** The entries; keys wrap the original key objects. */
    public final LinkedHashMap<PyKey, Object> map = new LinkedHashMap<>();

    /** The value for a key, or null if absent. */
    public Object get(Object key) { return map.get(new PyKey(key)); }

    /** Sets {@code d[key] = value}. */
    public void put(Object key, Object value) { map.put(new PyKey(key), value); }

    /** True if the key is present. */
    public boolean containsKey(Object key) { return map.containsKey(new PyKey(key)); }

    /** The number of entries. */
    public int size() { return map.size(); }

    /** A dict with string keys from a Java map, in its iteration order. */
    public static PyDict of(Map<String, ?> m) {
        PyDict d = new PyDict();
        m.forEach(d::put);
        return d;
    }

    @Override public String toString() { return Py.repr(this); }
}
