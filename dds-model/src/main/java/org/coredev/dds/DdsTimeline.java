package org.coredev.dds;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.coredev.rtio.trace.SignalTrace;
import org.coredev.rtio.trace.VcdWriter;

/**
 * The RF output of every DDS channel over simulated time: one {@link Entry} each time frequency,
 * phase, amplitude, RF switch or attenuation changes (an IO_UPDATE, a profile change, a RAM playback
 * step, a switch edge). Between entries the output is a sine whose phase advances at the entry's
 * frequency, so the instantaneous phase is known at any time, exactly (integer phase accumulator
 * arithmetic) when the DDS clock is a whole number of cycles per mu.
 */
public final class DdsTimeline {

    /**
     * The output of one channel from {@code timeMu} until the channel's next entry.
     *
     * @param channel        device name, e.g. {@code urukul0_ch0}
     * @param timeMu         when this state begins
     * @param ftw            frequency tuning word in effect
     * @param accumulatorBits width of the phase accumulator (32 for AD9910, 48 for AD9912)
     * @param accumulator    phase accumulator value at {@code timeMu}
     * @param sysclkHz       DDS system clock (the accumulator's clock)
     * @param offsetTurns    phase offset (POW) added to the accumulator, in turns
     * @param amplitude      amplitude as a fraction of full scale (ASF / 0x3fff), 0 when powered down
     * @param rfSwitch       whether the channel's RF switch is closed (signal reaches the output)
     * @param attenuationDb  the channel's step attenuator setting in dB
     * @param cause          what made the change (e.g. {@code IO_UPDATE}, {@code RF switch})
     */
    public record Entry(String channel, long timeMu, long ftw, int accumulatorBits, long accumulator,
                        double sysclkHz, double offsetTurns, double amplitude, boolean rfSwitch,
                        double attenuationDb, String cause) {

        /** Output frequency in Hz. */
        public double frequencyHz() {
            return ftw * sysclkHz / Math.pow(2, accumulatorBits);
        }

        /** Output phase at {@code timeMu}, in turns, 0 <= phase < 1. */
        public double phaseTurns() {
            return phaseAt(timeMu);
        }

        /** Phase accumulator value at time {@code t >= timeMu}, exact when the clock is n cycles per mu. */
        public long accumulatorAt(long t) {
            long mask = accumulatorBits == 64 ? -1L : (1L << accumulatorBits) - 1;
            double perMu = sysclkHz * 1e-9;
            long whole = Math.round(perMu);
            long dt = t - timeMu;
            if (Math.abs(perMu - whole) < 1e-12) {
                // Java's long multiplication wraps modulo 2^64, so the product modulo 2^bits is exact.
                return (accumulator + ftw * (dt * whole)) & mask;
            }
            double cycles = dt * perMu;
            double turns = (double) ftw / Math.pow(2, accumulatorBits) * cycles;
            long steps = (long) Math.floor((turns - Math.floor(turns)) * Math.pow(2, accumulatorBits));
            return (accumulator + steps) & mask;
        }

        /** Output phase at time {@code t >= timeMu}, in turns, 0 <= phase < 1. */
        public double phaseAt(long t) {
            double p = accumulatorAt(t) / Math.pow(2, accumulatorBits) + offsetTurns;
            return p - Math.floor(p);
        }

        /** The state with a different switch, attenuation or cause, moved to {@code t}. */
        Entry movedTo(long t, boolean sw, double attDb, String why) {
            return new Entry(channel, t, ftw, accumulatorBits, accumulatorAt(t), sysclkHz, offsetTurns, amplitude,
                    sw, attDb, why);
        }
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, List<Entry>> byChannel = new TreeMap<>();
    private final Map<String, Entry> last = new LinkedHashMap<>();

    /** Adds an entry (the model adds them as the run goes, almost always in time order). */
    public void add(Entry e) {
        insertSorted(entries, e);
        insertSorted(byChannel.computeIfAbsent(e.channel(), k -> new ArrayList<>()), e);
        last.put(e.channel(), e);
    }

    /** Inserts after every entry at or before e's time, so entries of one time keep their order. */
    private static void insertSorted(List<Entry> list, Entry e) {
        int i = list.size();
        while (i > 0 && list.get(i - 1).timeMu() > e.timeMu()) {
            i--;
        }
        list.add(i, e);
    }

    /** The last entry added for a channel, or null. */
    public Entry last(String channel) {
        return last.get(channel);
    }

    /** Every entry, sorted by time (entries of one time keep the order they were made in). */
    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** The entries of one channel, sorted by time. */
    public List<Entry> entries(String channel) {
        List<Entry> l = byChannel.get(channel);
        return l == null ? List.of() : List.copyOf(l);
    }

    /** Channel names that have entries, sorted. */
    public List<String> channels() {
        return List.copyOf(byChannel.keySet());
    }

    /** The state of a channel at time t: its last entry at or before t. */
    public Entry stateAt(String channel, long t) {
        List<Entry> l = byChannel.get(channel);
        int lo = 0;
        int hi = l == null ? 0 : l.size();
        while (lo < hi) {                  // first entry after t
            int mid = (lo + hi) >>> 1;
            if (l.get(mid).timeMu() <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (lo == 0) {
            throw new DdsException("DDS channel " + channel + " has no output state at " + t + " mu"
                    + (l != null ? " (its first entry is later)" : " (no such channel in the timeline)"));
        }
        return l.get(lo - 1);
    }

    /** Frequency in Hz of a channel at time t. */
    public double frequencyAt(String channel, long t) {
        return stateAt(channel, t).frequencyHz();
    }

    /** Instantaneous output phase of a channel at time t, in turns (0..1). */
    public double phaseAt(String channel, long t) {
        return stateAt(channel, t).phaseAt(t);
    }

    /** Amplitude (fraction of full scale) of a channel at time t, ignoring the RF switch. */
    public double amplitudeAt(String channel, long t) {
        return stateAt(channel, t).amplitude();
    }

    /**
     * The waveform at the RF output: {@code count} samples at {@code t0 + i * stepMu} of
     * {@code amplitude * sin(2 pi phase)}, 0 while the RF switch is open or before the first entry.
     * Attenuation is not applied (it is reported in the entries).
     */
    public double[] sample(String channel, long t0, long stepMu, int count) {
        if (count < 0 || stepMu <= 0) {
            throw new DdsException("DDS channel " + channel + ": sample needs count >= 0 and step > 0, got "
                    + count + " samples of " + stepMu + " mu");
        }
        List<Entry> list = byChannel.getOrDefault(channel, List.of());
        double[] out = new double[count];
        int k = -1;
        for (int i = 0; i < count; i++) {
            long t = t0 + i * stepMu;
            while (k + 1 < list.size() && list.get(k + 1).timeMu() <= t) {
                k++;
            }
            if (k < 0) {
                continue;
            }
            Entry e = list.get(k);
            out[i] = e.rfSwitch() ? e.amplitude() * Math.sin(2 * Math.PI * e.phaseAt(t)) : 0.0;
        }
        return out;
    }

    /**
     * Text listing, one line per entry:
     * {@code 1200 urukul0_ch0 f=100000000.000 Hz phase=0.250000 turns amp=1.000000 sw=on att=0.0 dB (IO_UPDATE)}.
     */
    public String format() {
        StringBuilder sb = new StringBuilder();
        for (Entry e : entries) {
            sb.append(String.format(Locale.ROOT, "%12d mu  %-16s f=%.3f Hz  phase=%.6f turns  amp=%.6f  sw=%s  att=%.3f dB  (%s)%n",
                    e.timeMu(), e.channel(), e.frequencyHz(), e.phaseTurns(), e.amplitude(),
                    e.rfSwitch() ? "on" : "off", e.attenuationDb(), e.cause()));
        }
        return sb.toString();
    }

    /**
     * The timeline as real-valued signals for a VCD file: per channel {@code <name>_freq_hz},
     * {@code <name>_phase_turns} (phase at each change), {@code <name>_amplitude} and the 1-bit
     * {@code <name>_rf_sw}.
     */
    public SignalTrace toSignalTrace() {
        SignalTrace trace = new SignalTrace();
        appendTo(trace);
        return trace;
    }

    /**
     * Declares and records the same signals in an existing trace, e.g. the RTIO core's
     * {@code signalTrace()}, so one VCD file holds the pins and the DDS outputs.
     */
    public void appendTo(SignalTrace trace) {
        Map<String, int[]> ids = new LinkedHashMap<>();
        for (String ch : channels()) {
            ids.put(ch, new int[]{
                    trace.declareReal(ch + "_freq_hz"),
                    trace.declareReal(ch + "_phase_turns"),
                    trace.declareReal(ch + "_amplitude"),
                    trace.declare(ch + "_rf_sw", 1)});
        }
        for (Entry e : entries()) {
            int[] id = ids.get(e.channel());
            trace.recordReal(id[0], e.timeMu(), e.frequencyHz());
            trace.recordReal(id[1], e.timeMu(), e.phaseTurns());
            trace.recordReal(id[2], e.timeMu(), e.amplitude());
            trace.record(id[3], e.timeMu(), e.rfSwitch() ? 1 : 0);
        }
    }

    /** Writes the timeline as a VCD file (rtio-model's writer, real variables). */
    public void writeVcd(Path file) {
        try {
            VcdWriter.write(toSignalTrace(), file);
        } catch (RuntimeException e) {
            throw new DdsException(file + ": cannot write DDS VCD file: " + e.getMessage());
        }
    }

    /** The VCD text of the timeline. */
    public String toVcd() {
        StringWriter w = new StringWriter();
        try {
            VcdWriter.write(toSignalTrace(), w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }
}
