package org.coredev.emu.server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.coredev.emu.EmulatorException;
import org.coredev.emu.device.CoreDevice;
import org.coredev.emu.device.DeviceConfig;
import org.coredev.emu.device.KernelRun;
import org.coredev.emu.device.LogLine;
import org.coredev.rtio.AsyncError;

/**
 * What the three protocol servers share: the one emulated core device (replaced by a fresh one
 * on reboot), the lock that serializes access to it, the core log, the config store, the
 * session's "finished cleanly" flag and the analyzer's arm point.
 */
final class EmulatedBoard {
    private final DeviceConfig config;
    final ConfigStore configStore;
    final CoreLog log = new CoreLog();
    /** Held while a kernel runs (including its RPC waits) and while anything reads the device. */
    final ReentrantLock lock = new ReentrantLock();
    private CoreDevice device;
    private int asyncErrorsSeen;
    /** Index in the RTIO event log where the analyzer was last re-armed. */
    int analyzerArmedAt;
    /** Index in the RTIO log channel's words where the analyzer was last re-armed. */
    int analyzerLogArmedAt;
    /** session.rs Congress.finished_cleanly: false after a session aborted. */
    volatile boolean finishedCleanly = true;
    /** Simulated time at the end of the last kernel run: the time stamp of lines logged between kernels. */
    private volatile long lastMu;

    private final long maxCycles;
    private final double maxWallSeconds;
    private final CoreDeviceServer.RunListener runListener;
    private final boolean keepWaveforms;

    EmulatedBoard(DeviceConfig config, ConfigStore configStore, long maxCycles, double maxWallSeconds,
                  CoreDeviceServer.RunListener runListener, boolean keepWaveforms) throws EmulatorException {
        this.config = config;
        this.configStore = configStore;
        this.maxCycles = maxCycles;
        this.maxWallSeconds = maxWallSeconds;
        this.runListener = runListener;
        this.keepWaveforms = keepWaveforms;
        boot();
    }

    /** Power-on: a fresh device at time zero, the log level from the config store (runtime/main.rs). */
    private void boot() throws EmulatorException {
        device = new CoreDevice(config).withMaxCycles(maxCycles).withMaxWallSeconds(maxWallSeconds);
        device.setHistory(CoreDevice.History.ALL);   // the analyzer dumps events across kernels; see keepBounded
        asyncErrorsSeen = 0;
        lastMu = 0;
        analyzerArmedAt = 0;
        analyzerLogArmedAt = 0;
        log.clear();
        log.setFilter(CoreLog.Level.INFO);
        configStore.read("log_level").ifPresent(v -> {
            CoreLog.Level level = CoreLog.parseLevel(new String(v, StandardCharsets.UTF_8));
            if (level != null) {
                log.setFilter(level);
                log.add(0, CoreLog.Level.INFO, "runtime", "log level set to " + level + " by `log_level` config key");
            }
        });
        log.add(0, CoreLog.Level.INFO, "runtime", "coredev: emulated core device (" + config.source() + ")");
    }

    /** The device; call with {@link #lock} held. */
    CoreDevice device() { return device; }

    /** Adds a line stamped with the simulated time of the last kernel's end (never waits for a running kernel). */
    void logNow(CoreLog.Level level, String target, String message) {
        log.add(lastMu, level, target, message);
    }

    /** Reboot (mgmt Reboot): a fresh device; the config store survives, as the flash does. */
    void reboot() throws EmulatorException {
        lock.lock();
        try {
            boot();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Copies a finished run's log into the core log: its lines at INFO as the kernel's, the
     * asynchronous RTIO errors at ERROR as runtime/rtio_mgt.rs logs them, with the timestamp of
     * the event that caused each. Call with {@link #lock} held.
     */
    void logRun(KernelRun run) {
        record Entry(long timeMu, CoreLog.Level level, String target, String text) {}
        List<Entry> entries = new ArrayList<>();
        List<AsyncError> errors = device.rtio().asyncErrors();
        Set<String> errorLines = new HashSet<>();
        for (AsyncError e : errors.subList(asyncErrorsSeen, errors.size())) {
            errorLines.add(e.logLine());
            entries.add(new Entry(e.timestampMu(), CoreLog.Level.ERROR, "runtime::rtio_mgt",
                    "%s, at timestamp %d mu".formatted(e.logLine(), e.timestampMu())));
        }
        asyncErrorsSeen = errors.size();
        for (LogLine line : run.log()) {
            if (!errorLines.contains(line.text())) entries.add(new Entry(line.timeMu(), CoreLog.Level.INFO, "kernel", line.text()));
        }
        lastMu = device.nowMu();
        entries.sort(Comparator.comparingLong(Entry::timeMu));   // stable: equal times keep their order
        for (Entry e : entries) log.add(e.timeMu(), e.level(), e.target(), e.text());
        if (runListener != null) runListener.kernelRan(device, run);
        keepBounded();
    }

    /**
     * What a long-running server keeps after a kernel: the events the analyzer could still dump
     * (its ring holds the newest {@link AnalyzerDump#BUFFER_BYTES} of messages since it was armed)
     * and, unless asked to keep waveforms, no pin-level signal changes.
     */
    private void keepBounded() {
        var events = device.rtio().eventLog();
        int ringMessages = AnalyzerDump.BUFFER_BYTES / AnalyzerDump.MESSAGE_BYTES;
        int firstKept = Math.max(analyzerArmedAt, events.size() - ringMessages);
        if (keepWaveforms) events.discardBefore(firstKept);
        else device.discardHistory(firstKept);
    }
}
