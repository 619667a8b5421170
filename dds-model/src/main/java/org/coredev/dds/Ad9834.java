package org.coredev.dds;

import org.coredev.rtio.phy.SpiSlave;
import org.coredev.rtio.phy.SpiTransfer;

/**
 * The Analog Devices AD9834, a 28-bit DDS with its own SPI bus (artiq.coredevice.ad9834): a
 * write-only serial port of 16-bit words framed by FSYNC (the bus's first chip select), data taken on
 * SCLK's falling edges, so the clock idles high (SPI_CLK_POLARITY). Facts from the AD9834
 * datasheet (Rev. D) and ARTIQ's driver:
 *
 * <ul>
 *   <li>D15..D14 of a word address a register: 00 the control register (D13..D0), 01 FREQ0,
 *       10 FREQ1, 11 a phase register (D13 picks PHASE0 or PHASE1, D11..D0 its 12 bits).</li>
 *   <li>With control bit B28 set, a frequency register takes two consecutive writes, the 14 LSBs
 *       then the 14 MSBs, and changes only after the second; with B28 clear, one write changes the
 *       14 MSBs (HLB set) or the 14 LSBs (HLB clear).</li>
 *   <li>FSEL and PSEL choose the registers the output uses, RESET holds the phase accumulator at 0
 *       (the output at midscale), SLEEP12 powers the DAC down and SLEEP1 stops the clock (both: no RF); PIN_SW hands FSEL, PSEL and RESET
 *       to pins, which no ARTIQ board wires: the model reads them low.</li>
 *   <li>The output is f = FTW × f_MCLK / 2^28 with phase PHASE × 2π / 4096.</li>
 * </ul>
 *
 * <p>Each change of the output becomes a timeline entry at the end of the SPI word that made it
 * (the register loads on the 16th SCLK edge). A word not 16 bits long, or sent with the clock
 * idling low, is recorded as an issue and ignored, as the chip would mistake its bits.
 */
public final class Ad9834 implements SpiSlave {
    static final int B28 = 1 << 13, HLB = 1 << 12, FSEL = 1 << 11, PSEL = 1 << 10, PIN_SW = 1 << 9, RESET = 1 << 8;
    static final int SLEEP1 = 1 << 7, SLEEP12 = 1 << 6, MODE = 1 << 1;
    private static final int ACCUMULATOR_BITS = 28;

    private final String name;
    private final double clockHz;
    private final IssueLog issues;
    private final DdsOutput output;
    private int control;
    private final long[] frequency = new long[2];
    private final int[] phase = new int[2];
    /** B28 mode: the first (LSB) word of a two-word frequency write, per register; -1 when none is pending. */
    private final int[] pendingLsbs = {-1, -1};
    private boolean written;

    /**
     * @param name    the device name in the database
     * @param clockHz the master clock (the driver's {@code clk_freq}, 75 MHz by default)
     */
    public Ad9834(String name, double clockHz, IssueLog issues, DdsTimeline timeline) {
        this.name = name;
        this.clockHz = clockHz;
        this.issues = issues;
        this.output = new DdsOutput(name, timeline, true, 0.0);
    }

    public String name() {
        return name;
    }

    /** The output as the timeline sees it (no RF switch or attenuator on this chip: always through). */
    public DdsOutput output() {
        return output;
    }

    /** The control register. */
    public int control() {
        return control;
    }

    /** A frequency register's 28-bit tuning word. */
    public long frequencyWord(int register) {
        return frequency[register];
    }

    /** A phase register's 12 bits. */
    public int phaseWord(int register) {
        return phase[register];
    }

    @Override
    public int transfer(SpiTransfer t) {
        if ((t.chipSelect() & 1) == 0) return 0;   // FSYNC is the bus's first chip select (the driver's cs=1)
        if (t.lengthBits() != 16) {
            issues.error(name, t.startMu(), "SPI transfer of " + t.lengthBits() + " bits: the AD9834 takes 16-bit words; ignored");
        } else if (!t.clockPolarity()) {
            issues.error(name, t.startMu(), "SPI clock idles low: the AD9834 takes data on SCLK's falling edges and needs"
                    + " SPI_CLK_POLARITY; word ignored");
        } else {
            write(t.endMu(), t.mosi() & 0xffff);   // the wire's first bit is D15, whatever order the master shifted
        }
        return 0;   // no SDO: MISO floats, read as zeros
    }

    private void write(long timeMu, int word) {
        int data = word & 0x3fff;
        switch (word >>> 14) {
            case 0b00 -> {
                if ((data & B28) == 0) pendingLsbs[0] = pendingLsbs[1] = -1;
                control = data;
                update(timeMu, "control register");
            }
            case 0b01, 0b10 -> writeFrequency(timeMu, (word >>> 14) - 1, data);
            default -> {
                int register = (word >>> 13) & 1;
                phase[register] = word & 0xfff;
                update(timeMu, "PHASE" + register);
            }
        }
    }

    private void writeFrequency(long timeMu, int register, int bits) {
        long old = frequency[register];
        if ((control & B28) != 0) {
            if (pendingLsbs[register] < 0) {   // the first of the two words: held until the second
                pendingLsbs[register] = bits;
                return;
            }
            frequency[register] = (long) bits << 14 | pendingLsbs[register];
            pendingLsbs[register] = -1;
        } else if ((control & HLB) != 0) {
            frequency[register] = (old & 0x3fff) | (long) bits << 14;
        } else {
            frequency[register] = (old & ~0x3fffL) | bits;
        }
        update(timeMu, "FREQ" + register);
    }

    /** A timeline entry when what the output shows may have changed. */
    private void update(long timeMu, String cause) {
        boolean pins = (control & PIN_SW) != 0;
        boolean reset = !pins && (control & RESET) != 0;
        int f = pins ? 0 : (control & FSEL) != 0 ? 1 : 0, p = pins ? 0 : (control & PSEL) != 0 ? 1 : 0;
        boolean dacOff = (control & (SLEEP12 | SLEEP1)) != 0;   // DAC down, or MCLK stopped (a DC level, no RF)
        long ftw = reset ? 0 : frequency[f];
        double amplitude = reset || dacOff ? 0.0 : 1.0;
        double offset = phase[p] / 4096.0;
        DdsTimeline.Entry now = output.current();
        long accumulator = now == null || reset ? 0 : now.accumulatorAt(Math.max(timeMu, now.timeMu()));
        if (written && now != null && now.ftw() == ftw && now.offsetTurns() == offset && now.amplitude() == amplitude) return;
        written = true;
        String shape = (control & MODE) != 0 ? " (triangle)" : "";
        output.set(timeMu, ftw, ACCUMULATOR_BITS, accumulator, clockHz, offset, amplitude, cause + shape);
    }
}
