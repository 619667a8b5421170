package org.coredev.emu.device;

import java.util.Locale;
import org.coredev.rtio.trace.RtioEvent;

/** Renders a kernel run as text: one line per RTIO event, then the log and the outcome. */
public final class TraceFormat {
    private TraceFormat() {}

    public static String format(KernelRun run) {
        StringBuilder b = new StringBuilder();
        java.util.Map<Integer, DeviceConfig.Kind> kinds = new java.util.HashMap<>();
        for (DeviceConfig.ChannelSpec c : run.device().config().channels()) kinds.put(c.channel(), c.kind());
        for (RtioEvent e : run.events()) {
            String name = run.device().rtio().channelName(e.channel());
            DeviceConfig.Kind kind = kinds.get(e.channel());
            b.append(String.format(Locale.ROOT, "%14d mu %14s  %-12s %s%n", e.timestampMu(), human(e.timestampMu()), name, what(kind, e)));
        }
        for (LogLine l : run.log()) b.append(String.format(Locale.ROOT, "%14d mu %14s  log: %s%n", l.timeMu(), human(l.timeMu()), l.text()));
        // DDS outputs, once a kernel has done more than power them up.
        var timeline = run.device().dds().timeline();
        if (timeline.entries().stream().anyMatch(e -> !e.cause().equals("power-up")))
            b.append("DDS outputs:\n").append(timeline.format());
        if (run.asyncErrorBits() != 0) b.append("async RTIO errors: ").append(asyncErrors(run.asyncErrorBits())).append('\n');
        b.append(run.outcome().describe()).append('\n');
        return b.toString();
    }

    /** The event in the words of the device's driver (artiq/coredevice/ttl.py, spi2.py). */
    static String what(DeviceConfig.Kind kind, RtioEvent e) {
        boolean input = e.kind() == RtioEvent.Kind.INPUT;
        if (kind == null) return (input ? "input data=" : "output addr=" + e.address() + " data=") + e.data();
        return switch (kind) {
            case TTL_OUT, TTL_INOUT -> input ? "input edge" : switch (e.address()) {
                case 0 -> e.data() == 0 ? "off" : e.data() == 1 ? "on" : "on (data %d)".formatted(e.data());
                case 1 -> e.data() != 0 ? "output enable" : "output disable";
                case 2, 3 -> switch ((int) e.data() & 3) {
                    case 0 -> "gate closed";
                    case 1 -> "gate open (rising)";
                    case 2 -> "gate open (falling)";
                    default -> "gate open (both edges)";
                } + (e.address() == 3 ? ", sample" : "");
                default -> "output addr=%d data=%d".formatted(e.address(), e.data());
            };
            case TTL_CLOCKGEN -> input ? "input data=" + e.data() : "frequency word " + e.data();
            case SPI_MASTER -> input ? "spi read 0x%08x".formatted(e.data())
                    : e.address() == 1 ? "spi config 0x%08x".formatted(e.data()) : "spi write 0x%08x".formatted(e.data());
            case EDGE_COUNTER -> input ? "count " + e.data() : counterConfig((int) e.data());
        };
    }

    /** edge_counter.py set_config, as its arguments. */
    private static String counterConfig(int config) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        if ((config & 1) != 0) parts.add("rising");
        if ((config & 2) != 0) parts.add("falling");
        String counting = parts.isEmpty() ? "counting off" : "counting " + String.join(" and ", parts);
        return counting + ((config & 4) != 0 ? ", send count" : "") + ((config & 8) != 0 ? ", reset to zero" : "");
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
