package org.coredev.rtio.phy;

import org.coredev.rtio.Phy;
import org.coredev.rtio.PhyPort;

/**
 * Edge counter on a TTL input pad (artiq/gateware/rtio/phy/edge_counter.py
 * {@code SimpleEdgeCounter}; driver artiq/coredevice/edge_counter.py). The pad's edges reach it
 * as external edges (the core device wires the counted TTL's pad to it). One output address, a
 * 4-bit configuration written at the event's time:
 * <ul>
 * <li>bit 0: count rising edges, bit 1: count falling edges (kept until the next write);</li>
 * <li>bit 2: send an input event with the current count (once);</li>
 * <li>bit 3: reset the count to zero (once), after the count for bit 2 was taken.</li>
 * </ul>
 * The gateware registers the write, so the event goes out one coarse cycle after the write; its
 * data is the count including edges up to the write. The count saturates at
 * 2<sup>width</sup> - 1, which the driver reports as an overflow.
 */
public final class EdgeCounter implements Phy {
    public static final int COUNT_RISING = 0b0001, COUNT_FALLING = 0b0010, SEND_COUNT_EVENT = 0b0100, RESET_TO_ZERO = 0b1000;

    private final long max;
    private PhyPort port;
    private int coarseMu;
    private boolean rising, falling;
    private long count;
    private boolean pad;

    /** @param counterWidth the gateware's counter width in bits (device db {@code gateware_width}, default 31) */
    public EdgeCounter(int counterWidth) {
        if (counterWidth < 2 || counterWidth > 32)
            throw new IllegalArgumentException("edge counter width must be 2..32 bits, got " + counterWidth);
        this.max = (1L << counterWidth) - 1;
    }

    @Override
    public void attach(PhyPort p) {
        this.port = p;
        this.coarseMu = p.coarseMu();
    }

    @Override
    public String kind() {
        return "EdgeCounter";
    }

    /** rtlink.OInterface(4, enable_replace=False). */
    @Override
    public boolean replaceEnabled() {
        return false;
    }

    @Override
    public void output(long timeMu, int address, long data) {
        int config = (int) data & 0xf;
        if ((config & SEND_COUNT_EVENT) != 0) {
            long ts = Math.floorDiv(timeMu, coarseMu) * coarseMu + coarseMu + port.inputLatencyMu();
            port.pushInput(ts, ts, (int) count);
        }
        if ((config & RESET_TO_ZERO) != 0) count = 0;
        rising = (config & COUNT_RISING) != 0;
        falling = (config & COUNT_FALLING) != 0;
    }

    @Override
    public void externalEdge(long timeMu, boolean level) {
        if (level == pad) return;   // not an edge
        pad = level;
        if ((level ? rising : falling) && count < max) count++;
    }

    /** core.reset() resets the rio domain: sensitivity and count go back to zero. */
    @Override
    public void resetRio(long timeMu) {
        rising = falling = false;
        count = 0;
    }

    /** The current count (for tests and probes). */
    public long count() {
        return count;
    }
}
