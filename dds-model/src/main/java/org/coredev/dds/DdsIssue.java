package org.coredev.dds;

import java.util.Locale;

/**
 * Something the board would show as wrong during a run: a DDS register write still being shifted in
 * when IO_UPDATE rises, an IO_UPDATE with nothing to latch, a DDS used before its init sequence, a
 * malformed SPI transaction. The model records these instead of throwing, as the board keeps running.
 *
 * @param severity    warning (probably harmless, e.g. an IO_UPDATE that latched nothing) or error
 * @param channel     the device name (DDS channel or CPLD), as in the device database
 * @param timestampMu when it happened, in machine units
 * @param message     what happened
 */
public record DdsIssue(Severity severity, String channel, long timestampMu, String message) {

    /** How bad an issue is. */
    public enum Severity { WARNING, ERROR }

    /** One line: {@code ERROR urukul0_ch0 @ 1234 mu: message}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s %s @ %d mu: %s", severity, channel, timestampMu, message);
    }
}
