package org.coredev.emu.device;

import static org.junit.jupiter.api.Assertions.*;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.coredev.rtio.trace.VcdWriter;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The example kernels of examples/kernels on the built-in device database: each trace equals its
 * committed .expected file exactly (regenerate with `./coredev run examples/kernels/NAME.elf >
 * examples/kernels/NAME.expected` after a deliberate change), and runs are deterministic.
 */
class ExampleKernelsTest {
    static final Path KERNELS = CoreDeviceTest.KERNELS;
    static final List<String> EXAMPLES = List.of("blink", "collision", "exception", "fault", "loopback", "print", "recursion", "rpc", "underflow");

    static KernelRun run(String name) throws Exception {
        CoreDevice device = new CoreDevice(DeviceDbFile.builtIn());
        return CoreDeviceTest.run(device, name);
    }

    @TestFactory
    Stream<DynamicTest> traceMatchesTheExpectedOutput() {
        return EXAMPLES.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            String expected = Files.readString(KERNELS.resolve(name + ".expected"));
            assertEquals(expected, run(name).format());
        }));
    }

    @Test
    void twoRunsGiveByteIdenticalVcdFiles() throws Exception {
        String[] vcd = new String[2];
        for (int k = 0; k < 2; k++) {
            CoreDevice device = new CoreDevice(DeviceDbFile.builtIn());
            CoreDeviceTest.run(device, "loopback");
            StringWriter w = new StringWriter();
            VcdWriter.write(device.rtio().signalTrace(), w);
            vcd[k] = w.toString();
        }
        assertEquals(vcd[0], vcd[1]);
        assertTrue(vcd[0].contains("$var wire 1 ") && vcd[0].contains(" ttl_out $end"));
    }

    @Test
    void builtInDatabaseHasTheDocumentedDevices() throws Exception {
        DeviceConfig c = DeviceDbFile.builtIn();
        assertEquals(org.coredev.loader.Target.RV32G, c.target());
        assertEquals(3, c.channel("led0").channel());
        assertEquals(4, c.channel("ttl_pulse").channel());
        assertEquals(DeviceConfig.Kind.SPI_MASTER, c.channel("spi_urukul0").kind());
        assertEquals(List.of(new DeviceConfig.Loopback("ttl_out", "ttl_in", 0)), c.loopbacks());
    }
}
