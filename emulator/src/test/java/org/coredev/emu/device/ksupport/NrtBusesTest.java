package org.coredev.emu.device.ksupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.coredev.emu.cpu.rv32.Rv32Cpu;
import org.coredev.emu.device.i2c.I2cBus;
import org.coredev.emu.device.i2c.I2cMaster;
import org.coredev.emu.device.i2c.Pca9548;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The I2C exports on a board whose bus holds one PCA9548 at 0x70, the converter SPI (which no
 * board here has) and subkernels: results, raises and costs as the kernel sees them.
 */
class NrtBusesTest {
    private Machine boot() {
        Machine m = new Machine(Rv32Cpu.Variant.RV32G);
        I2cBus bus = new I2cBus();
        bus.attach(new Pca9548(0x70));
        NrtBuses.register(m.runtime, m.raiser, new I2cMaster(List.of(bus)));
        Subkernels.register(m.runtime, m.raiser);
        return m;
    }

    @ParameterizedTest
    @ValueSource(strings = {"i2c_start", "i2c_restart", "i2c_stop", "i2c_write", "i2c_read", "i2c_switch_select"})
    void i2cOnABusTheBoardLacksRaisesI2CError(String export) {   // test_i2c.py, NonexistentI2CBus
        Machine m = boot();
        Machine.Raised e = assertThrows(Machine.Raised.class, () -> m.call(export, 255, 0x70, 1));
        assertEquals("I2CError", e.name);
        assertEquals("I2C bus could not be accessed", e.template);
    }

    @Test
    void switchSelectThenReadBack() {   // I2CSwitch.set(3), then i2c_read_byte(0, 0xe0)
        Machine m = boot();
        long t = m.cpu.cycles();
        m.call("i2c_switch_select", 0, 0x70, 1 << 3);
        long expected = NrtBuses.CALL_CYCLES + 40L * NrtBuses.HALF_PERIOD_CYCLES;   // start, two bytes, stop: 4 ms
        long spent = m.cpu.cycles() - t;
        assertTrue(spent >= expected && spent < expected + 10, "cycles: " + spent);
        m.call("i2c_start", 0);
        assertEquals(1, m.call("i2c_write", 0, 0xe1), "address ACKed: True");
        assertEquals(1 << 3, m.call("i2c_read", 0, 0));
        m.call("i2c_stop", 0);
        m.call("i2c_start", 0);
        assertEquals(0, m.call("i2c_write", 0, 0xa0), "nothing at 0x50: False, no raise");
        m.call("i2c_stop", 0);
    }

    @Test
    void switchSelectOfAnAbsentSwitchRaises() {
        Machine m = boot();
        Machine.Raised e = assertThrows(Machine.Raised.class, () -> m.call("i2c_switch_select", 0, 0x74, 1));
        assertEquals("I2CError", e.name);
    }

    @Test
    void aSecondStartRaises() {
        Machine m = boot();
        m.call("i2c_start", 0);
        assertThrows(Machine.Raised.class, () -> m.call("i2c_start", 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"spi_set_config", "spi_write", "spi_read"})
    void spiRaisesSPIError(String export) {
        Machine m = boot();
        Machine.Raised e = assertThrows(Machine.Raised.class, () -> m.call(export, 0, 1, 8, 4, 1));
        assertEquals("SPIError", e.name);
        assertEquals("SPI bus could not be accessed", e.template);
    }

    @ParameterizedTest
    @ValueSource(strings = {"subkernel_load_run", "subkernel_send_message", "subkernel_await_message", "subkernel_await_finish"})
    void subkernelsRaiseSubkernelError(String export) {
        Machine m = boot();
        Machine.Raised e = assertThrows(Machine.Raised.class, () -> m.call(export, 1, 0, 0));
        assertEquals("SubkernelError", e.name);
        assertEquals("no subkernels in coredev", e.template);
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void failedRequestStillCostsTheMailboxRoundTrip(Rv32Cpu.Variant variant) {
        Machine m = new Machine(variant);
        NrtBuses.register(m.runtime, m.raiser, new I2cMaster(List.of(new I2cBus())));
        long t = m.cpu.cycles();
        assertThrows(Machine.Raised.class, () -> m.call("spi_read", 0));
        long spent = m.cpu.cycles() - t;
        assertTrue(spent >= NrtBuses.CALL_CYCLES && spent < NrtBuses.CALL_CYCLES + 10, "cycles: " + spent);
    }
}
