package org.coredev.emu.bus;

/**
 * A memory-mapped device: knows only offsets inside its own window and access sizes.
 * The bus maps it at an address; the device never sees absolute addresses.
 */
public interface MmioDevice {
    /** Window length in bytes; the bus reads it once, when it maps the device. */
    int length();

    /** Reads {@code size} (1, 2 or 4) bytes at {@code offset}; the value is zero-extended. */
    int load(int offset, int size);

    /** Writes the low {@code size} (1, 2 or 4) bytes of {@code value} at {@code offset}. */
    void store(int offset, int value, int size);
}
