package org.coredev.emu.server;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.coredev.emu.device.CoreDevice;

/**
 * One connection on the moninj port (runtime/moninj.rs, libproto_artiq/moninj_proto.rs; the host
 * side is artiq/coredevice/comm_moninj.py): monitoring of TTL probes and injection of TTL
 * overrides. The host greets with "ARTIQ moninj\n" and gets no answer; then it sends
 * little-endian messages (0 MonitorProbe, 1 Inject, 2 GetInjectionStatus, 3 MonitorInjection) and
 * the device sends MonitorStatus (0) and InjectionStatus (1).
 *
 * <p>As moninj.rs does, the watched probes and overrides are read every 200 ms and a change (or
 * the first reading) is sent; the probes are also read right after each host message. Reading
 * never moves the device; each host message costs {@link #MESSAGE_MU} of simulated time, so that
 * an injected level crosses a loopback wire before the next reading, deterministically in the
 * messages. A watched override is reported at the 200 ms check only, as on the board: a client
 * that changes one and closes at once (ARTIQ's test_moninj.py) never hears of that last change.
 * While a kernel runs, the 200 ms readings wait for it to end.
 */
final class MoninjSession implements Runnable {
    static final byte[] MAGIC = "ARTIQ moninj\n".getBytes(StandardCharsets.US_ASCII);
    static final int MONITOR_PROBE = 0, INJECT = 1, GET_INJECTION_STATUS = 2, MONITOR_INJECTION = 3;
    static final int R_MONITOR_STATUS = 0, R_INJECTION_STATUS = 1;
    /** Simulated time one host message takes on the comms CPU (an estimate, like {@link SessionTiming}). */
    static final long MESSAGE_MU = 10_000;
    /** moninj.rs checks its watch lists every 200 ms. */
    static final int POLL_MS = 200;

    private static final System.Logger LOG = System.getLogger(MoninjSession.class.getName());

    private final Socket socket;
    private final EmulatedBoard board;
    /** (channel, probe or override) -> last value sent, null before the first; sorted as moninj.rs's BTreeMaps. */
    private final Map<Long, Long> probes = new TreeMap<>(), injections = new TreeMap<>();
    private WireIn in;
    private OutputStream out;

    MoninjSession(Socket socket, EmulatedBoard board) {
        this.socket = socket;
        this.board = board;
    }

    @Override
    public void run() {
        try {
            in = new WireIn(new BufferedInputStream(socket.getInputStream()));
            out = socket.getOutputStream();
            if (!Arrays.equals(in.exact(MAGIC.length, "greeting"), MAGIC)) {
                LOG.log(System.Logger.Level.WARNING, "moninj: wrong magic from " + socket.getRemoteSocketAddress());
                return;
            }
            while (true) {
                socket.setSoTimeout(POLL_MS);
                int type;
                try {
                    type = in.u8OrEnd();
                } catch (SocketTimeoutException e) {
                    if (board.lock.tryLock()) {
                        try {
                            report();
                        } finally {
                            board.lock.unlock();
                        }
                    }
                    continue;
                }
                if (type < 0) return;
                socket.setSoTimeout(0);
                handle(type);
            }
        } catch (IOException | RuntimeException e) {
            if (socket.isClosed()) return;
            LOG.log(System.Logger.Level.ERROR, "moninj connection from " + socket.getRemoteSocketAddress() + " aborted: " + e.getMessage());
            board.logNow(CoreLog.Level.ERROR, "runtime::moninj", "moninj connection aborted: " + e.getMessage());
        }
        // The server's connection thread closes the socket once this returns.
    }

    private void handle(int type) throws IOException {
        switch (type) {
            case MONITOR_PROBE -> {
                boolean enable = in.u8("enable") != 0;
                long key = key(in.i32("channel"), in.u8("probe"));
                if (enable) probes.putIfAbsent(key, null);
                else probes.remove(key);
            }
            case MONITOR_INJECTION -> {
                boolean enable = in.u8("enable") != 0;
                long key = key(in.i32("channel"), in.u8("override"));
                if (enable) injections.putIfAbsent(key, null);
                else injections.remove(key);
            }
            case INJECT, GET_INJECTION_STATUS -> { }
            default -> throw new IOException("unknown packet 0x%02x".formatted(type));
        }
        int channel = 0, override = 0, value = 0;
        if (type == INJECT || type == GET_INJECTION_STATUS) {
            channel = in.i32("channel");
            override = in.u8("override");
            if (type == INJECT) value = in.u8("value");
        }
        board.lock.lock();
        try {
            CoreDevice device = board.device();
            device.idle(0);   // the counter is where the model is
            if (type == INJECT) device.rtio().inject(device.nowMu(), channel & 0xffff, override, value);
            if (type == GET_INJECTION_STATUS)
                send(new WireOut().u8(R_INJECTION_STATUS).i32(channel).u8(override).u8(device.rtio().injectionStatus(channel & 0xffff, override)));
            device.idle(MESSAGE_MU);
            reportProbes();
        } finally {
            board.lock.unlock();
        }
    }

    /** Sends what changed in the watch lists since the last report (moninj.rs connection_worker); call with the lock held. */
    private void report() throws IOException {
        send(changes(true));
    }

    /** Sends what changed of the watched probes alone. */
    private void reportProbes() throws IOException {
        send(changes(false));
    }

    private WireOut changes(boolean injectionsToo) {
        CoreDevice device = board.device();
        WireOut batch = new WireOut();
        for (Map.Entry<Long, Long> e : probes.entrySet()) {
            int channel = (int) (e.getKey() >>> 8), probe = (int) (e.getKey() & 0xff);
            long current = device.rtio().probe(device.nowMu(), channel & 0xffff, probe);
            if (e.getValue() == null || e.getValue() != current) {
                batch.u8(R_MONITOR_STATUS).i32(channel).u8(probe).i64(current);
                e.setValue(current);
            }
        }
        if (injectionsToo) {
            for (Map.Entry<Long, Long> e : injections.entrySet()) {
                int channel = (int) (e.getKey() >>> 8), override = (int) (e.getKey() & 0xff);
                long current = device.rtio().injectionStatus(channel & 0xffff, override);
                if (e.getValue() == null || e.getValue() != current) {
                    batch.u8(R_INJECTION_STATUS).i32(channel).u8(override).u8((int) current);
                    e.setValue(current);
                }
            }
        }
        return batch;
    }

    private static long key(int channel, int selector) {
        return (channel & 0xffff_ffffL) << 8 | selector;
    }

    private void send(WireOut message) throws IOException {
        byte[] bytes = message.toByteArray();
        if (bytes.length == 0) return;
        out.write(bytes);
        out.flush();
    }
}
