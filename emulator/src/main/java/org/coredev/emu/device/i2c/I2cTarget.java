package org.coredev.emu.device.i2c;

/**
 * A chip on an I2C bus, seen from the bus after it has matched the chip's 7-bit address:
 * {@link #begin} once per addressed transfer (after a start or repeated start), then bytes
 * written to it or read from it, then {@link #stop} at the bus's stop condition.
 */
public interface I2cTarget {
    /** Its 7-bit bus address. */
    int address();

    /** It was addressed, for a read ({@code read}) or a write; it acknowledges its address. */
    void begin(boolean read);

    /** A byte written to it; true if it acknowledges. */
    boolean write(int data);

    /** The next byte it drives onto the bus in a read transfer. */
    int read();

    /** The bus's stop condition ended the transaction it was addressed in. */
    void stop();
}
