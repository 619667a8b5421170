package org.coredev.python.eval;

/** A Python range (long bounds). */
public record PyRange(long start, long stop, long step) {
    /** The number of elements. */
    public long length() {
        if (step > 0) return start < stop ? (stop - start - 1) / step + 1 : 0;
        return start > stop ? (start - stop - 1) / (-step) + 1 : 0;
    }

    /** The i-th element (0 <= i < length()). */
    public long get(long i) { return start + i * step; }
}
