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
    /** Moninj override registers (ttl_serdes_generic.py: override_en, override_o). */
    private boolean overrideEnable, overrideLevel;

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
        boolean before = level();
        level = (data & 1) != 0;
        pinMaybeChanged(timeMu, before);
    }

    @Override
    public long probe(int probe) {
        return probe == 0 && level() ? 1 : 0;
    }

    @Override
    public void inject(long timeMu, int override, int value) {
        boolean before = level();
        switch (override) {
            case 0 -> overrideEnable = value != 0;
            case 1 -> overrideLevel = value != 0;
            default -> { }   // an output has no override of its output enable
        }
        pinMaybeChanged(timeMu, before);
    }

    @Override
    public int injectionStatus(int override) {
        return switch (override) {
            case 0 -> overrideEnable ? 1 : 0;
            case 1 -> overrideLevel ? 1 : 0;
            default -> 0;
        };
    }

    private void pinMaybeChanged(long timeMu, boolean before) {
        boolean v = level();
        if (v != before) {
            changes++;
            port.pinChanged(timeMu, v);
            port.trace(pinSignal, timeMu, v ? 1 : 0);
        }
    }

    /** The pin level now: the RTIO output, or the moninj override while it is enabled. */
    public boolean level() {
        return overrideEnable ? overrideLevel : level;
    }

    /** Number of level changes so far. */
    public long changes() {
        return changes;
    }
}
