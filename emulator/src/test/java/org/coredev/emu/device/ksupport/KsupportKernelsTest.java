package org.coredev.emu.device.ksupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.coredev.emu.device.CoreDevice;
import org.coredev.emu.device.DeviceConfig;
import org.coredev.emu.device.KernelOutcome;
import org.coredev.emu.device.KernelRun;
import org.coredev.emu.device.LogLine;
import org.coredev.rtio.trace.RtioEvent;
import org.junit.jupiter.api.Test;

/**
 * C kernels built with Debian clang/lld (src/test/ksupport-fixtures/build.sh) calling core_log,
 * the cache and DMA on a real CoreDevice, with the exports as the core device wires them.
 */
class KsupportKernelsTest {
    private static final Path FIXTURES = Path.of("src/test/ksupport-fixtures");
    private static final int TTL_OUT = 5;

    private CoreDevice device;
    private Ksupport ksupport;

    private static Map<String, Object> local(String module, String cls, Map<String, Object> arguments) {
        return Map.of("type", "local", "module", module, "class", cls, "arguments", arguments);
    }

    private void boot(String target) throws Exception {
        Map<String, Object> db = new LinkedHashMap<>();
        db.put("core", local("artiq.coredevice.core", "Core", Map.of("host", "kasli", "ref_period", 1e-9, "target", target)));
        db.put("ttl_out", local("artiq.coredevice.ttl", "TTLOut", Map.of("channel", (long) TTL_OUT)));
        device = new CoreDevice(DeviceConfig.fromDb("ksupport_device_db.py", db));
        ksupport = device.ksupport();
    }

    private KernelRun run(String fixture) throws Exception {
        return device.run(fixture, Files.readAllBytes(FIXTURES.resolve(fixture)));
    }

    /** The core_log lines of the device's log, without their prefix. */
    private List<LogLine> coreLog() {
        return device.log().stream().filter(l -> l.text().startsWith(CoreLog.PREFIX)).toList();
    }

    private List<String> logText() { return coreLog().stream().map(l -> l.text().substring(CoreLog.PREFIX.length())).toList(); }

    @Test
    void coreLogFormatsVarargsFromRegistersAndStackUnderIlp32d() throws Exception {
        boot("rv32g");
        coreLogLines(run("core_log-rv32g.elf"));
    }

    @Test
    void coreLogFormatsVarargsFromRegistersAndStackUnderIlp32() throws Exception {
        boot("rv32ima");
        coreLogLines(run("core_log-rv32ima.elf"));
    }

    private void coreLogLines(KernelRun run) {
        assertInstanceOf(KernelOutcome.Finished.class, run.outcome(), run.outcome().describe());
        assertEquals(List.of(
                "int -7    42|3   |beef BEEF 4000000000",
                "ll -5000000000 123456789abcdef",
                "str coredev Z ab %",
                "float 3.250000 -1234.500000",
                "many 1 2 3 4 5 6 0.500000 7 8",
                "partial line"), logText());
        List<LogLine> log = coreLog();
        for (int k = 1; k < log.size(); k++) assertTrue(log.get(k).timeMu() > log.get(k - 1).timeMu(), "lines in time order");
    }

    @Test
    void cacheRowsPersistAcrossKernelsAndBorrowedRowsCannotBeReplaced() throws Exception {
        boot("rv32g");
        assertInstanceOf(KernelOutcome.Finished.class, run("cache_put-rv32g.elf").outcome());
        assertInstanceOf(KernelOutcome.Finished.class, run("cache_get-rv32g.elf").outcome());
        assertEquals(List.of("x2: 3 values, sum 6", "missing: 0 values"), logText());
        KernelOutcome.Uncaught busy = assertInstanceOf(KernelOutcome.Uncaught.class, run("cache_busy-rv32g.elf").outcome());
        assertEquals("CacheError", busy.name());
        assertEquals("cannot put into a busy cache row", busy.message());
        assertEquals("borrowed 3 values", logText().getLast());
        // The row is unborrowed for the next kernel and still holds its values.
        assertInstanceOf(KernelOutcome.Finished.class, run("cache_get-rv32g.elf").outcome());
        assertEquals(java.util.Optional.of(List.of(1, 2, 3)), ksupport.cache().row("x2"));
    }

    @Test
    void dmaRecordsWithoutOutputAndPlaysBackRelativeToNow() throws Exception {
        boot("rv32g");
        KernelRun run = run("dma-rv32g.elf");
        assertInstanceOf(KernelOutcome.Finished.class, run.outcome(), run.outcome().describe());
        assertEquals("duration 4000, aligned 1, ddma 0", logText().getFirst());
        String[] played = logText().get(1).split(" ");
        long start = Long.parseLong(played[2]), end = Long.parseLong(played[4]);
        assertEquals(start + 8000, end, "two playbacks advance the timeline by twice the duration");
        List<RtioEvent> events = run.events("ttl_out");
        assertEquals(80, events.size(), "40 events played twice, none output while recording");
        for (int k = 0; k < 80; k++) {
            assertEquals(start + 100L * (k + 1), events.get(k).timestampMu());
            assertEquals((k + 1) & 1, events.get(k).data());
        }
        assertEquals(0, run.asyncErrorBits());
    }

    @Test
    void backToBackPlaybackOfAShortTraceUnderflows() throws Exception {
        boot("rv32g");
        KernelOutcome.Uncaught u = assertInstanceOf(KernelOutcome.Uncaught.class, run("dma_underflow-rv32g.elf").outcome());
        assertEquals("RTIOUnderflow", u.name());
        assertTrue(u.message().startsWith("RTIO underflow at channel 0x0005:ttl_out, "), u.message());
    }

    @Test
    void retrievingAnErasedTraceRaisesDmaErrorAndLogsTheName() throws Exception {
        boot("rv32g");
        assertInstanceOf(KernelOutcome.Finished.class, run("dma-rv32g.elf").outcome());
        KernelOutcome.Uncaught u = assertInstanceOf(KernelOutcome.Uncaught.class, run("dma_missing-rv32g.elf").outcome());
        assertEquals("DMAError", u.name());
        assertEquals("DMA trace not found", u.message());
        assertEquals("DMA trace called \"pulses\" not found", logText().getLast());
    }

    @Test
    void dmaTimingLandsInsideArtiqsHardwareTestBounds() throws Exception {
        boot("rv32g");
        KernelRun run = run("dma_timing-rv32g.elf");
        assertInstanceOf(KernelOutcome.Finished.class, run.outcome(), run.outcome().describe());
        String[] record = logText().get(0).split(" "), playback = logText().get(1).split(" ");
        double recordPerEventNs = Long.parseLong(record[1]) / 2000.0, playbackPerTraceNs = Long.parseLong(playback[1]) / 2000.0;
        // test_dma_record_time: under 11 us an event; test_dma_playback_time: a 40-event trace under 4.5 us
        // (its events span 4 us, so back-to-back playback settles at the timeline's pace once the lanes fill).
        assertTrue(recordPerEventNs < 11_000, "record " + recordPerEventNs + " ns/event");
        assertTrue(playbackPerTraceNs < 4_500 && playbackPerTraceNs >= 3_900, "playback " + playbackPerTraceNs + " ns/trace");
        assertEquals(0, run.asyncErrorBits());
    }

    @Test
    void committedFixturesRebuildByteForByte() throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("bash", "build.sh", "--check").directory(FIXTURES.toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("cannot run bash build.sh (needs the Debian packages clang and lld): " + e.getMessage(), e);
        }
        p.getOutputStream().close();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "build.sh --check did not finish within 120 s");
        String output = new String(out.join()) + new String(err.join());
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("reproduce byte for byte"), output);
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            in.transferTo(b);
            return b.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
