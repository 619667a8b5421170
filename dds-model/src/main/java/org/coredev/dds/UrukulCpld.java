package org.coredev.dds;

import java.util.ArrayList;
import java.util.List;
import org.coredev.rtio.phy.SpiSlave;
import org.coredev.rtio.phy.SpiTransfer;

/**
 * The Urukul CPLD as a slave of the RTIO SPI master (sinara-hw Urukul CPLD gateware, driven by
 * artiq/coredevice/urukul.py). It decodes the 3-bit chip select: 1 the CFG/STA shift register,
 * 2 the four daisy-chained attenuators (32 bits), 3 every DDS whose CFG.MASK_NU bit is set (MISO
 * from DDS0), 4..7 one DDS each.
 *
 * <p>CFG is shifted in MSB first while STA is shifted out, and is latched when chip select is
 * released. Protocol revision 8 has a 24-bit CFG (RF_SW 0..3, LED 4..7, PROFILE 8..10, IO_UPDATE 12,
 * MASK_NU 13..16, CLK_SEL0 17, SYNC_SEL 18, RST 19, IO_RST 20, CLK_SEL1 21, CLK_DIV 22..23);
 * revision 9 a 52-bit CFG (three PROFILE bits per channel from 8, OSK 20, DRCTL 24, DRHOLD 28,
 * IO_UPDATE 32..35, MASK_NU 36..39, CLK_SEL0 40, SYNC_SEL 41, RST 42, IO_RST 43, CLK_SEL1 44,
 * CLK_DIV 45..46, ATT_EN 47..50), written as 24 + 28 bits in one transaction. STA: RF_SW 0..3,
 * SMP_ERR 4..7, PLL_LOCK 8..11, IFC_MODE 12..15, PROTO_REV 16..22 (and DROVER 23..26 in revision 9).
 *
 * <p>Each DDS's IO_UPDATE is CFG.IO_UPDATE where its MASK_NU bit is set, else the IO_UPDATE TTL
 * (the gateware's {@code Mux(mask_nu[i], cfg.io_update, eem[6])}); its RF switch is CFG.RF_SW OR its
 * switch TTL.
 */
public final class UrukulCpld implements SpiSlave {
    /** Decoded chip selects (urukul.py {@code CS_*}). */
    public static final int CS_CFG = 1, CS_ATT = 2, CS_DDS_MULTI = 3, CS_DDS_CH0 = 4;

    private final String name;
    private final int protoRev;
    private final double refclkHz;
    private final boolean ad9910Variant;
    private final IssueLog issues;
    private final DdsTimeline timeline;
    private final int cfgWidth;
    private final long cfgMask;

    private final DdsChip[] chips = new DdsChip[4];
    private long cfg;
    private long cfgShift;
    private long staShift;
    private int cfgBits;
    private long attRegister;
    private long attShift;
    private int openCs;
    private int multiSelected;
    private boolean smaClockPresent;

    private boolean ttlIoUpdate;
    private final boolean[] ttlSwitch = new boolean[4];
    private final boolean[] ioUpdateLine = new boolean[4];
    private final boolean[] rfSwitch = new boolean[4];
    private final int[] profilePins = new int[4];
    private final List<Long> ioUpdateEdges = new ArrayList<>();

    /**
     * A CPLD with nothing latched yet (CFG all zero, attenuators at maximum attenuation).
     *
     * @param name          device name (e.g. {@code urukul0_cpld}), used in issues
     * @param protoRev      CPLD protocol revision, 8 or 9 (urukul.py {@code proto_rev})
     * @param refclkHz      frequency of the selected reference clock (device db {@code refclk})
     * @param ad9910Variant whether the board carries AD9910s (IFC_MODE EN_9910: default divider 4)
     *                      or AD9912s (default divider 1)
     */
    public UrukulCpld(String name, int protoRev, double refclkHz, boolean ad9910Variant, IssueLog issues,
                      DdsTimeline timeline) {
        if (protoRev != 8 && protoRev != 9) {
            throw new DdsException(name + ": Urukul proto_rev must be 8 or 9, got " + protoRev);
        }
        if (!(refclkHz > 0)) {
            throw new DdsException(name + ": refclk must be positive, got " + refclkHz);
        }
        this.name = name;
        this.protoRev = protoRev;
        this.refclkHz = refclkHz;
        this.ad9910Variant = ad9910Variant;
        this.issues = issues;
        this.timeline = timeline;
        this.cfgWidth = protoRev == 8 ? 24 : 52;
        this.cfgMask = (1L << cfgWidth) - 1;
    }

    /** Adds the AD9910 at chip select 4..7 as channel {@code channelName}. */
    public Ad9910 addAd9910(int chipSelect, String channelName) {
        if (!ad9910Variant) {
            throw new DdsException(name + ": " + channelName + " is an AD9910 on an AD9912 Urukul");
        }
        Ad9910 chip = new Ad9910(channelName, issues, timeline, this::ddsRefclkHz);
        place(chipSelect, chip);
        return chip;
    }

    /** Adds the AD9912 at chip select 4..7 as channel {@code channelName}. */
    public Ad9912 addAd9912(int chipSelect, String channelName) {
        if (ad9910Variant) {
            throw new DdsException(name + ": " + channelName + " is an AD9912 on an AD9910 Urukul");
        }
        Ad9912 chip = new Ad9912(channelName, issues, timeline, this::ddsRefclkHz);
        place(chipSelect, chip);
        return chip;
    }

    private void place(int chipSelect, DdsChip chip) {
        if (chipSelect < 4 || chipSelect > 7) {
            throw new DdsException(name + ": " + chip.name() + ": chip_select must be 4..7 for a modelled channel, got "
                    + chipSelect);
        }
        if (chips[chipSelect - 4] != null) {
            throw new DdsException(name + ": chip_select " + chipSelect + " is used by both "
                    + chips[chipSelect - 4].name() + " and " + chip.name());
        }
        chips[chipSelect - 4] = chip;
        chip.output().setAttenuation(0, attenuationDb(chipSelect - 4));
    }

    /** The device name. */
    public String name() {
        return name;
    }

    /** The protocol revision (8 or 9). */
    public int protoRev() {
        return protoRev;
    }

    /** The DDS on channel 0..3, or null. */
    public DdsChip chip(int channel) {
        return chips[checkChannel(channel)];
    }

    private int checkChannel(int channel) {
        if (channel < 0 || channel > 3) {
            throw new DdsException(name + ": Urukul channel must be 0..3, got " + channel);
        }
        return channel;
    }

    /** The latched CFG register. */
    public long cfg() {
        return cfg;
    }

    /** Whether a clock is fed to the front-panel SMA (needed when CFG.CLK_SEL0 selects it). */
    public void setSmaClockPresent(boolean present) {
        this.smaClockPresent = present;
    }

    // ------------------------------------------------------------------ CFG fields

    private boolean bit(int b) {
        return ((cfg >>> b) & 1) != 0;
    }

    private boolean maskNu(int ch) {
        return bit((protoRev == 8 ? 13 : 36) + ch);
    }

    private boolean cfgIoUpdate(int ch) {
        return protoRev == 8 ? bit(12) : bit(32 + ch);
    }

    private int profileOf(long c, int ch) {
        return protoRev == 8 ? (int) ((c >>> 8) & 7) : (int) ((c >>> (8 + 3 * ch)) & 7);
    }

    private boolean ioReset(long c) {
        return ((c >>> (protoRev == 8 ? 20 : 43)) & 1) != 0;
    }

    private boolean masterReset(long c) {
        return ((c >>> (protoRev == 8 ? 19 : 42)) & 1) != 0;
    }

    /** CFG.CLK_SEL: 0 on-board oscillator, 1 front-panel SMA, 2 internal MMCX. */
    public int clockSelect() {
        return protoRev == 8 ? (bit(17) ? 1 : 0) | (bit(21) ? 2 : 0) : (bit(40) ? 1 : 0) | (bit(44) ? 2 : 0);
    }

    /** The reference clock reaching the DDS chips, after the selection and the divider; 0 without a clock. */
    public double ddsRefclkHz() {
        boolean sma = (clockSelect() & 1) != 0;     // CLK_SEL0 picks the SMA input over OSC/MMCX
        if (sma && !smaClockPresent) {
            return 0;
        }
        int div = (int) ((cfg >>> (protoRev == 8 ? 22 : 45)) & 3);
        int divisor = switch (div) {
            case 1 -> 1;
            case 2 -> 2;
            case 3 -> 4;
            default -> ad9910Variant ? 4 : 1;       // 0: variant default (EN_9910 divides by 4)
        };
        return refclkHz / divisor;
    }

    /** The STA register as the CPLD would shift it out now. */
    public long sta() {
        long s = 0;
        for (int i = 0; i < 4; i++) {
            if (rfSwitch[i]) {
                s |= 1L << i;
            }
            if (chips[i] != null && chips[i].pllLocked()) {
                s |= 1L << (8 + i);
            }
        }
        s |= (ad9910Variant ? 1L : 0L) << 12;           // IFC_MODE: EN_9910
        s |= (long) protoRev << 16;
        return s;
    }

    /** Attenuator shift register contents (byte i: channel i, 255 = 0 dB). */
    public long attenuatorRegister() {
        return attRegister;
    }

    /** Attenuation of a channel in dB ((255 - code) / 8, urukul.py {@code mu_to_att}). */
    public double attenuationDb(int channel) {
        return (255 - ((attRegister >>> (8 * checkChannel(channel))) & 0xff)) / 8.0;
    }

    /** Whether the RF switch of a channel is closed (CFG.RF_SW OR the switch TTL). */
    public boolean rfSwitch(int channel) {
        return rfSwitch[checkChannel(channel)];
    }

    /** Times of IO_UPDATE rising edges seen by any DDS. */
    public List<Long> ioUpdateEdges() {
        return List.copyOf(ioUpdateEdges);
    }

    // ------------------------------------------------------------------ TTL lines

    /** The listener for the IO_UPDATE TTL ({@code io_update_device}). */
    public TtlTap.Listener ioUpdateTtl() {
        return (t, level) -> {
            ttlIoUpdate = level;
            updateIoUpdateLines(t);
        };
    }

    /** The listener for a channel's RF switch TTL ({@code sw_device}). */
    public TtlTap.Listener switchTtl(int channel) {
        checkChannel(channel);
        return (t, level) -> {
            ttlSwitch[channel] = level;
            updateSwitches(t);
        };
    }

    // ------------------------------------------------------------------ SPI

    @Override
    public int transfer(SpiTransfer t) {
        int cs = t.chipSelect();
        if (!t.chipSelectActiveHigh() || t.clockPolarity() || t.clockPhase() || t.lsbFirst() || t.halfDuplex()) {
            issues.error(name, t.startMu(), String.format("SPI config 0x%08x does not match Urukul (SPI mode 0, MSB first, "
                    + "4-wire, SPI_CS_POLARITY set for the decoded chip select)", t.config()));
        }
        if (cs > 7) {
            issues.error(name, t.startMu(), "chip select " + cs + " is not decoded by Urukul (0..7)");
            return 0;
        }
        if (openCs != 0 && cs != openCs) {
            issues.error(name, t.startMu(), "chip select changed from " + openCs + " to " + cs + " within a transaction");
            endTransaction(t.startMu());
        }
        if (cs == 0) {
            return 0;
        }
        if (openCs == 0) {
            beginTransaction(cs, t.startMu());
        }
        int miso = switch (cs) {
            case CS_CFG -> shiftCfg(t);
            case CS_ATT -> shiftAtt(t);
            default -> shiftDds(cs, t);
        };
        if (t.endOfTransaction()) {
            endTransaction(t.endMu());
        }
        return miso;
    }

    private void beginTransaction(int cs, long t) {
        openCs = cs;
        if (cs == CS_CFG) {
            staShift = sta();       // STA is loaded into the shift register at the start (gateware SR)
            cfgBits = 0;
        } else if (cs == CS_DDS_MULTI) {
            multiSelected = 0;
            for (int i = 0; i < 4; i++) {
                if (maskNu(i)) {
                    multiSelected |= 1 << i;
                }
            }
            if (multiSelected == 0) {
                issues.warning(name, t, "multi-DDS chip select 3 with no CFG.MASK_NU bit set: no DDS selected");
            }
        }
    }

    private int shiftCfg(SpiTransfer t) {
        int miso = 0;
        for (int i = t.lengthBits() - 1; i >= 0; i--) {
            miso = (miso << 1) | (int) ((staShift >>> (cfgWidth - 1)) & 1);
            staShift = (staShift << 1) & cfgMask;
            cfgShift = ((cfgShift << 1) | ((t.mosi() >>> i) & 1)) & cfgMask;
            cfgBits++;
        }
        return miso;
    }

    private int shiftAtt(SpiTransfer t) {
        int miso = 0;
        for (int i = t.lengthBits() - 1; i >= 0; i--) {
            // The last attenuator's serial output closes the chain onto MISO.
            miso = (miso << 1) | (int) ((attShift >>> 31) & 1);
            attShift = ((attShift << 1) | ((t.mosi() >>> i) & 1)) & 0xffff_ffffL;
        }
        return miso;
    }

    private int shiftDds(int cs, SpiTransfer t) {
        long now = t.startMu();
        if (ioReset(cfg) || masterReset(cfg)) {
            issues.error(name, now, "SPI transfer to chip select " + cs + " while CFG holds the DDS in "
                    + (masterReset(cfg) ? "RST" : "IO_RST") + ": ignored");
            return 0;
        }
        if (cs == CS_DDS_MULTI) {
            int miso = 0;
            for (int i = 0; i < 4; i++) {
                if ((multiSelected & (1 << i)) != 0 && chips[i] != null) {
                    int m = chips[i].shift(t);
                    if (i == 0) {
                        miso = m;   // gateware: miso[3] = miso[4], DDS0's SDO
                    }
                }
            }
            return miso;
        }
        DdsChip chip = chips[cs - 4];
        if (chip == null) {
            issues.warning(name, now, "SPI transfer to chip select " + cs + ": no DDS modelled there");
            return 0;
        }
        return chip.shift(t);
    }

    private void endTransaction(long t) {
        int cs = openCs;
        openCs = 0;
        switch (cs) {
            case CS_CFG -> {
                if (cfgBits != cfgWidth) {
                    issues.warning(name, t, "CFG transaction of " + cfgBits + " bits; the proto_rev " + protoRev
                            + " register has " + cfgWidth);
                }
                applyCfg(t, cfgShift);
            }
            case CS_ATT -> latchAttenuators(t);
            case CS_DDS_MULTI -> {
                for (int i = 0; i < 4; i++) {
                    if ((multiSelected & (1 << i)) != 0 && chips[i] != null) {
                        chips[i].endTransaction(t);
                    }
                }
            }
            default -> {
                if (cs >= 4 && chips[cs - 4] != null) {
                    chips[cs - 4].endTransaction(t);
                }
            }
        }
    }

    private void latchAttenuators(long t) {
        long next = attShift;
        if (protoRev == 9) {
            // Revision 9: only channels with CFG.ATT_EN take the new setting.
            next = attRegister;
            for (int i = 0; i < 4; i++) {
                if (bit(47 + i)) {
                    long m = 0xffL << (8 * i);
                    next = (next & ~m) | (attShift & m);
                }
            }
        }
        attRegister = next;
        for (int i = 0; i < 4; i++) {
            if (chips[i] != null) {
                chips[i].advanceTo(t);
                chips[i].output().setAttenuation(t, attenuationDb(i));
            }
        }
    }

    private void applyCfg(long t, long next) {
        long old = cfg;
        cfg = next & cfgMask;
        for (DdsChip c : chips) {
            if (c != null) {
                c.advanceTo(t);
            }
        }
        if (masterReset(cfg) && !masterReset(old)) {
            for (DdsChip c : chips) {
                if (c != null) {
                    c.masterReset(t);
                }
            }
        }
        if (ioReset(cfg) && !ioReset(old)) {
            for (DdsChip c : chips) {
                if (c != null) {
                    c.ioReset(t);
                }
            }
        }
        for (int i = 0; i < 4; i++) {
            int p = profileOf(cfg, i);
            if (p != profilePins[i]) {
                profilePins[i] = p;
                if (chips[i] != null) {
                    chips[i].profilePins(t, p);
                }
            }
        }
        updateSwitches(t);
        updateIoUpdateLines(t);
    }

    private void updateSwitches(long t) {
        for (int i = 0; i < 4; i++) {
            boolean on = bit(i) || ttlSwitch[i];
            if (on != rfSwitch[i]) {
                rfSwitch[i] = on;
                if (chips[i] != null) {
                    chips[i].advanceTo(t);
                    chips[i].output().setSwitch(t, on);
                }
            }
        }
    }

    private void updateIoUpdateLines(long t) {
        List<DdsChip> rising = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            boolean level = maskNu(i) ? cfgIoUpdate(i) : ttlIoUpdate;
            if (level && !ioUpdateLine[i] && chips[i] != null) {
                rising.add(chips[i]);
            }
            ioUpdateLine[i] = level;
        }
        if (rising.isEmpty()) {
            return;
        }
        ioUpdateEdges.add(t);
        boolean latched = false;
        for (DdsChip c : rising) {
            latched |= c.ioUpdate(t);
        }
        if (!latched) {
            String who = rising.size() == 1 ? rising.getFirst().name() : name;
            issues.warning(who, t, "IO_UPDATE with nothing latched (no register written since the last update)");
        }
    }

    /** Emits RAM playback steps of every DDS up to {@code timeMu} (call at the end of a run). */
    public void finish(long timeMu) {
        for (DdsChip c : chips) {
            if (c != null) {
                c.advanceTo(timeMu);
            }
        }
    }
}
