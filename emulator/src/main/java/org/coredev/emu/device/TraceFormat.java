package org.coredev.emu.device;

import java.util.Locale;
import org.coredev.rtio.trace.RtioEvent;

/** Renders a kernel run as text: one line per RTIO event, then the log and the outcome. */
public final class TraceFormat {
    private TraceFormat() {}

    public static String format(KernelRun run) {
        StringBuilder b = new StringBuilder();
        for (RtioEvent e : run.events()) {
            String name = run.device().rtio().channelName(e.channel());
            b.append(String.format(Locale.ROOT, "%14d mu %14s  %-12s %s%n", e.timestampMu(), human(e.timestampMu()), name, what(e)));
        }
        for (LogLine l : run.log()) b.append(String.format(Locale.ROOT, "%14d mu %14s  log: %s%n", l.timeMu(), human(l.timeMu()), l.text()));
        if (run.asyncErrorBits() != 0) b.append("async RTIO errors: ").append(asyncErrors(run.asyncErrorBits())).append('\n');
        b.append(run.outcome().describe()).append('\n');
        return b.toString();
    }

    private static String what(RtioEvent e) {
        if (e.kind() == RtioEvent.Kind.INPUT) return "input  data=" + e.data();
        return "output addr=%d data=%d".formatted(e.address(), e.data());
    }

    /** Machine units (1 ns) as a short human time: "1.250 us". */
    public static String human(long mu) {
        double s = mu * 1e-9;
        if (Math.abs(s) >= 1) return String.format(Locale.ROOT, "%.6f s", s);
        if (Math.abs(s) >= 1e-3) return String.format(Locale.ROOT, "%.6f ms", s * 1e3);
        if (Math.abs(s) >= 1e-6) return String.format(Locale.ROOT, "%.3f us", s * 1e6);
        return mu + " ns";
    }

    static String asyncErrors(int bits) {
        StringBuilder b = new StringBuilder();
        if ((bits & 1) != 0) b.append("collision ");
        if ((bits & 2) != 0) b.append("busy ");
        if ((bits & 4) != 0) b.append("sequence-error ");
        return b.toString().trim();
    }
}
