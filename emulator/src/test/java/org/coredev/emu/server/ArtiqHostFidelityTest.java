package org.coredev.emu.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.coredev.emu.EmulatorException;
import org.coredev.emu.device.DeviceDbFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What ARTIQ's own hardware tests (artiq/test/coredevice) need of a served core device beyond the
 * protocol itself, each driven by the Java host of comm_kernel.py: attribute writeback from the
 * image's {@code typeinfo}, rtio_log text in the analyzer stream, host exceptions that keep their
 * class, the runtime's exception-id test export, and a counter that runs between kernels.
 */
class ArtiqHostFidelityTest {
    private CoreDeviceServer server;

    @BeforeEach
    void start() throws EmulatorException, IOException {
        server = CoreDeviceServer.start(DeviceDbFile.builtIn(), CoreDeviceServer.Options.defaults().withPortBase(0));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void attributeWritebackSendsSetattrForEveryTaggedAttributeOfEveryObject() throws IOException {
        try (CommKernelClient host = new CommKernelClient(server.kernelPort())) {
            assertNull(host.load(KernelSessionTest.fixture("writeback.elf")));
            host.run();
            List<List<Object>> setattrs = new ArrayList<>();
            int type;
            while ((type = host.readHeader()) == CommKernelClient.R_RPC_REQUEST) {
                CommKernelClient.RpcRequest r = host.readRpcRequestBody();
                assertTrue(r.async(), "writeback RPCs are asynchronous");
                assertEquals(0, r.service(), "service 0 is setattr");
                setattrs.add(r.args());
            }
            assertEquals(CommKernelClient.R_KERNEL_FINISHED, type);
            assertEquals(0, host.readInt8());
            CommKernelClient.HostObject first = new CommKernelClient.HostObject(7), second = new CommKernelClient.HostObject(9);
            // Objects in table order, attributes in table order, __objectid__ (empty tag) skipped.
            assertEquals(List.of(
                    List.of(first, "x", 42), List.of(first, "y", 2.5), List.of(first, "flag", true),
                    List.of(second, "x", -1), List.of(second, "y", 0.125), List.of(second, "flag", false)), setattrs);
        }
    }

    @Test
    void rtioLogTextIsInTheAnalyzerStreamOnTheLogChannel() throws IOException {
        AnalyzerClient.getDump(server.analyzerPort());   // clear, as test_analyzer.py does
        try (CommKernelClient host = new CommKernelClient(server.kernelPort())) {
            assertNull(host.load(KernelSessionTest.fixture("writeback.elf")));
            host.run();
            while (host.readHeader() == CommKernelClient.R_RPC_REQUEST) host.readRpcRequestBody();
            host.readInt8();
        }
        AnalyzerClient.Dump dump = AnalyzerClient.decode(AnalyzerClient.getDump(server.analyzerPort()));
        StringBuilder log = new StringBuilder();
        for (AnalyzerClient.Message m : dump.messages()) {
            if (m instanceof AnalyzerClient.Output o && o.channel() == dump.logChannel()) log.append(logChars(o.data()));
        }
        assertEquals("foo\u001e32\u001d", log.toString());
    }

    /** comm_analyzer.py _extract_log_chars: the word's bytes from the top, zero bytes skipped. */
    private static String logChars(long data) {
        StringBuilder s = new StringBuilder();
        for (int shift = 24; shift >= 0; shift -= 8) {
            int c = (int) (data >>> shift) & 0xff;
            if (c != 0) s.append((char) c);
        }
        return s.toString();
    }

    @Test
    void anExceptionOfTheExperimentsOwnClassRaisedInAnRpcComesBackWithTheHostsKeys() throws IOException {
        try (CommKernelClient host = new CommKernelClient(server.kernelPort())) {
            assertNull(host.load(KernelSessionTest.fixture("host_exception.elf")));
            host.run();
            assertEquals(CommKernelClient.R_RPC_REQUEST, host.readHeader());
            CommKernelClient.RpcRequest r = host.readRpcRequestBody();
            assertEquals(5, r.service());
            // A class of the experiment: its name "1234:module.CustomError" is key 1234 of the host's map.
            host.replyException(1234, 77, new long[] {1, 2, 3}, 78, 12, -1, 79);
            assertEquals(CommKernelClient.R_KERNEL_EXCEPTION, host.readHeader());
            CommKernelClient.Exn exn = host.readKernelExceptionBody().exceptions().getLast();
            assertEquals(1234, exn.nameId(), "the host's id, so that it re-raises its own class");
            assertEquals(77, exn.message().hostKey());
            assertEquals(List.of(1L, 2L, 3L), exn.params(), "the parameters the host formats the message with");
            assertEquals(78, exn.file().hostKey());
            assertEquals(12, exn.line());
            assertEquals(-1, exn.column());
            assertEquals(79, exn.function().hostKey());
        }
    }

    @Test
    void testExceptionIdSyncRaisesTheIdWithTheRuntimesNameAsMessage() throws IOException {
        try (CommKernelClient host = new CommKernelClient(server.kernelPort())) {
            assertNull(host.load(KernelSessionTest.fixture("id_sync.elf")));
            host.run();
            assertEquals(CommKernelClient.R_KERNEL_EXCEPTION, host.readHeader());
            CommKernelClient.Exn exn = host.readKernelExceptionBody().exceptions().getLast();
            assertEquals(18, exn.nameId());
            assertEquals("ValueError", exn.message().text());
            assertEquals("test_exception_id_sync", exn.function().text());
        }
    }

    @Test
    void theCounterRunsOnBetweenKernelsByTheSessionsModelledTime() throws IOException {
        byte[] rpc = KernelSessionTest.kernel("rpc.elf");
        long first = firstTimestamp(rpc), second = firstTimestamp(rpc);
        // test_time_keeps_running: more than 1 ms between two kernels (here: upload and start of the second)
        assertTrue(second - first > 1_000_000, "second kernel started " + (second - first) + " mu after the first");
        assertTrue(second - first >= KernelSessionTest.sessionMu(rpc));
    }

    /** rpc.elf's first RPC carries now_mu() right after its reset. */
    private long firstTimestamp(byte[] library) throws IOException {
        try (CommKernelClient host = new CommKernelClient(server.kernelPort())) {
            assertNull(host.load(library));
            host.run();
            long t = -1;
            int type;
            while ((type = host.readHeader()) == CommKernelClient.R_RPC_REQUEST) {
                CommKernelClient.RpcRequest r = host.readRpcRequestBody();
                if (t < 0) t = ((Number) r.args().get(1)).longValue();
            }
            assertEquals(CommKernelClient.R_KERNEL_FINISHED, type);
            host.readInt8();
            return t;
        }
    }

    @Test
    void aResetInTheNextKernelFindsNothingPendingFromAnEarlierKernel() throws IOException {
        // test_sequence_error leaves events 14 ms ahead; test_loopback after it must still work.
        try (CommKernelClient host = new CommKernelClient(server.kernelPort())) {
            assertNull(host.load(KernelSessionTest.fixture("far_ahead.elf")));
            host.run();
            assertEquals(CommKernelClient.R_KERNEL_FINISHED, host.readHeader());
            assertEquals(0, host.readInt8());

            assertNull(host.load(KernelSessionTest.fixture("reset_loopback.elf")));
            host.run();
            assertEquals(CommKernelClient.R_RPC_REQUEST, host.readHeader(), "no underflow: the counter is past the earlier events");
            List<Object> args = host.readRpcRequestBody().args();
            assertEquals(80L, args.get(0), "its own edge, 80 mu after its pulse, not the earlier kernel's");
            assertTrue((Long) args.get(1) > 14_000_000L, "it ran after the earlier kernel's events played out");
            assertEquals(CommKernelClient.R_KERNEL_FINISHED, host.readHeader());
            assertEquals(0, host.readInt8());
        }
    }

    @Test
    void aOneMebibyteRpcReturnValueFitsOnTheKernelStack() throws IOException {
        // test_performance.py receives 1 MiB values into the kernel's stack (rpc_recv's allocas).
        try (CommKernelClient host = new CommKernelClient(server.kernelPort())) {
            assertNull(host.load(KernelSessionTest.fixture("session_rpc.elf")));
            host.run();
            KernelSessionTest.nextRpc(host);
            KernelSessionTest.nextRpc(host);
            host.replyValue("li", List.of(1));
            KernelSessionTest.nextRpc(host);
            KernelSessionTest.nextRpc(host);
            host.replyValue("s", "h".repeat(1 << 20));
            assertEquals(List.of((1 << 20) * 256 + 'h'), KernelSessionTest.nextRpc(host).args());
            assertEquals(CommKernelClient.R_KERNEL_FINISHED, host.readHeader());
            assertEquals(0, host.readInt8());
        }
    }
}
