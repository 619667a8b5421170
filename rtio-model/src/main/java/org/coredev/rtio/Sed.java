package org.coredev.rtio;

/**
 * The SED front end: lane distributor (artiq/gateware/rtio/sed/lane_distributor.py) and the lane
 * FIFOs (sed/fifos.py). Lanes are ring buffers over flat primitive arrays; slot {@code lane * cap
 * + (position & (cap - 1))} holds one event. All timestamps stored here are latency-compensated.
 */
final class Sed {
    /** Outcomes of a write command. */
    static final int WRITTEN = 0;
    static final int UNDERFLOW = 1;
    static final int SEQUENCE_ERROR = 2;
    /** The lane chosen was full: the gateware FIFO ignores the write, the event is lost silently. */
    static final int LOST_LANE_FULL = 3;

    final int lanes;
    final int depth;
    final int fine;
    private final int minimumSlackCycles;
    private final boolean spread;
    final int cap;
    private final int capMask;

    // Event payload, indexed by slot.
    final long[] timestamp;
    final int[] channel;
    final int[] address;
    final long[] data;
    final long[] seqn;
    final int[][] wide;

    // Per lane: positions of the oldest and the next free entry (tail - head = FIFO level).
    final int[] head;
    final int[] tail;

    private int currentLane;
    private long lastCoarse;
    private final long[] laneLastCoarse;
    private long nextSeqn;
    /** Lane of the last write; -1 if none was made. */
    int lastLane = -1;
    /** Slot of the last event written. */
    int lastSlot;

    Sed(RtioConfig config) {
        this.lanes = config.laneCount();
        this.depth = config.laneDepth();
        this.fine = config.fineTsBits();
        this.minimumSlackCycles = config.minimumSlackCycles();
        this.spread = config.spreadEnabled();
        this.cap = Integer.highestOneBit(depth - 1) << 1;
        this.capMask = cap - 1;
        int n = lanes * cap;
        timestamp = new long[n];
        channel = new int[n];
        address = new int[n];
        data = new long[n];
        seqn = new long[n];
        wide = new int[n][];
        head = new int[lanes];
        tail = new int[lanes];
        laneLastCoarse = new long[lanes];
    }

    int slot(int lane, int position) {
        return lane * cap + (position & capMask);
    }

    /**
     * A CRI write command at CPU time {@code nowMu}. The caller has drained the lanes up to
     * {@code nowMu}, so FIFO levels are those of that instant.
     */
    int write(long nowMu, int ch, int compensationCycles, long timestampMu, int addr, long value, int[] words) {
        long compensated = timestampMu + ((long) compensationCycles << fine);
        long coarse = compensated >> fine;
        // timestamp_above_min: coarse + compensation > minimum_coarse_timestamp (= coarse_ts + 12)
        if (coarse <= (nowMu >> fine) + minimumSlackCycles) {
            return UNDERFLOW;
        }
        // Stay in the current lane while coarse timestamps strictly increase, else use the next one.
        // With sed_spread_enable, a full current lane also forces the next one (force_laneB).
        boolean forceLaneB = spread && tail[currentLane] - head[currentLane] >= depth;
        int lane = currentLane;
        if (forceLaneB || coarse <= lastCoarse) {
            lane = (currentLane + 1) & (lanes - 1);
        }
        if (coarse <= laneLastCoarse[lane]) {
            return SEQUENCE_ERROR;
        }
        currentLane = lane;
        lastCoarse = coarse;
        laneLastCoarse[lane] = coarse;
        long s = nextSeqn++;
        if (tail[lane] - head[lane] >= depth) {
            return LOST_LANE_FULL;
        }
        int slot = slot(lane, tail[lane]++);
        timestamp[slot] = compensated;
        channel[slot] = ch;
        address[slot] = addr;
        data[slot] = value;
        seqn[slot] = s;
        wide[slot] = words;
        lastLane = lane;
        lastSlot = slot;
        return WRITTEN;
    }

    /** o_status wait bit: the current lane is full. */
    boolean currentLaneFull() {
        return tail[currentLane] - head[currentLane] >= depth;
    }

    /** Time at which the current lane's oldest event leaves its FIFO, making room. */
    long currentLaneFreesAtMu() {
        int lane = currentLane;
        if (tail[lane] == head[lane]) {
            return Long.MIN_VALUE;
        }
        return (timestamp[slot(lane, head[lane])] >> fine) << fine;
    }

    /** Smallest coarse timestamp at the head of any lane, or Long.MAX_VALUE if all are empty. */
    long nextCoarse() {
        long min = Long.MAX_VALUE;
        for (int lane = 0; lane < lanes; lane++) {
            if (head[lane] != tail[lane]) {
                long c = timestamp[lane * cap + (head[lane] & capMask)] >> fine;
                if (c < min) {
                    min = c;
                }
            }
        }
        return min;
    }

    /** Latest coarse timestamp queued in any lane, or Long.MIN_VALUE if all are empty. */
    long lastQueuedCoarse() {
        long max = Long.MIN_VALUE;
        for (int lane = 0; lane < lanes; lane++) {
            if (head[lane] != tail[lane]) {
                max = Math.max(max, timestamp[slot(lane, tail[lane] - 1)] >> fine);
            }
        }
        return max;
    }

    boolean isEmpty() {
        for (int lane = 0; lane < lanes; lane++) {
            if (head[lane] != tail[lane]) {
                return false;
            }
        }
        return true;
    }

    /** core.reset(): the lanes and the distributor are in the rio domain. */
    void reset() {
        for (int lane = 0; lane < lanes; lane++) {
            head[lane] = 0;
            tail[lane] = 0;
            laneLastCoarse[lane] = 0;
        }
        java.util.Arrays.fill(wide, null);
        currentLane = 0;
        lastCoarse = 0;
        lastLane = -1;
    }
}
