package org.coredev.dds;

import java.util.function.DoubleSupplier;
import org.coredev.rtio.phy.SpiTransfer;

/**
 * AD9910 DDS (1 GSPS, 32-bit FTW, 16-bit POW, 14-bit ASF) as ARTIQ's artiq/coredevice/ad9910.py
 * drives it through Urukul.
 *
 * <p>Serial port: an 8-bit instruction (bit 7 read, bits 4:0 register address) followed by the
 * register's bytes, MSB first; the RAM register (0x16) streams 32-bit words until chip select is
 * released. Written registers go to a buffer and become active on the rising edge of IO_UPDATE
 * (or a PROFILE pin change selects another active profile). Reads return the active register;
 * with CFR2 "read effective FTW" the FTW register reads the frequency word actually output.
 * SDO (Urukul's MISO) is driven only once CFR1 bit 1 (SDIO input only, 4-wire) is active, which is
 * why the driver's init latches CFR1 before its AUX_DAC read-back.
 *
 * <p>Output: single tone from the profile selected by the PROFILE pins (ASF from the profile when
 * CFR2 bit 24 is set, from the ASF register when OSK is enabled, else full scale), or RAM playback
 * (CFR1 bit 31) with the destinations FTW, POW, ASF and POW+ASF. The phase accumulator runs
 * continuously; CFR1 bit 13 (autoclear phase accumulator) clears it at the IO_UPDATE or profile
 * change that latches it, which is what ARTIQ's absolute and tracking phase modes rely on.
 */
public final class Ad9910 implements DdsChip {
    /** Register addresses (ad9910.py {@code _AD9910_REG_*}). */
    public static final int CFR1 = 0x00, CFR2 = 0x01, CFR3 = 0x02, AUX_DAC = 0x03, IO_UPDATE_RATE = 0x04,
            FTW = 0x07, POW = 0x08, ASF = 0x09, SYNC = 0x0a, RAMP_LIMIT = 0x0b, RAMP_STEP = 0x0c,
            RAMP_RATE = 0x0d, PROFILE0 = 0x0e, RAM = 0x16;

    private static final String[] NAMES = {"CFR1", "CFR2", "CFR3", "AUX_DAC", "IO_UPDATE_RATE", "0x05", "0x06",
        "FTW", "POW", "ASF", "SYNC", "RAMP_LIMIT", "RAMP_STEP", "RAMP_RATE", "PROFILE0", "PROFILE1", "PROFILE2",
        "PROFILE3", "PROFILE4", "PROFILE5", "PROFILE6", "PROFILE7", "RAM"};
    /** Register widths in bits (AD9910 datasheet register map); 0: no such register. */
    private static final int[] WIDTH = {32, 32, 32, 32, 32, 0, 0, 32, 16, 32, 32, 64, 64, 32,
        64, 64, 64, 64, 64, 64, 64, 64, 32};
    /** PLL VCO ranges in MHz per CFR3 VCO SEL (ad9910.py's table). */
    private static final int[][] VCO_MHZ = {{370, 510}, {420, 590}, {500, 700}, {600, 880}, {700, 950}, {820, 1150}};
    private static final int RAM_WORDS = 1024;
    private static final long MAX_RAM_STEPS = 1_000_000;
    /** A ramp faster than one step a microsecond is shown as one timeline entry a microsecond. */
    private static final double DRG_SAMPLE_MU = 1000;
    private static final long MAX_DRG_ENTRIES = 1_000_000;

    private final String name;
    private final IssueLog issues;
    private final DdsOutput output;
    private final DoubleSupplier refclkHz;

    private final long[] buffer = new long[NAMES.length];
    private final long[] active = new long[NAMES.length];
    private final boolean[] dirty = new boolean[NAMES.length];
    private final long[] readyAt = new long[NAMES.length];
    private final int[] ram = new int[RAM_WORDS];

    // Serial port state for the current chip-select cycle.
    private boolean transactionOpen;
    private long busyUntil = Long.MIN_VALUE;
    private int instr;
    private int instrBits;
    private boolean haveInstr;
    private int addr;
    private boolean read;
    private int width;
    private int dataBits;
    private long shiftIn;
    private long readValue;
    private int ramPtr;
    private int ramWordsThisCycle;
    private boolean readWithoutSdoReported;

    private int profile;
    private boolean initialised;

    // RAM playback.
    private boolean ramPlaying;
    private int ramAddr;
    private int ramDir;
    private int ramStart;
    private int ramEnd;
    private int ramMode;
    private double ramStepMu;
    private double ramT0;
    private long ramSteps;

    // Digital ramp generator, on SYNC_CLK (sysclk / 4) counted from the last master reset.
    private final DigitalRamp drg = new DigitalRamp();
    private long syncOriginMu;
    private double drgShownMu;
    private long drgEntries;

    Ad9910(String name, IssueLog issues, DdsTimeline timeline, DoubleSupplier refclkHz) {
        this.name = name;
        this.issues = issues;
        this.output = new DdsOutput(name, timeline);
        this.refclkHz = refclkHz;
        powerUp();
        refresh(0, true, "power-up", true);
    }

    private void powerUp() {
        java.util.Arrays.fill(buffer, 0);
        buffer[CFR2] = 0x0040_0820L;
        buffer[CFR3] = 0x1F3F_4000L;
        buffer[AUX_DAC] = 0x7F;
        buffer[IO_UPDATE_RATE] = 0xFFFF_FFFFL;
        buffer[PROFILE0] = 0x08B5_0000_0000_0000L;
        System.arraycopy(buffer, 0, active, 0, buffer.length);
        java.util.Arrays.fill(dirty, false);
        java.util.Arrays.fill(ram, 0);
        initialised = false;
        ramPlaying = false;
        drg.reset();
        drgEntries = 0;
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

    /** The active (latched) value of a register. */
    public long register(int address) {
        checkAddress(address);
        return active[address];
    }

    /** The buffered value of a register (what the next IO_UPDATE latches). */
    public long bufferedRegister(int address) {
        checkAddress(address);
        return buffer[address];
    }

    /** A RAM word. */
    public int ramWord(int address) {
        if (address < 0 || address >= RAM_WORDS) {
            throw new DdsException(name + ": RAM address must be 0..1023, got " + address);
        }
        return ram[address];
    }

    /** The PROFILE pins. */
    public int profile() {
        return profile;
    }

    /** The active single-tone FTW of the selected profile. */
    public long ftw() {
        return active[PROFILE0 + profile] & 0xffff_ffffL;
    }

    /** The active single-tone POW of the selected profile. */
    public int pow() {
        return (int) ((active[PROFILE0 + profile] >>> 32) & 0xffff);
    }

    /** The active single-tone ASF of the selected profile. */
    public int asf() {
        return (int) ((active[PROFILE0 + profile] >>> 48) & 0x3fff);
    }

    private void checkAddress(int address) {
        if (address < 0 || address >= NAMES.length || WIDTH[address] == 0) {
            throw new DdsException(name + ": no AD9910 register at address " + address);
        }
    }

    @Override
    public boolean initialised() {
        return initialised;
    }

    @Override
    public double sysclkHz() {
        long cfr3 = active[CFR3];
        double ref = refclkHz.getAsDouble();
        // CFR3 bit 15: REFCLK input divider bypass; otherwise the input is divided by 2.
        double in = ((cfr3 >>> 15) & 1) != 0 ? ref : ref / 2;
        if (((cfr3 >>> 8) & 1) == 0) {
            return in;
        }
        return in * ((cfr3 >>> 1) & 0x7f);
    }

    @Override
    public boolean pllLocked() {
        long cfr3 = active[CFR3];
        if (((cfr3 >>> 8) & 1) == 0 || (cfr3 & 0x400) != 0 || refclkHz.getAsDouble() <= 0) {
            return false;   // PLL off, PFD held in reset, or no reference clock
        }
        int vco = (int) ((cfr3 >>> 24) & 7);
        if (vco >= VCO_MHZ.length) {
            return false;
        }
        double mhz = sysclkHz() / 1e6;
        return mhz >= VCO_MHZ[vco][0] && mhz <= VCO_MHZ[vco][1];
    }

    // ------------------------------------------------------------------ serial port

    private void resetSerial() {
        haveInstr = false;
        instr = 0;
        instrBits = 0;
        dataBits = 0;
        shiftIn = 0;
        ramWordsThisCycle = 0;
        readWithoutSdoReported = false;
    }

    private boolean sdoEnabled() {
        return ((active[CFR1] >>> 1) & 1) != 0;
    }

    @Override
    public int shift(SpiTransfer t) {
        advanceTo(t.startMu());         // RAM playback up to now, for reads of the effective FTW
        if (!transactionOpen) {
            transactionOpen = true;
            resetSerial();
        }
        busyUntil = t.endMu();
        boolean sdo = sdoEnabled();
        int miso = 0;
        for (int i = t.lengthBits() - 1; i >= 0; i--) {
            int out = bit((t.mosi() >>> i) & 1, t);
            miso = (miso << 1) | (sdo ? out : 0);
        }
        return miso;
    }

    private int bit(int b, SpiTransfer t) {
        if (!haveInstr) {
            instr = (instr << 1) | b;
            if (++instrBits == 8) {
                startCycle(t);
            }
            return 0;
        }
        int out = read ? (int) ((readValue >>> (width - 1 - dataBits)) & 1) : 0;
        shiftIn = (shiftIn << 1) | b;
        if (++dataBits == width) {
            completeWord(t);
        }
        return out;
    }

    private void startCycle(SpiTransfer t) {
        haveInstr = true;
        addr = instr & 0x1f;
        read = (instr & 0x80) != 0;
        dataBits = 0;
        shiftIn = 0;
        if (addr >= WIDTH.length || WIDTH[addr] == 0) {
            issues.error(name, t.startMu(), String.format("SPI instruction 0x%02x addresses no AD9910 register", instr));
            width = 32;
            addr = -1;
        } else {
            width = WIDTH[addr];
        }
        if (read && !sdoEnabled() && !readWithoutSdoReported) {
            readWithoutSdoReported = true;
            issues.error(name, t.startMu(), "read of " + regName(addr)
                    + " before init: CFR1 SDIO_INPUT_ONLY is not active, the AD9910 answers on SDIO and MISO stays low");
        }
        if (addr == RAM) {
            startRamAccess(t.startMu());
        }
        if (read) {
            readValue = addr == RAM ? ram[ramPtr] & 0xffff_ffffL : readValueOf(addr, t.startMu());
        }
    }

    private long readValueOf(int a, long t) {
        if (a < 0) {
            return 0;
        }
        // CFR2 bit 16: the FTW register reads the frequency word actually in use (from RAM, or the
        // digital ramp's accumulator at this moment).
        if (a == FTW && ((active[CFR2] >>> 16) & 1) != 0) {
            if (drg.enabled() && drgDestination() == 0) return drg.valueAt(t);
            if (output.current() != null) return output.current().ftw();
        }
        return active[a];
    }

    private void startRamAccess(long t) {
        long prof = active[PROFILE0 + profile];
        ramStart = (int) ((prof >>> 14) & 0x3ff);
        ramEnd = (int) ((prof >>> 30) & 0x3ff);
        // Modelling choice: like its AD9954 predecessor in MSB-first mode, the serial port fills the
        // segment from the end address down to the start address (reads walk the same way).
        ramPtr = ramEnd;
        ramWordsThisCycle = 0;
        if (!initialised) {
            issues.error(name, t, "RAM accessed before init");
        }
    }

    private void completeWord(SpiTransfer t) {
        if (addr == RAM) {
            if (ramWordsThisCycle == Math.abs(ramEnd - ramStart) + 1) {
                issues.warning(name, t.endMu(), "RAM transfer longer than the profile's segment "
                        + ramStart + ".." + ramEnd + ": wrapping around");
            }
            if (!read) {
                ram[ramPtr] = (int) shiftIn;
            }
            ramWordsThisCycle++;
            ramPtr = ramPtr == Math.min(ramStart, ramEnd) ? Math.max(ramStart, ramEnd) : ramPtr - 1;
            if (read) {
                readValue = ram[ramPtr] & 0xffff_ffffL;
            }
            dataBits = 0;
            shiftIn = 0;
            return;
        }
        if (!read && addr >= 0) {
            long mask = width == 64 ? -1L : (1L << width) - 1;
            buffer[addr] = shiftIn & mask;
            dirty[addr] = true;
            readyAt[addr] = t.endMu();
        }
        // After a register's bytes the next bits form a new instruction (AD9910 serial I/O port).
        haveInstr = false;
        instr = 0;
        instrBits = 0;
        dataBits = 0;
    }

    @Override
    public void endTransaction(long timeMu) {
        if (haveInstr && dataBits != 0) {
            issues.error(name, timeMu, "chip select released after " + dataBits + " of " + width + " data bits of "
                    + regName(addr) + ": the write is lost");
        } else if (!haveInstr && instrBits != 0) {
            issues.error(name, timeMu, "chip select released after " + instrBits + " instruction bits");
        } else if (haveInstr && addr != RAM) {
            issues.error(name, timeMu, "chip select released after the instruction for " + regName(addr)
                    + " without its data");
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
        advanceTo(timeMu);
        powerUp();
        syncOriginMu = timeMu;   // the SYNC_CLK divider restarts with the chip
        refresh(timeMu, true, "master reset", true);
    }

    private static String regName(int a) {
        return a >= 0 && a < NAMES.length ? NAMES[a] : "unknown register";
    }

    // ------------------------------------------------------------------ IO_UPDATE and output

    @Override
    public boolean ioUpdate(long t) {
        advanceTo(t);
        reportWriteInProgress(t);
        boolean any = false;
        boolean use = false;
        boolean clock = false;
        boolean ramp = false;
        double edge = syncEdgeAtOrAfter(t);   // where the DRG sees this update (before CFR3 changes the clock)
        for (int a = 0; a < NAMES.length; a++) {
            if (dirty[a] && readyAt[a] <= t) {
                active[a] = buffer[a];
                dirty[a] = false;
                any = true;
                use |= a >= FTW && a != SYNC;
                clock |= a == CFR3;
                ramp |= a == CFR1 || a == CFR2 || a == RAMP_LIMIT || a == RAMP_STEP || a == RAMP_RATE;
            }
        }
        boolean autoclearRamp = ((active[CFR1] >>> 14) & 1) != 0;
        if ((ramp || autoclearRamp) && !Double.isNaN(edge)) {
            drg.update(edge, ((active[CFR2] >>> 19) & 1) != 0, autoclearRamp, active[RAMP_LIMIT], active[RAMP_STEP],
                    active[RAMP_RATE], syncPeriodMu());
            drgShownMu = t;
        }
        if (!any) {
            return false;
        }
        if (use && !initialised) {
            issues.error(name, t, "DDS used before init: output registers latched before the init sequence "
                    + "configured the clock (CFR3)");
        }
        boolean wasInit = initialised;
        // ad9910.py init(): CFR1 (serial mode), CFR2, then CFR3 (PLL) are latched in this order.
        if (clock && sdoEnabled()) {
            initialised = true;
        }
        refresh(t, autoclear(), wasInit ? "IO_UPDATE" : "IO_UPDATE (init)", false);
        return true;
    }

    /** An IO_UPDATE edge while a register write is still being shifted in: the board latches the old value. */
    private void reportWriteInProgress(long t) {
        String reg = null;
        long until = busyUntil;
        for (int a = 0; a < NAMES.length; a++) {
            if (dirty[a] && readyAt[a] > t) {
                reg = NAMES[a];
                until = readyAt[a];
            }
        }
        if (reg == null && transactionOpen && haveInstr && !read && addr >= 0) {
            reg = regName(addr);
        }
        if (reg != null) {
            issues.error(name, t, "IO_UPDATE while an SPI write of " + reg + " is in progress (until "
                    + until + " mu): it is not latched");
        }
    }

    private boolean autoclear() {
        // CFR1 bit 13 autoclear phase accumulator; bit 11 clear phase accumulator.
        return ((active[CFR1] >>> 13) & 1) != 0 || ((active[CFR1] >>> 11) & 1) != 0;
    }

    @Override
    public void profilePins(long t, int p) {
        if (p == profile) {
            return;
        }
        advanceTo(t);
        profile = p & 7;
        refresh(t, autoclear(), "profile " + profile, true);
    }

    private record Params(long ftw, int pow, double amplitude) {
    }

    /** SYNC_CLK's period in mu (ns), NaN before the clock runs. */
    private double syncPeriodMu() {
        double sys = sysclkHz();
        return sys > 0 ? 4e9 / sys : Double.NaN;
    }

    /** The first SYNC_CLK edge at or after t (NaN before the clock runs). */
    private double syncEdgeAtOrAfter(long t) {
        double period = syncPeriodMu();
        if (Double.isNaN(period)) return Double.NaN;
        return syncOriginMu + Math.ceil((t - syncOriginMu) / period - 1e-9) * period;
    }

    /** CFR2 bits 21:20: what the digital ramp drives (0 frequency, 1 phase, 2 and 3 amplitude). */
    private int drgDestination() {
        return (int) ((active[CFR2] >>> 20) & 3);
    }

    private Params singleToneOrRegisters(int ramWord, boolean fromRam, int dest) {
        return singleToneOrRegisters(ramWord, fromRam, dest, Double.NaN);
    }

    /** The output parameters; {@code t} (not NaN) is when, for the digital ramp's value. */
    private Params singleToneOrRegisters(int ramWord, boolean fromRam, int dest, double t) {
        long cfr1 = active[CFR1];
        boolean osk = ((cfr1 >>> 9) & 1) != 0;
        double oskAmp = ((active[ASF] >>> 2) & 0x3fff) / 16383.0;
        long ftw;
        int pow;
        double amp;
        if (!fromRam) {
            long prof = active[PROFILE0 + profile];
            ftw = prof & 0xffff_ffffL;
            pow = (int) ((prof >>> 32) & 0xffff);
            boolean profileAsf = ((active[CFR2] >>> 24) & 1) != 0;
            amp = osk ? oskAmp : profileAsf ? ((prof >>> 48) & 0x3fff) / 16383.0 : 1.0;
            if (drg.enabled() && !Double.isNaN(t)) {
                long v = drg.valueAt(t);
                switch (drgDestination()) {
                    case 0 -> ftw = v;
                    case 1 -> pow = (int) (v >>> 16);
                    default -> amp = (v >>> 18) / 16383.0;
                }
            }
        } else {
            ftw = active[FTW] & 0xffff_ffffL;
            pow = (int) (active[POW] & 0xffff);
            amp = osk ? oskAmp : 1.0;
            switch (dest) {
                case 0 -> ftw = ramWord & 0xffff_ffffL;
                case 1 -> pow = (ramWord >>> 16) & 0xffff;
                case 2 -> amp = ((ramWord >>> 18) & 0x3fff) / 16383.0;
                default -> {
                    pow = (ramWord >>> 16) & 0xffff;
                    amp = ((ramWord >>> 2) & 0x3fff) / 16383.0;
                }
            }
        }
        // CFR1 bits 7 and 6: digital core and DAC power-down silence the output.
        if (((cfr1 >>> 6) & 3) != 0) {
            amp = 0;
        }
        return new Params(ftw, pow, amp);
    }

    private boolean ramEnabled() {
        return ((active[CFR1] >>> 31) & 1) != 0;
    }

    private int ramDestination() {
        return (int) ((active[CFR1] >>> 29) & 3);
    }

    /** Recomputes the output at t (after a latch or a profile change); starts RAM playback if enabled. */
    private void refresh(long t, boolean clearPhase, String cause, boolean force) {
        Params p;
        ramPlaying = false;
        if (ramEnabled()) {
            long prof = active[PROFILE0 + profile];
            ramStart = (int) ((prof >>> 14) & 0x3ff);
            ramEnd = (int) ((prof >>> 30) & 0x3ff);
            ramMode = (int) (prof & 7);
            int step = (int) ((prof >>> 40) & 0xffff);
            double sys = sysclkHz();
            // The address step rate counts SYNC_CLK cycles (sysclk / 4): "typically 4 ns" (ad9910.py).
            ramStepMu = sys > 0 ? step * 4e9 / sys : 0;
            ramAddr = ramStart;
            ramDir = 1;
            ramT0 = t;
            ramSteps = 0;
            ramPlaying = ramMode != 0 && ramStepMu > 0 && ramEnd > ramStart;
            p = singleToneOrRegisters(ram[ramAddr], true, ramDestination());
        } else {
            p = singleToneOrRegisters(0, false, 0, t);
        }
        emit(t, p, clearPhase, cause, force);
    }

    private void emit(long t, Params p, boolean clearPhase, String cause, boolean force) {
        DdsTimeline.Entry cur = output.current();
        long acc = cur == null || clearPhase ? 0 : cur.accumulatorAt(t);
        double sys = sysclkHz();
        double offset = p.pow() / 65536.0;
        if (!force && !clearPhase && cur != null && cur.ftw() == p.ftw() && cur.offsetTurns() == offset
                && cur.amplitude() == p.amplitude() && cur.sysclkHz() == sys) {
            return;
        }
        output.set(t, p.ftw(), 32, acc, sys, offset, p.amplitude(), cause);
    }

    @Override
    public void advanceTo(long t) {
        advanceRamp(t);
        while (ramPlaying) {
            long next = Math.round(ramT0 + (ramSteps + 1) * ramStepMu);
            if (next > t) {
                return;
            }
            if (++ramSteps > MAX_RAM_STEPS) {
                issues.warning(name, next, "RAM playback modelled for " + MAX_RAM_STEPS + " steps only");
                ramPlaying = false;
                return;
            }
            if (!stepRam()) {
                ramPlaying = false;
                return;
            }
            emit(next, singleToneOrRegisters(ram[ramAddr], true, ramDestination()), false,
                    "RAM " + ramAddr, true);
        }
    }

    /** Emits the digital ramp's output up to t: at each step, or once a microsecond for a faster ramp. */
    private void advanceRamp(long t) {
        while (drg.enabled() && !ramEnabled() && drgEntries <= MAX_DRG_ENTRIES) {
            double change = drg.nextChangeAfter(drgShownMu);
            if (Double.isInfinite(change)) return;
            double next = change - drgShownMu < DRG_SAMPLE_MU ? drgShownMu + DRG_SAMPLE_MU : change;
            if (next > t) return;
            if (++drgEntries > MAX_DRG_ENTRIES) {
                issues.warning(name, Math.round(next), "digital ramp output shown for " + MAX_DRG_ENTRIES + " entries only");
                return;
            }
            drgShownMu = next;
            emit(Math.round(next), singleToneOrRegisters(0, false, 0, next), false, "digital ramp", false);
        }
    }

    /** Moves the playback address one step per the profile's mode; false when playback has ended. */
    private boolean stepRam() {
        switch (ramMode) {
            case 3 -> {             // continuous bidirectional ramp
                if (ramAddr + ramDir > ramEnd || ramAddr + ramDir < ramStart) {
                    ramDir = -ramDir;
                }
                ramAddr += ramDir;
                return true;
            }
            case 4 -> {             // continuous recirculate
                ramAddr = ramAddr == ramEnd ? ramStart : ramAddr + 1;
                return true;
            }
            default -> {            // ramp-up (and bidirectional ramp, modelled as ramp-up): stop at the end
                if (ramAddr >= ramEnd) {
                    return false;
                }
                ramAddr++;
                return true;
            }
        }
    }
}
