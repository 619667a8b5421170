package org.coredev.rtio.phy;

import org.coredev.rtio.Phy;
import org.coredev.rtio.PhyPort;

/**
 * Bidirectional TTL (artiq/gateware/rtio/phy/ttl_serdes_generic.py {@code InOut}). Output
 * addresses, as artiq/coredevice/ttl.py {@code TTLInOut} uses them:
 * <ul>
 * <li>0: output level (bit 0), with fine timestamps;</li>
 * <li>1: output enable (bit 0);</li>
 * <li>2: input sensitivity: bit 0 rising edges, bit 1 falling edges (gate_rising/falling/both);</li>
 * <li>3: sensitivity as for 2, and sample the input level now ({@code sample_input}, watch_*).</li>
 * </ul>
 * The pad is driven by the output when output enable is set, else by the outside (loopback wire
 * or stimulus); the input always sees the pad. An edge of the pad that matches the sensitivity,
 * or a sample, becomes an input event whose data is the pad level; the serdes priority encoder
 * reports at most one event a coarse cycle (the first). Its timestamp is the edge time plus the
 * core's input latency; a sample's timestamp is the start of its cycle plus that latency.
 * Sensitivity and sampling live in the {@code rio} domain: they act per coarse cycle and
 * {@code core.reset()} clears the sensitivity.
 */
public final class TtlInOut implements Phy {
    private PhyPort port;
    private int coarseMu;
    private int pinSignal = -1;
    private int oeSignal = -1;
    private boolean o;
    private boolean oe;
    private boolean external;
    /** Moninj override registers (ttl_serdes_generic.py: override_en, override_o, override_oe). */
    private boolean overrideEnable, overrideO, overrideOe;
    private int sensitivity;
    private long lastEventCycle = Long.MIN_VALUE;

    @Override
    public void attach(PhyPort p) {
        this.port = p;
        this.coarseMu = p.coarseMu();
        pinSignal = p.declareSignal("", 1);
        oeSignal = p.declareSignal("_oe", 1);
        p.trace(pinSignal, 0, 0);
        p.trace(oeSignal, 0, 0);
    }

    @Override
    public String kind() {
        return "TTLInOut";
    }

    @Override
    public boolean usesFineTimestamps() {
        return true;
    }

    private boolean pad() {
        boolean drive = overrideEnable ? overrideOe : oe;
        return drive ? (overrideEnable ? overrideO : o) : external;
    }

    @Override
    public long probe(int probe) {
        return switch (probe) {
            case 0 -> pad() ? 1 : 0;
            case 1 -> (overrideEnable ? overrideOe : oe) ? 1 : 0;
            default -> 0;
        };
    }

    @Override
    public void inject(long timeMu, int override, int value) {
        boolean before = pad();
        switch (override) {
            case 0 -> overrideEnable = value != 0;
            case 1 -> overrideO = value != 0;
            case 2 -> overrideOe = value != 0;
            default -> { }
        }
        padMaybeChanged(timeMu, before);
    }

    @Override
    public int injectionStatus(int override) {
        return switch (override) {
            case 0 -> overrideEnable ? 1 : 0;
            case 1 -> overrideO ? 1 : 0;
            case 2 -> overrideOe ? 1 : 0;
            default -> 0;
        };
    }

    @Override
    public void output(long timeMu, int address, long data) {
        boolean bit = (data & 1) != 0;
        switch (address) {
            case 0 -> {
                boolean before = pad();
                o = bit;
                padMaybeChanged(timeMu, before);
            }
            case 1 -> {
                boolean before = pad();
                oe = bit;
                port.trace(oeSignal, timeMu, bit ? 1 : 0);
                padMaybeChanged(timeMu, before);
            }
            case 2, 3 -> {
                sensitivity = (int) (data & 3);
                if (address == 3) {
                    long cycleStart = Math.floorDiv(timeMu, coarseMu) * coarseMu;
                    emitInput(cycleStart, pad());
                }
            }
            default -> {
                // Other addresses reach no register in the gateware.
            }
        }
    }

    @Override
    public void externalEdge(long timeMu, boolean level) {
        boolean before = pad();
        external = level;
        padMaybeChanged(timeMu, before);
    }

    private void padMaybeChanged(long timeMu, boolean before) {
        boolean now = pad();
        if (now == before) {
            return;
        }
        port.pinChanged(timeMu, now);
        port.trace(pinSignal, timeMu, now ? 1 : 0);
        if ((now && (sensitivity & 1) != 0) || (!now && (sensitivity & 2) != 0)) {
            emitInput(timeMu, now);
        }
    }

    private void emitInput(long timeMu, boolean level) {
        long cycle = Math.floorDiv(timeMu, coarseMu);
        if (cycle == lastEventCycle) {
            return;
        }
        lastEventCycle = cycle;
        long ts = timeMu + port.inputLatencyMu();
        port.pushInput(ts, ts, level ? 1 : 0);
    }

    @Override
    public void resetRio(long timeMu) {
        sensitivity = 0;
    }

    /** The pad level now. */
    public boolean level() {
        return pad();
    }

    /** The output enable now. */
    public boolean outputEnabled() {
        return oe;
    }

    /** The input sensitivity now (bit 0 rising, bit 1 falling). */
    public int sensitivity() {
        return sensitivity;
    }
}
