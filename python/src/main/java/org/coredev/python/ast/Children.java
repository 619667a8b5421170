package org.coredev.python.ast;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
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

    /**
     * A node class's component accessors and canonical constructor, looked up once per class:
     * reflection on every node made the passes cost a millisecond each on a small program.
     */
    private record Shape(MethodHandle[] accessors, MethodHandle constructor) { }

    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            MethodHandle[] accessors = new MethodHandle[components.length];
            Class<?>[] types = new Class<?>[components.length];
            try {
                for (int k = 0; k < components.length; k++) {
                    accessors[k] = lookup.unreflect(components[k].getAccessor()).asType(MethodType.methodType(Object.class, Object.class));
                    types[k] = components[k].getType();
                }
                MethodHandle constructor = lookup.unreflectConstructor(type.getDeclaredConstructor(types))
                        .asType(MethodType.methodType(Object.class, types).generic())
                        .asSpreader(Object[].class, components.length);
                return new Shape(accessors, constructor);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    };

    /** Calls {@code action} with each child of a node or each element of a list; nothing for other values. */
    public static void forEach(Object node, Consumer<Object> action) {
        if (node instanceof List<?> list) {
            for (Object o : list) action.accept(o);
        } else if (node instanceof Record r && node instanceof Node) {
            for (MethodHandle accessor : SHAPES.get(r.getClass()).accessors()) action.accept(get(accessor, r));
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
        Shape shape = SHAPES.get(r.getClass());
        Object[] values = new Object[shape.accessors().length];
        boolean changed = false;
        for (int k = 0; k < values.length; k++) {
            Object value = get(shape.accessors()[k], r);
            values[k] = f.apply(value);
            changed |= values[k] != value;
        }
        if (!changed && !always) return node;
        try {
            return shape.constructor().invoke(values);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
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

    private static Object get(MethodHandle accessor, Record r) {
        try {
            return (Object) accessor.invokeExact((Object) r);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
