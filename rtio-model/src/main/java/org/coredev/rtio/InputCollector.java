package org.coredev.rtio;

/**
 * Input FIFOs, one per channel (artiq/gateware/rtio/input_collector.py). An event arriving at a
 * full FIFO is dropped and sets the channel's overflow flag; the next read reports the overflow,
 * clears the flag and leaves the FIFO as it is.
 */
final class InputCollector {
    private final long[][] timestamp;
    private final int[][] data;
    private final int[] head;
    private final int[] tail;
    private final boolean[] overflow;

    InputCollector(int channelSlots, int[] depthByChannel) {
        timestamp = new long[channelSlots][];
        data = new int[channelSlots][];
        head = new int[channelSlots];
        tail = new int[channelSlots];
        overflow = new boolean[channelSlots];
        for (int ch = 0; ch < channelSlots; ch++) {
            if (depthByChannel[ch] > 0) {
                timestamp[ch] = new long[depthByChannel[ch]];
                data[ch] = new int[depthByChannel[ch]];
            }
        }
    }

    /** Puts an event into a channel's FIFO; returns false on overflow. */
    boolean push(int ch, long ts, int value) {
        long[] t = timestamp[ch];
        if (tail[ch] - head[ch] >= t.length) {
            overflow[ch] = true;
            return false;
        }
        int i = Math.floorMod(tail[ch]++, t.length);
        t[i] = ts;
        data[ch][i] = value;
        return true;
    }

    boolean hasChannel(int ch) {
        return ch >= 0 && ch < timestamp.length && timestamp[ch] != null;
    }

    boolean readable(int ch) {
        return tail[ch] != head[ch];
    }

    boolean overflow(int ch) {
        return overflow[ch];
    }

    void clearOverflow(int ch) {
        overflow[ch] = false;
    }

    long headTimestamp(int ch) {
        return timestamp[ch][Math.floorMod(head[ch], timestamp[ch].length)];
    }

    int headData(int ch) {
        return data[ch][Math.floorMod(head[ch], timestamp[ch].length)];
    }

    void pop(int ch) {
        head[ch]++;
    }

    int level(int ch) {
        return tail[ch] - head[ch];
    }

    /** core.reset(): the input collector is in the rio domain. */
    void reset() {
        for (int ch = 0; ch < head.length; ch++) {
            head[ch] = 0;
            tail[ch] = 0;
            overflow[ch] = false;
        }
    }
}
