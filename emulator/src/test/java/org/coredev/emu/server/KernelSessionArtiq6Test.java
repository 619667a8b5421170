package org.coredev.emu.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.coredev.emu.EmulatorException;
import org.coredev.emu.device.DeviceDbFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An OR1K board's kernel session speaks ARTIQ 6's protocol (release-6 session.rs, session_proto.rs
 * and comm_kernel.py), driven by the test host in its big-endian mode. The kernels are coredev's
 * own or1k images of fixtures/artiq6_*.py (fixtures/build-or1k.sh).
 */
@Timeout(120)
class KernelSessionArtiq6Test {
    static final int PAYLOAD = 0x4086_0000;

    CoreDeviceServer server;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("device_db.py");
        Files.writeString(db, DeviceDbFile.builtInSource().replace("\"target\": \"rv32g\"", "\"target\": \"or1k\""));
        server = CoreDeviceServer.start(DeviceDbFile.load(db), CoreDeviceServer.Options.defaults().withPortBase(0));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theBoardAnnouncesNetworkByteOrder() throws IOException {
        try (CommKernelClient host = new CommKernelClient(server.kernelPort())) {
            assertEquals(ByteOrder.BIG_ENDIAN, host.order());
            CommKernelClient.SystemInfo info = host.systemInfo();
            assertEquals("AROR", info.runtimeId());
            assertEquals("6.0", info.gatewareVersion());
        }
    }

    @Test
    void anUncaughtExceptionComesBackNamedWithItsStringsAndPayloadRelativeReturnAddresses() throws IOException {
        try (CommKernelClient host = new CommKernelClient(server.kernelPort())) {
            assertNull(host.load(KernelSessionTest.fixture("artiq6_raise-or1k.elf")));
            host.run();
            assertEquals(List.of("start", 1), KernelSessionTest.nextRpc(host).args());
            assertEquals(List.of("caught"), KernelSessionTest.nextRpc(host).args());
            assertEquals(CommKernelClient.R_KERNEL_EXCEPTION, host.readHeader());
            CommKernelClient.Artiq6Exception e = host.readArtiq6ExceptionBody();
            assertEquals("0:ValueError", e.name());
            assertEquals("too big", e.message());
            assertEquals("artiq6_raise.py", e.file());
            assertEquals(5, e.line());
            assertEquals("check", e.function());
            // check, outer and __modinit__: return addresses in the image, which loads at the payload address.
            assertEquals(3, e.backtrace().size(), e.backtrace().toString());
            for (int pc : e.backtrace()) assertTrue(pc > 0 && pc < 0x1_0000, Integer.toHexString(pc));
        }
    }

    @Test
    void aKernelThatFinishesGetsKernelFinishedWithoutAnAsyncErrorByte() throws IOException {
        try (CommKernelClient host = new CommKernelClient(server.kernelPort())) {
            assertNull(host.load(KernelSessionTest.fixture("artiq6_raise-or1k.elf")));
            host.run();
            KernelSessionTest.nextRpc(host);
            KernelSessionTest.nextRpc(host);
            assertEquals(CommKernelClient.R_KERNEL_EXCEPTION, host.readHeader());
            host.readArtiq6ExceptionBody();
            // The next message starts right after the exception: no async-error byte in ARTIQ 6.
            CommKernelClient.SystemInfo info = host.systemInfo();
            assertEquals("AROR", info.runtimeId());
        }
    }

    @Test
    void theHostsExceptionsReachTheKernelByNameAndGoBackUnchanged() throws IOException {
        try (CommKernelClient host = new CommKernelClient(server.kernelPort())) {
            assertNull(host.load(KernelSessionTest.fixture("artiq6_host_exception-or1k.elf")));
            host.run();
            CommKernelClient.RpcRequest ask = KernelSessionTest.nextRpc(host);
            assertFalse(ask.async());
            host.replyExceptionArtiq6("0:ValueError", "no lock", new long[] {0, 0, 0}, "host.py", 12, -1, "ask");
            assertEquals(List.of("host ValueError caught"), KernelSessionTest.nextRpc(host).args());
            KernelSessionTest.nextRpc(host);
            host.replyExceptionArtiq6("5:__main__.Lost", "lost {0}", new long[] {7, 0, 0}, "host.py", 20, -1, "ask");
            assertEquals(CommKernelClient.R_KERNEL_EXCEPTION, host.readHeader());
            CommKernelClient.Artiq6Exception e = host.readArtiq6ExceptionBody();
            assertEquals("5:__main__.Lost", e.name(), "the host's object id and class, as it sent them");
            assertEquals("lost {0}", e.message());
            assertEquals(List.of(7L, 0L, 0L), e.params());
            assertEquals("host.py", e.file());
            assertEquals(20, e.line());
            assertEquals("ask", e.function());
        }
    }
}
