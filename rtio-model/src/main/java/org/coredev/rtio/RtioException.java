package org.coredev.rtio;

/**
 * The one exception type of the RTIO model: bad configuration, bad stimulus files and waits that
 * can never end. Messages name the channel (number and name) and the time in machine units.
 * Errors the board itself reports (underflow, overflow, collision, busy, sequence error) are not
 * thrown: they come back as status bits and {@link AsyncError} records, as on the board.
 */
public final class RtioException extends RuntimeException {
    /** Creates an exception with a message naming the place of the problem. */
    public RtioException(String message) {
        super(message);
    }

    /** Creates an exception with a message and the exception that caused it. */
    public RtioException(String message, Throwable cause) {
        super(message, cause);
    }
}
