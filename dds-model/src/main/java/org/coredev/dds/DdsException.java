package org.coredev.dds;

/**
 * Misuse of the DDS model's API: a device database entry that cannot be modelled (missing or
 * ill-typed argument, unknown device, an RTIO channel of the wrong kind), an argument out of range.
 * The message names the device, argument or channel. What the board itself would show (a DDS used
 * before init, an IO_UPDATE with nothing to latch) is not an exception but a {@link DdsIssue}.
 */
public final class DdsException extends RuntimeException {
    /** An exception with the given message. */
    public DdsException(String message) {
        super(message);
    }
}
