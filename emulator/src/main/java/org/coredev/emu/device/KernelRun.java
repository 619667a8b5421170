package org.coredev.emu.device;

import java.util.ArrayList;
import java.util.List;
import org.coredev.rtio.trace.RtioEvent;

/**
 * What one kernel run did: its outcome, the RTIO events it caused, the log lines it wrote and
 * the asynchronous RTIO error bits the board would report in KernelFinished.
 */
public record KernelRun(CoreDevice device, KernelOutcome outcome, long startMu, long endMu, int firstEvent, int endEvent,
                        List<LogLine> log, int asyncErrorBits, Object value, String residentBundle) {

    /**
     * What the kernel returned, for calls into a bundle's entry point: Integer (int32), Long
     * (int64), Double, Boolean, String, or null (None, or a kernel that did not finish).
     */
    public Object value() { return value; }

    /** The resident bundle this run called into without any upload, or null for an uploaded kernel. */
    public String residentBundle() { return residentBundle; }

    /**
     * The RTIO events of this run, in the order the model saw them. A device keeps the last run's
     * events only, unless told to keep them all ({@link CoreDevice#setHistory}): asking an earlier
     * run for its events after another kernel ran is an error.
     */
    public List<RtioEvent> events() {
        List<RtioEvent> out = new ArrayList<>();
        var eventLog = device.rtio().eventLog();
        if (firstEvent < eventLog.first() && firstEvent < endEvent)
            throw new IllegalStateException("the RTIO events of this run (" + describe() + ") were discarded when a later kernel ran"
                    + " on the device; read them before the next run, or keep them with CoreDevice.setHistory(History.ALL)");
        for (int i = firstEvent; i < endEvent; i++) out.add(eventLog.get(i));
        return out;
    }

    /** The events on one device (name or alias). */
    public List<RtioEvent> events(String device) throws org.coredev.emu.EmulatorException {
        int channel = this.device.config().channel(device).channel();
        return events().stream().filter(e -> e.channel() == channel).toList();
    }

    private String describe() {
        return residentBundle != null ? "a call into bundle " + residentBundle : "the kernel started at " + startMu + " mu";
    }

    /** The trace as `coredev run` prints it. */
    public String format() { return TraceFormat.format(this); }
}
