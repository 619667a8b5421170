package org.coredev.compiler.types;

import java.util.List;
import java.util.Map;

/**
 * What a kernel linked against resident bundles takes from them instead of defining: module
 * variables (the bundles' embedded attributes and device state, by name and type) and kernels (by
 * name, with their parameter and return types). The image imports them by symbol; it holds no
 * copy of their cells and no code of those kernels.
 */
public record Externs(Map<String, Type> globals, Map<String, Signature> functions) {
    public static final Externs NONE = new Externs(Map.of(), Map.of());

    /** A bundle kernel's types. */
    public record Signature(List<Type> params, Type returns) {
        public Signature {
            params = List.copyOf(params);
        }
    }

    public Externs {
        // Sorted: the image's imports and the inference's order do not depend on the caller's map.
        globals = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(globals));
        functions = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(functions));
    }
}
