package org.coredev.emu.device.i2c;

import java.util.ArrayList;
import java.util.List;

/**
 * NXP PCA9548A, the 8-channel I2C switch on Kasli (two, at 0x70 and 0x71) and KC705 (0x74).
 * A written byte is its control register, one bit per downstream channel; a read returns it.
 * The channels the register selects are connected at the stop condition, as the datasheet says,
 * so a transaction never changes the bus it runs on.
 */
public final class Pca9548 implements I2cTarget {
    public static final int CHANNELS = 8;
    private final int address;
    private final List<List<I2cTarget>> downstream = new ArrayList<>();
    private int control, connected;

    public Pca9548(int address) {
        this.address = address;
        for (int c = 0; c < CHANNELS; c++) downstream.add(new ArrayList<>());
    }

    /** Places a chip on downstream channel {@code channel} (0-7). */
    public void attach(int channel, I2cTarget chip) {
        downstream.get(channel).add(chip);
    }

    /** The chips on the channels connected now. */
    List<I2cTarget> connectedChips() {
        List<I2cTarget> chips = new ArrayList<>();
        for (int c = 0; c < CHANNELS; c++) if ((connected >> c & 1) != 0) chips.addAll(downstream.get(c));
        return chips;
    }

    /** The control register (bit c: channel c selected). */
    public int control() { return control; }

    @Override public int address() { return address; }
    @Override public void begin(boolean read) {}

    @Override
    public boolean write(int data) {
        control = data & 0xff;
        return true;
    }

    @Override public int read() { return control; }
    @Override public void stop() { connected = control; }
}
