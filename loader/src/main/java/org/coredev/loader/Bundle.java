package org.coredev.loader;

import java.util.OptionalInt;

/**
 * An image kept resident by {@link Linker#loadResident}: it is never unloaded, and images loaded later
 * may call its exported functions and link against its exported data. As a {@link SymbolResolver} it
 * resolves exactly those exports.
 */
public final class Bundle implements SymbolResolver {
    private final LoadedImage image;

    Bundle(LoadedImage image) {
        this.image = image;
    }

    /** The resident image. */
    public LoadedImage image() {
        return image;
    }

    /** The absolute address of an exported function or data symbol. */
    public OptionalInt symbol(String name) {
        return image.symbol(name);
    }

    @Override
    public OptionalInt resolve(String name) {
        return image.symbol(name);
    }

    @Override
    public String toString() {
        return "Bundle[%s at 0x%08x]".formatted(image.fileName(), image.base());
    }
}
