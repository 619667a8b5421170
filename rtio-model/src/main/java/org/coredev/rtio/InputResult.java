package org.coredev.rtio;

/**
 * Outcome of an input read (CRI read command), with the simulated time the read completed so
 * the CPU can jump to it.
 *
 * @param status      i_status bits: 0 event, 1 no event before timeout, 2 overflow,
 *                    8 destination unreachable
 * @param timestampMu i_timestamp (0 for channels without timestamps or when no event)
 * @param data        i_data
 * @param atMu        simulated time at which i_status stopped reporting "wait for status"
 */
public record InputResult(int status, long timestampMu, int data, long atMu) {

    /** i_status bit 0: no event before the timeout. */
    public static final int WAIT_EVENT = 1;
    /** i_status bit 1: the input FIFO overflowed. */
    public static final int OVERFLOW = 2;
    /** i_status bit 2: the read is still in progress. */
    public static final int WAIT_STATUS = 4;
    /** i_status bit 3: no such destination (DRTIO). */
    public static final int DESTINATION_UNREACHABLE = 8;

    /** Whether an event was read. */
    public boolean hasEvent() {
        return status == 0;
    }

    /** The value {@code rtio_input_timestamp} returns: the timestamp, or -1 on timeout. */
    public long timestampOrMinusOne() {
        return status == 0 ? timestampMu : -1;
    }
}
