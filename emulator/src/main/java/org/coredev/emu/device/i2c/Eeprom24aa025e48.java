package org.coredev.emu.device.i2c;

import java.util.Arrays;

/**
 * Microchip 24AA025E48, the 2 Kbit I2C EEPROM on each EEM card (Urukul's holds its SYNC and
 * IO_UPDATE calibration, read by ARTIQ's {@code KasliEEPROM}): 256 bytes, 16-byte pages, an
 * address pointer that sequential reads advance through the whole array. The upper half is
 * write-protected and holds the EUI-48 at 0xfa-0xff; the rest starts erased (0xff), as a card
 * never calibrated. A write is committed at the stop condition and takes no time here (the chip's
 * 5 ms write cycle, during which it would not acknowledge, is not modelled).
 */
public final class Eeprom24aa025e48 implements I2cTarget {
    public static final int SIZE = 256, PAGE = 16, PROTECTED_FROM = 0x80, EUI48_AT = 0xfa;
    private final int address;
    private final byte[] cells = new byte[SIZE];
    /** A page write's bytes, committed at the stop condition: offset in the page to byte, or -1. */
    private final int[] pending = new int[PAGE];
    private boolean pointerPending, writing;
    private int pointer;

    /** {@code eui48}: the six bytes of its factory-programmed EUI-48. */
    public Eeprom24aa025e48(int address, byte[] eui48) {
        if (eui48.length != 6) throw new IllegalArgumentException("an EUI-48 is 6 bytes");
        this.address = address;
        Arrays.fill(cells, (byte) 0xff);
        System.arraycopy(eui48, 0, cells, EUI48_AT, 6);
        Arrays.fill(pending, -1);
    }

    /** The byte stored at {@code at}. */
    public int cell(int at) { return cells[at & 0xff] & 0xff; }

    @Override public int address() { return address; }

    @Override
    public void begin(boolean read) {
        pointerPending = !read;
    }

    @Override
    public boolean write(int data) {
        if (pointerPending) {
            pointer = data & 0xff;
            pointerPending = false;
            return true;
        }
        // A page write: bytes past the end of the page wrap to its start.
        pending[pointer % PAGE] = data & 0xff;
        pointer = (pointer & ~(PAGE - 1)) | ((pointer + 1) & (PAGE - 1));
        writing = true;
        return true;
    }

    @Override
    public int read() {
        int v = cells[pointer] & 0xff;
        pointer = (pointer + 1) & 0xff;
        return v;
    }

    @Override
    public void stop() {
        if (!writing) return;
        int pageStart = pointer & ~(PAGE - 1);
        for (int k = 0; k < PAGE; k++) {
            if (pending[k] >= 0 && pageStart < PROTECTED_FROM) cells[pageStart + k] = (byte) pending[k];
            pending[k] = -1;
        }
        writing = false;
    }
}
