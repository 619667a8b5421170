package org.coredev.rtio;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.coredev.rtio.trace.EventLog;
import org.coredev.rtio.trace.SignalTrace;

/**
 * The RTIO core of an ARTIQ board (artiq/gateware/rtio/core.py): the timestamp counter, the SED
 * (lane distributor, lane FIFOs, gates, output driver), the input collector and the channels'
 * PHYs, advanced lazily over simulated time.
 *
 * <p>Nothing here reads a clock: every call takes the CPU's current simulated time {@code nowMu}
 * and the core first processes everything that happened up to it. Output events leave their
 * lane at their (compensated) coarse timestamp; in each coarse cycle the output driver resolves
 * replacements, collisions and busy PHYs before the PHYs see the events. Things scheduled
 * between PHYs (edges travelling along loopback wires, input events on their way to a FIFO,
 * clock-generator edges) wait in a time-ordered queue.
 *
 * <pre>{@code
 * RtioCore core = new RtioCore(RtioConfig.kasli(), List.of(
 *         Channel.of(0, "ttl0", new TtlOut()),
 *         Channel.of(1, "ttl1", new TtlInOut())));
 * core.connect(0, 1, 10);                              // wire ttl0 -> ttl1, 10 ns
 * int status = core.output(now, 0 << 8, t, 1);         // ttl0 on at t
 * InputResult r = core.input(now, 1, t + 1000);        // rtio_input_timestamp
 * }</pre>
 */
public final class RtioCore {
    private static final long NEVER = Long.MAX_VALUE;

    private final RtioConfig config;
    private final int fine;
    private final int coarseMu;
    private final List<Channel> channelList;
    private final Phy[] phys;
    private final String[] names;
    private final int[] compensation;
    private final boolean[] fineTs;
    private final boolean[] replace;
    private final int[][] wireTargets;
    private final long[][] wireDelays;
    private long maxWireDelayMu;

    private final Sed sed;
    private final InputCollector inputs;
    private final TimedQueue queue = new TimedQueue();
    private final EventLog eventLog = new EventLog();
    private final boolean logEvents;
    private final SignalTrace signalTrace;

    private final List<AsyncError> asyncErrors = new ArrayList<>();
    private final List<String> coreLog = new ArrayList<>();
    private final List<LogWord> logWords = new ArrayList<>();
    private int asyncErrorBits;
    private long lostEvents;

    /** Earliest time at which anything is pending; calls before it need no processing. */
    private long nextDue = NEVER;
    /** Latest time the model was advanced to. */
    private long reachedMu = Long.MIN_VALUE;
    private boolean underflowFlag;

    // Scratch for one coarse cycle of the output driver (at most one event per lane).
    private final int[] groupSlot;
    private final boolean[] groupDone;

    /** Builds a core with the given gateware parameters and channels (numbers must be distinct). */
    public RtioCore(RtioConfig config, List<Channel> channels) {
        this.config = config;
        this.fine = config.fineTsBits();
        this.coarseMu = config.coarseMu();
        List<Channel> sorted = new ArrayList<>(channels);
        sorted.sort(Comparator.comparingInt(Channel::number));
        this.channelList = List.copyOf(sorted);
        int slots = sorted.isEmpty() ? 0 : sorted.getLast().number() + 1;
        phys = new Phy[slots];
        names = new String[slots];
        compensation = new int[slots];
        fineTs = new boolean[slots];
        replace = new boolean[slots];
        wireTargets = new int[slots][];
        wireDelays = new long[slots][];
        int[] depths = new int[slots];
        for (Channel c : sorted) {
            int n = c.number();
            if (phys[n] != null) {
                throw new RtioException("RTIO channel " + n + " is defined twice (" + names[n] + ", " + c.name() + ")");
            }
            for (Phy other : phys) {
                if (other == c.phy()) {
                    throw new RtioException("RTIO channel " + n + " (" + c.name() + ") shares its PHY object with another channel");
                }
            }
            phys[n] = c.phy();
            names[n] = c.name();
            compensation[n] = c.latencyCompensation();
            depths[n] = c.inputFifoDepth();
        }
        this.sed = new Sed(config);
        this.inputs = new InputCollector(slots, depths);
        this.logEvents = config.eventLogEnabled();
        this.signalTrace = config.traceSignals() ? new SignalTrace() : null;
        this.groupSlot = new int[config.laneCount()];
        this.groupDone = new boolean[config.laneCount()];
        for (Channel c : sorted) {
            c.phy().attach(new Port(c.number()));
            fineTs[c.number()] = c.phy().usesFineTimestamps();
            replace[c.number()] = c.phy().replaceEnabled();
        }
    }

    // ---------------------------------------------------------------- configuration and wiring

    /** The gateware parameters. */
    public RtioConfig config() {
        return config;
    }

    /** The channels, sorted by number. */
    public List<Channel> channels() {
        return channelList;
    }

    /** The PHY of a channel, or null if there is no such channel. */
    public Phy phy(int channel) {
        return channel >= 0 && channel < phys.length ? phys[channel] : null;
    }

    /** The device name of a channel, {@code "unknown"} if it has none (as the runtime prints it). */
    public String channelName(int channel) {
        return channel >= 0 && channel < names.length && names[channel] != null ? names[channel] : "unknown";
    }

    /** The number of the channel with the given name. */
    public int channelNumber(String name) {
        for (Channel c : channelList) {
            if (c.name().equals(name)) {
                return c.number();
            }
        }
        throw new RtioException("no RTIO channel named '" + name + "'");
    }

    /**
     * Connects the pin of {@code from} to the input of {@code to} with a wire of the given delay:
     * every level change of the first pin arrives at the second {@code delayMu} later.
     */
    public void connect(int from, int to, long delayMu) {
        checkChannel(from, "loopback source");
        checkChannel(to, "loopback target");
        if (delayMu < 0) {
            throw new RtioException("loopback " + describe(from) + " -> " + describe(to)
                    + ": delay must not be negative, got " + delayMu + " mu");
        }
        int[] t = wireTargets[from] == null ? new int[0] : wireTargets[from];
        long[] d = wireDelays[from] == null ? new long[0] : wireDelays[from];
        wireTargets[from] = Arrays.copyOf(t, t.length + 1);
        wireDelays[from] = Arrays.copyOf(d, d.length + 1);
        wireTargets[from][t.length] = to;
        wireDelays[from][d.length] = delayMu;
        maxWireDelayMu = Math.max(maxWireDelayMu, delayMu);
    }

    /** Drives the input pin of a channel to a level at a time (test stimulus). */
    public void addStimulus(int channel, long timeMu, boolean level) {
        checkChannel(channel, "stimulus");
        if (timeMu < reachedMu) {
            throw new RtioException("stimulus on " + describe(channel) + " at " + timeMu
                    + " mu is before the model's current time " + reachedMu + " mu");
        }
        schedule(timeMu, TimedQueue.EDGE, channel, level ? 1 : 0, 0);
    }

    /** Adds every edge of a stimulus (e.g. read from a file). */
    public void addStimulus(InputStimulus stimulus) {
        for (InputStimulus.Edge e : stimulus.edges()) {
            int ch = e.channelName() != null ? channelNumber(e.channelName()) : e.channel();
            addStimulus(ch, e.timeMu(), e.level());
        }
    }

    private void checkChannel(int channel, String what) {
        if (phy(channel) == null) {
            throw new RtioException(what + ": no RTIO channel " + channel);
        }
    }

    private String describe(int channel) {
        return "channel 0x%04x:%s".formatted(channel, channelName(channel));
    }

    // ---------------------------------------------------------------- time

    /** The RTIO counter at a CPU time: the coarse timestamp counter in mu (full_ts = coarse << fine). */
    public long counterMu(long nowMu) {
        return (nowMu >> fine) << fine;
    }

    /** Processes everything that happens up to and including {@code nowMu}. */
    public void advanceTo(long nowMu) {
        if (nowMu >= nextDue) {
            run(nowMu);
        }
        if (nowMu > reachedMu) {
            reachedMu = nowMu;
        }
    }

    /** Latest time the model has been advanced to. */
    public long reachedMu() {
        return reachedMu;
    }

    /**
     * Kernel end: lets every queued output event reach its PHY, the edges it causes cross their
     * wires and every input event in flight (SPI reads included) reach its FIFO. Free-running
     * things (a clock generator, stimulus) are followed only that far. Returns the time reached.
     */
    public long drain() {
        long last = sed.lastQueuedCoarse();
        long end = last == Long.MIN_VALUE ? reachedMu : Math.max(reachedMu, last << fine);
        long settle = saturatingAdd(end, maxWireDelayMu + config.inputLatencyMu() + coarseMu);
        // Processing may queue further inputs (an SPI read completes after its transfer).
        long target = Math.max(settle, queue.latestInput());
        while (reachedMu < target) {
            advanceTo(target);
            target = Math.max(target, queue.latestInput());
        }
        return reachedMu;
    }

    /**
     * {@code core.reset()} (the runtime's rtio_init): clears everything in the {@code rio} clock
     * domain at {@code nowMu} — lane FIFOs and distributor state, input FIFOs and overflow flags,
     * input events in flight, PHY state such as TTL sensitivity — and keeps PHY outputs.
     */
    public void reset(long nowMu) {
        advanceTo(nowMu);
        sed.reset();
        inputs.reset();
        queue.removeKind(TimedQueue.INPUT);
        for (Channel c : channelList) {
            c.phy().resetRio(nowMu);
        }
        underflowFlag = false;
        nextDue = queue.minTime();
    }

    // ---------------------------------------------------------------- outputs

    /**
     * A CRI write: {@code rtio_output(target, data)} with the timeline at {@code timestampMu},
     * issued by the CPU at {@code nowMu}. Returns the o_status bits: 1 wait (the current lane is
     * full; retry at {@link #waitEndsAtMu()}), 2 underflow, 4 destination unreachable.
     */
    public int output(long nowMu, int target, long timestampMu, long data) {
        return write(nowMu, target, timestampMu, data, null);
    }

    /** A wide CRI write; {@code words[0]} holds data bits 0..31 (up to 16 words, 512 bits). */
    public int outputWide(long nowMu, int target, long timestampMu, int[] words) {
        if (words.length > 16) {
            throw new RtioException("wide output to " + describe((target >> 8) & 0xffff)
                    + ": o_data holds 16 words, got " + words.length);
        }
        long low = words.length > 0 ? words[0] & 0xffff_ffffL : 0;
        long high = words.length > 1 ? (long) words[1] << 32 : 0;
        boolean wide = false;
        for (int i = 2; i < words.length; i++) {
            wide |= words[i] != 0;
        }
        return write(nowMu, target, timestampMu, low | high, wide ? words.clone() : null);
    }

    private int write(long nowMu, int target, long timestampMu, long data, int[] words) {
        if (nowMu >= nextDue) {
            run(nowMu);
        }
        if (nowMu > reachedMu) {
            reachedMu = nowMu;
        }
        if ((target >>> 24) != 0) {
            // No DRTIO: every destination but 0 routes to the "unreachable" slave (cri.py CRIDecoder).
            underflowFlag = false;
            return 4;
        }
        int ch = (target >>> 8) & 0xffff;
        int comp = 0;
        if (ch < phys.length && phys[ch] != null) {
            comp = compensation[ch];
        } else {
            coreLog.add("coredev: output to RTIO channel " + ch + ", which the gateware does not have, is ignored");
        }
        int r = sed.write(nowMu, ch, comp, timestampMu, target & 0xff, data, words);
        underflowFlag = r == Sed.UNDERFLOW;
        if (r == Sed.WRITTEN) {
            long t = (sed.timestamp[sed.lastSlot] >> fine) << fine;
            if (t < nextDue) {
                nextDue = t;
            }
        } else if (r == Sed.SEQUENCE_ERROR) {
            asyncError(AsyncError.Kind.SEQUENCE_ERROR, ch, timestampMu);
        } else if (r == Sed.LOST_LANE_FULL) {
            lostEvents++;
        }
        return (underflowFlag ? 2 : 0) | (sed.currentLaneFull() ? 1 : 0);
    }

    /** The o_status bits when re-read at {@code nowMu} (the wait bit clears when the lane drains). */
    public int outputStatus(long nowMu) {
        advanceTo(nowMu);
        return (underflowFlag ? 2 : 0) | (sed.currentLaneFull() ? 1 : 0);
    }

    /** When the o_status wait bit will clear: the time the current lane's oldest event leaves. */
    public long waitEndsAtMu() {
        return sed.currentLaneFreesAtMu();
    }

    /** Events lost because the distributor switched to a lane whose FIFO was full (the gateware drops them silently). */
    public long lostEvents() {
        return lostEvents;
    }

    // ---------------------------------------------------------------- inputs

    /**
     * A CRI read of {@code channel} (with destination bits above bit 16) with the given timeout,
     * issued at {@code nowMu}: {@code rtio_input_timestamp} / {@code rtio_input_data}. Waits in
     * simulated time until an event is in the channel's FIFO, the FIFO has overflowed, or the
     * counter reaches the timeout (unsigned compare: -1 never times out). The result says when
     * the wait ended.
     *
     * @throws RtioException if no event can arrive before the timeout and the timeout is further
     *                       away than {@code maxInputWaitMu} (a board would hang)
     */
    public InputResult input(long nowMu, int channel, long timeoutMu) {
        advanceTo(nowMu);
        if ((channel >>> 16) != 0) {
            return new InputResult(InputResult.DESTINATION_UNREACHABLE, 0, 0, nowMu);
        }
        boolean hasFifo = inputs.hasChannel(channel);
        long timeoutAt = timeoutTime(timeoutMu);
        long limit = saturatingAdd(nowMu, config.maxInputWaitMu());
        // The model cannot go back: if it already ran past nowMu (an earlier look-ahead), the
        // read happens at the time it reached.
        long t = Math.max(nowMu, reachedMu);
        while (true) {
            if (hasFifo && inputs.overflow(channel)) {
                inputs.clearOverflow(channel);
                return new InputResult(InputResult.OVERFLOW, 0, 0, t);
            }
            if (hasFifo && inputs.readable(channel)) {
                long ts = inputs.headTimestamp(channel);
                int d = inputs.headData(channel);
                inputs.pop(channel);
                return new InputResult(0, ts, d, t);
            }
            if (t >= timeoutAt) {
                return new InputResult(InputResult.WAIT_EVENT, 0, 0, t);
            }
            long next = Math.min(nextDue, timeoutAt);
            if (next > limit) {
                throw new RtioException("input read on " + describe(channel) + " at " + nowMu
                        + " mu never completes: no event arrives and the timeout "
                        + Long.toUnsignedString(timeoutMu) + " is more than " + config.maxInputWaitMu()
                        + " mu away");
            }
            t = Math.max(t, next);
            advanceTo(t);
        }
    }

    /** First time at which counter >= timeout (unsigned), or NEVER. */
    private long timeoutTime(long timeoutMu) {
        if (timeoutMu < 0 || timeoutMu > Long.MAX_VALUE - coarseMu) {
            return NEVER;
        }
        return ((timeoutMu + coarseMu - 1) >> fine) << fine;
    }

    /** Number of events waiting in a channel's input FIFO at the model's current time. */
    public int inputFifoLevel(int channel) {
        return inputs.hasChannel(channel) ? inputs.level(channel) : 0;
    }

    // ---------------------------------------------------------------- errors and logs

    /** Every asynchronous error so far, in order. */
    public List<AsyncError> asyncErrors() {
        return List.copyOf(asyncErrors);
    }

    /** The async error bits seen since the last {@link #takeAsyncErrorBits()} (1 collision, 2 busy, 4 sequence error). */
    public int asyncErrorBits() {
        return asyncErrorBits;
    }

    /** Returns and clears the async error bits, as the runtime does when it sends KernelFinished. */
    public int takeAsyncErrorBits() {
        int b = asyncErrorBits;
        asyncErrorBits = 0;
        return b;
    }

    /** Lines the board's runtime would log (at level ERROR for async errors), in order. */
    public List<String> coreLog() {
        return List.copyOf(coreLog);
    }

    // ---------------------------------------------------------------- moninj

    /**
     * Moninj (artiq/gateware/rtio/moninj.py): the value of monitor probe {@code probe} of channel
     * {@code ch} with the model at {@code nowMu}; 0 for a channel the gateware does not have.
     */
    public long probe(long nowMu, int ch, int probe) {
        advanceTo(nowMu);
        return ch >= 0 && ch < phys.length && phys[ch] != null ? phys[ch].probe(probe) : 0;
    }

    /**
     * Moninj injection: sets override {@code override} of channel {@code ch} at {@code nowMu}, out
     * of band of the SED, as the gateware's override registers act on the PHY directly. A pad
     * that changes drives its wires from {@code nowMu} on.
     */
    public void inject(long nowMu, int ch, int override, int value) {
        advanceTo(nowMu);
        if (ch < 0 || ch >= phys.length || phys[ch] == null) return;
        phys[ch].inject(nowMu, override, value);
        nextDue = Math.min(nextDue, queue.minTime());
    }

    /** Moninj: the value of override register {@code override} of channel {@code ch}. */
    public int injectionStatus(int ch, int override) {
        return ch >= 0 && ch < phys.length && phys[ch] != null ? phys[ch].injectionStatus(override) : 0;
    }

    /** One 32-bit word the kernel wrote to the RTIO log channel, at the timeline cursor. */
    public record LogWord(long timestampMu, int word) {}

    /**
     * {@code rtio_log}: the text goes to the gateware's log channel (ksupport/rtio.rs {@code log}),
     * four bytes a word, the first byte in the most significant position; a last partial word
     * holds its bytes in the low end and is written only if it is not zero. The analyzer records
     * these words; no PHY sees them.
     */
    public void log(long timestampMu, byte[] text) {
        int word = 0;
        for (int i = 0; i < text.length; i++) {
            word = word << 8 | (text[i] & 0xff);
            if (i % 4 == 3) {
                logWords.add(new LogWord(timestampMu, word));
                word = 0;
            }
        }
        if (word != 0) logWords.add(new LogWord(timestampMu, word));
    }

    /** Every word written to the log channel, in order. */
    public List<LogWord> logWords() {
        return java.util.Collections.unmodifiableList(logWords);
    }

    /** Every output event delivered and input event collected. */
    public EventLog eventLog() {
        return eventLog;
    }

    /** Pin-level signal changes, or null unless {@link RtioConfig#traceSignals()}. */
    public SignalTrace signalTrace() {
        return signalTrace;
    }

    /** The exception message ksupport raises for RTIOUnderflow, after the host fills in the channel. */
    public String underflowMessage(int channel, long timestampMu, long counterMu) {
        return "RTIO underflow at %s, %d mu, slack %d mu".formatted(describe(channel), timestampMu,
                timestampMu - counterMu);
    }

    /** The exception message ksupport raises for RTIOOverflow, after the host fills in the channel. */
    public String overflowMessage(int channel) {
        return "RTIO input overflow on " + describe(channel);
    }

    private void asyncError(AsyncError.Kind kind, int channel, long timestampMu) {
        AsyncError e = new AsyncError(kind, channel, channelName(channel), timestampMu);
        asyncErrors.add(e);
        asyncErrorBits |= kind.bit();
        coreLog.add(e.logLine());
    }

    // ---------------------------------------------------------------- the event loop

    private void run(long until) {
        while (true) {
            long coarse = sed.nextCoarse();
            long groupTime = coarse == Long.MAX_VALUE ? NEVER : coarse << fine;
            long queued = queue.minTime();
            // At equal times, output events go first: a gate opened at t sees an edge at t.
            if (groupTime <= queued) {
                if (groupTime > until) {
                    nextDue = groupTime;
                    return;
                }
                outputCycle(coarse);
            } else {
                if (queued > until) {
                    nextDue = queued;
                    return;
                }
                queue.pop();
                dispatchQueued();
            }
        }
    }

    private void dispatchQueued() {
        int ch = queue.poppedChannel;
        long t = queue.poppedTime;
        switch (queue.poppedKind) {
            case TimedQueue.EDGE -> phys[ch].externalEdge(t, queue.poppedA != 0);
            case TimedQueue.INPUT -> {
                if (inputs.hasChannel(ch) && inputs.push(ch, queue.poppedA, (int) queue.poppedB) && logEvents) {
                    eventLog.addInput(ch, queue.poppedA, (int) queue.poppedB);
                }
            }
            default -> phys[ch].wake(t, queue.poppedA);
        }
    }

    /**
     * One coarse cycle of the gates and the output driver (sed/gates.py, sed/output_driver.py):
     * the lane heads due in this cycle leave their FIFOs together; events of one channel in the
     * same cycle replace each other (the latest written wins) if the channel allows it and only
     * their data differ, else they collide and none is output.
     */
    private void outputCycle(long coarse) {
        int n = 0;
        for (int lane = 0; lane < sed.lanes; lane++) {
            if (sed.head[lane] != sed.tail[lane]) {
                int slot = sed.slot(lane, sed.head[lane]);
                if (sed.timestamp[slot] >> fine == coarse) {
                    groupSlot[n++] = slot;
                    sed.head[lane]++;
                }
            }
        }
        if (n == 1) {
            deliver(groupSlot[0]);
            return;
        }
        sortGroup(n);
        for (int i = 0; i < n; i++) {
            groupDone[i] = false;
        }
        for (int i = 0; i < n; i++) {
            if (groupDone[i]) {
                continue;
            }
            int si = groupSlot[i];
            int ch = sed.channel[si];
            int winner = si;
            boolean collision = false;
            boolean merged = false;
            for (int j = i + 1; j < n; j++) {
                int sj = groupSlot[j];
                if (groupDone[j] || sed.channel[sj] != ch) {
                    continue;
                }
                groupDone[j] = true;
                merged = true;
                // output_network.py: a replacement that changes more than the data is a collision.
                if (!replaceAllowed(ch) || sed.timestamp[sj] != sed.timestamp[si] || sed.address[sj] != sed.address[si]) {
                    collision = true;
                }
                if (sed.seqn[sj] > sed.seqn[winner]) {
                    winner = sj;
                }
            }
            if (!merged) {
                deliver(si);
            } else if (collision) {
                asyncError(AsyncError.Kind.COLLISION, ch, sed.timestamp[si] - ((long) compensationOf(ch) << fine));
                sed.wide[si] = null;
            } else {
                deliver(winner);
            }
        }
    }

    private boolean replaceAllowed(int ch) {
        return ch < replace.length && replace[ch];
    }

    private int compensationOf(int ch) {
        return ch < compensation.length ? compensation[ch] : 0;
    }

    /** Orders a cycle's events by timestamp, then by write order. */
    private void sortGroup(int n) {
        for (int i = 1; i < n; i++) {
            int s = groupSlot[i];
            int j = i - 1;
            while (j >= 0 && (sed.timestamp[groupSlot[j]] > sed.timestamp[s]
                    || (sed.timestamp[groupSlot[j]] == sed.timestamp[s] && sed.seqn[groupSlot[j]] > sed.seqn[s]))) {
                groupSlot[j + 1] = groupSlot[j];
                j--;
            }
            groupSlot[j + 1] = s;
        }
    }

    private void deliver(int slot) {
        int ch = sed.channel[slot];
        if (ch >= phys.length || phys[ch] == null) {
            return;
        }
        Phy phy = phys[ch];
        long ts = sed.timestamp[slot];
        long original = ts - ((long) compensation[ch] << fine);
        long time = fineTs[ch] ? ts : (ts >> fine) << fine;
        int[] words = sed.wide[slot];
        if (phy.isBusy(time)) {
            // The PHY ignores a strobe while busy; the output driver reports it (output_driver.py).
            asyncError(AsyncError.Kind.BUSY, ch, original);
            sed.wide[slot] = null;
            return;
        }
        int addr = sed.address[slot];
        if (words == null) {
            phy.output(time, addr, sed.data[slot]);
            if (logEvents) {
                eventLog.addOutput(ch, original, addr, sed.data[slot]);
            }
        } else {
            sed.wide[slot] = null;
            phy.outputWide(time, addr, words);
            if (logEvents) {
                eventLog.addWideOutput(ch, original, addr, words);
            }
        }
    }

    private void schedule(long timeMu, int kind, int channel, long a, long b) {
        queue.push(timeMu, kind, channel, a, b);
        if (timeMu < nextDue) {
            nextDue = timeMu;
        }
    }

    private static long saturatingAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    /** What a PHY sees of the core. */
    private final class Port implements PhyPort {
        private final int ch;

        Port(int ch) {
            this.ch = ch;
        }

        @Override
        public int channel() {
            return ch;
        }

        @Override
        public String name() {
            return names[ch];
        }

        @Override
        public int coarseMu() {
            return coarseMu;
        }

        @Override
        public int inputLatencyMu() {
            return config.inputLatencyMu();
        }

        @Override
        public boolean pinHasListeners() {
            return wireTargets[ch] != null;
        }

        @Override
        public void pinChanged(long timeMu, boolean level) {
            int[] targets = wireTargets[ch];
            if (targets == null) {
                return;
            }
            long[] delays = wireDelays[ch];
            for (int i = 0; i < targets.length; i++) {
                schedule(timeMu + delays[i], TimedQueue.EDGE, targets[i], level ? 1 : 0, 0);
            }
        }

        @Override
        public void pushInput(long arrivalMu, long timestampMu, int data) {
            schedule(arrivalMu, TimedQueue.INPUT, ch, timestampMu, data);
        }

        @Override
        public void wakeAt(long timeMu, long token) {
            schedule(timeMu, TimedQueue.WAKE, ch, token, 0);
        }

        @Override
        public boolean tracing() {
            return signalTrace != null;
        }

        @Override
        public int declareSignal(String suffix, int width) {
            return signalTrace == null ? -1 : signalTrace.declare(names[ch] + suffix, width);
        }

        @Override
        public int declareRealSignal(String suffix) {
            return signalTrace == null ? -1 : signalTrace.declareReal(names[ch] + suffix);
        }

        @Override
        public void trace(int signal, long timeMu, long value) {
            if (signalTrace != null && signal >= 0) {
                signalTrace.record(signal, timeMu, value);
            }
        }

        @Override
        public void traceReal(int signal, long timeMu, double value) {
            if (signalTrace != null && signal >= 0) {
                signalTrace.recordReal(signal, timeMu, value);
            }
        }
    }
}
