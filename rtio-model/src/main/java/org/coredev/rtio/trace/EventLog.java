package org.coredev.rtio.trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * Every output event delivered to a PHY and every input event collected, in the order the model
 * processed them (time order). Stored in primitive arrays so that logging costs no allocation
 * per event; {@link #get} builds the record on demand.
 */
public final class EventLog {
    private boolean[] input = new boolean[1024];
    private int[] channel = new int[1024];
    private long[] timestamp = new long[1024];
    private int[] address = new int[1024];
    private long[] data = new long[1024];
    private final TreeMap<Integer, int[]> wide = new TreeMap<>();
    private int size;

    /** Records an output event. */
    public void addOutput(int ch, long timestampMu, int addr, long value) {
        add(false, ch, timestampMu, addr, value);
    }

    /** Records a wide output event (more than 64 bits of data). */
    public void addWideOutput(int ch, long timestampMu, int addr, int[] words) {
        long low = words.length > 0 ? words[0] & 0xffff_ffffL : 0;
        long high = words.length > 1 ? (long) words[1] << 32 : 0;
        wide.put(size, words.clone());
        add(false, ch, timestampMu, addr, low | high);
    }

    /** Records an input event. */
    public void addInput(int ch, long timestampMu, int value) {
        add(true, ch, timestampMu, 0, value);
    }

    private void add(boolean in, int ch, long ts, int addr, long value) {
        if (size == channel.length) {
            grow();
        }
        input[size] = in;
        channel[size] = ch;
        timestamp[size] = ts;
        address[size] = addr;
        data[size] = value;
        size++;
    }

    private void grow() {
        int n = channel.length * 2;
        input = Arrays.copyOf(input, n);
        channel = Arrays.copyOf(channel, n);
        timestamp = Arrays.copyOf(timestamp, n);
        address = Arrays.copyOf(address, n);
        data = Arrays.copyOf(data, n);
    }

    /** Number of events recorded. */
    public int size() {
        return size;
    }

    /** The i-th event. */
    public RtioEvent get(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("event " + i + " of " + size);
        }
        return new RtioEvent(input[i] ? RtioEvent.Kind.INPUT : RtioEvent.Kind.OUTPUT,
                channel[i], timestamp[i], address[i], data[i]);
    }

    /** All data words of the i-th event if it was a wide output, else null. */
    public int[] wideData(int i) {
        int[] w = wide.get(i);
        return w == null ? null : w.clone();
    }

    /** All events, in order. */
    public List<RtioEvent> events() {
        List<RtioEvent> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(get(i));
        }
        return out;
    }

    /** The events of one channel and direction, in order. */
    public List<RtioEvent> events(int ch, RtioEvent.Kind kind) {
        boolean in = kind == RtioEvent.Kind.INPUT;
        List<RtioEvent> out = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            if (channel[i] == ch && input[i] == in) {
                out.add(get(i));
            }
        }
        return out;
    }

    /** Forgets all events (keeps the storage). */
    public void clear() {
        size = 0;
        wide.clear();
    }
}
