package org.coredev.compiler.ir;

import java.util.List;

/**
 * A constant or variable in the image's memory: bytes, alignment, and the words in it that hold
 * the address of another symbol (written by the ELF writer with an R_RISCV_RELATIVE relocation).
 */
public record DataObject(String name, boolean writable, byte[] bytes, int align, List<Pointer> pointers) {
    /** At {@code offset}: the address of {@code symbol}. */
    public record Pointer(int offset, String symbol) { }
}
