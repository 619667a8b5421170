package org.coredev.emu.server;

import java.nio.ByteBuffer;
import java.util.List;
import org.coredev.rtio.trace.RtioEvent;

/**
 * The RTIO analyzer's dump as the board sends it on port 1382 (runtime/analyzer.rs,
 * libproto_artiq/analyzer_proto.rs; read by artiq/coredevice/comm_analyzer.py
 * {@code decode_dump}): the endianness byte "e", a little-endian header (u32 sent bytes, u64 total
 * byte count, u8 overflow, u8 log channel, u8 dds_onehot_sel), then the 32-byte messages of the
 * analyzer's ring buffer, oldest first, in the gateware's big-endian layout
 * (artiq/gateware/rtio/analyzer.py).
 *
 * <p>Message layout (bytes): output and input: 0-7 data, 8-11 address, 12-19 RTIO counter, 20-27
 * timestamp, 28-31 channel &lt;&lt; 2 | type; exception: 11 exception type, 12-19 RTIO counter, 28-31
 * channel &lt;&lt; 2 | 2; stopped: 12-19 RTIO counter, 28-31 type 3.
 */
final class AnalyzerDump {
    static final int MESSAGE_BYTES = 32;
    /** analyzer.rs BUFFER_SIZE: 512 KiB, 16384 messages. */
    static final int BUFFER_BYTES = 512 * 1024;
    static final int OUTPUT = 0, INPUT = 1, EXCEPTION = 2, STOPPED = 3;

    private AnalyzerDump() {}

    /**
     * The dump of {@code events} (everything since the analyzer was last armed, but for the
     * {@code overwritten} oldest, which the ring no longer holds) followed by the stopped message
     * the encoder writes when the runtime disarms it at {@code counterMu}. The model keeps no
     * submission time per event, so each message's RTIO counter field holds its timestamp.
     */
    static byte[] encode(List<RtioEvent> events, int overwritten, long counterMu, int logChannel) {
        long total = ((long) overwritten + events.size() + 1) * MESSAGE_BYTES;
        int keep = Math.min(events.size() + 1, BUFFER_BYTES / MESSAGE_BYTES);   // the ring keeps the newest messages
        int firstEvent = events.size() + 1 - keep;
        ByteBuffer b = ByteBuffer.allocate(1 + 15 + keep * MESSAGE_BYTES);
        b.put((byte) 'e');
        b.order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(keep * MESSAGE_BYTES).putLong(total).put((byte) 0).put((byte) logChannel).put((byte) 1);
        b.order(java.nio.ByteOrder.BIG_ENDIAN);
        for (int k = firstEvent; k < events.size(); k++) {
            RtioEvent e = events.get(k);
            boolean output = e.kind() == RtioEvent.Kind.OUTPUT;
            b.putLong(e.data()).putInt(output ? e.address() : 0).putLong(e.timestampMu()).putLong(e.timestampMu())
                    .putInt(e.channel() << 2 | (output ? OUTPUT : INPUT));
        }
        b.put(new byte[12]).putLong(counterMu).put(new byte[8]).putInt(STOPPED);
        return b.array();
    }
}
