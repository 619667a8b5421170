package org.coredev.python.eval;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A namespace during evaluation: a module's globals, a function call's locals, a class body or a
 * comprehension. Names resolve locals, then enclosing function scopes (class bodies are skipped,
 * as in Python), then globals, then builtins.
 */
public final class Scope {
    /** Kinds of scope. */
    public enum Kind { MODULE, FUNCTION, CLASS, COMPREHENSION }

    public final Kind kind;
    public final Map<String, Object> vars;
    public final Scope enclosing;
    public final Map<String, Object> globals;
    final Set<String> globalNames;
    final Set<String> nonlocalNames;
    /** The value of a {@code return}; set when a body returns. */
    Object returnValue;
    /** The exception being handled, for a bare {@code raise}. */
    PyRaise handling;
    /** The source file this code came from (for error positions). */
    org.coredev.python.lexer.Source source;
    /** The function whose call this scope is (FUNCTION scopes), for zero-argument super(). */
    PyFunction function;

    Scope(Kind kind, Map<String, Object> vars, Scope enclosing, Map<String, Object> globals,
          Set<String> globalNames, Set<String> nonlocalNames) {
        this.kind = kind;
        this.vars = vars;
        this.enclosing = enclosing;
        this.globals = globals;
        this.globalNames = globalNames;
        this.nonlocalNames = nonlocalNames;
    }

    /** A module scope whose locals are its globals. */
    static Scope module(Map<String, Object> globals) {
        return new Scope(Kind.MODULE, globals, null, globals, Set.of(), Set.of());
    }

    /** A child scope of the given kind. */
    Scope child(Kind kind, Set<String> globalNames, Set<String> nonlocalNames) {
        Scope s = new Scope(kind, kind == Kind.CLASS ? new java.util.LinkedHashMap<>() : new HashMap<>(), this, globals,
                globalNames, nonlocalNames);
        s.source = source;
        return s;
    }

    /** Looks a name up; null if unbound here and in enclosing and global scopes. */
    Object lookup(String name) {
        Object v = vars.get(name);
        if (v != null) return v;
        if (globalNames.contains(name)) return globals.get(name);
        for (Scope s = enclosing; s != null; s = s.enclosing) {
            if (s.kind == Kind.CLASS || s.kind == Kind.MODULE) continue;
            v = s.vars.get(name);
            if (v != null) return v;
        }
        return globals.get(name);
    }

    /** Binds a name where an assignment in this scope binds it. */
    void assign(String name, Object value) {
        target(name).put(name, value);
    }

    /** Removes a binding; false if it was not bound. */
    boolean delete(String name) {
        return target(name).remove(name) != null;
    }

    private Map<String, Object> target(String name) {
        if (globalNames.contains(name)) return globals;
        if (nonlocalNames.contains(name)) {
            for (Scope s = enclosing; s != null; s = s.enclosing) {
                if (s.kind == Kind.FUNCTION && s.vars.containsKey(name)) return s.vars;
            }
        }
        return vars;
    }
}
