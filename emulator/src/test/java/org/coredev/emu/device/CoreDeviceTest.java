package org.coredev.emu.device;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.coredev.emu.EmulatorException;
import org.coredev.rtio.trace.RtioEvent;
import org.junit.jupiter.api.Test;

class CoreDeviceTest {
    static final Path KERNELS = Path.of("../examples/kernels");

    static KernelRun run(CoreDevice device, String name) throws Exception {
        Path elf = KERNELS.resolve(name + ".elf");
        return device.run(elf.toString(), Files.readAllBytes(elf));
    }

    @Test
    void blinkPulsesTheLedFourTimes() throws Exception {
        CoreDevice device = TestDeviceDb.device();
        KernelRun run = run(device, "blink");
        assertEquals(new KernelOutcome.Finished(), run.outcome(), run.format());
        List<RtioEvent> led = run.events("led0");
        assertEquals(8, led.size(), run.format());
        long start = led.get(0).timestampMu();
        for (int k = 0; k < 8; k++) {
            assertEquals(start + 250_000L * k, led.get(k).timestampMu());
            assertEquals(k % 2 == 0 ? 1 : 0, led.get(k).data());
        }
        // break_realtime puts the first event 125000 mu after the counter read.
        assertTrue(start - run.startMu() >= 125_000 && start - run.startMu() < 126_000, "start " + start);
    }

    @Test
    void aReusedDeviceKeepsOnlyTheLastRunsEventsAndSaysSo() throws Exception {
        CoreDevice device = TestDeviceDb.device();
        assertEquals(CoreDevice.History.LAST_RUN, device.history());
        KernelRun first = run(device, "blink");
        KernelRun second = run(device, "blink");
        assertEquals(8, second.events("led0").size(), second.format());
        assertEquals(second.firstEvent(), device.rtio().eventLog().first(), "the first run's events are gone");
        IllegalStateException e = assertThrows(IllegalStateException.class, first::events);
        assertTrue(e.getMessage().contains("were discarded when a later kernel ran") && e.getMessage().contains("History.ALL"), e.getMessage());
        assertEquals(8, device.rtio().signalTrace().size(), "the signal trace holds the last run's eight edges");
    }

    @Test
    void historyAllKeepsEveryRunsEvents() throws Exception {
        CoreDevice device = TestDeviceDb.device();
        device.setHistory(CoreDevice.History.ALL);
        KernelRun first = run(device, "blink");
        int changesAfterFirst = device.rtio().signalTrace().size();
        KernelRun second = run(device, "blink");
        assertEquals(8, first.events("led0").size());
        assertEquals(8, second.events("led0").size());
        assertEquals(0, device.rtio().eventLog().first());
        assertEquals(changesAfterFirst + 8, device.rtio().signalTrace().size(), "the first run's changes and the second's eight edges");
    }

    @Test
    void theWallClockBudgetStopsAKernelThatOnlyCallsTheRuntime() throws Exception {
        // pulses makes 40000 runtime calls and never ends a cycle slice: the watchdog must still look.
        KernelRun run = run(TestDeviceDb.device().withMaxWallSeconds(0), "pulses");
        KernelOutcome.BudgetExhausted b = assertInstanceOf(KernelOutcome.BudgetExhausted.class, run.outcome(), run.outcome().describe());
        assertEquals("wall-time", b.budget());
        assertEquals(124, run.outcome().exitStatus());
    }

    @Test
    void tooFastPulseTrainUnderflowsWithTheBoardsMessage() throws Exception {
        KernelRun run = run(TestDeviceDb.device(), "underflow");
        KernelOutcome.Uncaught u = assertInstanceOf(KernelOutcome.Uncaught.class, run.outcome(), run.format());
        assertEquals("RTIOUnderflow", u.name());
        assertTrue(u.message().matches("RTIO underflow at channel 0x0004:ttl4, \\d+ mu, slack -?\\d+ mu"), u.message());
        assertEquals(1, run.outcome().exitStatus());
        assertFalse(run.events("ttl4").isEmpty(), "events before the underflow reached the pins");
    }

    @Test
    void loopbackTimestampsThePulse() throws Exception {
        KernelRun run = run(TestDeviceDb.device(), "loopback");
        assertEquals(new KernelOutcome.Finished(), run.outcome(), run.format());
        List<RtioEvent> latency = run.events("led0");
        assertEquals(1, latency.size(), run.format());
        long mu = latency.get(0).data();
        assertTrue(mu >= 20 && mu <= 170, "round trip " + mu + " mu (ARTIQ's test_loopback accepts 20 to 170 ns)");
    }

    @Test
    void aliasesResolveLikeArtiq() throws Exception {
        DeviceConfig c = DeviceConfig.fromDb("db.py", TestDeviceDb.db("rv32g"));
        assertEquals("ttl3", c.resolve("led0"));
        assertEquals(3, c.channel("led0").channel());
        EmulatorException e = assertThrows(EmulatorException.class, () -> c.channel("nope"));
        assertTrue(e.getMessage().contains("'nope'"));
    }

    @Test
    void twoDevicesOnOneChannelAreRefused() {
        var db = new java.util.LinkedHashMap<>(TestDeviceDb.db("rv32g"));
        db.put("ttl9", TestDeviceDb.local("artiq.coredevice.ttl", "TTLOut", Map.of("channel", 4L)));
        EmulatorException e = assertThrows(EmulatorException.class, () -> DeviceConfig.fromDb("db.py", db));
        assertTrue(e.getMessage().contains("channel 4"), e.getMessage());
    }

    @Test
    void edgeCounterNamedAfterItsTtlCountsThatPad() throws Exception {
        // artiq_ddb_template: "ttl_in_counter" counts the pad of TTLInOut "ttl_in".
        var db = new java.util.LinkedHashMap<>(TestDeviceDb.db("rv32g"));
        db.put("ttl_in_counter", TestDeviceDb.local("artiq.coredevice.edge_counter", "EdgeCounter", Map.of("channel", 9L)));
        db.put("other_counter", TestDeviceDb.local("artiq.coredevice.edge_counter", "EdgeCounter", Map.of("channel", 10L)));
        DeviceConfig c = DeviceConfig.fromDb("db.py", db);
        assertTrue(c.loopbacks().contains(new DeviceConfig.Loopback("ttl_in", "ttl_in_counter", 0)), c.loopbacks().toString());
        assertEquals(2, c.loopbacks().size(), "the db's own loopback and the counter's; no TTL is named 'other'");
        assertEquals("EdgeCounter", new CoreDevice(c).rtio().phy(9).kind());
    }

    @Test
    void counterOfATtlOutIsNoChannel() throws Exception {
        // ARTIQ's kasli example db lists counters for its TTLOuts too, on channels the Urukul uses.
        var db = new java.util.LinkedHashMap<>(TestDeviceDb.db("rv32g"));
        db.put("ttl4_counter", TestDeviceDb.local("artiq.coredevice.edge_counter", "EdgeCounter", Map.of("channel", 7L)));
        DeviceConfig c = DeviceConfig.fromDb("db.py", db);
        assertEquals("spi0", c.channels().stream().filter(s -> s.channel() == 7).findFirst().orElseThrow().name());
    }

    @Test
    void drtioSatelliteChannelIsRefusedNamingItsDestination() {
        // artiq_ddb_template numbers a satellite's channels destination << 16 | channel.
        var db = new java.util.LinkedHashMap<>(TestDeviceDb.db("rv32g"));
        db.put("led1", TestDeviceDb.local("artiq.coredevice.ttl", "TTLOut", Map.of("channel", 0x10003L)));
        EmulatorException e = assertThrows(EmulatorException.class, () -> DeviceConfig.fromDb("db.py", db));
        assertEquals("db.py: device 'led1': RTIO channel 0x010003 is on DRTIO destination 1; coredev emulates the master's own channels only (destination 0)",
                e.getMessage());
    }

    @Test
    void timelineContinuesFromOneKernelToTheNext() throws Exception {
        CoreDevice device = TestDeviceDb.device();
        KernelRun first = run(device, "blink");
        KernelRun second = run(device, "blink");
        // The counter never goes back; the board does not wait for the first kernel's timeline to play out.
        assertTrue(second.startMu() >= first.endMu());
        assertTrue(second.events("led0").get(0).timestampMu() >= second.startMu() + 125_000);
    }

    @Test
    void badImageIsAnEmulatorExceptionNamingTheFile() throws Exception {
        EmulatorException e = assertThrows(EmulatorException.class, () -> TestDeviceDb.device().run("junk.elf", new byte[] {1, 2, 3}));
        assertTrue(e.getMessage().contains("junk.elf"), e.getMessage());
    }
}
