package org.coredev.rtio.phy;

import org.coredev.rtio.Phy;
import org.coredev.rtio.PhyPort;

/**
 * TTL clock generator (artiq/gateware/rtio/phy/ttl_simple.py {@code ClockGen}): a phase
 * accumulator of {@code ftwWidth} bits advanced by the frequency tuning word every coarse cycle;
 * the pin is the accumulator's top bit. Writing a non-zero word starts the clock with a rising
 * edge (accumulator loaded with half scale), writing 0 stops it low. Driver:
 * artiq/coredevice/ttl.py {@code TTLClockGen} (ftw = round(2^width * f * coarse period)).
 *
 * <p>Edges are only generated when a loopback wire listens to the pin; the VCD shows the tuning
 * word and the frequency in MHz.
 */
public final class TtlClockGen implements Phy {
    private final int width;
    private final long full;
    private final long half;
    private PhyPort port;
    private int coarseMu;
    private int ftwSignal = -1;
    private int freqSignal = -1;
    private long ftw;
    private long acc;
    private long accCycle;
    private boolean level;
    private long generation;

    /** A clock generator with the default 24-bit accumulator. */
    public TtlClockGen() {
        this(24);
    }

    /** A clock generator with an accumulator of the given width (1..48 bits). */
    public TtlClockGen(int ftwWidth) {
        if (ftwWidth < 1 || ftwWidth > 48) {
            throw new org.coredev.rtio.RtioException("clock generator accumulator width must be 1..48, got " + ftwWidth);
        }
        this.width = ftwWidth;
        this.full = 1L << ftwWidth;
        this.half = full >> 1;
    }

    @Override
    public void attach(PhyPort p) {
        this.port = p;
        this.coarseMu = p.coarseMu();
        ftwSignal = p.declareSignal("_ftw", width);
        freqSignal = p.declareRealSignal("_freq_mhz");
        p.trace(ftwSignal, 0, 0);
        p.traceReal(freqSignal, 0, 0.0);
    }

    @Override
    public String kind() {
        return "TTLClockGen";
    }

    @Override
    public void output(long timeMu, int address, long data) {
        ftw = data & (full - 1);
        generation++;
        port.trace(ftwSignal, timeMu, ftw);
        port.traceReal(freqSignal, timeMu, frequencyMhz());
        accCycle = Math.floorDiv(timeMu, coarseMu);
        if (ftw != 0) {
            acc = half;
            setLevel(timeMu, true);
            scheduleNextEdge();
        } else {
            acc = 0;
            setLevel(timeMu, false);
        }
    }

    /** Output frequency in MHz for the current tuning word (1 mu = 1 ns). */
    public double frequencyMhz() {
        return (double) ftw / full * 1000.0 / coarseMu;
    }

    /** The current frequency tuning word. */
    public long ftw() {
        return ftw;
    }

    private void setLevel(long timeMu, boolean v) {
        if (v != level) {
            level = v;
            port.pinChanged(timeMu, v);
        }
    }

    /**
     * Finds the next cycle at which the accumulator's top bit toggles. Words above half scale
     * alias to {@code full - ftw} counting down; either way each crossing of a half-scale
     * boundary toggles the pin.
     */
    private void scheduleNextEdge() {
        if (!port.pinHasListeners() || ftw == 0) {
            return;
        }
        long k;
        if (ftw <= half) {
            long boundary = (acc / half + 1) * half;
            k = (boundary - acc + ftw - 1) / ftw;
            acc = (acc + k * ftw) & (full - 1);
        } else {
            long step = full - ftw;
            long boundary = (acc / half) * half;
            k = (acc - boundary) / step + 1;
            acc = Math.floorMod(acc - k * step, full);
        }
        accCycle += k;
        port.wakeAt(accCycle * coarseMu, generation);
    }

    @Override
    public void wake(long timeMu, long token) {
        if (token != generation) {
            return;
        }
        setLevel(timeMu, acc >= half);
        scheduleNextEdge();
    }

    @Override
    public void resetRio(long timeMu) {
        // ftw is in the rio domain, the accumulator in rio_phy: the pin freezes where it is.
        ftw = 0;
        generation++;
        port.trace(ftwSignal, timeMu, 0);
        port.traceReal(freqSignal, timeMu, 0.0);
    }

    /** The pin level now (only tracked while a wire listens to it). */
    public boolean level() {
        return level;
    }
}
