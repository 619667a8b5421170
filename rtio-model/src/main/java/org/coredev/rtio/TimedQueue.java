package org.coredev.rtio;

import java.util.Arrays;

/**
 * Things that happen at a future time besides SED output events: edges arriving at input pins
 * (loopback wires, stimulus), input events on their way to an input FIFO, PHY wake-ups. A binary
 * min-heap over primitive arrays, ordered by time and then by insertion, so that runs are
 * deterministic.
 */
final class TimedQueue {
    static final int EDGE = 0;
    static final int INPUT = 1;
    static final int WAKE = 2;

    private long[] time = new long[64];
    private long[] seq = new long[64];
    private int[] kind = new int[64];
    private int[] channel = new int[64];
    private long[] a = new long[64];
    private long[] b = new long[64];
    private int size;
    private long nextSeq;
    private long latestInput = Long.MIN_VALUE;

    // Fields of the item popped last.
    long poppedTime;
    int poppedKind;
    int poppedChannel;
    long poppedA;
    long poppedB;

    int size() {
        return size;
    }

    /** Latest arrival time of any input event ever queued (an upper bound for those still queued). */
    long latestInput() {
        return latestInput;
    }

    long minTime() {
        return size == 0 ? Long.MAX_VALUE : time[0];
    }

    void push(long t, int k, int ch, long va, long vb) {
        if (size == time.length) {
            int n = size * 2;
            time = Arrays.copyOf(time, n);
            seq = Arrays.copyOf(seq, n);
            kind = Arrays.copyOf(kind, n);
            channel = Arrays.copyOf(channel, n);
            a = Arrays.copyOf(a, n);
            b = Arrays.copyOf(b, n);
        }
        int i = size++;
        set(i, t, nextSeq++, k, ch, va, vb);
        if (k == INPUT && t > latestInput) {
            latestInput = t;
        }
        siftUp(i);
    }

    /** Removes the earliest item into the {@code popped*} fields. */
    void pop() {
        poppedTime = time[0];
        poppedKind = kind[0];
        poppedChannel = channel[0];
        poppedA = a[0];
        poppedB = b[0];
        size--;
        if (size > 0) {
            move(size, 0);
            siftDown(0);
        }
    }

    /** Drops every queued item of the given kind (used by core.reset() for input events in flight). */
    void removeKind(int k) {
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (kind[i] != k) {
                move(i, n++);
            }
        }
        size = n;
        for (int i = size / 2 - 1; i >= 0; i--) {
            siftDown(i);
        }
    }

    private boolean less(int i, int j) {
        return time[i] < time[j] || (time[i] == time[j] && seq[i] < seq[j]);
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(i, parent)) {
                break;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int l = 2 * i + 1;
            if (l >= size) {
                return;
            }
            int m = l + 1 < size && less(l + 1, l) ? l + 1 : l;
            if (!less(m, i)) {
                return;
            }
            swap(i, m);
            i = m;
        }
    }

    private void set(int i, long t, long s, int k, int ch, long va, long vb) {
        time[i] = t;
        seq[i] = s;
        kind[i] = k;
        channel[i] = ch;
        a[i] = va;
        b[i] = vb;
    }

    private void move(int from, int to) {
        set(to, time[from], seq[from], kind[from], channel[from], a[from], b[from]);
    }

    private void swap(int i, int j) {
        long t = time[i]; time[i] = time[j]; time[j] = t;
        long s = seq[i]; seq[i] = seq[j]; seq[j] = s;
        int k = kind[i]; kind[i] = kind[j]; kind[j] = k;
        int c = channel[i]; channel[i] = channel[j]; channel[j] = c;
        long x = a[i]; a[i] = a[j]; a[j] = x;
        long y = b[i]; b[i] = b[j]; b[j] = y;
    }
}
