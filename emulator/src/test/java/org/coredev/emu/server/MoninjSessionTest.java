package org.coredev.emu.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.coredev.emu.EmulatorException;
import org.coredev.emu.device.DeviceDbFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The moninj port driven as comm_moninj.py drives it, in the sequence of ARTIQ's test_moninj.py:
 * watch the level of ttl_in (channel 6), watch and inject the overrides of ttl_out (channel 5),
 * which the built-in device database wires to ttl_in.
 */
class MoninjSessionTest {
    private static final int LOOP_OUT = 5, LOOP_IN = 6;
    private static final int EN = 0, LEVEL = 1, OE = 2, PROBE_LEVEL = 0;

    private CoreDeviceServer server;

    /** A device message as comm_moninj.py's _receive_cr decodes it. */
    record Message(int type, int channel, int selector, long value) {}

    @BeforeEach
    void start() throws EmulatorException {
        server = CoreDeviceServer.start(DeviceDbFile.builtIn(), CoreDeviceServer.Options.defaults().withPortBase(0));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anInjectedLevelOnTheLoopbackOutputIsSeenByTheInputsProbe() throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.moninjPort())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            DataInputStream in = new DataInputStream(s.getInputStream());
            out.write("ARTIQ moninj\n".getBytes(StandardCharsets.US_ASCII));
            // test_moninj.py's sequence; where it sleeps, this reads what the 200 ms check sends.
            send(out, getInjectionStatus(LOOP_OUT, EN));
            assertEquals(new Message(1, LOOP_OUT, EN, 0), read(in), "the reply");
            send(out, monitor(0, true, LOOP_IN, PROBE_LEVEL));
            assertEquals(new Message(0, LOOP_IN, PROBE_LEVEL, 0), read(in), "probes: read after each message too");
            send(out, monitor(3, true, LOOP_OUT, EN));
            assertEquals(new Message(1, LOOP_OUT, EN, 0), read(in), "a watched override: at the next check");
            send(out, inject(LOOP_OUT, LEVEL, 0));
            send(out, inject(LOOP_OUT, OE, 1));
            send(out, inject(LOOP_OUT, EN, 1));
            assertEquals(new Message(1, LOOP_OUT, EN, 1), read(in), "its change: at the next check");
            send(out, getInjectionStatus(LOOP_OUT, EN));
            assertEquals(new Message(1, LOOP_OUT, EN, 1), read(in), "the reply");
            send(out, inject(LOOP_OUT, LEVEL, 1));
            assertEquals(new Message(0, LOOP_IN, PROBE_LEVEL, 1), read(in), "the level crossed the loopback wire");
            send(out, inject(LOOP_OUT, LEVEL, 0));
            assertEquals(new Message(0, LOOP_IN, PROBE_LEVEL, 0), read(in));
            send(out, inject(LOOP_OUT, EN, 0));
            assertEquals(new Message(1, LOOP_OUT, EN, 0), read(in), "the release: at the next check");
        }
    }

    @Test
    void theOverrideWinsOverTheKernelsOutputUntilItIsReleased() throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.moninjPort())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            DataInputStream in = new DataInputStream(s.getInputStream());
            out.write("ARTIQ moninj\n".getBytes(StandardCharsets.US_ASCII));
            send(out, monitor(0, true, LOOP_OUT, PROBE_LEVEL));
            assertEquals(new Message(0, LOOP_OUT, PROBE_LEVEL, 0), read(in));
            send(out, inject(LOOP_OUT, LEVEL, 1));   // the override's level alone changes nothing
            send(out, inject(LOOP_OUT, EN, 1));
            assertEquals(new Message(0, LOOP_OUT, PROBE_LEVEL, 1), read(in));
            send(out, inject(LOOP_OUT, EN, 0));
            assertEquals(new Message(0, LOOP_OUT, PROBE_LEVEL, 0), read(in), "released: the RTIO output's level again");
        }
    }

    private static byte[] monitor(int type, boolean enable, int channel, int selector) {
        return ByteBuffer.allocate(7).order(ByteOrder.LITTLE_ENDIAN).put((byte) type).put((byte) (enable ? 1 : 0))
                .putInt(channel).put((byte) selector).array();
    }

    private static byte[] inject(int channel, int override, int value) {
        return ByteBuffer.allocate(7).order(ByteOrder.LITTLE_ENDIAN).put((byte) 1).putInt(channel).put((byte) override)
                .put((byte) value).array();
    }

    private static byte[] getInjectionStatus(int channel, int override) {
        return ByteBuffer.allocate(6).order(ByteOrder.LITTLE_ENDIAN).put((byte) 2).putInt(channel).put((byte) override).array();
    }

    private static void send(OutputStream out, byte[] message) throws IOException {
        out.write(message);
        out.flush();
    }

    private static Message read(DataInputStream in) throws IOException {
        int type = in.readUnsignedByte();
        byte[] body = new byte[type == 0 ? 13 : 6];
        in.readFully(body);
        ByteBuffer b = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
        int channel = b.getInt(), selector = b.get() & 0xff;
        long value = type == 0 ? b.getLong() : b.get() & 0xff;
        return new Message(type, channel, selector, value);
    }
}
