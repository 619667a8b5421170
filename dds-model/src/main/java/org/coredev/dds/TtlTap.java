package org.coredev.dds;

import java.util.ArrayList;
import java.util.List;
import org.coredev.rtio.Phy;
import org.coredev.rtio.PhyPort;

/**
 * A TTL output PHY (normally rtio-model's {@code TtlOut}) whose level changes the DDS model also
 * sees: Urukul's IO_UPDATE line and the RF switch lines are TTL channels of the core device, and
 * rtio-model's PHYs report pin changes only to wires between channels. Every call is passed on to
 * the wrapped PHY unchanged, so the channel behaves (timing, VCD signals) exactly as the bare one.
 * The lead wraps the channels {@link DdsModels#tappedDevices} names before building the core.
 */
public final class TtlTap implements Phy {

    /** Receives the pin level at each output event that changes it. */
    @FunctionalInterface
    public interface Listener {
        /** The pin went to {@code level} at {@code timeMu}. */
        void levelChanged(long timeMu, boolean level);
    }

    private final Phy inner;
    private final List<Listener> listeners = new ArrayList<>();
    private boolean level;

    /** Wraps a TTL output PHY. */
    public TtlTap(Phy inner) {
        if (inner == null) {
            throw new DdsException("TtlTap needs a PHY to wrap");
        }
        this.inner = inner;
    }

    /** The wrapped PHY. */
    public Phy inner() {
        return inner;
    }

    /** Adds a listener; listeners are called in the order they were added. */
    public void addListener(Listener l) {
        listeners.add(l);
    }

    /** The pin level after the last output event. */
    public boolean level() {
        return level;
    }

    @Override
    public void attach(PhyPort port) {
        inner.attach(port);
    }

    @Override
    public String kind() {
        return inner.kind();
    }

    @Override
    public boolean replaceEnabled() {
        return inner.replaceEnabled();
    }

    @Override
    public boolean usesFineTimestamps() {
        return inner.usesFineTimestamps();
    }

    @Override
    public boolean isBusy(long timeMu) {
        return inner.isBusy(timeMu);
    }

    @Override
    public void output(long timeMu, int address, long data) {
        inner.output(timeMu, address, data);
        // ttl.py TTLOut: bit 0 of the data is the level, the address is ignored.
        boolean v = (data & 1) != 0;
        if (v != level) {
            level = v;
            for (Listener l : listeners) {
                l.levelChanged(timeMu, v);
            }
        }
    }

    @Override
    public void externalEdge(long timeMu, boolean lvl) {
        inner.externalEdge(timeMu, lvl);
    }

    @Override
    public void wake(long timeMu, long token) {
        inner.wake(timeMu, token);
    }

    @Override
    public void resetRio(long timeMu) {
        inner.resetRio(timeMu);
    }
}
