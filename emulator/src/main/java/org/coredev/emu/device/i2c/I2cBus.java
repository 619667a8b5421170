package org.coredev.emu.device.i2c;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One I2C bus at the level of its conditions and bytes: the chips on it (those behind a switch
 * only while the switch connects their channel), which a start and an address byte select.
 * Several chips answering one address share the open-drain lines: any acknowledge is seen,
 * and read bytes are ANDed. With no chip driving, the lines read high (0xff, a NACK).
 */
public final class I2cBus {
    private enum Phase { IDLE, ADDRESS, WRITE, READ }

    /** Switches behind switches are followed this deep, past any loop a db could describe. */
    private static final int MAX_SWITCH_DEPTH = 8;
    private final List<I2cTarget> chips = new ArrayList<>();
    private Phase phase = Phase.IDLE;
    /** Every chip addressed since the start (they see the stop), and those of the last address byte. */
    private final Set<I2cTarget> selected = new LinkedHashSet<>();
    private List<I2cTarget> current = List.of();

    /** Places a chip directly on the bus. */
    public void attach(I2cTarget chip) {
        chips.add(chip);
    }

    /** A start condition; false if a transaction already holds the bus (SCL is low). */
    public boolean start() {
        if (phase != Phase.IDLE) return false;
        phase = Phase.ADDRESS;
        return true;
    }

    /** A repeated start: the chips addressed so far stay in their transaction, unaddressed. */
    public void restart() {
        phase = Phase.ADDRESS;
    }

    /** The stop condition: every chip addressed since the start sees it. */
    public void stop() {
        for (I2cTarget chip : selected) chip.stop();
        selected.clear();
        current = List.of();
        phase = Phase.IDLE;
    }

    /** Writes a byte (an address byte right after a start); true if acknowledged. */
    public boolean write(int data) {
        switch (phase) {
            case ADDRESS -> {
                boolean read = (data & 1) != 0;
                List<I2cTarget> addressed = new ArrayList<>();
                for (I2cTarget chip : reachable()) if (chip.address() == (data & 0xff) >>> 1) addressed.add(chip);
                for (I2cTarget chip : addressed) chip.begin(read);
                selected.addAll(addressed);
                phase = read ? Phase.READ : Phase.WRITE;
                current = addressed;
                return !addressed.isEmpty();
            }
            case WRITE -> {
                boolean ack = false;
                for (I2cTarget chip : current) ack |= chip.write(data & 0xff);
                return ack;
            }
            default -> { return false; }   // no start, or the chips drive the bus in a read transfer
        }
    }

    /** Reads a byte: what the chips addressed for reading drive, 0xff if none. */
    public int read() {
        if (phase != Phase.READ) return 0xff;
        int v = 0xff;
        for (I2cTarget chip : current) v &= chip.read();
        return v;
    }

    /** The chips on the bus now: its own, and those behind connected switch channels. */
    private List<I2cTarget> reachable() {
        List<I2cTarget> seen = new ArrayList<>(chips);
        List<I2cTarget> frontier = chips;
        for (int depth = 0; depth < MAX_SWITCH_DEPTH && !frontier.isEmpty(); depth++) {
            List<I2cTarget> next = new ArrayList<>();
            for (I2cTarget chip : frontier)
                if (chip instanceof Pca9548 sw)
                    for (I2cTarget behind : sw.connectedChips()) if (!seen.contains(behind)) next.add(behind);
            seen.addAll(next);
            frontier = next;
        }
        return seen;
    }
}
