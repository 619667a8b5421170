package org.coredev.rtio.trace;

/**
 * One RTIO event as the model saw it, like a line of ARTIQ's RTIO analyzer dump.
 *
 * @param kind        output (reached its PHY) or input (entered the input FIFO)
 * @param channel     channel number
 * @param timestampMu the event's timestamp: for outputs the one the kernel wrote (before latency
 *                    compensation), for inputs the one the input collector gave it
 * @param address     output address (0 for inputs)
 * @param data        data (low 64 bits for wide outputs; see {@link EventLog#wideData})
 */
public record RtioEvent(Kind kind, int channel, long timestampMu, int address, long data) {

    /** Direction of an event. */
    public enum Kind { OUTPUT, INPUT }
}
