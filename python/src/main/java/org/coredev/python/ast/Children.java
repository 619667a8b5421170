package org.coredev.python.ast;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The children of an AST node, generically: every node is a record whose components are its
 * children (nodes, lists of nodes, or plain values such as names and spans), and a list's
 * children are its elements. Passes that visit or rewrite every node walk through this.
 */
public final class Children {
    private Children() { }

    /** Calls {@code action} with each child of a node or each element of a list; nothing for other values. */
    public static void forEach(Object node, Consumer<Object> action) {
        if (node instanceof List<?> list) {
            for (Object o : list) action.accept(o);
        } else if (node instanceof Record r && node instanceof Node) {
            for (RecordComponent c : r.getClass().getRecordComponents()) action.accept(get(c, r));
        }
    }

    /**
     * The node (or list) with each child replaced by {@code f} of it; the same object when
     * {@code f} changed none. Other values are returned as they are.
     */
    public static Object map(Object node, UnaryOperator<Object> f) {
        return rebuild(node, f, false);
    }

    /**
     * As {@link #map}, but every node and list is a new object even where nothing changed: for a
     * body instantiated more than once (a driver per device, a kernel per host object), whose
     * copies must not share nodes, since later passes key types by node identity.
     */
    public static Object copy(Object node, UnaryOperator<Object> f) {
        return rebuild(node, f, true);
    }

    private static Object rebuild(Object node, UnaryOperator<Object> f, boolean always) {
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            boolean changed = false;
            for (Object o : list) {
                Object r = f.apply(o);
                changed |= r != o;
                out.add(r);
            }
            return changed || always ? out : list;
        }
        if (!(node instanceof Record r) || !(node instanceof Node)) return node;
        RecordComponent[] components = r.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        boolean changed = false;
        for (int k = 0; k < components.length; k++) {
            Object value = get(components[k], r);
            values[k] = f.apply(value);
            types[k] = components[k].getType();
            changed |= values[k] != value;
        }
        if (!changed && !always) return node;
        try {
            return r.getClass().getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code test} holds for the node or a descendant, not looking inside nodes {@code enter} refuses. */
    public static boolean any(Object node, java.util.function.Predicate<Object> test, java.util.function.Predicate<Object> enter) {
        if (test.test(node)) return true;
        if (!enter.test(node)) return false;
        boolean[] found = {false};
        forEach(node, child -> found[0] = found[0] || any(child, test, enter));
        return found[0];
    }

    private static Object get(RecordComponent c, Record r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
