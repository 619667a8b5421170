package org.coredev.rtio;

/**
 * Static parameters of the RTIO core, as the gateware is built.
 *
 * @param laneCount       SED lanes (a power of 2; artiq/gateware/rtio/core.py default 8)
 * @param laneDepth       entries in each lane FIFO (core.py default 128)
 * @param fineTsBits      fine timestamp bits: one coarse RTIO cycle is {@code 1 << fineTsBits} mu
 *                        (3 on Kasli: 125 MHz coarse clock, 1 ns machine unit)
 * @param minimumSlackCycles the lane distributor's underflow margin in coarse cycles: an event
 *                        underflows when coarse(timestamp) + compensation &lt;= coarse(counter) + this
 *                        (core.py: {@code minimum_coarse_timestamp = coarse_ts + 12})
 * @param inputLatencyMu  delay between an edge at an input pin and the timestamp the input collector
 *                        gives it; a multiple of the coarse cycle. Default 80 mu: ARTIQ's
 *                        test_rtio.py LoopbackGateTiming expects a gate/input offset of about
 *                        88 mu ({@code lat_offset = 11*8}) and a gate of 48 mu to catch the edge
 * @param spreadEnabled   the {@code sed_spread_enable} CSR: switch lanes when the current one is full
 * @param maxInputWaitMu  longest simulated time an input read may wait for an event before the model
 *                        gives up with an {@link RtioException} (a board would hang)
 * @param traceSignals    record pin-level signal changes for the VCD writer
 * @param eventLogEnabled record every output and input event in the {@link org.coredev.rtio.trace.EventLog}
 */
public record RtioConfig(int laneCount, int laneDepth, int fineTsBits, int minimumSlackCycles,
                         int inputLatencyMu, boolean spreadEnabled, long maxInputWaitMu,
                         boolean traceSignals, boolean eventLogEnabled) {

    /** Validates the parameters. */
    public RtioConfig {
        if (laneCount < 1 || (laneCount & (laneCount - 1)) != 0) {
            throw new RtioException("SED lane count must be a power of 2, got " + laneCount);
        }
        if (laneDepth < 2 || laneDepth > (1 << 20)) {
            throw new RtioException("SED lane depth must be between 2 and 2^20, got " + laneDepth);
        }
        if (fineTsBits < 0 || fineTsBits > 4) {
            throw new RtioException("fine timestamp width must be 0..4 bits, got " + fineTsBits);
        }
        if (minimumSlackCycles < 0) {
            throw new RtioException("minimum slack must not be negative, got " + minimumSlackCycles);
        }
        if (inputLatencyMu < 0 || inputLatencyMu % (1 << fineTsBits) != 0) {
            throw new RtioException("input latency must be a non-negative multiple of the coarse cycle ("
                    + (1 << fineTsBits) + " mu), got " + inputLatencyMu);
        }
        if (maxInputWaitMu <= 0) {
            throw new RtioException("maximum input wait must be positive, got " + maxInputWaitMu);
        }
    }

    /** Kasli's gateware: 8 lanes of 128, 8 mu coarse cycle, no spreading, event log on, no signal trace. */
    public static RtioConfig kasli() {
        return new RtioConfig(8, 128, 3, 12, 80, false, 10_000_000_000L, false, true);
    }

    /** The same configuration with other SED lanes. */
    public RtioConfig withLanes(int count, int depth) {
        return new RtioConfig(count, depth, fineTsBits, minimumSlackCycles, inputLatencyMu, spreadEnabled,
                maxInputWaitMu, traceSignals, eventLogEnabled);
    }

    /** The same configuration with the {@code sed_spread_enable} setting given. */
    public RtioConfig withSpread(boolean enabled) {
        return new RtioConfig(laneCount, laneDepth, fineTsBits, minimumSlackCycles, inputLatencyMu, enabled,
                maxInputWaitMu, traceSignals, eventLogEnabled);
    }

    /** The same configuration with signal tracing (for VCD files) switched on or off. */
    public RtioConfig withSignalTrace(boolean enabled) {
        return new RtioConfig(laneCount, laneDepth, fineTsBits, minimumSlackCycles, inputLatencyMu, spreadEnabled,
                maxInputWaitMu, enabled, eventLogEnabled);
    }

    /** The same configuration with the event log switched on or off. */
    public RtioConfig withEventLog(boolean enabled) {
        return new RtioConfig(laneCount, laneDepth, fineTsBits, minimumSlackCycles, inputLatencyMu, spreadEnabled,
                maxInputWaitMu, traceSignals, enabled);
    }

    /** The same configuration with another input latency. */
    public RtioConfig withInputLatency(int mu) {
        return new RtioConfig(laneCount, laneDepth, fineTsBits, minimumSlackCycles, mu, spreadEnabled,
                maxInputWaitMu, traceSignals, eventLogEnabled);
    }

    /** The same configuration with another limit on input waits. */
    public RtioConfig withMaxInputWait(long mu) {
        return new RtioConfig(laneCount, laneDepth, fineTsBits, minimumSlackCycles, inputLatencyMu, spreadEnabled,
                mu, traceSignals, eventLogEnabled);
    }

    /** Length of one coarse RTIO cycle in mu. */
    public int coarseMu() {
        return 1 << fineTsBits;
    }
}
