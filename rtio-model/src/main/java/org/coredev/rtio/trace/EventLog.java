package org.coredev.rtio.trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * Every output event delivered to a PHY and every input event collected, in the order the model
 * processed them (time order). Stored in primitive arrays so that logging costs no allocation
 * per event; {@link #get} builds the record on demand.
 *
 * <p>Events are numbered from 0 for the log's whole life. A long-lived owner bounds the log with
 * {@link #discardBefore}: the numbers of the events kept do not change, and asking for a discarded
 * one is an error, never another event.
 */
public final class EventLog {
    private boolean[] input = new boolean[1024];
    private int[] channel = new int[1024];
    private long[] timestamp = new long[1024];
    private int[] address = new int[1024];
    private long[] data = new long[1024];
    private final TreeMap<Integer, int[]> wide = new TreeMap<>();   // by event number
    private int size;       // events stored, numbered first .. first + size - 1
    private int first;      // number of the oldest event kept

    /** Records an output event. */
    public void addOutput(int ch, long timestampMu, int addr, long value) {
        add(false, ch, timestampMu, addr, value);
    }

    /** Records a wide output event (more than 64 bits of data). */
    public void addWideOutput(int ch, long timestampMu, int addr, int[] words) {
        long low = words.length > 0 ? words[0] & 0xffff_ffffL : 0;
        long high = words.length > 1 ? (long) words[1] << 32 : 0;
        wide.put(first + size, words.clone());
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

    /** Number of events recorded over the log's life: one past the newest event's number. */
    public int size() {
        return first + size;
    }

    /** Number of the oldest event still kept (0 unless events were discarded). */
    public int first() {
        return first;
    }

    /** Event number {@code i}. */
    public RtioEvent get(int i) {
        int k = slot(i);
        return new RtioEvent(input[k] ? RtioEvent.Kind.INPUT : RtioEvent.Kind.OUTPUT,
                channel[k], timestamp[k], address[k], data[k]);
    }

    private int slot(int i) {
        if (i < first && i >= 0) {
            throw new IllegalStateException("event " + i + " was discarded; the log keeps events " + first + " to " + (first + size - 1));
        }
        if (i < 0 || i >= first + size) {
            throw new IndexOutOfBoundsException("event " + i + " of " + (first + size));
        }
        return i - first;
    }

    /** All data words of event {@code i} if it was a wide output, else null. */
    public int[] wideData(int i) {
        slot(i);
        int[] w = wide.get(i);
        return w == null ? null : w.clone();
    }

    /** All events kept, in order. */
    public List<RtioEvent> events() {
        List<RtioEvent> out = new ArrayList<>(size);
        for (int i = first; i < first + size; i++) {
            out.add(get(i));
        }
        return out;
    }

    /** The events kept of one channel and direction, in order. */
    public List<RtioEvent> events(int ch, RtioEvent.Kind kind) {
        boolean in = kind == RtioEvent.Kind.INPUT;
        List<RtioEvent> out = new ArrayList<>();
        for (int k = 0; k < size; k++) {
            if (channel[k] == ch && input[k] == in) {
                out.add(get(first + k));
            }
        }
        return out;
    }

    /**
     * Forgets the events numbered below {@code number} (at most all of them), keeping the storage;
     * later events keep their numbers.
     */
    public void discardBefore(int number) {
        int drop = Math.clamp((long) number - first, 0, size);
        if (drop == 0) {
            return;
        }
        int keep = size - drop;
        System.arraycopy(input, drop, input, 0, keep);
        System.arraycopy(channel, drop, channel, 0, keep);
        System.arraycopy(timestamp, drop, timestamp, 0, keep);
        System.arraycopy(address, drop, address, 0, keep);
        System.arraycopy(data, drop, data, 0, keep);
        first += drop;
        size = keep;
        wide.headMap(first).clear();
    }

    /** Forgets all events (keeps the storage); numbering goes on from where it was. */
    public void clear() {
        discardBefore(first + size);
    }
}
