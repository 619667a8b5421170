package org.coredev.emu.device.ksupport;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A recorded DMA trace in the board's format (gateware/rtio/dma.py {@code record_layout}, written
 * by ksupport's {@code dma_record_output_prepare}): per event one byte of record length (13 + 4
 * per data word), the target's channel in 3 bytes, the 64-bit timestamp, the address byte and the
 * data words, all little-endian; a zero length byte ends the trace.
 *
 * @param address    where the runtime keeps it, 64-byte aligned: the trace's id for {@code dma_playback}
 * @param durationMu the duration given to {@code dma_record_stop} (the timeline cursor at the end of the recording)
 */
public record DmaTrace(String name, int address, long durationMu, List<Event> events) {
    /** Header bytes of a record: length, channel (3), timestamp (8), address. */
    public static final int HEADER_BYTES = 13;

    /** One recorded output: {@code target} = channel << 8 | address, timestamp relative to the recording's start. */
    public record Event(int target, long timestampMu, int[] words) {
        public Event {
            if (words.length < 1 || words.length > 16) throw new IllegalArgumentException("1 to 16 data words, got " + words.length);
            words = words.clone();
        }

        @Override public int[] words() { return words.clone(); }
        int word(int k) { return words[k]; }
        int wordCount() { return words.length; }
        public int channel() { return target >>> 8; }
        public int recordBytes() { return HEADER_BYTES + 4 * words.length; }

        @Override public boolean equals(Object o) {
            return o instanceof Event e && e.target == target && e.timestampMu == timestampMu && Arrays.equals(e.words, words);
        }

        @Override public int hashCode() { return 31 * (31 * target + Long.hashCode(timestampMu)) + Arrays.hashCode(words); }

        @Override public String toString() {
            return "Event[target=0x%x, timestampMu=%d, words=%s]".formatted(target, timestampMu, Arrays.toString(words));
        }
    }

    public DmaTrace {
        events = List.copyOf(events);
    }

    /** Appends one event's record to {@code out}. */
    static void encode(Event e, ByteArrayOutputStream out) {
        int target = e.target();
        long t = e.timestampMu();
        out.write(e.recordBytes());
        out.write(target >>> 8);
        out.write(target >>> 16);
        out.write(target >>> 24);
        for (int k = 0; k < 8; k++) out.write((int) (t >>> (8 * k)));
        out.write(target);
        for (int k = 0; k < e.wordCount(); k++) {
            int w = e.word(k);
            for (int b = 0; b < 4; b++) out.write(w >>> (8 * b));
        }
    }

    /** The trace's bytes as the runtime stores them: the records, then the zero end marker. */
    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Event e : events) encode(e, out);
        out.write(0);
        return out.toByteArray();
    }

    /** Reads records up to the end marker (what the DMA engine's record slicer does). */
    public static List<Event> decode(byte[] bytes) {
        List<Event> out = new ArrayList<>();
        int at = 0;
        while (at < bytes.length && bytes[at] != 0) {
            int length = bytes[at] & 0xff;
            int words = (length - HEADER_BYTES) / 4;
            if (length < HEADER_BYTES + 4 || (length - HEADER_BYTES) % 4 != 0 || words > 16 || at + length > bytes.length)
                throw new IllegalArgumentException("bad DMA record of length %d at byte %d".formatted(length, at));
            int target = (bytes[at + 1] & 0xff) << 8 | (bytes[at + 2] & 0xff) << 16 | (bytes[at + 3] & 0xff) << 24 | (bytes[at + 12] & 0xff);
            long t = 0;
            for (int k = 7; k >= 0; k--) t = t << 8 | (bytes[at + 4 + k] & 0xff);
            int[] data = new int[words];
            for (int w = 0; w < words; w++) {
                int base = at + HEADER_BYTES + 4 * w;
                data[w] = (bytes[base] & 0xff) | (bytes[base + 1] & 0xff) << 8 | (bytes[base + 2] & 0xff) << 16 | (bytes[base + 3] & 0xff) << 24;
            }
            out.add(new Event(target, t, data));
            at += length;
        }
        return out;
    }
}
