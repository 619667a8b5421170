package org.coredev.dds;

import java.util.List;
import org.coredev.rtio.phy.SpiSlave;
import org.coredev.rtio.phy.SpiTransfer;

/**
 * The Mirny CPLD (artiq.coredevice.mirny, gateware quartiq/mirny, protocol revision 0) on its SPI
 * master, with its four ADF5356 PLLs and attenuators. A transaction starts with a 7-bit address
 * (its low 4 bits decoded) and a WE bit, MSB first:
 *
 * <ul>
 *   <li>addresses 0..2, the registers: 16 data bits follow; MISO shifts the register out over
 *       them, and with WE the data is written at the last bit. Register 0 reads HW_REV (bits 1:0,
 *       2: a v1.1 board), PROTO_REV (3:2, 0), IFC_MODE (7:4, 0) and the PLLs' MUXOUT lines (11:8);
 *       register 1 holds CE_N (3:0), CLK_SEL (5:4), DIV (7:6), ATT_RST, FSEN_N, MUXOUT_EEM, MEZ_OE_N
 *       (bits 8..11); register 2 the RF switches (3:0).</li>
 *   <li>addresses 4..7, PLL 0..3: the bits after the address byte go to the PLL, which latches when
 *       chip select is released; MISO is its MUXOUT.</li>
 *   <li>addresses 8..11, attenuator 0..3: 8 bits, latched when chip select is released; the
 *       attenuation is (255 - code) / 8 dB.</li>
 * </ul>
 *
 * <p>Clock: CLK_SEL 0 is the on-board 100 MHz oscillator, present on every board; on a v1.1 board 2
 * is the SMA input and 3 the MMCX one, present when the device database's {@code clk_sel} names
 * that input (the user has wired a clock to it), at the database's {@code refclk}; 1 is no input.
 * DIV divides the reference by 1, 1, 2 or 4. A channel's RF switch is closed by register 2's bit
 * or, unless MUXOUT_EEM hands the EEM lines to the MUXOUTs, by its TTL ({@code sw_device}).
 */
public final class Mirny implements SpiSlave {
    /** A PLL's reference clock. */
    public record Reference(String source, double hz) {}

    static final int HW_REV = 2;   // a v1.1 board (mirny.py: v1.0 3, v1.1 2)

    private final String name;
    private final IssueLog issues;
    private final DdsTimeline timeline;
    private final double refclkHz;
    private final int wiredInput;   // CLK_SEL value of the input the db says carries a clock, or -1
    private final Adf5356[] plls = new Adf5356[4];
    private final int[] att = new int[4];
    private final boolean[] ttlSwitch = new boolean[4];
    private int reg1, reg2;

    // The transaction in progress.
    private int bitCount;
    private int address;
    private boolean write;
    private int data;
    private int attShift;

    /**
     * @param refclkHz   the reference the database gives ({@code refclk}, for a wired SMA or MMCX input)
     * @param wiredInput the CLK_SEL value (2 SMA, 3 MMCX on v1.1) of the input the database's
     *                   {@code clk_sel} names, or -1 for the on-board oscillator
     */
    Mirny(String name, double refclkHz, int wiredInput, IssueLog issues, DdsTimeline timeline) {
        this.name = name;
        this.refclkHz = refclkHz;
        this.wiredInput = wiredInput;
        this.issues = issues;
        this.timeline = timeline;
        for (int i = 0; i < 4; i++) plls[i] = new Adf5356(name + "_ch" + i, timeline);
    }

    public String name() {
        return name;
    }

    /** Registers a channel name (the ADF5356 entry) for PLL i, so the timeline names it as the db does. */
    Adf5356 channel(int i, String channelName) {
        plls[i] = new Adf5356(channelName, timeline);
        return plls[i];
    }

    /** The PLLs, by channel. */
    public List<Adf5356> plls() {
        return List.of(plls);
    }

    /** Register 0..2 as the CPLD would read it back. */
    public int register(int r) {
        return switch (r) {
            case 0 -> {
                int muxout = 0;
                for (int i = 0; i < 4; i++) if (plls[i].muxout(reference(), chipEnabled(i))) muxout |= 1 << i;
                yield HW_REV | muxout << 8;
            }
            case 1 -> reg1;
            case 2 -> reg2;
            default -> throw new DdsException(name + ": no Mirny register " + r);
        };
    }

    /** The reference the PLLs get now, or null when the selected input carries none. */
    public Reference reference() {
        int sel = (reg1 >>> 4) & 3;
        double div = new double[] {1, 1, 2, 4}[(reg1 >>> 6) & 3];
        if (sel == 0) return new Reference("XO", 100e6 / div);
        if (sel == wiredInput) return new Reference(sel == 2 ? "SMA" : "MMCX", refclkHz / div);
        return null;
    }

    private boolean chipEnabled(int i) {
        return ((reg1 >>> i) & 1) == 0;
    }

    /** The listener for a channel's switch TTL (its ADF5356 entry's sw_device). */
    TtlTap.Listener switchTtl(int channel) {
        return (timeMu, level) -> {
            ttlSwitch[channel] = level;
            applySwitches(timeMu);
        };
    }

    private void applySwitches(long timeMu) {
        boolean ttlRoute = ((reg1 >>> 10) & 1) == 0;
        for (int i = 0; i < 4; i++) plls[i].output().setSwitch(timeMu, ((reg2 >>> i) & 1) != 0 || (ttlRoute && ttlSwitch[i]));
    }

    @Override
    public int transfer(SpiTransfer t) {
        if ((t.chipSelect() & 1) == 0) return 0;
        int miso = 0;
        for (int i = t.lengthBits() - 1; i >= 0; i--) miso = miso << 1 | bit((t.mosi() >>> i) & 1, t.endMu());
        if (t.endOfTransaction()) end(t.endMu());
        return miso;
    }

    private int bit(int b, long timeMu) {
        int n = bitCount++;
        if (n < 7) {
            address = address << 1 | b;
            return 0;
        }
        if (n == 7) {
            write = b != 0;
            address &= 0xf;
            if (address == 3 || address >= 12)
                issues.warning(name, timeMu, "SPI to Mirny address " + address + (address >= 12 ? " (an Almazny mezzanine, not modelled)" : " (no register)"));
            if (address >= 8 && address <= 11) attShift = att[address - 8];   // each attenuator's own shift register
            return 0;
        }
        int k = n - 8;
        if (address <= 2) {
            if (k >= 16) return 0;
            int out = (register(address) >>> (15 - k)) & 1;
            data = data << 1 | b;
            if (k == 15 && write) writeRegister(address, data & 0xffff, timeMu);
            return out;
        }
        if (address <= 7) {
            Adf5356 pll = plls[address - 4];
            pll.shiftIn(b);
            return pll.muxout(reference(), chipEnabled(address - 4)) ? 1 : 0;
        }
        if (address <= 11) {
            int out = (attShift >>> 7) & 1;
            attShift = (attShift << 1 | b) & 0xff;
            return out;
        }
        return 0;
    }

    private void writeRegister(int r, int value, long timeMu) {
        switch (r) {
            case 1 -> {
                reg1 = value & 0xfff;
                for (int i = 0; i < 4; i++) plls[i].update(timeMu, reference(), chipEnabled(i), "Mirny clock or chip enable");
                applySwitches(timeMu);
            }
            case 2 -> {
                reg2 = value & 0xf;
                applySwitches(timeMu);
            }
            default -> issues.warning(name, timeMu, "write to Mirny register 0, which is read-only: ignored");
        }
    }

    /** Chip select released: the PLL or attenuator addressed latches (LE), the next transaction begins afresh. */
    private void end(long timeMu) {
        if (bitCount > 8 && address >= 4 && address <= 7) {
            int i = address - 4;
            if (bitCount - 8 < 32)
                issues.error(name, timeMu, "ADF5356 write to channel " + i + " of " + (bitCount - 8) + " bits: it takes 32; not latched");
            plls[i].latch(timeMu, reference(), chipEnabled(i));
        } else if (bitCount > 8 && address >= 8 && address <= 11) {
            int i = address - 8;
            att[i] = attShift;
            plls[i].output().setAttenuation(timeMu, (255 - attShift) / 8.0);
        } else if (bitCount > 0 && bitCount < 8) {
            issues.error(name, timeMu, "Mirny transaction of " + bitCount + " bits ended inside its address byte");
        }
        bitCount = 0;
        address = 0;
        data = 0;
    }

    /** An attenuator's code (255: 0 dB). */
    public int attenuatorCode(int channel) {
        return att[channel];
    }
}
