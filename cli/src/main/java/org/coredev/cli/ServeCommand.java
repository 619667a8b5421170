package org.coredev.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.coredev.emu.EmulatorException;
import org.coredev.emu.device.DeviceConfig;
import org.coredev.emu.device.DeviceDbFile;
import org.coredev.emu.server.CoreDeviceServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code coredev serve}: the emulated core device on the network, speaking the board's own
 * management, kernel session, RTIO analyzer and moninj protocols, so that an unmodified ARTIQ host
 * (artiq_run, the master, artiq_coremgmt, artiq_coreanalyzer) uses it as its core device.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {
                "Serves the emulated core device on the board's network ports.",
                "Runs the emulated core device as a network server on the board's ports: management (port base),",
                "kernel sessions (port base + 1), the RTIO analyzer (port base + 2) and moninj (port base + 3).",
                "Point the core device's",
                "host address in your device_db.py at it. Runs until interrupted (Ctrl-C)."},
        footer = {"", "Exit status: 0 stopped, 2 bad input (device database, ports, config store)."})
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--device-db", paramLabel = "FILE.py",
            description = "ARTIQ device database (default: the built-in Kasli-like one).")
    Path deviceDb;

    @Option(names = "--bind", paramLabel = "ADDRESS",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; the protocols have no authentication).")
    String bind = "127.0.0.1";

    @Option(names = "--port-base", paramLabel = "PORT",
            description = "Management port; kernel, analyzer and moninj ports follow (default: ${DEFAULT-VALUE}, the board's). 0 picks free ports.")
    int portBase = 1380;

    @Option(names = "--config-store", paramLabel = "FILE",
            description = "Keep the config store (artiq_coremgmt config) in this file across restarts (default: in memory).")
    Path configStore;

    @Option(names = "--max-cycles", paramLabel = "N",
            description = "Stop a kernel after N CPU cycles, reported to the host as a RuntimeError (default: ${DEFAULT-VALUE}, 80 s simulated).")
    long maxCycles = 10_000_000_000L;

    @Option(names = "--firmware-version", paramLabel = "VERSION",
            description = {"The ARTIQ version the emulated board's firmware reports to the host (default: 9.0, or 6.0 for an or1k core).",
                    "Give your host's version (python3 -c 'import artiq; print(artiq.__version__)') to keep ARTIQ's host",
                    "from warning of a mismatch: a beta host compares versions strictly."})
    String firmwareVersion;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    private final CountDownLatch started = new CountDownLatch(1);
    private volatile CoreDeviceServer server;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        try {
            DeviceConfig config = deviceDb == null ? DeviceDbFile.builtIn() : DeviceDbFile.load(deviceDb);
            CoreDeviceServer.Options options = CoreDeviceServer.Options.defaults()
                    .withBindAddress(bind).withPortBase(portBase).withConfigStore(configStore).withMaxCycles(maxCycles);
            if (firmwareVersion != null) options = options.withIdent(CoreDeviceServer.ident(firmwareVersion));
            server = CoreDeviceServer.start(config, options);
        } catch (EmulatorException e) {
            err.println("coredev serve: " + e.getMessage());
            err.flush();
            started.countDown();
            return 2;
        }
        out.printf("coredev serve: core device on %s: management %d, kernel %d, analyzer %d, moninj %d%n",
                server.address().getHostAddress(), server.managementPort(), server.kernelPort(), server.analyzerPort(),
                server.moninjPort());
        out.flush();
        started.countDown();
        server.awaitClose();
        return 0;
    }

    /** The running server once {@link #call} has started it (null if it failed); waits for the start. */
    CoreDeviceServer awaitStarted() throws InterruptedException {
        started.await();
        return server;
    }

    /** Stops the server; {@link #call} then returns 0. */
    void stop() {
        CoreDeviceServer s = server;
        if (s != null) s.close();
    }
}
