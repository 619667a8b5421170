package org.coredev.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.coredev.emu.server.CoreDeviceServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code coredev serve}, run in-process on free loopback ports. */
@Timeout(120)
class ServeCommandTest {
    record Running(ServeCommand command, Thread thread, AtomicInteger status, StringWriter out, StringWriter err) {}

    private static Running start(String... args) throws InterruptedException {
        ServeCommand command = new ServeCommand();
        CommandLine cl = new CommandLine(command);
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        AtomicInteger status = new AtomicInteger(-1);
        Thread t = Thread.ofPlatform().start(() -> status.set(cl.execute(args)));
        command.awaitStarted();
        return new Running(command, t, status, out, err);
    }

    private static int stop(Running r) throws InterruptedException {
        r.command().stop();
        r.thread().join(30_000);
        return r.status().get();
    }

    /** The kernel port's answer to SystemInfo, read as comm_kernel.py's check_system_info reads it. */
    record SystemInfo(int replyType, String runtimeId, String ident) {}

    private static SystemInfo systemInfo(int kernelPort) throws IOException {
        try (Socket s = new Socket("127.0.0.1", kernelPort)) {
            s.setSoTimeout(30_000);
            OutputStream o = s.getOutputStream();
            o.write("ARTIQ coredev\n".getBytes(StandardCharsets.US_ASCII));
            o.write(new byte[] {0x5a, 0x5a, 0x5a, 0x5a, 3});   // SystemInfo
            DataInputStream in = new DataInputStream(s.getInputStream());
            assertEquals('e', in.read());
            byte[] header = new byte[13];   // sync, reply type, "AROR", the ident's length (little-endian)
            in.readFully(header);
            int length = (header[9] & 0xff) | (header[10] & 0xff) << 8 | (header[11] & 0xff) << 16 | (header[12] & 0xff) << 24;
            return new SystemInfo(header[4], new String(header, 5, 4, StandardCharsets.US_ASCII),
                    new String(in.readNBytes(length), StandardCharsets.UTF_8));
        }
    }

    @Test
    void firmwareVersionIsWhatTheBoardReportsToTheHost() throws Exception {
        Running r = start("--port-base", "0", "--firmware-version", "9.0+unknown.beta");
        CoreDeviceServer server = r.command().awaitStarted();
        assertNotNull(server, r.err().toString());
        try {
            SystemInfo info = systemInfo(server.kernelPort());
            assertEquals("AROR", info.runtimeId());
            assertEquals("9.0+unknown.beta;coredev", info.ident(), "what ARTIQ's check_system_info compares with its own version");
        } finally {
            assertEquals(0, stop(r));
        }
    }

    @Test
    void servesTheKernelAndManagementProtocolsOnThePortsItPrints(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("config.bin");
        Running r = start("--port-base", "0", "--config-store", store.toString());
        CoreDeviceServer server = r.command().awaitStarted();
        assertNotNull(server, r.err().toString());
        try {
            assertEquals("coredev serve: core device on 127.0.0.1: management %d, kernel %d, analyzer %d, moninj %d%n"
                    .formatted(server.managementPort(), server.kernelPort(), server.analyzerPort(), server.moninjPort()),
                    r.out().toString());
            SystemInfo info = systemInfo(server.kernelPort());
            assertEquals(2, info.replyType(), "Reply.SystemInfo");
            assertEquals("AROR", info.runtimeId());
            try (Socket s = new Socket("127.0.0.1", server.managementPort())) {
                s.setSoTimeout(30_000);
                OutputStream o = s.getOutputStream();
                o.write("ARTIQ management\n".getBytes(StandardCharsets.US_ASCII));
                o.write(0);
                byte[] key = "ip".getBytes(StandardCharsets.UTF_8), value = "10.0.0.7".getBytes(StandardCharsets.UTF_8);
                o.write(13);   // ConfigWrite
                o.write(new byte[] {(byte) key.length, 0, 0, 0});
                o.write(key);
                o.write(new byte[] {(byte) value.length, 0, 0, 0});
                o.write(value);
                DataInputStream in = new DataInputStream(s.getInputStream());
                assertEquals('e', in.read());
                assertEquals(1, in.read(), "Reply.Success");
            }
        } finally {
            assertEquals(0, stop(r));
        }
        assertTrue(Files.readString(store, StandardCharsets.ISO_8859_1).contains("ip\u000010.0.0.7"), "written to the store file");
    }

    @Test
    void aBadDeviceDatabaseExitsWithStatusTwo(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("device_db.py");
        Files.writeString(db, "device_db = {\n  \"ttl0\": {\"type\": \"local\", \"module\": \"artiq.coredevice.ttl\", \"class\": \"TTLOut\", \"arguments\": {}}\n}\n");
        Running r = start("--device-db", db.toString(), "--port-base", "0");
        assertNull(r.command().awaitStarted());
        r.thread().join(30_000);
        assertEquals(2, r.status().get());
        assertTrue(r.err().toString().contains("device 'ttl0' (TTLOut) has no integer 'channel' argument"), r.err().toString());
    }

    @Test
    void aPortInUseExitsWithStatusTwoNamingIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int base = taken.getLocalPort();
            Running r = start("--port-base", Integer.toString(base));
            r.thread().join(30_000);
            assertEquals(2, r.status().get());
            assertTrue(r.err().toString().startsWith("coredev serve: cannot listen on 127.0.0.1 port base " + base + ": "), r.err().toString());
        }
    }
}
