package org.coredev.emu.server;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.coredev.emu.EmulatorException;
import org.coredev.emu.device.CoreDevice;
import org.coredev.emu.device.DeviceConfig;
import org.coredev.emu.device.KernelRun;
import org.coredev.rtio.trace.RtioEvent;

/**
 * coredev on the network: one emulated core device behind the board's four ports, so that an
 * unmodified ARTIQ host (artiq_run, the master, artiq_coremgmt, artiq_coreanalyzer) uses it as its
 * core device.
 * <ul>
 *   <li>port base (1380): management: core log, config store, reboot ({@link MgmtSession});</li>
 *   <li>port base + 1 (1381): kernel sessions: load, run, RPCs, exceptions ({@link KernelSession});</li>
 *   <li>port base + 2 (1382): the RTIO analyzer's dump ({@link AnalyzerDump});</li>
 *   <li>port base + 3 (1383): moninj: TTL probes and overrides ({@link MoninjSession}).</li>
 * </ul>
 * Kernels run one at a time on the one device, whose simulated time goes on from kernel to
 * kernel. A new kernel session ends the previous one, as on the board. A malformed or
 * truncated message ends its connection (logged), never the server.
 *
 * <pre>{@code
 * try (CoreDeviceServer server = CoreDeviceServer.start(DeviceDbFile.builtIn(), CoreDeviceServer.Options.defaults())) {
 *     server.awaitClose();
 * }
 * }</pre>
 */
public final class CoreDeviceServer implements AutoCloseable {
    /** The gateware identifier SystemInfo reports: "version;variant"; the host compares the major version (a beta host, the whole version). */
    public static final String DEFAULT_IDENT = "9.0;coredev";
    /** What an OR1K board (ARTIQ 6 firmware) reports by default. */
    public static final String ARTIQ6_IDENT = "6.0;coredev";

    /** The identifier of a board whose firmware is the given ARTIQ version (the host reads the part before ';'). */
    public static String ident(String artiqVersion) {
        return artiqVersion + ";coredev";
    }

    /**
     * Where and how to listen.
     *
     * @param bindAddress   address to listen on (loopback by default: the board's protocols have no authentication)
     * @param portBase      management port; kernel, analyzer and moninj follow; 0 picks four free ports
     * @param configStore   file holding the config store, or null to keep it in memory
     * @param ident         the gateware identifier SystemInfo reports
     * @param maxCycles     CPU cycles after which a kernel is stopped (a runaway kernel cannot hold the device for ever)
     * @param maxWallSeconds wall time after which a kernel is stopped, RPC waits included
     * @param runListener   told of each kernel run as it ends (null: nobody)
     */
    /**
     * @param keepWaveforms keep every pin-level signal change of the server's life, for a VCD file
     *                      written at the end (`coredev run --artiq --vcd`); otherwise they are
     *                      discarded after each kernel, so a long-running server stays the same size
     */
    public record Options(String bindAddress, int portBase, Path configStore, String ident, long maxCycles, double maxWallSeconds,
                          RunListener runListener, boolean keepWaveforms) {
        /** Loopback, the board's ports, config in memory, 10^10 cycles (80 s simulated), one hour of wall time. */
        public static Options defaults() {
            return new Options("127.0.0.1", 1380, null, DEFAULT_IDENT, 10_000_000_000L, 3600, null, false);
        }

        public Options withBindAddress(String address) { return new Options(address, portBase, configStore, ident, maxCycles, maxWallSeconds, runListener, keepWaveforms); }
        public Options withPortBase(int base) { return new Options(bindAddress, base, configStore, ident, maxCycles, maxWallSeconds, runListener, keepWaveforms); }
        public Options withConfigStore(Path file) { return new Options(bindAddress, portBase, file, ident, maxCycles, maxWallSeconds, runListener, keepWaveforms); }
        public Options withIdent(String text) { return new Options(bindAddress, portBase, configStore, text, maxCycles, maxWallSeconds, runListener, keepWaveforms); }
        public Options withMaxCycles(long cycles) { return new Options(bindAddress, portBase, configStore, ident, cycles, maxWallSeconds, runListener, keepWaveforms); }
        public Options withMaxWallSeconds(double seconds) { return new Options(bindAddress, portBase, configStore, ident, maxCycles, seconds, runListener, keepWaveforms); }
        public Options withRunListener(RunListener listener) { return new Options(bindAddress, portBase, configStore, ident, maxCycles, maxWallSeconds, listener, keepWaveforms); }
        public Options withKeepWaveforms(boolean keep) { return new Options(bindAddress, portBase, configStore, ident, maxCycles, maxWallSeconds, runListener, keep); }
    }

    /** Told of each kernel run as it ends, on the session's thread with the device locked (its state is the run's end state). */
    @FunctionalInterface
    public interface RunListener {
        void kernelRan(CoreDevice device, KernelRun run);
    }

    private static final System.Logger LOG = System.getLogger(CoreDeviceServer.class.getName());

    private final EmulatedBoard board;
    private final String ident;
    private final ServerSocket mgmt, kernel, analyzer, moninj;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final List<Thread> acceptors = new ArrayList<>();
    private volatile Socket currentSession;
    private volatile boolean closed;

    private CoreDeviceServer(EmulatedBoard board, String ident, List<ServerSocket> sockets) {
        this.board = board;
        this.ident = ident;
        this.mgmt = sockets.get(0);
        this.kernel = sockets.get(1);
        this.analyzer = sockets.get(2);
        this.moninj = sockets.get(3);
    }

    /** Builds the device from {@code config}, binds the four ports and starts accepting. */
    public static CoreDeviceServer start(DeviceConfig config, Options options) throws EmulatorException {
        ConfigStore store = options.configStore() == null ? ConfigStore.inMemory() : ConfigStore.inFile(options.configStore());
        EmulatedBoard board = new EmulatedBoard(config, store, options.maxCycles(), options.maxWallSeconds(), options.runListener(),
                options.keepWaveforms());
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            InetAddress address = InetAddress.getByName(options.bindAddress());
            for (int k = 0; k < 4; k++) {
                int port = options.portBase() == 0 ? 0 : options.portBase() + k;
                if (port < 0 || port > 65535) throw new EmulatorException("port %d out of range (port base %d)".formatted(port, options.portBase()));
                ServerSocket s = new ServerSocket();
                sockets.add(s);
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(address, port));
            }
        } catch (IOException e) {
            for (ServerSocket s : sockets) closeQuietly(s);
            throw new EmulatorException("cannot listen on %s port base %d: %s".formatted(options.bindAddress(), options.portBase(), e.getMessage()), e);
        } catch (EmulatorException e) {
            for (ServerSocket s : sockets) closeQuietly(s);
            throw e;
        }
        String ident = options.ident().equals(DEFAULT_IDENT) && config.target() == org.coredev.loader.Target.OR1K
                ? ARTIQ6_IDENT : options.ident();
        CoreDeviceServer server = new CoreDeviceServer(board, ident, sockets);
        server.accept(server.mgmt, "mgmt", s -> new MgmtSession(s, board, server::reboot));
        server.accept(server.kernel, "session", server::newSession);
        server.accept(server.analyzer, "analyzer", s -> () -> server.dumpAnalyzer(s));
        server.accept(server.moninj, "moninj", s -> new MoninjSession(s, board));
        return server;
    }

    public int managementPort() { return mgmt.getLocalPort(); }
    public int kernelPort() { return kernel.getLocalPort(); }
    public int analyzerPort() { return analyzer.getLocalPort(); }
    public int moninjPort() { return moninj.getLocalPort(); }
    public InetAddress address() { return mgmt.getInetAddress(); }

    /**
     * Reads the device with nothing else using it (waits for a running kernel): e.g. its RTIO
     * signal trace after the host has finished. The device is replaced by a fresh one on reboot.
     */
    public <T> T inspect(Function<CoreDevice, T> reader) {
        board.lock.lock();
        try {
            return reader.apply(board.device());
        } finally {
            board.lock.unlock();
        }
    }

    /** The core log as {@code artiq_coremgmt log} shows it. */
    public String coreLog() { return board.log.content(); }

    private interface Handler {
        Runnable handle(Socket socket);
    }

    private void accept(ServerSocket server, String name, Handler handler) {
        Thread t = Thread.ofPlatform().daemon().name("coredev-" + name + "-accept").start(() -> {
            int count = 0;
            while (!closed) {
                Socket s;
                try {
                    s = server.accept();
                } catch (IOException e) {
                    if (closed) return;
                    LOG.log(System.Logger.Level.ERROR, name + ": accept failed: " + e.getMessage());
                    try {
                        Thread.sleep(100);   // e.g. out of file descriptors: try again, without spinning
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                    continue;
                }
                connections.add(s);
                if (closed) {   // accepted while close() ran
                    closeQuietly(s);
                    return;
                }
                Runnable work = handler.handle(s);
                Thread.ofPlatform().daemon().name("coredev-" + name + "-" + ++count).start(() -> {
                    try {
                        work.run();
                    } catch (RuntimeException e) {   // a bug must end this connection only
                        LOG.log(System.Logger.Level.ERROR, name + ": connection failed", e);
                    } finally {
                        connections.remove(s);
                        closeQuietly(s);
                    }
                });
            }
        });
        acceptors.add(t);
    }

    private Runnable newSession(Socket s) {
        return new KernelSession(s, board, ident, () -> takeOver(s));
    }

    /** session.rs: a connection with the right greeting interrupts the previous session. */
    private synchronized void takeOver(Socket s) {
        Socket previous = currentSession;
        currentSession = s;
        if (previous != null && previous != s) closeQuietly(previous);
    }

    private void reboot() throws EmulatorException {
        Socket session = currentSession;
        if (session != null) closeQuietly(session);   // a kernel waiting for an RPC reply gives up the device
        board.reboot();
    }

    /** analyzer.rs: disarm, send everything recorded since the last arm, re-arm, close. */
    private void dumpAnalyzer(Socket s) {
        byte[] dump;
        board.lock.lock();
        try {
            CoreDevice device = board.device();
            var log = device.rtio().eventLog();
            // Events the ring had already overwritten were discarded after their kernel (EmulatedBoard.keepBounded).
            int from = Math.max(board.analyzerArmedAt, log.first()), overwritten = from - board.analyzerArmedAt;
            List<RtioEvent> events = new ArrayList<>(log.size() - from);
            for (int k = from; k < log.size(); k++) events.add(log.get(k));
            board.analyzerArmedAt = log.size();
            int logChannel = 0;
            for (DeviceConfig.ChannelSpec c : device.config().channels()) logChannel = Math.max(logChannel, c.channel() + 1);
            // rtio_log words are output events of the log channel, merged in by timestamp (stable).
            var words = device.rtio().logWords();
            for (var w : words.subList(board.analyzerLogArmedAt, words.size()))
                events.add(new RtioEvent(RtioEvent.Kind.OUTPUT, logChannel, w.timestampMu(), 0, w.word() & 0xffff_ffffL));
            board.analyzerLogArmedAt = words.size();
            events.sort(java.util.Comparator.comparingLong(RtioEvent::timestampMu));
            dump = AnalyzerDump.encode(events, overwritten, device.rtio().counterMu(device.nowMu()), logChannel & 0xff);
        } finally {
            board.lock.unlock();
        }
        try {
            OutputStream out = s.getOutputStream();
            out.write(dump);
            out.flush();
            s.shutdownOutput();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, "analyzer: sending the dump to " + s.getRemoteSocketAddress() + " failed: " + e.getMessage());
        }
    }

    /** Blocks until {@link #close()} (the CLI's foreground mode). */
    public void awaitClose() throws InterruptedException {
        for (Thread t : acceptors) t.join();
    }

    /** Stops listening and ends every connection; a kernel still computing finishes in the background. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(mgmt);
        closeQuietly(kernel);
        closeQuietly(analyzer);
        closeQuietly(moninj);
        for (Socket s : connections) closeQuietly(s);
        for (Thread t : acceptors) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // closing is best effort
        }
    }

}
