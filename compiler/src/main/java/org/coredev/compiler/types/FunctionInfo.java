package org.coredev.compiler.types;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coredev.python.ast.Stmt;

/**
 * One kernel function after inference: its parameters, local variables and return type.
 * The module's own code is the function {@code __modinit__} with no parameters.
 */
public final class FunctionInfo {
    public final String name;
    /** The definition; null for the module body. */
    public final Stmt.FunctionDef def;
    public final List<Stmt> body;
    public final List<String> params;
    /** Every local (parameters first), in order of first appearance. */
    public final Map<String, Type> locals = new LinkedHashMap<>();
    public final Type returns;
    /** Module variables this function reads or assigns ({@code global x}); not in {@link #locals}. */
    public final java.util.Set<String> globals = new java.util.TreeSet<>();
    /** Whether any compiled code calls it (functions never called have no types and are not emitted). */
    boolean called;
    /** An entry point of a bundle: exported, called from outside the image with its parameters' annotated types. */
    boolean entry;
    /** In a bundle: exported, so kernels linked against the bundle can call it. */
    boolean exported;
    /** A kernel of a resident bundle that this image calls through the bundle's export: no body here. */
    boolean extern;

    FunctionInfo(String name, Stmt.FunctionDef def, List<Stmt> body, List<String> params, Type returns) {
        this.name = name;
        this.def = def;
        this.body = body;
        this.params = params;
        this.returns = returns;
    }

    public boolean isModule() { return def == null && !extern; }
    public boolean called() { return called; }
    public boolean entry() { return entry; }
    public boolean exported() { return exported || entry; }
    public boolean extern() { return extern; }
    public Type localType(String n) { return Type.resolve(locals.get(n)); }
    public Type returnType() { return Type.resolve(returns); }
}
