package org.coredev.dds;

/**
 * The AD9910's digital ramp generator (DRG) as Urukul wires it: DRCTL and DRHOLD are held low by
 * the CPLD, so the ramp only ever runs its negative slope, subtracting the decrement step (RAMP_STEP
 * bits 63:32) from its 32-bit accumulator every N SYNC_CLK cycles (N: RAMP_RATE bits 31:16), held
 * within RAMP_LIMIT's lower (bits 31:0) and upper (bits 63:32) limits. A decrement step of
 * 2^32 - d is a rise of d per step (what ARTIQ's measure_io_update_alignment writes, "work around
 * negative slope"): the step is taken as a signed 32-bit number.
 *
 * <p>SYNC_CLK is sysclk / 4 with edges from the chip's last master reset on. An IO_UPDATE is
 * registered at the first SYNC_CLK edge at or after its rising edge. The accumulator steps on every
 * edge at which the ramp is enabled, the registering edges of both updates included: the update
 * that enables (or autoclears, CFR1 bit 14) the ramp takes its first step there with the new step,
 * the update that changes a running ramp's step takes the old step there and the new one from
 * the next step edge. So a ramp of step 1 between two updates counts the SYNC_CLK edges between
 * them plus one: its parity tells whether an edge lies between two IO_UPDATE delays, which is what
 * ARTIQ's tune_io_update_delay relies on. Not modelled: DRCTL high (the positive slope), DRHOLD,
 * the no-dwell modes, DROVER.
 */
final class DigitalRamp {
    private boolean enabled;
    private long value0;          // accumulator before the first step of this segment
    private double firstStepMu;   // time of the first step
    private double periodMu;      // time between steps
    private long delta;           // signed step per step edge
    private long lower, upper;    // limits, unsigned 32-bit

    /** Whether the ramp runs (CFR2 drg_enable latched). */
    boolean enabled() {
        return enabled;
    }

    /** The accumulator at time t (every step at or before t taken). */
    long valueAt(double t) {
        if (!enabled || t < firstStepMu || delta == 0) return clamp(value0);
        double steps = Math.floor((t - firstStepMu) / periodMu) + 1;
        // Beyond the distance to the limit every further step is held there.
        double room = delta > 0 ? (double) (upper - value0) / delta : (double) (value0 - lower) / -delta;
        if (steps >= room + 1) return delta > 0 ? upper : lower;
        return clamp(value0 + delta * (long) steps);
    }

    /** The time of the step after {@code t} that changes the accumulator, or +infinity if none does. */
    double nextChangeAfter(double t) {
        if (!enabled || delta == 0) return Double.POSITIVE_INFINITY;
        double next = t < firstStepMu ? firstStepMu : firstStepMu + (Math.floor((t - firstStepMu) / periodMu) + 1) * periodMu;
        long v = valueAt(t);
        if ((delta > 0 && v >= upper) || (delta < 0 && v <= lower)) return Double.POSITIVE_INFINITY;
        return next;
    }

    /**
     * The IO_UPDATE registered at SYNC_CLK edge {@code edgeMu} latched these ramp registers.
     *
     * @param on        CFR2 drg_enable
     * @param autoclear CFR1 drg_autoclear: the accumulator restarts from 0
     * @param syncMu    the SYNC_CLK period
     */
    void update(double edgeMu, boolean on, boolean autoclear, long limit, long step, long rate, double syncMu) {
        long before = valueAt(edgeMu);   // a running ramp has taken its step at this edge with the old step
        boolean restart = !enabled || autoclear;
        enabled = on;
        lower = limit & 0xffff_ffffL;
        upper = limit >>> 32;
        delta = -(long) (int) (step >>> 32);   // the decrement step, subtracted modulo 2^32
        int n = (int) ((rate >>> 16) & 0xffff);
        periodMu = Math.max(1, n) * syncMu;
        if (n == 0) delta = 0;           // a rate of 0 steps never
        if (restart) {
            value0 = autoclear ? 0 : before;
            firstStepMu = edgeMu;
        } else {
            value0 = before;
            firstStepMu = edgeMu + periodMu;
        }
    }

    /** Master reset: the ramp is off, its accumulator 0. */
    void reset() {
        enabled = false;
        value0 = 0;
        delta = 0;
    }

    private long clamp(long v) {
        return Math.min(Math.max(v, lower), Math.max(lower, upper));
    }
}
