package org.coredev.emu.device.ksupport;

import org.coredev.emu.device.KernelRaiser;
import org.coredev.emu.runtime.Args;
import org.coredev.emu.runtime.Runtime;
import org.coredev.emu.runtime.RuntimeExport;

/**
 * The non-realtime buses (ksupport/nrt_bus.rs): I2C ({@code i2c_start}, {@code i2c_restart},
 * {@code i2c_stop}, {@code i2c_write}, {@code i2c_read}, {@code i2c_switch_select}) and the
 * converter SPI ({@code spi_set_config}, {@code spi_write}, {@code spi_read}). Each call is a
 * request to the comms CPU (runtime/kern_hwreq.rs), which drives the bus.
 *
 * <p>coredev models no I2C or non-realtime SPI bus, so every request fails as it does on the
 * board for a bus that does not exist: ksupport raises I2CError "I2C bus could not be accessed"
 * or SPIError "SPI bus could not be accessed". Cost: a mailbox round trip, 500 cycles, charged
 * before the raise.
 */
public final class NrtBuses {
    public static final int CALL_CYCLES = 500;
    static final String I2C_MESSAGE = "I2C bus could not be accessed", SPI_MESSAGE = "SPI bus could not be accessed";

    private NrtBuses() {}

    public static void register(Runtime runtime, KernelRaiser raiser) {
        RuntimeExportFailing i2c = a -> raiser.raise("I2CError", I2C_MESSAGE, 0, 0, 0);
        RuntimeExportFailing spi = a -> raiser.raise("SPIError", SPI_MESSAGE, 0, 0, 0);
        runtime.register(RuntimeExport.of("i2c_start", "v(i)", CALL_CYCLES, i2c::fail));
        runtime.register(RuntimeExport.of("i2c_restart", "v(i)", CALL_CYCLES, i2c::fail));
        runtime.register(RuntimeExport.of("i2c_stop", "v(i)", CALL_CYCLES, i2c::fail));
        runtime.register(RuntimeExport.of("i2c_write", "i(ii)", CALL_CYCLES, i2c::fail));
        runtime.register(RuntimeExport.of("i2c_read", "i(ii)", CALL_CYCLES, i2c::fail));
        runtime.register(RuntimeExport.of("i2c_switch_select", "v(iii)", CALL_CYCLES, i2c::fail));
        runtime.register(RuntimeExport.of("spi_set_config", "v(iiiii)", CALL_CYCLES, spi::fail));
        runtime.register(RuntimeExport.of("spi_write", "v(ii)", CALL_CYCLES, spi::fail));
        runtime.register(RuntimeExport.of("spi_read", "i(i)", CALL_CYCLES, spi::fail));
    }

    /**
     * A runtime function that always raises after the comms CPU answered: the round trip is
     * charged before the raise, since a raising call never reaches the export's own charge.
     */
    @FunctionalInterface
    interface RuntimeExportFailing {
        RuntimeException raise(Args a);

        default long fail(Args a) {
            a.cpu().addCycles(CALL_CYCLES);
            throw raise(a);
        }
    }
}
