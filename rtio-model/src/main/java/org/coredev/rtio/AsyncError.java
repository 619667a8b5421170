package org.coredev.rtio;

/**
 * An error the gateware reports asynchronously, i.e. not to the kernel: the runtime logs it
 * (artiq/firmware/runtime/rtio_mgt.rs, {@code async_error_thread}) and sends its bit to the host
 * in KernelFinished.
 *
 * @param kind        collision, busy or sequence error
 * @param channel     channel number
 * @param channelName the channel's device name ({@code "unknown"} if none)
 * @param timestampMu timestamp of the event that caused the error
 */
public record AsyncError(Kind kind, int channel, String channelName, long timestampMu) {

    /** The three asynchronous error kinds with the bit the runtime reports (rtio_mgt.rs). */
    public enum Kind {
        COLLISION(1, "RTIO collision"),
        BUSY(2, "RTIO busy error"),
        SEQUENCE_ERROR(4, "RTIO sequence error");

        private final int bit;
        private final String text;

        Kind(int bit, String text) {
            this.bit = bit;
            this.text = text;
        }

        /** The bit in {@code SEEN_ASYNC_ERRORS} / KernelFinished. */
        public int bit() {
            return bit;
        }

        /** The start of the runtime's log message. */
        public String text() {
            return text;
        }
    }

    /** The message exactly as the board's runtime logs it at level ERROR. */
    public String logLine() {
        return "%s involving channel 0x%04x:%s".formatted(kind.text(), channel, channelName);
    }
}
