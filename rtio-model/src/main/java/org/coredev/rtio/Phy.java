package org.coredev.rtio;

/**
 * The physical layer behind one RTIO channel: it receives the output events the SED lets through
 * at their timestamps and may produce input events. Implementations in
 * {@code org.coredev.rtio.phy}: {@code TtlOut}, {@code TtlInOut}, {@code TtlClockGen},
 * {@code SpiMaster}; other modules may add their own.
 *
 * <p>All times are in machine units on the pin: an output event reaches its PHY at its
 * (latency-compensated) timestamp, truncated to the coarse cycle unless the PHY resolves fine
 * timestamps. The core calls a PHY in time order only.
 */
public interface Phy {

    /** Connects the PHY to its channel; called once when the {@link RtioCore} is built. */
    void attach(PhyPort port);

    /** Short description of the PHY type, e.g. {@code "TTLOut"}. */
    String kind();

    /** The rtlink {@code enable_replace}: a later event may replace an earlier one of the same cycle. */
    default boolean replaceEnabled() {
        return true;
    }

    /** Whether the PHY uses fine timestamps (serdes TTL); coarse PHYs see cycle-aligned times. */
    default boolean usesFineTimestamps() {
        return false;
    }

    /** The rtlink {@code busy} signal at the given time: an event strobed now is lost with a busy error. */
    default boolean isBusy(long timeMu) {
        return false;
    }

    /** Applies an output event (address and the low 64 bits of its data). */
    void output(long timeMu, int address, long data);

    /** Applies a wide output event; words[0] holds bits 0..31. Defaults to the low 64 bits. */
    default void outputWide(long timeMu, int address, int[] words) {
        long low = words.length > 0 ? words[0] & 0xffff_ffffL : 0;
        long high = words.length > 1 ? (long) words[1] << 32 : 0;
        output(timeMu, address, low | high);
    }

    /** An edge driven onto the pin from outside (loopback wire or stimulus). */
    default void externalEdge(long timeMu, boolean level) {
    }

    /** A wake-up the PHY asked for with {@link PhyPort#wakeAt}. */
    default void wake(long timeMu, long token) {
    }

    /**
     * Moninj: the value of monitor probe {@code probe} now (TTL PHYs: 0 the pad level, 1 the
     * output enable); 0 for a probe the PHY does not have.
     */
    default long probe(int probe) {
        return 0;
    }

    /**
     * Moninj: sets override register {@code override} (TTL PHYs: 0 enable, 1 level, 2 output
     * enable) at {@code timeMu}; a PHY without that override ignores it.
     */
    default void inject(long timeMu, int override, int value) {
    }

    /** Moninj: the value of override register {@code override}; 0 for one the PHY does not have. */
    default int injectionStatus(int override) {
        return 0;
    }

    /** {@code core.reset()}: clears the state the gateware keeps in the {@code rio} clock domain. */
    default void resetRio(long timeMu) {
    }
}
