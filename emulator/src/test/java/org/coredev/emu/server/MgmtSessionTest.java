package org.coredev.emu.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.coredev.emu.EmulatorException;
import org.coredev.emu.device.DeviceDbFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The management port driven by a host written after comm_mgmt.py. */
@Timeout(120)
class MgmtSessionTest {
    CoreDeviceServer server;

    @BeforeEach
    void start() throws EmulatorException {
        server = CoreDeviceServer.start(DeviceDbFile.builtIn(), CoreDeviceServer.Options.defaults().withPortBase(0));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static byte[] bytes(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    @Test
    void configValuesAreWrittenReadRemovedAndErased() throws IOException {
        try (CommMgmtClient mgmt = new CommMgmtClient(server.managementPort())) {
            assertTrue(mgmt.configWrite("rtio_clock", bytes("ext0_synth0_10to125")));
            assertTrue(mgmt.configWrite("ip", bytes("192.168.1.70")));
            assertArrayEquals(bytes("ext0_synth0_10to125"), mgmt.configRead("rtio_clock"));
            assertTrue(mgmt.configWrite("ip", bytes("10.0.0.2")));
            assertArrayEquals(bytes("10.0.0.2"), mgmt.configRead("ip"), "a write replaces the value");
            mgmt.configRemove("ip");
            assertNull(mgmt.configRead("ip"));
            assertArrayEquals(bytes("ext0_synth0_10to125"), mgmt.configRead("rtio_clock"));
            mgmt.configErase();
            assertNull(mgmt.configRead("rtio_clock"));
        }
    }

    @Test
    void readingAMissingKeyIsAnErrorAndAnEmptyKeyCannotBeWritten() throws IOException {
        try (CommMgmtClient mgmt = new CommMgmtClient(server.managementPort())) {
            assertNull(mgmt.configRead("no_such_key"));
            assertFalse(mgmt.configWrite("", bytes("x")));
            assertTrue(mgmt.configWrite("after", bytes("errors")), "the connection goes on");
        }
    }

    @Test
    void asyncRtioErrorsAreLoggedWithChannelAndTimestamp() throws IOException {
        try (CommKernelClient host = new CommKernelClient(server.kernelPort())) {
            assertNull(host.load(KernelSessionTest.fixture("collision.elf")));
            host.run();
            assertEquals(CommKernelClient.R_KERNEL_FINISHED, host.readHeader());
            assertEquals(1, host.readInt8(), "collision bit in KernelFinished");
        }
        try (CommMgmtClient mgmt = new CommMgmtClient(server.managementPort())) {
            String log = mgmt.getLog();
            Matcher m = Pattern.compile("\\[ *0\\.(\\d{6})s\\] ERROR\\(runtime::rtio_mgt\\): RTIO collision involving channel 0x0004:ttl4, at timestamp (\\d+) mu\n")
                    .matcher(log);
            assertTrue(m.find(), log);
            long timestamp = Long.parseLong(m.group(2));
            assertEquals(0, timestamp % 8, "the first event of the coarse cycle");
            assertEquals(timestamp / 1000, Long.parseLong(m.group(1)), "the line is stamped with the event's time in us");
        }
    }

    @Test
    void theLogLevelConfigKeyFiltersTheLogAndABadLevelIsRefused() throws IOException {
        try (CommMgmtClient mgmt = new CommMgmtClient(server.managementPort())) {
            assertFalse(mgmt.configWrite("log_level", bytes("LOUD")));
            assertNull(mgmt.configRead("log_level"));
            assertTrue(mgmt.configWrite("log_level", bytes("OFF")));
        }
        try (CommKernelClient host = new CommKernelClient(server.kernelPort())) {
            assertNull(host.load(KernelSessionTest.fixture("collision.elf")));
            host.run();
            assertEquals(CommKernelClient.R_KERNEL_FINISHED, host.readHeader());
            assertEquals(1, host.readInt8());
        }
        try (CommMgmtClient mgmt = new CommMgmtClient(server.managementPort())) {
            assertFalse(mgmt.getLog().contains("collision"), "OFF keeps nothing");
        }
    }

    @Test
    void pullLogStreamsTheLogAsItGrows() throws IOException {
        try (CommMgmtClient mgmt = new CommMgmtClient(server.managementPort())) {
            mgmt.writeHeader(7);   // PullLog: bare strings from now on, no reply type
            assertTrue(new String(mgmt.readBytes(), StandardCharsets.UTF_8).contains("coredev: emulated core device"));
            try (CommKernelClient host = new CommKernelClient(server.kernelPort())) {
                assertNull(host.load(KernelSessionTest.fixture("collision.elf")));
                host.run();
                assertEquals(CommKernelClient.R_KERNEL_FINISHED, host.readHeader());
            }
            assertTrue(new String(mgmt.readBytes(), StandardCharsets.UTF_8).contains("RTIO collision involving channel 0x0004:ttl4"));
        }
    }

    @Test
    void clearLogEmptiesTheBuffer() throws IOException {
        try (CommMgmtClient mgmt = new CommMgmtClient(server.managementPort())) {
            assertTrue(mgmt.getLog().contains("INFO(runtime): coredev: emulated core device"));
            mgmt.clearLog();
            assertEquals("", mgmt.getLog());
        }
    }

    @Test
    void rebootResetsTheDeviceAndKeepsTheConfig() throws IOException {
        try (CommKernelClient host = new CommKernelClient(server.kernelPort())) {
            assertNull(host.load(KernelSessionTest.fixture("collision.elf")));
            host.run();
            assertEquals(CommKernelClient.R_KERNEL_FINISHED, host.readHeader());
            host.readInt8();
        }
        long before = stopCounter();
        try (CommMgmtClient mgmt = new CommMgmtClient(server.managementPort())) {
            assertTrue(mgmt.configWrite("startup_clock", bytes("i")));
            assertTrue(mgmt.getLog().contains("collision"));
            mgmt.reboot();
            assertEquals(-1, mgmt.socket.getInputStream().read(), "the board closes the connection as it reboots");
        }
        try (CommMgmtClient mgmt = new CommMgmtClient(server.managementPort())) {
            assertArrayEquals(bytes("i"), mgmt.configRead("startup_clock"), "the config store is flash: it survives");
            assertFalse(mgmt.getLog().contains("collision"), "the log buffer is RAM: it does not");
        }
        AnalyzerClient.Dump dump = AnalyzerClient.decode(AnalyzerClient.getDump(server.analyzerPort()));
        assertEquals(1, dump.messages().size());
        assertTrue(((AnalyzerClient.Stopped) dump.messages().getFirst()).rtioCounter() < before, "time starts again at zero");
    }

    @Test
    void anUnknownRequestEndsThatConnectionOnly() throws IOException {
        try (CommMgmtClient mgmt = new CommMgmtClient(server.managementPort())) {
            mgmt.writeHeader(0x63);
            assertEquals(-1, mgmt.socket.getInputStream().read());
        }
        try (CommMgmtClient mgmt = new CommMgmtClient(server.managementPort())) {
            assertTrue(mgmt.getLog().contains("ERROR(runtime::mgmt): management connection aborted: unknown packet 0x63"));
        }
    }

    @Test
    void aConfigStoreFileSurvivesARestartOfTheServer(@TempDir Path dir) throws IOException, EmulatorException {
        Path file = dir.resolve("config.bin");
        CoreDeviceServer.Options options = CoreDeviceServer.Options.defaults().withPortBase(0).withConfigStore(file);
        try (CoreDeviceServer first = CoreDeviceServer.start(DeviceDbFile.builtIn(), options);
             CommMgmtClient mgmt = new CommMgmtClient(first.managementPort())) {
            assertTrue(mgmt.configWrite("device_map", new byte[] {0, 1, 2, (byte) 0xff}));
            assertTrue(mgmt.configWrite("log_level", bytes("WARN")));
        }
        try (CoreDeviceServer second = CoreDeviceServer.start(DeviceDbFile.builtIn(), options);
             CommMgmtClient mgmt = new CommMgmtClient(second.managementPort())) {
            assertArrayEquals(new byte[] {0, 1, 2, (byte) 0xff}, mgmt.configRead("device_map"));
            String log = mgmt.getLog();
            assertFalse(log.contains("INFO(runtime): coredev"), "log_level WARN applies from boot: " + log);
        }
    }

    @Test
    void aCorruptConfigStoreFileIsRefusedWithItsOffset(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("config.bin");
        java.nio.file.Files.write(file, new byte[] {0, 0, 0, 50, 'k', 0});
        EmulatorException e = org.junit.jupiter.api.Assertions.assertThrows(EmulatorException.class,
                () -> CoreDeviceServer.start(DeviceDbFile.builtIn(), CoreDeviceServer.Options.defaults().withPortBase(0).withConfigStore(file)));
        assertEquals(file + ": record at offset 0 has bad length 50", e.getMessage());
    }

    private long stopCounter() throws IOException {
        List<AnalyzerClient.Message> m = AnalyzerClient.decode(AnalyzerClient.getDump(server.analyzerPort())).messages();
        return ((AnalyzerClient.Stopped) m.getLast()).rtioCounter();
    }
}
