package org.coredev.compiler.backend;

/** A place in the code the ELF writer patches once the layout is known (each back end's Asm says how). */
public record Fixup(int offset, Kind kind, String symbol) {
    public enum Kind {
        /** A call of a function of this image. */
        CALL,
        /** A register loaded with the address of a symbol of this image, pc-relative. */
        PCREL_ADDR,
        /** A register loaded with the word in the GOT slot of an imported symbol, pc-relative. */
        GOT_LOAD
    }
}
