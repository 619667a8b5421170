package org.coredev.python.eval;

import org.coredev.python.ast.Arguments;
import org.coredev.python.ast.Expr;
import org.coredev.python.ast.Stmt;

import java.util.List;
import java.util.Set;

/**
 * A function defined in Python: a {@code def} (body statements) or a {@code lambda} (body
 * expression), its evaluated defaults, the scope it closes over, and the names its body
 * declares {@code global} or {@code nonlocal}.
 */
public final class PyFunction {
    public final String name;
    public final Arguments params;
    /** Body statements of a def, or null for a lambda. */
    public final List<Stmt> body;
    /** Body of a lambda, or null. */
    public final Expr lambdaBody;
    /** Defaults of the trailing positional parameters. */
    public final List<Object> defaults;
    /** Defaults of keyword-only parameters (null where none). */
    public final List<Object> kwDefaults;
    /** The defining scope. */
    public final Scope closure;
    public final Set<String> globalNames;
    public final Set<String> nonlocalNames;
    /** Attributes set on the function object (e.g. by decorators). */
    public final java.util.Map<String, Object> attrs = new java.util.LinkedHashMap<>();
    /** The class whose body defined this function (for zero-argument super()), or null. */
    PyClass definingClass;

    public PyFunction(String name, Arguments params, List<Stmt> body, Expr lambdaBody, List<Object> defaults,
                      List<Object> kwDefaults, Scope closure, Set<String> globalNames, Set<String> nonlocalNames) {
        this.name = name;
        this.params = params;
        this.body = body;
        this.lambdaBody = lambdaBody;
        this.defaults = defaults;
        this.kwDefaults = kwDefaults;
        this.closure = closure;
        this.globalNames = globalNames;
        this.nonlocalNames = nonlocalNames;
    }

    @Override public String toString() { return "<function " + name + ">"; }
}
