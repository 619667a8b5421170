package org.coredev.emu.server;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.coredev.emu.EmulatorException;

/**
 * One connection on the management port (runtime/mgmt.rs, libproto_artiq/mgmt_proto.rs; the host
 * side is artiq/coredevice/comm_mgmt.py). The host greets with "ARTIQ management\n" and a DRTIO
 * destination byte, the device answers "e"; then each request is a type byte and its fields, each
 * reply a type byte and its fields (no sync bytes on this port).
 */
final class MgmtSession implements Runnable {
    static final byte[] MAGIC = "ARTIQ management\n".getBytes(StandardCharsets.US_ASCII);

    static final int GET_LOG = 1, CLEAR_LOG = 2, REBOOT = 5, PULL_LOG = 7, DEBUG_ALLOCATOR = 8, FLASH = 9,
            CONFIG_READ = 12, CONFIG_WRITE = 13, CONFIG_REMOVE = 14, CONFIG_ERASE = 15;
    static final int R_SUCCESS = 1, R_LOG_CONTENT = 2, R_REBOOT_IMMINENT = 3, R_UNAVAILABLE = 4, R_ERROR = 6, R_CONFIG_DATA = 7;
    static final int MAX_KEY = 4096, MAX_VALUE = 16 << 20;

    private static final System.Logger LOG = System.getLogger(MgmtSession.class.getName());

    private final Socket socket;
    private final EmulatedBoard board;
    private final Rebooter rebooter;
    private WireIn in;
    private OutputStream out;

    /** Resets the device; the server also ends the kernel sessions, as a reboot does. */
    interface Rebooter {
        void reboot() throws EmulatorException;
    }

    MgmtSession(Socket socket, EmulatedBoard board, Rebooter rebooter) {
        this.socket = socket;
        this.board = board;
        this.rebooter = rebooter;
    }

    @Override
    public void run() {
        try {
            in = new WireIn(new BufferedInputStream(socket.getInputStream()));
            out = socket.getOutputStream();
            if (!Arrays.equals(in.exact(MAGIC.length, "greeting"), MAGIC)) {
                LOG.log(System.Logger.Level.WARNING, "management: wrong magic from " + socket.getRemoteSocketAddress());
                return;
            }
            in.u8("DRTIO destination");   // only the local device (destination 0) exists here
            out.write('e');
            out.flush();
            while (true) {
                int type = in.u8OrEnd();
                if (type < 0) return;
                if (!handle(type)) return;
            }
        } catch (IOException | EmulatorException | InterruptedException e) {
            if (socket.isClosed()) return;
            LOG.log(System.Logger.Level.ERROR, "management connection from " + socket.getRemoteSocketAddress() + " aborted: " + e.getMessage());
            board.logNow(CoreLog.Level.ERROR, "runtime::mgmt", "management connection aborted: " + e.getMessage());
        }
        // The server's connection thread closes the socket once this returns.
    }

    /** Serves one request; false when the connection ends after it (reboot). */
    private boolean handle(int type) throws IOException, EmulatorException, InterruptedException {
        switch (type) {
            case GET_LOG -> send(new WireOut().u8(R_LOG_CONTENT).string(board.log.content()));
            case CLEAR_LOG -> {
                board.log.clear();
                send(new WireOut().u8(R_SUCCESS));
            }
            case PULL_LOG -> pullLog();
            case CONFIG_READ -> {
                Optional<byte[]> value = board.configStore.read(in.string("config key", MAX_KEY));
                send(value.map(v -> new WireOut().u8(R_CONFIG_DATA).bytes(v)).orElseGet(() -> new WireOut().u8(R_ERROR)));
            }
            case CONFIG_WRITE -> {
                String key = in.string("config key", MAX_KEY);
                byte[] value = in.bytes("config value", MAX_VALUE);
                send(new WireOut().u8(configWrite(key, value) ? R_SUCCESS : R_ERROR));
            }
            case CONFIG_REMOVE -> {
                board.configStore.remove(in.string("config key", MAX_KEY));
                send(new WireOut().u8(R_SUCCESS));
            }
            case CONFIG_ERASE -> {
                board.configStore.erase();
                send(new WireOut().u8(R_SUCCESS));
            }
            case REBOOT -> {
                send(new WireOut().u8(R_REBOOT_IMMINENT));
                rebooter.reboot();
                return false;
            }
            case DEBUG_ALLOCATOR -> { }   // the board prints to its UART; no reply
            case FLASH -> {
                in.bytes("flash image", 64 << 20);
                board.logNow(CoreLog.Level.ERROR, "runtime::mgmt", "coredev: flashing gateware and firmware is not emulated");
                send(new WireOut().u8(R_ERROR));
            }
            default -> throw new IOException("unknown packet 0x%02x".formatted(type));
        }
        return true;
    }

    /** mgmt.rs config_write: "log_level" also sets the log buffer's level (a bad level is refused). */
    private boolean configWrite(String key, byte[] value) throws IOException {
        if (key.equals("log_level")) {
            CoreLog.Level level = CoreLog.parseLevel(new String(value, StandardCharsets.UTF_8));
            if (level == null) return false;
            if (!board.configStore.write(key, value)) return false;
            board.log.setFilter(level);
            board.logNow(CoreLog.Level.INFO, "runtime::mgmt", "changing log level to " + level);
            return true;
        }
        return board.configStore.write(key, value);
    }

    /** PullLog: the log as it grows, as bare strings, until the host goes away. */
    private void pullLog() throws IOException, InterruptedException {
        socket.setSoTimeout(1);
        while (!socket.isClosed()) {
            String text = board.log.take(200);
            if (!text.isEmpty()) send(new WireOut().string(text));
            try {
                if (in.u8OrEnd() < 0) return;   // the host closed its side
            } catch (java.net.SocketTimeoutException e) {
                // still connected
            }
        }
    }

    private void send(WireOut message) throws IOException {
        out.write(message.toByteArray());
        out.flush();
    }
}
