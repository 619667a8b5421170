package org.coredev.compiler.types;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.coredev.python.ast.Expr;

/** The result of type inference: a type for every expression and the functions to compile. */
public final class TypedProgram {
    private final Map<Expr, Type> types;
    private final Map<String, FunctionInfo> functions;

    private final java.util.Set<String> globals;

    private final ExceptionClasses exceptionClasses;

    private final Externs externs;

    TypedProgram(IdentityHashMap<Expr, Type> types, Map<String, FunctionInfo> functions, java.util.Set<String> globals,
                 ExceptionClasses exceptionClasses, Externs externs) {
        this.externs = externs;
        this.exceptionClasses = exceptionClasses;
        this.types = types;
        this.functions = functions;
        this.globals = globals;
    }

    /** Module variables a function uses: they live in the image's writable data (sorted by name). */
    public java.util.Set<String> globals() { return globals; }

    /** The resolved type of an expression (int literals of unknown width are int32). */
    public Type typeOf(Expr e) {
        Type t = types.get(e);
        return t == null ? null : Type.resolve(t);
    }

    /** Whether a module variable lives in a resident bundle (this image reaches it through the bundle's export). */
    public boolean isExternGlobal(String name) { return externs.globals().containsKey(name); }

    /** The module body ({@code __modinit__}) first, then every function the kernel calls and compiles. */
    public List<FunctionInfo> functions() {
        return functions.values().stream().filter(f -> f.isModule() || f.called && !f.extern).toList();
    }

    /** The exception classes the kernel knows, with their ids. */
    public ExceptionClasses exceptionClasses() { return exceptionClasses; }

    public FunctionInfo function(String name) { return functions.get(name); }

    private final Map<Expr, Expr> rewritten = new IdentityHashMap<>();
    private final java.util.Set<Expr> instantiations = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

    /** What type inference read {@code e} as (a method call as a call of its function, a class attribute as its value), or null. */
    public Expr rewritten(Expr e) { return rewritten.get(e); }

    /** Whether {@code e} makes an instance of a kernel class ({@code C()}: no data, nothing to compute). */
    public boolean isInstantiation(Expr e) { return instantiations.contains(e); }

    void record(Map<Expr, Expr> rewrites, java.util.Set<Expr> made) {
        rewritten.putAll(rewrites);
        instantiations.addAll(made);
    }
}
