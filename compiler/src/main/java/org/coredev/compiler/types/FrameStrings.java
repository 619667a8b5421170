package org.coredev.compiler.types;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.coredev.compiler.CompileException;
import org.coredev.python.ast.ExceptHandler;
import org.coredev.python.ast.Expr;
import org.coredev.python.ast.Stmt;

/**
 * A str built in a function's frame ({@code a + b}, an RPC's returned str, and what holds one:
 * a tuple, a list, a variable assigned one) must not outlive the frame: it cannot be returned,
 * nor stored in a module variable or a list from outside the function. ARTIQ's escape analysis
 * (validators/escape.py) refuses the same, as str values are allocated there too. Which
 * variables hold such strs is found flow-insensitively: a variable ever assigned one does.
 */
final class FrameStrings {
    private final String file;
    private final TypedProgram program;
    private final FunctionInfo function;
    /** Locals that may hold a frame-built str. */
    private final Set<String> holding = new HashSet<>();

    private FrameStrings(String file, TypedProgram program, FunctionInfo function) {
        this.file = file;
        this.program = program;
        this.function = function;
    }

    /** Checks every compiled function but the module body (whose frame outlives the kernel's code). */
    static void check(String file, TypedProgram program) {
        for (FunctionInfo f : program.functions()) {
            if (f.isModule()) continue;
            FrameStrings v = new FrameStrings(file, program, f);
            int before;
            do {
                before = v.holding.size();
                v.scan(f.body, false);
            } while (v.holding.size() != before);
            v.scan(f.body, true);
        }
    }

    /** Marks variables assigned frame strs; with {@code report}, refuses such strs leaving the frame. */
    private void scan(List<Stmt> body, boolean report) {
        for (Stmt s : body) {
            switch (s) {
                case Stmt.Assign a -> {
                    boolean built = built(a.value());
                    for (Expr t : a.targets()) store(t, built, report, a.value());
                }
                case Stmt.AugAssign a -> store(a.target(), built(a.value()) || built(a.target()), report, a.value());
                case Stmt.AnnAssign a when a.value() != null -> store(a.target(), built(a.value()), report, a.value());
                case Stmt.Return r when report && r.value() != null && built(r.value()) -> throw new CompileException(file, r.value().span(),
                        "%s built in %s() cannot be returned: its bytes live in that function's frame, gone when it returns"
                                .formatted(noun(r.value()), function.name));
                case Stmt.For f -> {
                    store(f.target(), built(f.iter()), report, f.iter());
                    scan(f.body(), report);
                    scan(f.orelse(), report);
                }
                case Stmt.While w -> {
                    scan(w.body(), report);
                    scan(w.orelse(), report);
                }
                case Stmt.If i -> {
                    scan(i.body(), report);
                    scan(i.orelse(), report);
                }
                case Stmt.With w -> scan(w.body(), report);
                case Stmt.Try t -> {
                    scan(t.body(), report);
                    for (ExceptHandler h : t.handlers()) {
                        if (h.name() != null && function.locals.containsKey(h.name())) holding.add(h.name());
                        scan(h.body(), report);
                    }
                    scan(t.orelse(), report);
                    scan(t.finalbody(), report);
                }
                default -> { }
            }
        }
    }

    private void store(Expr target, boolean built, boolean report, Expr value) {
        switch (target) {
            case Expr.Name n -> {
                if (!built) return;
                if (function.locals.containsKey(n.id())) holding.add(n.id());
                else if (report) throw leaves(value, "module variable '%s'".formatted(n.id()));
            }
            case Expr.Tuple t -> { for (Expr e : t.elts()) store(e, built, report, value); }
            case Expr.List l -> { for (Expr e : l.elts()) store(e, built, report, value); }
            case Expr.Starred st -> store(st.value(), built, report, value);
            case Expr.Subscript sub -> {
                if (!built || !report) return;
                boolean own = sub.value() instanceof Expr.Name base && function.locals.containsKey(base.id())
                        && !function.params.contains(base.id());
                if (!own) throw leaves(value, "a list from outside it");
            }
            default -> { }
        }
    }

    private CompileException leaves(Expr value, String where) {
        return new CompileException(file, value.span(), ("%s built in %s() cannot be stored in %s: its bytes live in that "
                + "function's frame, gone when it returns").formatted(noun(value), function.name, where));
    }

    /** "a str", or for a bytes value or bytearray what it is. */
    private String noun(Expr value) {
        return switch (program.typeOf(value)) {
            case Type.Bytes b -> "a " + b;
            case Type.Exc x -> "a caught exception";
            case null, default -> "a str";
        };
    }

    /** Whether the value of {@code e} is, or holds, a str built in this frame. */
    private boolean built(Expr e) {
        if (e == null || !holdsStr(program.typeOf(e))) return false;
        return switch (e) {
            case Expr.BinOp b -> program.typeOf(b) instanceof Type.Str || program.typeOf(b) instanceof Type.Bytes
                    || built(b.left()) || built(b.right());
            case Expr.Call c -> c.func() instanceof Expr.Name n && (n.id().equals(TypeInference.RPC) || n.id().equals("bytes") || n.id().equals("bytearray"))
                    || c.func() instanceof Expr.Name n2 && n2.id().equals("str") && c.args().size() == 1 && built(c.args().getFirst());
            case Expr.Name n -> holding.contains(n.id());
            case Expr.Subscript s -> built(s.value());
            case Expr.Tuple t -> t.elts().stream().anyMatch(this::built);
            case Expr.List l -> l.elts().stream().anyMatch(this::built);
            case Expr.ListComp lc -> built(lc.elt()) || lc.generators().stream().anyMatch(g -> built(g.iter()));
            case Expr.IfExp i -> built(i.body()) || built(i.orelse());
            case Expr.BoolOp b -> b.values().stream().anyMatch(this::built);
            case Expr.NamedExpr n -> built(n.value());
            default -> false;
        };
    }

    private static boolean holdsStr(Type t) {
        return switch (t) {
            case Type.Str s -> true;
            case Type.Bytes b -> true;
            case Type.Exc x -> true;   // the frame's copy of a caught exception
            case Type.ListOf l -> holdsStr(l.elt());
            case Type.TupleOf tu -> tu.elts().stream().anyMatch(FrameStrings::holdsStr);
            case null, default -> false;
        };
    }
}
