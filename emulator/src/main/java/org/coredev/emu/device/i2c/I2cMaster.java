package org.coredev.emu.device.i2c;

import java.util.List;

/**
 * The comms CPU's bit-banged I2C master (libboard_misoc/i2c.rs), which serves the kernel's
 * {@code i2c_*} requests (runtime/kern_hwreq.rs): the operations on a bus number, with the
 * firmware's failures (a bus number past the board's buses, a start while SCL is held low, a
 * switch that does not acknowledge) and its timing, counted in half periods of the bus clock
 * ({@code half_period()} is {@code spin_us(100)}: a byte takes 1.8 ms).
 *
 * <p>Bus numbers are {@code destination << 16 | bus}; the firmware routes destinations other than
 * the master's own (0) to DRTIO satellites, which coredev does not have, so those fail.
 */
public final class I2cMaster {
    public static final int HALF_PERIOD_US = 100;
    /** Half periods per operation: start, repeated start, stop, one byte written or read. */
    public static final int START = 1, RESTART = 2 + START, STOP = 3, BYTE = 8 * 2 + 2;

    /** What an operation gives the kernel, and how long the comms CPU spent on it. */
    public record Result(boolean succeeded, int value, int halfPeriods) {
        static Result failed(int halfPeriods) { return new Result(false, 0, halfPeriods); }
    }

    private final List<I2cBus> buses;

    public I2cMaster(List<I2cBus> buses) {
        this.buses = List.copyOf(buses);
    }

    /** The bus of a bus number, or null (InvalidBus, or a DRTIO destination). */
    public I2cBus bus(int busno) {
        if (busno >>> 16 != 0) return null;
        int local = busno & 0xff;   // the firmware takes the bus number as a u8
        return local < buses.size() ? buses.get(local) : null;
    }

    public Result start(int busno) {
        I2cBus bus = bus(busno);
        if (bus == null || !bus.start()) return Result.failed(0);   // SCL held low: SCLLow
        return new Result(true, 0, START);
    }

    public Result restart(int busno) {
        I2cBus bus = bus(busno);
        if (bus == null) return Result.failed(0);
        bus.restart();
        return new Result(true, 0, RESTART);
    }

    public Result stop(int busno) {
        I2cBus bus = bus(busno);
        if (bus == null) return Result.failed(0);
        bus.stop();
        return new Result(true, 0, STOP);
    }

    /** value: 1 if the byte was acknowledged, 0 for a NACK (which the kernel sees as False). */
    public Result write(int busno, int data) {
        I2cBus bus = bus(busno);
        if (bus == null) return Result.failed(0);
        return new Result(true, bus.write(data) ? 1 : 0, BYTE);
    }

    /** The master's acknowledge after the byte ({@code ack}) changes nothing a chip here models. */
    public Result read(int busno, boolean ack) {
        I2cBus bus = bus(busno);
        if (bus == null) return new Result(false, 0xff, 0);
        return new Result(true, bus.read(), BYTE);
    }

    /**
     * Writes {@code mask} to the switch at 7-bit {@code address}: start, address, mask, stop.
     * A NACK of either byte fails the request (the kernel gets I2CError).
     */
    public Result switchSelect(int busno, int address, int mask) {
        I2cBus bus = bus(busno);
        if (bus == null || !bus.start()) return Result.failed(0);
        int spent = START + BYTE;
        boolean ok = bus.write((address & 0x7f) << 1);
        if (ok) {
            ok = bus.write(mask & 0xff);
            spent += BYTE;
        }
        bus.stop();
        return new Result(ok, 0, spent + STOP);
    }
}
