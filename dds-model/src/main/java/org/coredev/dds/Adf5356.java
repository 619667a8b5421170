package org.coredev.dds;

/**
 * One ADF5356 PLL synthesizer of a Mirny (artiq.coredevice.adf5356): 32-bit registers shifted in
 * MSB first and latched when LE rises (the Mirny CPLD raises it when chip select is released),
 * the register address in bits 3:0. Facts from ARTIQ's adf5356.py and adf5356_reg.py and the
 * ADF5356 data sheet:
 *
 * <ul>
 *   <li>f_PFD = REFIN × (1 + D) / (R × (1 + T)): REG4 doubler D (bit 26), divide-by-2 T (bit 25),
 *       R counter (bits 24:15).</li>
 *   <li>f_VCO = f_PFD × (INT + (FRAC1 + FRAC2 / MOD2) / 2^24): INT REG0 bits 19:4, FRAC1 REG1 bits
 *       27:4, FRAC2 and MOD2 from REG2 bits 31:18 and 17:4 (LSBs) and REG13 (MSBs). A write of
 *       REG0 applies them (REG1, REG2 and REG13 are double-buffered until then).</li>
 *   <li>RF output A: f_VCO / 2^DIV (REG6 bits 23:21), enabled by REG6 bit 6, power REG6 bits 5:4.</li>
 *   <li>MUXOUT (REG4 bits 29:27): 1 DVDD, 2 DGND, 5 and 6 lock detect; 0 (three-state) and the
 *       divider outputs read low here.</li>
 *   <li>The PLL locks when it has a reference, its chip is enabled, REG4 neither powers it down
 *       (bit 6) nor holds the counters in reset (bit 4), f_PFD is at most 125 MHz and the VCO is
 *       within 3.4 to 6.8 GHz; lock is immediate in the model.</li>
 * </ul>
 */
public final class Adf5356 {
    private static final double VCO_MIN_HZ = 3.4e9, VCO_MAX_HZ = 6.8e9, PFD_MAX_HZ = 125e6;

    private final String name;
    private final DdsOutput output;
    private final long[] regs = new long[14];
    private final long[] applied = new long[14];   // the double-buffered values REG0 applied
    private long shift;
    private int bits;
    private boolean programmed;   // REG0 written since power-up

    Adf5356(String name, DdsTimeline timeline) {
        this.name = name;
        this.output = new DdsOutput(name, timeline);
    }

    public String name() {
        return name;
    }

    /** The channel's RF output as the timeline sees it (switch and attenuator from the Mirny). */
    public DdsOutput output() {
        return output;
    }

    /** A register as last latched. */
    public long register(int address) {
        if (address < 0 || address >= regs.length) throw new DdsException(name + ": no ADF5356 register " + address);
        return regs[address];
    }

    /** One bit on SDI (the Mirny CPLD forwards the bits after its address byte). */
    void shiftIn(int bit) {
        shift = (shift << 1 | bit) & 0xffff_ffffL;
        bits++;
    }

    /** LE rises: the last 32 bits shifted in become the register bits 3:0 name. */
    void latch(long timeMu, Mirny.Reference reference, boolean chipEnabled) {
        if (bits == 0) return;
        if (bits < 32) {
            bits = 0;
            return;   // the Mirny's issue log reports a short write (it knows the transfer)
        }
        int address = (int) (shift & 0xf);
        bits = 0;
        if (address >= regs.length) return;
        regs[address] = shift;
        if (address == 0) {
            System.arraycopy(regs, 0, applied, 0, regs.length);
            programmed = true;
        } else if (address != 1 && address != 2 && address != 13) {
            applied[address] = shift;
        }
        update(timeMu, reference, chipEnabled, "REG" + address);
    }

    int muxoutSelect() {
        return (int) ((regs[4] >>> 27) & 7);
    }

    /** The MUXOUT pin. */
    boolean muxout(Mirny.Reference reference, boolean chipEnabled) {
        return switch (muxoutSelect()) {
            case 1 -> chipEnabled;
            case 5, 6 -> locked(reference, chipEnabled);
            default -> false;
        };
    }

    /** The phase-frequency detector's frequency from the applied registers, in Hz. */
    public double pfdHz(Mirny.Reference reference) {
        long r4 = applied[4];
        int r = (int) ((r4 >>> 15) & 0x3ff);
        if (r == 0 || reference == null) return 0;
        return reference.hz() * (1 + ((r4 >>> 26) & 1)) / (r * (1 + ((r4 >>> 25) & 1)));
    }

    /** The VCO frequency the applied registers ask for, in Hz. */
    public double vcoHz(Mirny.Reference reference) {
        return pfdHz(reference) * (integer() + fraction() / 16777216.0);
    }

    private long integer() {
        return (applied[0] >>> 4) & 0xffff;
    }

    /** FRAC1 + FRAC2 / MOD2, in units of 2^-24. */
    private double fraction() {
        long frac1 = (applied[1] >>> 4) & 0xff_ffff;
        long frac2 = ((applied[13] >>> 18) & 0x3fff) << 14 | ((applied[2] >>> 18) & 0x3fff);
        long mod2 = ((applied[13] >>> 4) & 0x3fff) << 14 | ((applied[2] >>> 4) & 0x3fff);
        return frac1 + (mod2 == 0 ? 0 : (double) frac2 / mod2);
    }

    /** Whether the PLL is locked. */
    public boolean locked(Mirny.Reference reference, boolean chipEnabled) {
        long r4 = regs[4];
        if (!programmed || !chipEnabled || reference == null || ((r4 >>> 6) & 1) != 0 || ((r4 >>> 4) & 1) != 0) return false;
        double pfd = pfdHz(reference), vco = vcoHz(reference);
        return pfd > 0 && pfd <= PFD_MAX_HZ && vco >= VCO_MIN_HZ && vco <= VCO_MAX_HZ;
    }

    /** The RF output A frequency, in Hz (0 when it is off or unlocked). */
    public double outputHz(Mirny.Reference reference, boolean chipEnabled) {
        if (!locked(reference, chipEnabled) || ((applied[6] >>> 6) & 1) == 0) return 0;
        return vcoHz(reference) / (1 << ((applied[6] >>> 21) & 7));
    }

    /** A timeline entry for the output now: the frequency as a 38-bit word of f_PFD / 2^DIV. */
    void update(long timeMu, Mirny.Reference reference, boolean chipEnabled, String cause) {
        boolean on = outputHz(reference, chipEnabled) > 0;
        long word = on ? Math.round((integer() * 16777216.0 + fraction()) * 16384.0) : 0;
        double clock = on ? pfdHz(reference) / (1 << ((applied[6] >>> 21) & 7)) : 0;
        DdsTimeline.Entry now = output.current();
        if (now != null && now.ftw() == word && now.sysclkHz() == clock) return;
        int power = (int) ((applied[6] >>> 4) & 3);
        output.set(timeMu, word, 38, 0, clock, 0, on ? 1.0 : 0.0,
                cause + (on ? ", locked, " + new String[] {"-4", "-1", "+2", "+5"}[power] + " dBm" : locked(reference, chipEnabled) ? ", output off" : ", unlocked"));
    }
}
