package org.coredev.emu.device.ksupport;

import org.coredev.emu.device.KernelRaiser;
import org.coredev.emu.device.i2c.I2cMaster;
import org.coredev.emu.runtime.Args;
import org.coredev.emu.runtime.Runtime;
import org.coredev.emu.runtime.RuntimeExport;

/**
 * The non-realtime buses (ksupport/nrt_bus.rs): I2C ({@code i2c_start}, {@code i2c_restart},
 * {@code i2c_stop}, {@code i2c_write}, {@code i2c_read}, {@code i2c_switch_select}) and the
 * converter SPI ({@code spi_set_config}, {@code spi_write}, {@code spi_read}). Each call is a
 * request to the comms CPU (runtime/kern_hwreq.rs), which drives the bus.
 *
 * <p>I2C requests go to the board's {@link I2cMaster}; one that fails there (a bus the board does
 * not have, a start on a held bus, a switch that does not acknowledge) raises I2CError "I2C bus
 * could not be accessed", as ksupport does; a NACKed byte is {@code False} for the kernel. Each
 * request costs a mailbox round trip (500 cycles) and the bus time the comms CPU spends
 * bit-banging it (100 us a half period: 1.8 ms a byte), during which the RTIO counter runs on.
 *
 * <p>coredev models no non-realtime SPI bus, so those requests fail as on a board without one:
 * SPIError "SPI bus could not be accessed".
 */
public final class NrtBuses {
    public static final int CALL_CYCLES = 500;
    /** Kernel CPU cycles (125 MHz) per half period of the I2C clock. */
    public static final int HALF_PERIOD_CYCLES = I2cMaster.HALF_PERIOD_US * 125;
    static final String I2C_MESSAGE = "I2C bus could not be accessed", SPI_MESSAGE = "SPI bus could not be accessed";

    private NrtBuses() {}

    public static void register(Runtime runtime, KernelRaiser raiser, I2cMaster i2c) {
        RuntimeExportFailing spi = a -> raiser.raise("SPIError", SPI_MESSAGE, 0, 0, 0);
        runtime.register(RuntimeExport.of("i2c_start", "v(i)", CALL_CYCLES, a -> i2c(a, raiser, i2c.start(a.i(0)))));
        runtime.register(RuntimeExport.of("i2c_restart", "v(i)", CALL_CYCLES, a -> i2c(a, raiser, i2c.restart(a.i(0)))));
        runtime.register(RuntimeExport.of("i2c_stop", "v(i)", CALL_CYCLES, a -> i2c(a, raiser, i2c.stop(a.i(0)))));
        runtime.register(RuntimeExport.of("i2c_write", "i(ii)", CALL_CYCLES, a -> i2c(a, raiser, i2c.write(a.i(0), a.i(1)))));
        runtime.register(RuntimeExport.of("i2c_read", "i(ii)", CALL_CYCLES, a -> i2c(a, raiser, i2c.read(a.i(0), a.i(1) != 0))));
        runtime.register(RuntimeExport.of("i2c_switch_select", "v(iii)", CALL_CYCLES,
                a -> i2c(a, raiser, i2c.switchSelect(a.i(0), a.i(1), a.i(2)))));
        runtime.register(RuntimeExport.of("spi_set_config", "v(iiiii)", CALL_CYCLES, spi::fail));
        runtime.register(RuntimeExport.of("spi_write", "v(ii)", CALL_CYCLES, spi::fail));
        runtime.register(RuntimeExport.of("spi_read", "i(i)", CALL_CYCLES, spi::fail));
    }

    /** The bus time is charged first; a failed request raises after the round trip, as on the board. */
    private static long i2c(Args a, KernelRaiser raiser, I2cMaster.Result r) {
        a.cpu().addCycles((long) HALF_PERIOD_CYCLES * r.halfPeriods());
        if (!r.succeeded()) {
            a.cpu().addCycles(CALL_CYCLES);   // a raising call never reaches the export's own charge
            throw raiser.raise("I2CError", I2C_MESSAGE, 0, 0, 0);
        }
        return r.value();
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
