package org.coredev.loader;

import java.util.Map;
import java.util.OptionalInt;

/**
 * Finds the address of a symbol that an image imports: the runtime's export table (the ksupport API),
 * a resident {@link Bundle}, or a chain of them ({@link #then}). Resolution order follows ARTIQ's
 * libdyld: the image's own exports first (done by the linker), then the resolvers in chain order.
 */
@FunctionalInterface
public interface SymbolResolver {
    /** The address of {@code name}, or empty when this resolver does not export it. */
    OptionalInt resolve(String name);

    /** A resolver that asks this one first and {@code next} when this one has no answer. */
    default SymbolResolver then(SymbolResolver next) {
        return name -> {
            OptionalInt found = resolve(name);
            return found.isPresent() ? found : next.resolve(name);
        };
    }

    /** A resolver exporting nothing. */
    static SymbolResolver none() {
        return name -> OptionalInt.empty();
    }

    /** A resolver over a fixed table of names and addresses (the table is copied). */
    static SymbolResolver of(Map<String, Integer> table) {
        Map<String, Integer> copy = Map.copyOf(table);
        return name -> {
            Integer address = copy.get(name);
            return address == null ? OptionalInt.empty() : OptionalInt.of(address);
        };
    }
}
