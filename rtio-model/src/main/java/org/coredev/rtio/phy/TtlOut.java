package org.coredev.rtio.phy;

import org.coredev.rtio.Phy;
import org.coredev.rtio.PhyPort;

/**
 * TTL output (artiq/gateware/rtio/phy/ttl_serdes_generic.py {@code Output}, or ttl_simple.py
 * {@code Output} when built without fine timestamps). Bit 0 of the data sets the pin; the address
 * is ignored (the rtlink interface has none). Driver: artiq/coredevice/ttl.py {@code TTLOut}.
 */
public final class TtlOut implements Phy {
    private final boolean fine;
    private PhyPort port;
    private int pinSignal = -1;
    private boolean level;
    private long changes;

    /** A serdes TTL output (fine timestamps, 1 mu resolution on Kasli). */
    public TtlOut() {
        this(true);
    }

    /** A TTL output with fine timestamps (serdes) or coarse ones (ttl_simple). */
    public TtlOut(boolean fineTimestamps) {
        this.fine = fineTimestamps;
    }

    @Override
    public void attach(PhyPort p) {
        this.port = p;
        pinSignal = p.declareSignal("", 1);
        p.trace(pinSignal, 0, 0);
    }

    @Override
    public String kind() {
        return "TTLOut";
    }

    @Override
    public boolean usesFineTimestamps() {
        return fine;
    }

    @Override
    public void output(long timeMu, int address, long data) {
        boolean v = (data & 1) != 0;
        if (v != level) {
            level = v;
            changes++;
            port.pinChanged(timeMu, v);
            port.trace(pinSignal, timeMu, v ? 1 : 0);
        }
    }

    /** The pin level now. */
    public boolean level() {
        return level;
    }

    /** Number of level changes so far. */
    public long changes() {
        return changes;
    }
}
