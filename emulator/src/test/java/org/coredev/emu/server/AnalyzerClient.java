package org.coredev.emu.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** artiq/coredevice/comm_analyzer.py: get_analyzer_dump (read to EOF) and decode_dump. */
final class AnalyzerClient {
    sealed interface Message {}
    record Output(int channel, long timestamp, long rtioCounter, int address, long data) implements Message {}
    record Input(int channel, long timestamp, long rtioCounter, long data) implements Message {}
    record Exception(int channel, long rtioCounter, int exceptionType) implements Message {}
    record Stopped(long rtioCounter) implements Message {}
    record Dump(int sentBytes, long totalByteCount, boolean errorOccurred, int logChannel, boolean ddsOnehotSel, List<Message> messages) {}

    private AnalyzerClient() {}

    static byte[] getDump(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            s.setSoTimeout(30_000);
            InputStream in = s.getInputStream();
            return in.readAllBytes();
        }
    }

    static Dump decode(byte[] data) {
        ByteOrder endian = switch (data[0]) {
            case 'E' -> ByteOrder.BIG_ENDIAN;
            case 'e' -> ByteOrder.LITTLE_ENDIAN;
            default -> throw new IllegalArgumentException("bad endian byte " + data[0]);
        };
        ByteBuffer h = ByteBuffer.wrap(data, 1, 15).order(endian);
        int sent = h.getInt();
        long total = h.getLong();
        boolean error = h.get() != 0;
        int logChannel = h.get();
        boolean dds = h.get() != 0;
        if (sent + 15 != data.length - 1)
            throw new IllegalArgumentException("analyzer dump has incorrect length (got %d, expected %d)".formatted(data.length - 1, sent + 15));
        List<Message> messages = new ArrayList<>();
        for (int k = 0; k < sent / 32; k++) {
            ByteBuffer m = ByteBuffer.wrap(data, 16 + 32 * k, 32).slice().order(ByteOrder.BIG_ENDIAN);
            int typeChannel = m.getInt(28);
            int type = typeChannel & 3, channel = typeChannel >>> 2;
            messages.add(switch (type) {
                case 0 -> new Output(channel, m.getLong(20), m.getLong(12), m.getInt(8), m.getLong(0));
                case 1 -> new Input(channel, m.getLong(20), m.getLong(12), m.getLong(0));
                case 2 -> new Exception(channel, m.getLong(12), m.get(11) & 0xff);
                default -> new Stopped(m.getLong(12));
            });
        }
        return new Dump(sent, total, error, logChannel, dds, messages);
    }
}
