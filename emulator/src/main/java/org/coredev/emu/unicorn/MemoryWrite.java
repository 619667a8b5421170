package org.coredev.emu.unicorn;

/**
 * One memory write seen by Unicorn's {@code UC_HOOK_MEM_WRITE} hook.
 *
 * @param address first byte written
 * @param size    bytes written (1, 2, 4 or 8)
 * @param value   the stored bits, zero-extended from {@code size} bytes
 */
public record MemoryWrite(int address, int size, long value) {

    /** A write with {@code value} cut to its low {@code size} bytes. */
    static MemoryWrite of(long address, int size, long value) {
        long bits = size >= 8 ? value : value & ((1L << (8 * size)) - 1);
        return new MemoryWrite((int) address, size, bits);
    }

    @Override
    public String toString() {
        return "MemoryWrite[0x%08x/%d = 0x%x]".formatted(address, size, value);
    }
}
