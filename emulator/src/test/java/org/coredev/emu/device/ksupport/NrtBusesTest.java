package org.coredev.emu.device.ksupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.coredev.emu.cpu.rv32.Rv32Cpu;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** No I2C / NRT SPI bus and no subkernels: the calls raise what the board raises for a missing bus. */
class NrtBusesTest {
    private Machine boot() {
        Machine m = new Machine(Rv32Cpu.Variant.RV32G);
        NrtBuses.register(m.runtime, m.raiser);
        Subkernels.register(m.runtime, m.raiser);
        return m;
    }

    @ParameterizedTest
    @ValueSource(strings = {"i2c_start", "i2c_restart", "i2c_stop", "i2c_write", "i2c_read", "i2c_switch_select"})
    void i2cRaisesI2CError(String export) {
        Machine m = boot();
        Machine.Raised e = assertThrows(Machine.Raised.class, () -> m.call(export, 0, 0xe0, 1));
        assertEquals("I2CError", e.name);
        assertEquals("I2C bus could not be accessed", e.template);
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
        NrtBuses.register(m.runtime, m.raiser);
        long t = m.cpu.cycles();
        assertThrows(Machine.Raised.class, () -> m.call("spi_read", 0));
        long spent = m.cpu.cycles() - t;
        assertTrue(spent >= NrtBuses.CALL_CYCLES && spent < NrtBuses.CALL_CYCLES + 10, "cycles: " + spent);
    }
}
