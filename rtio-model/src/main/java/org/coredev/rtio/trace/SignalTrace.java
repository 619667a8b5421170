package org.coredev.rtio.trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Value changes of pin-level signals (TTL levels, SPI bus wires, PHY registers) over simulated
 * time, recorded by the PHYs for the {@link VcdWriter}. Changes may be recorded out of time order
 * (an SPI transfer records its whole waveform when it starts); the writer sorts them, keeping the
 * recording order among changes at the same time.
 */
public final class SignalTrace {

    /** A declared signal: bit vector of the given width, or real when {@code width == 0}. */
    public record Signal(int id, String name, int width) {
        /** Whether the signal holds real numbers. */
        public boolean isReal() {
            return width == 0;
        }
    }

    private final List<Signal> signals = new ArrayList<>();
    private long[] time = new long[256];
    private int[] signal = new int[256];
    private long[] value = new long[256];
    private int size;

    /** Declares a bit-vector signal of 1..64 bits; returns its id. */
    public int declare(String name, int width) {
        if (width < 1 || width > 64) {
            throw new org.coredev.rtio.RtioException("signal " + name + ": width must be 1..64, got " + width);
        }
        signals.add(new Signal(signals.size(), name, width));
        return signals.size() - 1;
    }

    /** Declares a real signal; returns its id. */
    public int declareReal(String name) {
        signals.add(new Signal(signals.size(), name, 0));
        return signals.size() - 1;
    }

    /** Records a value of a bit-vector signal. */
    public void record(int id, long timeMu, long bits) {
        if (size == time.length) {
            time = Arrays.copyOf(time, size * 2);
            signal = Arrays.copyOf(signal, size * 2);
            value = Arrays.copyOf(value, size * 2);
        }
        time[size] = timeMu;
        signal[size] = id;
        value[size] = bits;
        size++;
    }

    /** Records a value of a real signal. */
    public void recordReal(int id, long timeMu, double v) {
        record(id, timeMu, Double.doubleToLongBits(v));
    }

    /** Forgets the recorded changes (keeps the signals and the storage): a long-lived owner's bound. */
    public void clearChanges() {
        size = 0;
    }

    /** The declared signals, in declaration order. */
    public List<Signal> signals() {
        return List.copyOf(signals);
    }

    /** Number of recorded changes. */
    public int size() {
        return size;
    }

    /** Time of the i-th recorded change. */
    public long time(int i) {
        return time[i];
    }

    /** Signal id of the i-th recorded change. */
    public int signal(int i) {
        return signal[i];
    }

    /** Raw value of the i-th recorded change (bits, or the IEEE bits of a real). */
    public long value(int i) {
        return value[i];
    }

    /** Indices of the recorded changes sorted by time, stable. */
    int[] timeOrder() {
        Integer[] idx = new Integer[size];
        for (int i = 0; i < size; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Long.compare(time[a], time[b]));
        int[] out = new int[size];
        for (int i = 0; i < size; i++) {
            out[i] = idx[i];
        }
        return out;
    }
}
