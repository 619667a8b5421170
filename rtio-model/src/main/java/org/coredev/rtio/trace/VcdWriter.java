package org.coredev.rtio.trace;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.coredev.rtio.RtioException;

/**
 * Writes a {@link SignalTrace} as a Value Change Dump (IEEE 1364 section 18) that GTKWave opens:
 * one scope {@code rtio}, one variable per signal named after its channel, time unit 1 ns
 * (1 mu on Kasli). The output has no date line, so the same trace gives the same file.
 */
public final class VcdWriter {
    private VcdWriter() {
    }

    /** Writes the trace to a file. */
    public static void write(SignalTrace trace, Path file) {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            write(trace, w);
        } catch (IOException e) {
            throw new RtioException(file + ": cannot write VCD file: " + e.getMessage(), e);
        }
    }

    /** Writes the trace to a character stream. */
    public static void write(SignalTrace trace, Writer out) throws IOException {
        var signals = trace.signals();
        String[] codes = new String[signals.size()];
        StringBuilder sb = new StringBuilder();
        sb.append("$version coredev rtio-model $end\n");
        sb.append("$timescale 1ns $end\n");
        sb.append("$scope module rtio $end\n");
        for (var s : signals) {
            codes[s.id()] = code(s.id());
            String name = sanitize(s.name());
            if (s.isReal()) {
                sb.append("$var real 64 ").append(codes[s.id()]).append(' ').append(name).append(" $end\n");
            } else {
                sb.append("$var wire ").append(s.width()).append(' ').append(codes[s.id()]).append(' ')
                        .append(name).append(" $end\n");
            }
        }
        sb.append("$upscope $end\n$enddefinitions $end\n");
        int[] order = trace.timeOrder();
        // Values recorded at time 0 are the initial values: they go into $dumpvars, the rest stay 'x'.
        long[] initial = new long[signals.size()];
        boolean[] known = new boolean[signals.size()];
        int first = 0;
        while (first < order.length && trace.time(order[first]) == 0) {
            initial[trace.signal(order[first])] = trace.value(order[first]);
            known[trace.signal(order[first])] = true;
            first++;
        }
        sb.append("#0\n$dumpvars\n");
        for (var s : signals) {
            if (known[s.id()]) {
                appendValue(sb, s, codes[s.id()], initial[s.id()]);
            } else if (s.isReal()) {
                sb.append("r0 ").append(codes[s.id()]).append('\n');
            } else if (s.width() == 1) {
                sb.append('x').append(codes[s.id()]).append('\n');
            } else {
                sb.append("bx ").append(codes[s.id()]).append('\n');
            }
        }
        sb.append("$end\n");
        out.write(sb.toString());
        sb.setLength(0);

        // Only the last value of a signal at a given time is written: VCD viewers show one value per time.
        long[] pending = new long[signals.size()];
        long[] last = initial;
        boolean[] dirty = new boolean[signals.size()];
        int[] dirtyList = new int[signals.size()];
        int dirtyCount = 0;
        long current = Long.MIN_VALUE;
        for (int k = first; k <= order.length; k++) {
            boolean flush = k == order.length || trace.time(order[k]) != current;
            if (flush && dirtyCount > 0) {
                sb.append('#').append(current).append('\n');
                int before = sb.length();
                for (int d = 0; d < dirtyCount; d++) {
                    int id = dirtyList[d];
                    dirty[id] = false;
                    if (!known[id] || last[id] != pending[id]) {
                        appendValue(sb, signals.get(id), codes[id], pending[id]);
                        last[id] = pending[id];
                        known[id] = true;
                    }
                }
                dirtyCount = 0;
                if (sb.length() != before) {
                    out.write(sb.toString());
                }
                sb.setLength(0);
            }
            if (k == order.length) {
                break;
            }
            int i = order[k];
            long t = trace.time(i);
            if (t < 0) {
                throw new RtioException("VCD: signal " + signals.get(trace.signal(i)).name()
                        + " changes at negative time " + t + " mu");
            }
            current = t;
            int id = trace.signal(i);
            pending[id] = trace.value(i);
            if (!dirty[id]) {
                dirty[id] = true;
                dirtyList[dirtyCount++] = id;
            }
        }
        out.flush();
    }

    private static void appendValue(StringBuilder sb, SignalTrace.Signal s, String code, long v) {
        if (s.isReal()) {
            sb.append('r').append(Double.toString(Double.longBitsToDouble(v)))
                    .append(' ').append(code).append('\n');
        } else if (s.width() == 1) {
            sb.append((v & 1) != 0 ? '1' : '0').append(code).append('\n');
        } else {
            long masked = s.width() == 64 ? v : v & ((1L << s.width()) - 1);
            sb.append('b').append(Long.toBinaryString(masked)).append(' ').append(code).append('\n');
        }
    }

    /** Identifier code: base-94 number over the printable characters '!'..'~'. */
    static String code(int id) {
        StringBuilder sb = new StringBuilder();
        int n = id;
        do {
            sb.append((char) ('!' + n % 94));
            n = n / 94 - 1;
        } while (n >= 0);
        return sb.toString();
    }

    /** VCD identifiers may not contain white space; keep letters, digits, '_' and '.'. */
    static String sanitize(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (char c : name.toCharArray()) {
            sb.append(Character.isLetterOrDigit(c) || c == '_' || c == '.' ? c : '_');
        }
        return sb.isEmpty() ? "_" : sb.toString();
    }
}
