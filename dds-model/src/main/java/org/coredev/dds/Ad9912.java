package org.coredev.dds;

import java.util.Arrays;
import java.util.function.DoubleSupplier;
import org.coredev.rtio.phy.SpiTransfer;

/**
 * AD9912 DDS (1 GSPS, 48-bit FTW, 14-bit phase offset) as ARTIQ's artiq/coredevice/ad9912.py drives
 * it through Urukul.
 *
 * <p>Serial port: a 16-bit instruction (bit 15 read, bits 14:13 byte count 1, 2, 3 or streaming,
 * bits 12:0 address) followed by data bytes, MSB first, the address counting down (so
 * {@code set_mu} streams POW1, POW0, FTW5 .. FTW0 from 0x1AD). Byte registers are buffered and
 * become active on IO_UPDATE, except the serial configuration register 0x000 which configures the
 * port at once. SDO (Urukul's MISO) is driven only when 0x000 enables it (the driver writes 0x99),
 * so the product-ID read in init works only after that write. Reads return the active registers
 * (or the buffers when 0x004 bit 0 asks for them).
 *
 * <p>Output: frequency {@code FTW * sysclk / 2^48}, phase offset {@code POW / 2^14} added to a phase
 * accumulator that runs continuously; amplitude is full scale (the DAC current is not modelled).
 * The system clock is the reference times N = 2 * (N_DIV + 2) (times 2 with the PLLCFG doubler), or
 * the reference itself while PWRCNTRL1 bit 4 powers the PLL down.
 */
public final class Ad9912 implements DdsChip {
    /** Register addresses (ad9912_reg.py). */
    public static final int SER_CONF = 0x000, PRODIDL = 0x002, PRODIDH = 0x003, SER_OPT1 = 0x004,
            PWRCNTRL1 = 0x010, N_DIV = 0x020, PLLCFG = 0x022, FTW0 = 0x1a6, POW0 = 0x1ac, POW1 = 0x1ad;
    private static final int SIZE = 0x600;

    private final String name;
    private final IssueLog issues;
    private final DdsOutput output;
    private final DoubleSupplier refclkHz;

    private final byte[] buffer = new byte[SIZE];
    private final byte[] active = new byte[SIZE];
    private final boolean[] dirty = new boolean[SIZE];
    private final long[] readyAt = new long[SIZE];

    private boolean transactionOpen;
    private long busyUntil = Long.MIN_VALUE;
    private int instr;
    private int instrBits;
    private boolean haveInstr;
    private boolean read;
    private int bytesLeft;          // -1: streaming
    private int address;
    private int bitInByte;
    private int shiftIn;
    private int readByte;
    private boolean readWithoutSdoReported;
    private boolean initialised;

    Ad9912(String name, IssueLog issues, DdsTimeline timeline, DoubleSupplier refclkHz) {
        this.name = name;
        this.issues = issues;
        this.output = new DdsOutput(name, timeline);
        this.refclkHz = refclkHz;
        powerUp();
        emit(0, true, "power-up");
    }

    private void powerUp() {
        Arrays.fill(buffer, (byte) 0);
        buffer[SER_CONF] = 0x18;            // long instruction mode (bits 3 and 4), the default
        buffer[PRODIDL] = (byte) 0x82;      // product ID 0x1982 (ad9912.py accepts 0x1982 and 0x1902)
        buffer[PRODIDH] = 0x19;
        buffer[N_DIV] = 0x12;
        buffer[PLLCFG] = 0x04;              // VCO range high
        System.arraycopy(buffer, 0, active, 0, SIZE);
        Arrays.fill(dirty, false);
        initialised = false;
        resetSerial();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DdsOutput output() {
        return output;
    }

    /** The active value of a byte register. */
    public int register(int addr) {
        check(addr);
        return active[addr] & 0xff;
    }

    /** The active 48-bit frequency tuning word. */
    public long ftw() {
        long v = 0;
        for (int a = FTW0 + 5; a >= FTW0; a--) {
            v = (v << 8) | (active[a] & 0xff);
        }
        return v;
    }

    /** The active 14-bit phase offset word. */
    public int pow() {
        return (((active[POW1] & 0xff) << 8) | (active[POW0] & 0xff)) & 0x3fff;
    }

    private void check(int addr) {
        if (addr < 0 || addr >= SIZE) {
            throw new DdsException(name + ": no AD9912 register at address " + addr);
        }
    }

    @Override
    public boolean initialised() {
        return initialised;
    }

    @Override
    public double sysclkHz() {
        double ref = refclkHz.getAsDouble();
        if ((active[PWRCNTRL1] & 0x10) != 0) {
            return ref;                     // PLL powered down: the reference drives the DAC clock
        }
        int n = 2 * ((active[N_DIV] & 0x1f) + 2);
        double doubler = (active[PLLCFG] & 0x08) != 0 ? 2 : 1;
        return ref * doubler * n;
    }

    @Override
    public boolean pllLocked() {
        double sys = sysclkHz();
        return (active[PWRCNTRL1] & 0x10) == 0 && refclkHz.getAsDouble() > 0 && sys > 0 && sys <= 1e9;
    }

    // ------------------------------------------------------------------ serial port

    private void resetSerial() {
        haveInstr = false;
        instr = 0;
        instrBits = 0;
        bitInByte = 0;
        shiftIn = 0;
        readWithoutSdoReported = false;
    }

    private boolean sdoEnabled() {
        int conf = active[SER_CONF];
        return (conf & 0x01) != 0 || (conf & 0x80) != 0;
    }

    @Override
    public int shift(SpiTransfer t) {
        if (!transactionOpen) {
            transactionOpen = true;
            resetSerial();
        }
        busyUntil = t.endMu();
        int miso = 0;
        for (int i = t.lengthBits() - 1; i >= 0; i--) {
            int out = bit((t.mosi() >>> i) & 1, t);
            miso = (miso << 1) | (sdoEnabled() ? out : 0);
        }
        return miso;
    }

    private int bit(int b, SpiTransfer t) {
        if (!haveInstr) {
            instr = (instr << 1) | b;
            if (++instrBits == 16) {
                haveInstr = true;
                read = (instr & 0x8000) != 0;
                int w = (instr >>> 13) & 3;
                bytesLeft = w == 3 ? -1 : w + 1;
                address = instr & 0x1fff;
                bitInByte = 0;
                if (read) {
                    if (!sdoEnabled() && !readWithoutSdoReported) {
                        readWithoutSdoReported = true;
                        issues.error(name, t.startMu(), String.format("read of register 0x%03x before init: SDO is not "
                                + "enabled (serial config 0x000), the AD9912 answers on SDIO and MISO stays low", address));
                    }
                    readByte = readByteAt(address);
                }
            }
            return 0;
        }
        int out = read ? (readByte >>> (7 - bitInByte)) & 1 : 0;
        shiftIn = (shiftIn << 1) | b;
        if (++bitInByte == 8) {
            completeByte(t);
        }
        return out;
    }

    private int readByteAt(int a) {
        if (a < 0 || a >= SIZE) {
            return 0;
        }
        boolean fromBuffer = (active[SER_OPT1] & 1) != 0;
        return (fromBuffer ? buffer[a] : active[a]) & 0xff;
    }

    private void completeByte(SpiTransfer t) {
        if (!read && address >= 0 && address < SIZE) {
            int v = shiftIn & 0xff;
            if (address == SER_CONF) {
                buffer[address] = (byte) v;
                active[address] = (byte) v;     // configures the serial port at once
            } else if (address != PRODIDL && address != PRODIDH) {
                buffer[address] = (byte) v;
                dirty[address] = true;
                readyAt[address] = t.endMu();
            }
        } else if (!read) {
            issues.error(name, t.endMu(), String.format("SPI write to address 0x%x outside the AD9912 register map", address));
        }
        bitInByte = 0;
        shiftIn = 0;
        address--;                          // MSB-first mode: the address counts down
        if (bytesLeft > 0 && --bytesLeft == 0) {
            haveInstr = false;
            instr = 0;
            instrBits = 0;
        } else if (read) {
            readByte = readByteAt(address);
        }
    }

    @Override
    public void endTransaction(long timeMu) {
        if (haveInstr && bitInByte != 0) {
            issues.error(name, timeMu, "chip select released after " + bitInByte + " bits of a data byte");
        } else if (haveInstr && bytesLeft > 0) {
            issues.error(name, timeMu, "chip select released with " + bytesLeft + " data bytes of the instruction missing");
        } else if (!haveInstr && instrBits != 0) {
            issues.error(name, timeMu, "chip select released after " + instrBits + " instruction bits");
        }
        transactionOpen = false;
        resetSerial();
    }

    @Override
    public void ioReset(long timeMu) {
        resetSerial();
    }

    @Override
    public void masterReset(long timeMu) {
        powerUp();
        emit(timeMu, true, "master reset");
    }

    @Override
    public void profilePins(long timeMu, int profile) {
        // The AD9912 has no profiles.
    }

    @Override
    public void advanceTo(long timeMu) {
        // No autonomous output changes.
    }

    @Override
    public boolean ioUpdate(long t) {
        boolean later = false;
        for (int a = 0; a < SIZE && !later; a++) {
            later = dirty[a] && readyAt[a] > t;
        }
        if (later || (transactionOpen && haveInstr && !read)) {
            issues.error(name, t, "IO_UPDATE while an SPI write is in progress (until " + busyUntil
                    + " mu): the bytes being shifted in are not latched");
        }
        boolean any = false;
        boolean use = false;
        boolean power = false;
        for (int a = 0; a < SIZE; a++) {
            if (dirty[a] && readyAt[a] <= t) {
                active[a] = buffer[a];
                dirty[a] = false;
                any = true;
                use |= a >= FTW0 && a <= POW1;
                power |= a == PWRCNTRL1;
            }
        }
        if (!any) {
            return false;
        }
        if (use && !initialised) {
            issues.error(name, t, "DDS used before init: FTW/POW latched before the init sequence configured the chip");
        }
        if (power && sdoEnabled()) {
            initialised = true;     // ad9912.py init(): serial config, product ID, then PWRCNTRL1
        }
        emit(t, false, "IO_UPDATE");
        return true;
    }

    private void emit(long t, boolean clear, String cause) {
        DdsTimeline.Entry cur = output.current();
        long acc = cur == null || clear ? 0 : cur.accumulatorAt(t);
        long f = ftw();
        double offset = pow() / 16384.0;
        double sys = sysclkHz();
        if (!clear && cur != null && cur.ftw() == f && cur.offsetTurns() == offset && cur.sysclkHz() == sys) {
            return;
        }
        output.set(t, f, 48, acc, sys, offset, 1.0, cause);
    }
}
