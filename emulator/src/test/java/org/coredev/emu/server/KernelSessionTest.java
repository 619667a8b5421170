package org.coredev.emu.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.coredev.emu.EmulatorException;
import org.coredev.emu.device.CoreDevice;
import org.coredev.emu.device.DeviceDbFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The kernel session port driven by a host written after comm_kernel.py, over loopback. */
@Timeout(120)
class KernelSessionTest {
    static final Path KERNELS = Path.of("../examples/kernels");
    static final Path FIXTURES = Path.of("src/test/java/org/coredev/emu/server/fixtures");

    CoreDeviceServer server;

    @BeforeEach
    void start() throws EmulatorException {
        server = CoreDeviceServer.start(DeviceDbFile.builtIn(), CoreDeviceServer.Options.defaults().withPortBase(0));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static byte[] kernel(String name) throws IOException {
        return Files.readAllBytes(KERNELS.resolve(name));
    }

    static byte[] fixture(String name) throws IOException {
        return Files.readAllBytes(FIXTURES.resolve(name));
    }

    @Test
    void systemInfoReportsTheArtiqRuntimeAndAGatewareVersion() throws IOException {
        try (CommKernelClient host = new CommKernelClient(server.kernelPort())) {
            CommKernelClient.SystemInfo info = host.systemInfo();
            assertEquals("AROR", info.runtimeId());
            assertEquals("9.0", info.gatewareVersion());
            assertTrue(info.finishedCleanly());
        }
    }

    @Test
    void blinkLoadsRunsAndFinishesWithoutAsyncErrors() throws IOException {
        try (CommKernelClient host = new CommKernelClient(server.kernelPort())) {
            assertNull(host.load(kernel("blink.elf")));
            host.run();
            assertEquals(CommKernelClient.R_KERNEL_FINISHED, host.readHeader());
            assertEquals(0, host.readInt8());
        }
    }

    @Test
    void theAnalyzerDumpHoldsBlinksEdgesThenTheStopMessage() throws IOException {
        byte[] blink = kernel("blink.elf");
        runToFinish(blink);
        long start = sessionMu(blink);
        AnalyzerClient.Dump dump = AnalyzerClient.decode(AnalyzerClient.getDump(server.analyzerPort()));
        List<AnalyzerClient.Message> m = dump.messages();
        assertEquals(9, m.size());
        assertEquals(9 * 32, dump.sentBytes());
        assertEquals(9 * 32, dump.totalByteCount());
        assertFalse(dump.errorOccurred());
        for (int k = 0; k < 8; k++) {
            // blink.expected: ttl3 on at 125104 mu, then a toggle every 250000 mu
            // (here after the session's upload and start time)
            long t = start + 125104 + 250_000L * k;
            assertEquals(new AnalyzerClient.Output(3, t, t, 0, k % 2 == 0 ? 1 : 0), m.get(k));
        }
        AnalyzerClient.Stopped stopped = (AnalyzerClient.Stopped) m.get(8);
        assertTrue(stopped.rtioCounter() > 0);
    }

    @Test
    void aLongRunningServerKeepsWhatTheAnalyzerRingHoldsAndNoWaveforms() throws IOException {
        byte[] pulses = kernel("pulses.elf");   // 40000 events a run, more than the ring's 16384 messages
        runToFinish(pulses);
        runToFinish(pulses);
        int kept = server.inspect(d -> d.rtio().eventLog().size() - d.rtio().eventLog().first());
        assertEquals(16384, kept, "events the analyzer can still dump");
        assertEquals(0, (int) server.inspect(d -> d.rtio().signalTrace().size()), "no pin-level changes kept");
        AnalyzerClient.Dump dump = AnalyzerClient.decode(AnalyzerClient.getDump(server.analyzerPort()));
        assertEquals(16384, dump.messages().size());
        assertEquals((2 * 40_000L + 1) * 32, dump.totalByteCount(), "every message since the analyzer was armed counts");
        assertInstanceOf(AnalyzerClient.Stopped.class, dump.messages().getLast());
        long lastPulse = server.inspect(d -> d.rtio().eventLog().get(d.rtio().eventLog().size() - 1).timestampMu());
        assertEquals(lastPulse, ((AnalyzerClient.Output) dump.messages().get(16382)).timestamp(), "the newest events are kept");
    }

    @Test
    void theDeviceTimeContinuesFromOneKernelToTheNextAndTheAnalyzerRearms() throws IOException {
        runToFinish(kernel("blink.elf"));
        AnalyzerClient.Dump first = AnalyzerClient.decode(AnalyzerClient.getDump(server.analyzerPort()));
        runToFinish(kernel("blink.elf"));
        AnalyzerClient.Dump second = AnalyzerClient.decode(AnalyzerClient.getDump(server.analyzerPort()));
        assertEquals(9, second.messages().size(), "only the second run's events after re-arming");
        long firstStop = ((AnalyzerClient.Stopped) first.messages().get(8)).rtioCounter();
        long secondStop = ((AnalyzerClient.Stopped) second.messages().get(8)).rtioCounter();
        long secondFirst = ((AnalyzerClient.Output) second.messages().get(0)).timestamp();
        // break_realtime in the second kernel reads a counter that went on from the first kernel's end
        assertTrue(secondFirst > firstStop + 125_000, secondFirst + " after " + firstStop);
        assertTrue(secondStop > firstStop);
    }

    @Test
    void anUncaughtExceptionComesBackWithNameMessageAndRelativeBacktrace() throws IOException {
        try (CommKernelClient host = new CommKernelClient(server.kernelPort())) {
            assertNull(host.load(kernel("exception.elf")));
            host.run();
            assertEquals(CommKernelClient.R_KERNEL_EXCEPTION, host.readHeader());
            CommKernelClient.KernelException e = host.readKernelExceptionBody();
            assertEquals(1, e.exceptions().size());
            CommKernelClient.Exn exn = e.exceptions().getFirst();
            assertEquals(18, exn.nameId(), "ValueError, preallocated id 18 of the host's embedding map");
            assertNull(exn.message().hostKey());
            assertEquals("frequency 500000000 Hz is above 400000000 Hz", CommKernelClient.pythonFormat(exn.message().text(), exn.params()));
            // exception.expected: return addresses 0x450613d4 and 0x45061470, sent relative to the load address
            assertEquals(List.of(0x13d4, 0x1470), e.backtrace());
            // the frames' stack pointers: inside the kernel stack (ending at 0x60000000), the caller's above the callee's
            int inner = e.stackPointers().get(0), outer = e.stackPointers().get(1);
            assertTrue(inner > 0x5ff0_0000 && inner < outer && outer < 0x6000_0000, e.stackPointers().toString());
            assertEquals(List.of(outer, 0, 2), Arrays.stream(e.exceptionInfo().getFirst()).boxed().toList());
            assertEquals(0, e.asyncErrors());
        }
    }

    @Test
    void asyncRpcsArriveAsRpcRequestsWithTheirDecodedArguments() throws IOException {
        try (CommKernelClient host = new CommKernelClient(server.kernelPort())) {
            byte[] rpc = kernel("rpc.elf");
            assertNull(host.load(rpc));
            host.run();
            long start = sessionMu(rpc);
            long[] times = {start + 125144, start + 2125144, start + 4125144};   // rpc.expected, after the session's time
            for (int i = 0; i < 3; i++) {
                assertEquals(CommKernelClient.R_RPC_REQUEST, host.readHeader());
                CommKernelClient.RpcRequest r = host.readRpcRequestBody();
                assertTrue(r.async());
                assertEquals(1, r.service());
                assertEquals(List.of(i, times[i]), r.args());
                assertEquals(Map.of(), r.kwargs());
                assertArrayEquals("n".getBytes(StandardCharsets.US_ASCII), r.returnTags());
            }
            assertEquals(CommKernelClient.R_KERNEL_FINISHED, host.readHeader());
            assertEquals(0, host.readInt8());
        }
    }

    @Test
    void synchronousRpcsGetTheHostsReturnValues() throws IOException {
        try (CommKernelClient host = new CommKernelClient(server.kernelPort())) {
            assertNull(host.load(fixture("session_rpc.elf")));
            host.run();
            CommKernelClient.RpcRequest print = nextRpc(host);
            assertEquals(1, print.service());
            assertEquals(List.of(42, 2.5, "volts", List.of(1, 2, 3), new CommKernelClient.Tuple(List.of(true, 7L))), print.args());

            CommKernelClient.RpcRequest counts = nextRpc(host);
            assertFalse(counts.async());
            assertEquals(2, counts.service());
            assertEquals(List.of("pmt", 3), counts.args());
            assertEquals("li", new String(counts.returnTags(), StandardCharsets.US_ASCII));
            host.replyValue("li", List.of(10, 20, 30));
            assertEquals(List.of(60), nextRpc(host).args(), "the kernel summed the host's list");

            CommKernelClient.RpcRequest greeting = nextRpc(host);
            assertEquals(3, greeting.service());
            assertEquals(List.of(), greeting.args());
            host.replyValue("s", "hi");
            assertEquals(List.of(2 * 256 + 'h'), nextRpc(host).args());
            assertEquals(CommKernelClient.R_KERNEL_FINISHED, host.readHeader());
            assertEquals(0, host.readInt8());
        }
    }

    @Test
    void anExceptionTheHostRaisesReachesTheKernelAndComesBackWithItsHostString() throws IOException {
        try (CommKernelClient host = new CommKernelClient(server.kernelPort())) {
            assertNull(host.load(fixture("session_rpc.elf")));
            host.run();
            nextRpc(host);
            nextRpc(host);
            host.replyValue("li", List.of(1));
            nextRpc(host);
            nextRpc(host);
            // ValueError (id 18) with the message, file and function as keys of the host's embedding map
            host.replyException(18, 77, new long[] {0, 0, 0}, 78, 12, -1, 79);
            assertEquals(CommKernelClient.R_KERNEL_EXCEPTION, host.readHeader());
            CommKernelClient.KernelException e = host.readKernelExceptionBody();
            CommKernelClient.Exn exn = e.exceptions().getLast();
            assertEquals(18, exn.nameId());
            assertEquals(77, exn.message().hostKey());
        }
    }

    @Test
    void aCorruptElfFailsToLoadWithTheLoadersMessage() throws IOException, EmulatorException {
        byte[] blink = kernel("blink.elf");
        byte[] truncated = Arrays.copyOf(blink, 300);
        String loaderMessage = assertThrows(EmulatorException.class,
                () -> new CoreDevice(DeviceDbFile.builtIn()).run(KernelSession.KERNEL_NAME, truncated)).getMessage();
        try (CommKernelClient host = new CommKernelClient(server.kernelPort())) {
            assertEquals("cannot load kernel: " + loaderMessage, host.load(truncated));
            String garbage = host.load("not an ELF file at all".getBytes(StandardCharsets.US_ASCII));
            assertTrue(garbage.startsWith("cannot load kernel: kernel.elf"), garbage);
            host.run();   // nothing loaded: session.rs answers KernelStartupFailed
            assertEquals(CommKernelClient.R_KERNEL_STARTUP_FAILED, host.readHeader());
            assertNull(host.load(blink), "the session goes on after a failed load");
        }
    }

    @Test
    void subkernelsAreRefusedAsOnABoardWithoutDrtio() throws IOException {
        try (CommKernelClient host = new CommKernelClient(server.kernelPort())) {
            host.writeHeader(9);   // SubkernelUpload(id, destination, library)
            host.writeInt32(1);
            host.writeInt8(1);
            host.writeBytes(kernel("blink.elf"));
            host.flush();
            assertEquals(CommKernelClient.R_LOAD_FAILED, host.readHeader());
            assertEquals("No DRTIO on this system, subkernels are not supported", host.readString());
        }
    }

    @Test
    void anUnknownMessageEndsThatConnectionOnlyAndIsReportedAtTheNextSystemInfo() throws IOException {
        try (CommKernelClient host = new CommKernelClient(server.kernelPort())) {
            host.writeHeader(0x42);
            host.flush();
            assertEquals(-1, host.rawInput().read(), "the server closed the connection");
        }
        try (CommKernelClient host = new CommKernelClient(server.kernelPort())) {
            assertFalse(host.systemInfo().finishedCleanly());
            assertTrue(host.systemInfo().finishedCleanly(), "SystemInfo resets the flag");
        }
        assertTrue(server.coreLog().contains("ERROR(runtime::session): session aborted: unknown packet 0x42"), server.coreLog());
    }

    @Test
    void aTruncatedLoadEndsThatConnectionAndTheServerGoesOn() throws IOException {
        try (CommKernelClient host = new CommKernelClient(server.kernelPort())) {
            host.writeHeader(CommKernelClient.LOAD_KERNEL);
            host.writeInt32(1000);
            host.writeRaw(new byte[10]);
            host.flush();
            host.socket.shutdownOutput();
            assertEquals(-1, host.rawInput().read());
        }
        assertTrue(server.coreLog().contains("connection closed inside kernel library (10 of 1000 bytes)"), server.coreLog());
        runToFinish(kernel("blink.elf"));
    }

    @Test
    void aWrongGreetingIsRefusedAndLeavesTheRunningSessionAlone() throws IOException {
        try (CommKernelClient session = new CommKernelClient(server.kernelPort())) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", server.kernelPort())) {
                s.setSoTimeout(30_000);
                s.getOutputStream().write("ARTIQ nonsense\n".getBytes(StandardCharsets.US_ASCII));
                assertEquals(-1, s.getInputStream().read());
            }
            assertEquals("AROR", session.systemInfo().runtimeId());
        }
    }

    @Test
    void anOversizedLibraryIsRefusedBeforeItIsRead() throws IOException {
        try (CommKernelClient host = new CommKernelClient(server.kernelPort())) {
            host.writeHeader(CommKernelClient.LOAD_KERNEL);
            host.writeInt32(-1);
            host.flush();
            assertEquals(-1, host.rawInput().read());
        }
        assertTrue(server.coreLog().contains("kernel library of 4294967295 bytes exceeds the limit"), server.coreLog());
    }

    @Test
    void aNewSessionEndsThePreviousOneAsOnTheBoard() throws IOException {
        try (CommKernelClient first = new CommKernelClient(server.kernelPort())) {
            assertTrue(first.systemInfo().finishedCleanly());
            try (CommKernelClient second = new CommKernelClient(server.kernelPort())) {
                assertEquals(-1, first.rawInput().read(), "the first connection was closed");
                assertTrue(second.systemInfo().finishedCleanly(), "an interrupted idle session is not an error");
            }
        }
    }

    @Test
    void aRunawayKernelIsStoppedAtTheCycleBudgetAndReportedAsRuntimeError() throws IOException, EmulatorException {
        server.close();
        server = CoreDeviceServer.start(DeviceDbFile.builtIn(), CoreDeviceServer.Options.defaults().withPortBase(0).withMaxCycles(100));
        try (CommKernelClient host = new CommKernelClient(server.kernelPort())) {
            assertNull(host.load(kernel("blink.elf")));
            host.run();
            assertEquals(CommKernelClient.R_KERNEL_EXCEPTION, host.readHeader());
            CommKernelClient.Exn exn = host.readKernelExceptionBody().exceptions().getFirst();
            assertEquals(15, exn.nameId(), "RuntimeError");
            assertTrue(exn.message().text().startsWith("stopped: cycle budget exhausted after 100 cycles"), exn.message().text());
        }
    }

    static byte[] sha256(byte[] bytes) throws Exception {
        return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
    }

    /** One run of resident_counter: answers its increment RPC, returns the counter it reports. */
    static Object runCounter(CommKernelClient host, byte[] digest, int increment) throws IOException {
        host.runResident(digest);
        CommKernelClient.RpcRequest ask = nextRpc(host);
        assertEquals(1, ask.service());
        host.replyValue("i", increment);
        CommKernelClient.RpcRequest report = nextRpc(host);
        assertEquals(2, report.service());
        assertEquals(CommKernelClient.R_KERNEL_FINISHED, host.readHeader());
        assertEquals(0, host.readInt8());
        return report.args().getFirst();
    }

    @Test
    void aResidentKernelKeepsItsDataFromRunToRunAcrossSessionsWithNoUpload() throws Exception {
        byte[] library = fixture("resident_counter.elf");
        byte[] digest = sha256(library);
        try (CommKernelClient host = new CommKernelClient(server.kernelPort())) {
            assertNull(host.loadResident("counter.py", library));
            assertEquals(105, runCounter(host, digest, 5));
            assertEquals(112, runCounter(host, digest, 7));
        }
        try (CommKernelClient host = new CommKernelClient(server.kernelPort())) {
            assertEquals(113, runCounter(host, digest, 1), "a new session runs the same resident copy");
            assertNull(host.attachResident(digest));
            assertEquals(102, runCounter(host, digest, 2), "attaching resets the data to the file's");
            assertNull(host.loadResident("counter.py", library));
            assertEquals(103, runCounter(host, digest, 3), "the same bytes again are attached, not placed twice");
        }
        int kept = server.inspect(device -> device.residentKernels().size());
        assertEquals(1, kept);
        assertTrue(server.coreLog().contains("kernel counter.py resident at 0x"), server.coreLog());
    }

    @Test
    void unknownResidentKernelsAreRefusedAndTheSessionGoesOn() throws Exception {
        byte[] digest = sha256("nothing".getBytes(StandardCharsets.US_ASCII));
        try (CommKernelClient host = new CommKernelClient(server.kernelPort())) {
            assertEquals("no resident kernel " + java.util.HexFormat.of().formatHex(digest), host.attachResident(digest));
            host.runResident(digest);
            assertEquals(CommKernelClient.R_KERNEL_STARTUP_FAILED, host.readHeader());
            String refused = host.loadResident("broken.py", Arrays.copyOf(kernel("blink.elf"), 100));
            assertTrue(refused.startsWith("cannot keep kernel resident: "), refused);
            assertTrue(host.systemInfo().finishedCleanly());
        }
    }

    @Test
    void aKernelLoadedAfterAResidentOneRunsBesideItAndReportsItsOwnBacktrace() throws Exception {
        byte[] library = fixture("resident_counter.elf");
        byte[] digest = sha256(library);
        try (CommKernelClient host = new CommKernelClient(server.kernelPort())) {
            assertNull(host.loadResident("counter.py", library));
            assertEquals(101, runCounter(host, digest, 1));
            runToFinish(kernel("blink.elf"));
        }
        try (CommKernelClient host = new CommKernelClient(server.kernelPort())) {
            assertEquals(102, runCounter(host, digest, 1), "the transient kernel left the resident one alone");
        }
    }

    static CommKernelClient.RpcRequest nextRpc(CommKernelClient host) throws IOException {
        assertEquals(CommKernelClient.R_RPC_REQUEST, host.readHeader());
        return host.readRpcRequestBody();
    }

    private void runToFinish(byte[] library) throws IOException {
        try (CommKernelClient host = new CommKernelClient(server.kernelPort())) {
            assertNull(host.load(library));
            host.run();
            assertEquals(CommKernelClient.R_KERNEL_FINISHED, host.readHeader());
            host.readInt8();
        }
    }

    /** Simulated time a LoadKernel of {@code library} and its RunKernel take before the kernel's first instruction. */
    static long sessionMu(byte[] library) {
        return 8 * (ceil8(SessionTiming.KASLI.loadMu(library.length)) + ceil8(SessionTiming.KASLI.runKernelMu()));
    }

    private static long ceil8(long mu) { return (mu + 7) / 8; }
}
