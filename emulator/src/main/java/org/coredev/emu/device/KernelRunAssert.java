package org.coredev.emu.device;

import java.util.ArrayList;
import java.util.List;
import org.coredev.emu.EmulatorException;
import org.coredev.rtio.trace.RtioEvent;

/**
 * Fluent assertions on a kernel run for users' JUnit suites (any test framework: failures are
 * {@link AssertionError}s whose message includes the run's trace).
 *
 * <pre>{@code
 * KernelRunAssert.assertThat(run).finished().hasNoRtioErrors()
 *     .channel("led0").hasEdges(8).pulseWidthsAre(250_000);
 * }</pre>
 */
public final class KernelRunAssert {
    private final KernelRun run;

    private KernelRunAssert(KernelRun run) { this.run = run; }

    public static KernelRunAssert assertThat(KernelRun run) { return new KernelRunAssert(run); }

    private AssertionError fail(String message) {
        return new AssertionError(message + "\n--- trace ---\n" + run.format());
    }

    /** The kernel returned normally. */
    public KernelRunAssert finished() {
        if (!(run.outcome() instanceof KernelOutcome.Finished)) throw fail("expected the kernel to finish, but: " + run.outcome().describe());
        return this;
    }

    /** The kernel ended with an uncaught exception of this name (e.g. "RTIOUnderflow"). */
    public KernelRunAssert raised(String exceptionName) {
        if (!(run.outcome() instanceof KernelOutcome.Uncaught u) || !u.name().equals(exceptionName))
            throw fail("expected uncaught " + exceptionName + ", but: " + run.outcome().describe());
        return this;
    }

    /** No collision, busy or sequence error happened. */
    public KernelRunAssert hasNoRtioErrors() {
        if (run.asyncErrorBits() != 0) throw fail("RTIO errors: " + TraceFormat.asyncErrors(run.asyncErrorBits()));
        return this;
    }

    /** Assertions on one device's output level changes (TTL address 0). */
    public ChannelAssert channel(String device) {
        try {
            List<RtioEvent> levels = new ArrayList<>();
            for (RtioEvent e : run.events(device))
                if (e.kind() == RtioEvent.Kind.OUTPUT && e.address() == 0) levels.add(e);
            return new ChannelAssert(device, levels);
        } catch (EmulatorException e) {
            throw fail(e.getMessage());
        }
    }

    public final class ChannelAssert {
        private final String device;
        private final List<RtioEvent> levels;

        private ChannelAssert(String device, List<RtioEvent> levels) {
            this.device = device;
            this.levels = levels;
        }

        /** Number of output level events (on and off). */
        public ChannelAssert hasEdges(int count) {
            if (levels.size() != count) throw fail("%s: expected %d edges, got %d".formatted(device, count, levels.size()));
            return this;
        }

        /** Every on->off pulse lasts exactly {@code widthMu}. */
        public ChannelAssert pulseWidthsAre(long widthMu) {
            for (long w : pulseWidths())
                if (w != widthMu) throw fail("%s: pulse widths %s, expected all %d mu".formatted(device, pulseWidths(), widthMu));
            return this;
        }

        /** The first edge is at {@code timeMu}. */
        public ChannelAssert firstEdgeAt(long timeMu) {
            if (levels.isEmpty() || levels.getFirst().timestampMu() != timeMu)
                throw fail("%s: expected first edge at %d mu, got %s".formatted(device, timeMu,
                        levels.isEmpty() ? "none" : levels.getFirst().timestampMu() + " mu"));
            return this;
        }

        /** Widths of the pulses (on at t1, off at t2 -> t2 - t1), in order. */
        public List<Long> pulseWidths() {
            List<Long> out = new ArrayList<>();
            for (int k = 0; k + 1 < levels.size(); k++) {
                if (levels.get(k).data() != 0 && levels.get(k + 1).data() == 0)
                    out.add(levels.get(k + 1).timestampMu() - levels.get(k).timestampMu());
            }
            return out;
        }

        public KernelRunAssert and() { return KernelRunAssert.this; }
    }
}
