package org.coredev.compiler.types;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The exception classes a kernel knows: the runtime's preallocated ones with their ids (ARTIQ's
 * embedding.py, in eh_artiq.rs's EXCEPTION_ID_LOOKUP order, as the emulator's ExceptionNames),
 * the Python base classes above them (no id: they are caught, never raised here), and the
 * program's own {@code class MyError(Exception): pass}, numbered after the preallocated ids in
 * definition order as ARTIQ's embedding map would give them new keys.
 */
public final class ExceptionClasses {
    /** Preallocated ids 0..22 (artiq/compiler/embedding.py, preallocate_runtime_exception_names). */
    public static final List<String> BUILTIN_IDS = List.of(
            "RTIOUnderflow", "RTIOOverflow", "RTIODestinationUnreachable", "DMAError", "I2CError",
            "CacheError", "SPIError", "SubkernelError",
            "AssertionError", "AttributeError", "IndexError", "IOError", "KeyError", "NotImplementedError",
            "OverflowError", "RuntimeError", "TimeoutError", "TypeError", "ValueError", "ZeroDivisionError",
            "LinAlgError", "UnwrapNoneError", "CXPError");

    /** Each class's base, as Python's built-in hierarchy and artiq.coredevice.exceptions define it. */
    private final Map<String, String> parent = new LinkedHashMap<>();
    private final List<String> ids = new ArrayList<>(BUILTIN_IDS);

    public ExceptionClasses() {
        parent.put("BaseException", null);
        parent.put("Exception", "BaseException");
        parent.put("ArithmeticError", "Exception");
        parent.put("LookupError", "Exception");
        parent.put("IOError", "Exception");            // OSError's other name in Python 3
        for (String n : BUILTIN_IDS) parent.putIfAbsent(n, "Exception");
        parent.put("ZeroDivisionError", "ArithmeticError");
        parent.put("OverflowError", "ArithmeticError");
        parent.put("IndexError", "LookupError");
        parent.put("KeyError", "LookupError");
        parent.put("TimeoutError", "IOError");
        parent.put("NotImplementedError", "RuntimeError");
    }

    /** The canonical class of a name ({@code OSError} is {@code IOError}), or null if unknown. */
    public String canonical(String name) {
        if (name.equals("OSError")) return "IOError";
        return parent.containsKey(name) ? name : null;
    }

    public boolean isClass(String name) { return canonical(name) != null; }

    /** Whether instances of the class have an id (so a kernel can raise it). */
    public boolean hasId(String name) { return isClass(name) && ids.contains(canonical(name)); }

    public boolean isUser(String name) { return hasId(name) && id(name) >= BUILTIN_IDS.size(); }

    /** Defines a program's exception class with the next free id; false if the name is taken. */
    public boolean define(String name, String base) {
        if (parent.containsKey(name) || name.equals("OSError")) return false;
        parent.put(name, canonical(base));
        ids.add(name);
        return true;
    }

    public int id(String name) { return ids.indexOf(canonical(name)); }

    /** Whether every exception (any id, even one the kernel does not know) is a {@code name}. */
    public boolean catchesEverything(String name) {
        String c = canonical(name);
        return c.equals("BaseException") || c.equals("Exception");
    }

    /** The ids of {@code name} and its subclasses. */
    public BitSet idsCaughtBy(String name) {
        String c = canonical(name);
        BitSet out = new BitSet();
        for (int id = 0; id < ids.size(); id++)
            for (String k = ids.get(id); k != null; k = parent.get(k))
                if (k.equals(c)) { out.set(id); break; }
        return out;
    }

    /**
     * The name string ARTIQ 6 firmware and compiler give the class with this id ("id:name"):
     * "0:artiq.coredevice.exceptions.RTIOUnderflow" for ARTIQ's own, "0:ZeroDivisionError" for
     * Python's, "23:MyError" for the program's (ARTIQ 6 puts the host class's object id and
     * qualified name there; a kernel of coredev's own numbers its classes as above).
     */
    public String nameString(int id) {
        String name = ids.get(id);
        if (id >= BUILTIN_IDS.size()) return id + ":" + name;
        boolean python = id >= BUILTIN_IDS.indexOf("AssertionError") && id <= BUILTIN_IDS.indexOf("LinAlgError");
        return python ? "0:" + name : "0:artiq.coredevice.exceptions." + name;
    }

    /** The program's own classes by id (for the image's name table). */
    public Map<Integer, String> userClasses() {
        Map<Integer, String> out = new java.util.TreeMap<>();
        for (int id = BUILTIN_IDS.size(); id < ids.size(); id++) out.put(id, ids.get(id));
        return out;
    }
}
