package org.coredev.compiler.desugar;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.coredev.python.ast.Children;
import org.coredev.python.ast.Comprehension;
import org.coredev.python.ast.Expr;
import org.coredev.python.ast.Module;
import org.coredev.python.ast.Stmt;

/**
 * A list comprehension's variable has a scope of its own, as in Python 3 (and ARTIQ): inside the
 * comprehension it is renamed to a name no source can spell ({@code x#c3}: '#' cannot be part
 * of an identifier), so two comprehensions over {@code x}, or a comprehension and its function,
 * may give {@code x} different types. {@link #display} turns such names back for messages.
 */
public final class ComprehensionScopes {
    private static final String MARK = "#c";
    private int counter;

    private ComprehensionScopes() {}

    public static Module apply(Module module) {
        ComprehensionScopes s = new ComprehensionScopes();
        @SuppressWarnings("unchecked")
        List<Stmt> body = (List<Stmt>) s.rename(module.body(), Map.of());
        return body == module.body() ? module : new Module(body, module.typeIgnores());
    }

    /** A source name as the user wrote it, whatever comprehension renamed it. */
    public static String display(String text) { return text.replaceAll(MARK + "\\d+", ""); }

    private Object rename(Object node, Map<String, String> names) {
        return switch (node) {
            case null -> null;
            case Expr.Name n when names.containsKey(n.id()) -> new Expr.Name(names.get(n.id()), n.ctx(), n.span());
            case Expr.ListComp lc -> {
                Map<String, String> inner = new HashMap<>(names);
                List<Comprehension> generators = new ArrayList<>();
                for (Comprehension g : lc.generators()) {
                    Expr iter = (Expr) rename(g.iter(), inner);   // read where the 'for' stands: outside its own variable
                    if (g.target() instanceof Expr.Name t) inner.put(t.id(), t.id() + MARK + counter++);
                    Expr target = (Expr) rename(g.target(), inner);
                    List<Expr> ifs = new ArrayList<>();
                    for (Expr test : g.ifs()) ifs.add((Expr) rename(test, inner));
                    generators.add(new Comprehension(target, iter, ifs, g.isAsync()));
                }
                yield new Expr.ListComp((Expr) rename(lc.elt(), inner), generators, lc.span());
            }
            // A function or class defined inside is a scope of its own; its names are its own.
            case Stmt.FunctionDef f when !names.isEmpty() -> f;
            case Stmt.ClassDef c when !names.isEmpty() -> c;
            default -> Children.map(node, child -> rename(child, names));
        };
    }
}
