package org.coredev.dds;

/**
 * Java transcriptions of the ARTIQ coredevice drivers' register-level behaviour (artiq/coredevice
 * spi2.py, ttl.py, urukul.py, ad9910.py, ad9912.py): the same SPI configurations, words, chip
 * selects and timeline delays, in the same order, so the models see what a kernel would send.
 */
final class Drivers {
    private Drivers() {
    }

    // spi2.py flags
    static final int SPI_OFFLINE = 0x01, SPI_END = 0x02, SPI_INPUT = 0x04, SPI_CS_POLARITY = 0x08;
    // urukul.py
    static final int SPI_CONFIG = SPI_CS_POLARITY;
    static final int SPIT_CFG_WR = 2, SPIT_CFG_RD = 16, SPIT_ATT_WR = 6, SPIT_ATT_RD = 16, SPIT_DDS_WR = 2,
            SPIT_DDS_RD = 16;
    static final int CS_CFG = 1, CS_ATT = 2;

    /** spi2.py SPIMaster. */
    static final class Spi {
        final Kernel k;
        final int channel;
        long xferDurationMu;

        Spi(Kernel k, int channel) {
            this.k = k;
            this.channel = channel;
        }

        void setConfigMu(int flags, int length, int div, int cs) {
            k.output(channel, 1, (flags | ((length - 1) << 8) | ((div - 2) << 16) | (cs << 24)) & 0xffff_ffffL);
            xferDurationMu = ((length + 1L) * div + 1) * 8;
            k.delayMu(8);
        }

        void write(int data) {
            k.output(channel, 0, data & 0xffff_ffffL);
            k.delayMu(xferDurationMu);
        }

        int read() {
            return k.inputData(channel);
        }
    }

    /** Something that pulses IO_UPDATE: the TTL or the CPLD register (urukul.py RegIOUpdate). */
    interface IoUpdate {
        void pulseMu(long mu);

        default void pulseUs(double us) {
            pulseMu(Math.round(us * 1000));
        }
    }

    /** ttl.py TTLOut. */
    static final class Ttl implements IoUpdate {
        final Kernel k;
        final int channel;

        Ttl(Kernel k, int channel) {
            this.k = k;
            this.channel = channel;
        }

        void on() {
            k.output(channel, 0, 1);
        }

        void off() {
            k.output(channel, 0, 0);
        }

        @Override
        public void pulseMu(long mu) {
            on();
            k.delayMu(mu);
            off();
        }
    }

    /** urukul.py CPLD with ProtoRev8 / ProtoRev9. */
    static final class Cpld {
        final Kernel k;
        final Spi bus;
        final int protoRev;
        final Ttl ioUpdate;
        long cfgReg;
        int attReg;

        Cpld(Kernel k, Spi bus, int protoRev, Ttl ioUpdate, int clkSel, int clkDiv) {
            this.k = k;
            this.bus = bus;
            this.protoRev = protoRev;
            this.ioUpdate = ioUpdate;
            if (protoRev == 8) {
                cfgReg = (7L << 8) | ((clkSel & 1L) << 17) | ((clkSel & 2L) << 20) | ((long) clkDiv << 22);
            } else {
                long profile = (7L << 9) | (7L << 6) | (7L << 3) | 7L;
                cfgReg = (profile << 8) | ((clkSel & 1L) << 40) | ((clkSel & 2L) << 43) | ((long) clkDiv << 45)
                        | (0b1111L << 47);
            }
        }

        int ioRstBit() {
            return protoRev == 8 ? 20 : 43;
        }

        int ioUpdateBit() {
            return protoRev == 8 ? 12 : 32;
        }

        int maskNuBit() {
            return protoRev == 8 ? 13 : 36;
        }

        void cfgWrite(long cfg) {
            if (protoRev == 8) {
                bus.setConfigMu(SPI_CONFIG | SPI_END, 24, SPIT_CFG_WR, CS_CFG);
                bus.write((int) cfg << 8);
            } else {
                bus.setConfigMu(SPI_CONFIG, 24, SPIT_CFG_WR, CS_CFG);
                bus.write((int) (((cfg >>> 28) & 0xFFFFFF) << 8));
                bus.setConfigMu(SPI_CONFIG | SPI_END, 28, SPIT_CFG_WR, CS_CFG);
                bus.write((int) ((cfg & 0xFFFFFFF) << 4));
            }
            cfgReg = cfg;
        }

        int staRead() {
            if (protoRev == 8) {
                bus.setConfigMu(SPI_CONFIG | SPI_END | SPI_INPUT, 24, SPIT_CFG_RD, CS_CFG);
                bus.write((int) (cfgReg << 8));
            } else {
                bus.setConfigMu(SPI_CONFIG, 24, SPIT_CFG_WR, CS_CFG);
                bus.write((int) (((cfgReg >>> 28) & 0xFFFFFF) << 8));
                bus.setConfigMu(SPI_CONFIG | SPI_END | SPI_INPUT, 28, SPIT_CFG_RD, CS_CFG);
                bus.write((int) ((cfgReg & 0xFFFFFFF) << 4));
            }
            return bus.read();
        }

        void init(boolean blind) {
            long cfg = cfgReg;
            cfgReg = cfg | (1L << ioRstBit());
            bus.setConfigMu(SPI_CONFIG, 24, SPIT_CFG_WR, CS_CFG);
            k.delayUs(1);
            if (blind) {
                cfgWrite(cfgReg);
            } else if (((staRead() >> 16) & 0x7F) != protoRev) {
                throw new Kernel.ValueError("Urukul proto_rev mismatch");
            }
            k.delayUs(100);
            cfgWrite(cfg);
            k.delayUs(1000);
        }

        void configureBit(int offset, int channel, boolean on) {
            long c = cfgReg;
            if (on) {
                c |= 1L << (offset + channel);
            } else {
                c &= ~(1L << (offset + channel));
            }
            cfgWrite(c);
        }

        void cfgSw(int channel, boolean on) {
            configureBit(0, channel, on);
        }

        void cfgMaskNu(int channel, boolean on) {
            configureBit(maskNuBit(), channel, on);
        }

        void cfgIoUpdate(int channel, boolean on) {
            configureBit(ioUpdateBit(), protoRev == 8 ? 0 : channel, on);
        }

        void setProfile(int channel, int profile) {
            if (protoRev == 8) {
                cfgWrite((cfgReg & ~(7L << 8)) | ((long) (profile & 7) << 8));
            } else {
                cfgWrite((cfgReg & ~(7L << (8 + channel * 3))) | ((long) (profile & 7) << (8 + channel * 3)));
            }
        }

        void setAllAttMu(int att) {
            bus.setConfigMu(SPI_CONFIG | SPI_END, 32, SPIT_ATT_WR, CS_ATT);
            bus.write(att);
            attReg = att;
        }

        void setAttMu(int channel, int att) {
            int a = attReg & ~(0xFF << (channel * 8));
            a |= att << (channel * 8);
            setAllAttMu(a);
        }

        int getAttMu() {
            bus.setConfigMu(SPI_CONFIG | SPI_INPUT, 32, SPIT_ATT_RD, CS_ATT);
            bus.write(0);
            bus.setConfigMu(SPI_CONFIG | SPI_END, 32, SPIT_ATT_WR, CS_ATT);
            k.delayUs(10);
            attReg = bus.read();
            bus.write(attReg);
            return attReg;
        }

        /** urukul.py RegIOUpdate for a chip select. */
        IoUpdate regIoUpdate(int chipSelect) {
            return mu -> {
                long cfg = cfgReg;
                cfgIoUpdate(chipSelect & 3, true);
                k.delayMu(mu);
                cfgWrite(cfg);
            };
        }
    }

    /** ad9910.py AD9910 (phase modes, single tone, RAM). */
    static final class Ad9910 {
        static final int PHASE_MODE_CONTINUOUS = 0, PHASE_MODE_ABSOLUTE = 1, PHASE_MODE_TRACKING = 2;
        static final int REG_CFR1 = 0, REG_CFR2 = 1, REG_CFR3 = 2, REG_AUX_DAC = 3, REG_FTW = 7, REG_POW = 8,
                REG_ASF = 9, REG_PROFILE0 = 0x0e, REG_RAM = 0x16;

        final Kernel k;
        final Cpld cpld;
        final Spi bus;
        final int chipSelect;
        final IoUpdate ioUpdate;
        final int pllN = 32, pllCp = 7, pllVco = 5, pllEn = 1;
        final double sysclk;
        final double ftwPerHz;
        final int sysclkPerMu;
        int phaseMode = PHASE_MODE_CONTINUOUS;
        /** Timeline position of the last IO_UPDATE pulse set_mu issued. */
        long lastIoUpdateMu = -1;

        Ad9910(Kernel k, Cpld cpld, int chipSelect, double refclk, int clkDiv) {
            this.k = k;
            this.cpld = cpld;
            this.bus = cpld.bus;
            this.chipSelect = chipSelect;
            this.ioUpdate = cpld.ioUpdate != null ? cpld.ioUpdate : cpld.regIoUpdate(chipSelect);
            double clk = refclk / new int[]{4, 1, 2, 4}[clkDiv];
            this.sysclk = clk * pllN;
            this.ftwPerHz = Math.pow(2, 32) / sysclk;
            this.sysclkPerMu = (int) Math.round(sysclk * 1e-9);
        }

        void write16(int addr, int data) {
            bus.setConfigMu(SPI_CONFIG | SPI_END, 24, SPIT_DDS_WR, chipSelect);
            bus.write((addr << 24) | ((data & 0xffff) << 8));
        }

        void write32(int addr, int data) {
            bus.setConfigMu(SPI_CONFIG, 8, SPIT_DDS_WR, chipSelect);
            bus.write(addr << 24);
            bus.setConfigMu(SPI_CONFIG | SPI_END, 32, SPIT_DDS_WR, chipSelect);
            bus.write(data);
        }

        int read32(int addr) {
            bus.setConfigMu(SPI_CONFIG, 8, SPIT_DDS_WR, chipSelect);
            bus.write((addr | 0x80) << 24);
            bus.setConfigMu(SPI_CONFIG | SPI_END | SPI_INPUT, 32, SPIT_DDS_RD, chipSelect);
            bus.write(0);
            return bus.read();
        }

        long read64(int addr) {
            bus.setConfigMu(SPI_CONFIG, 8, SPIT_DDS_WR, chipSelect);
            bus.write((addr | 0x80) << 24);
            bus.setConfigMu(SPI_CONFIG | SPI_INPUT, 32, SPIT_DDS_RD, chipSelect);
            bus.write(0);
            bus.setConfigMu(SPI_CONFIG | SPI_END | SPI_INPUT, 32, SPIT_DDS_RD, chipSelect);
            bus.write(0);
            long hi = bus.read();
            long lo = bus.read() & 0xffff_ffffL;
            return (hi << 32) | lo;
        }

        void write64(int addr, int hi, int lo) {
            bus.setConfigMu(SPI_CONFIG, 8, SPIT_DDS_WR, chipSelect);
            bus.write(addr << 24);
            bus.setConfigMu(SPI_CONFIG, 32, SPIT_DDS_WR, chipSelect);
            bus.write(hi);
            bus.setConfigMu(SPI_CONFIG | SPI_END, 32, SPIT_DDS_WR, chipSelect);
            bus.write(lo);
        }

        void writeRam(int[] data) {
            bus.setConfigMu(SPI_CONFIG, 8, SPIT_DDS_WR, chipSelect);
            bus.write(REG_RAM << 24);
            bus.setConfigMu(SPI_CONFIG, 32, SPIT_DDS_WR, chipSelect);
            for (int i = 0; i < data.length - 1; i++) {
                bus.write(data[i]);
            }
            bus.setConfigMu(SPI_CONFIG | SPI_END, 32, SPIT_DDS_WR, chipSelect);
            bus.write(data[data.length - 1]);
        }

        void setCfr1(int phaseAutoclear, int ramDestination, int ramEnable, int powerDown) {
            write32(REG_CFR1, (ramEnable << 31) | (ramDestination << 29) | (phaseAutoclear << 13)
                    | (powerDown << 4) | 2);
        }

        void setCfr1() {
            setCfr1(0, 0, 0, 0);
        }

        void setCfr2(int syncValidationDisable) {
            // asf_profile_enable=1, effective_ftw=1
            write32(REG_CFR2, (1 << 24) | (1 << 16) | (syncValidationDisable << 5));
        }

        int cfr3() {
            return 0x0807c000 | (pllVco << 24) | (pllCp << 19) | (pllEn << 8) | (pllN << 1);
        }

        void init(boolean blind) {
            k.delayUs(50_000);
            setCfr1();
            ioUpdate.pulseUs(1000);
            k.delayUs(1000);
            if (!blind) {
                int auxDac = read32(REG_AUX_DAC);
                if ((auxDac & 0xff) != 0x7f) {
                    throw new Kernel.ValueError("Urukul AD9910 AUX_DAC mismatch");
                }
                k.delayUs(50);
            }
            setCfr2(1);
            ioUpdate.pulseUs(1000);
            write32(REG_CFR3, cfr3() | 0x400);
            ioUpdate.pulseUs(1);
            write32(REG_CFR3, cfr3());
            ioUpdate.pulseUs(1000);
            if (blind) {
                k.delayUs(100_000);
            } else {
                for (int i = 0; i < 100; i++) {
                    int sta = cpld.staRead();
                    int lock = (sta >> 8) & 0xf;
                    k.delayUs(1000);
                    if ((lock & (1 << (chipSelect - 4))) != 0) {
                        break;
                    }
                    if (i >= 99) {
                        throw new Kernel.ValueError("PLL lock timeout");
                    }
                }
            }
            k.delayUs(10);
            k.delayUs(1000);
            cpld.cfgWrite(cpld.cfgReg);
        }

        /** ad9910.py set_mu (single tone, profile 7 by default); returns the POW written. */
        int setMu(int ftw, int pow, int asf, int phaseMode, long refTimeMu, int profile) {
            int mode = phaseMode < 0 ? this.phaseMode : phaseMode;
            k.atMu(k.now & ~7L);
            if (mode != PHASE_MODE_CONTINUOUS) {
                setCfr1(1, 0, 0, 0);
                if (mode == PHASE_MODE_TRACKING && refTimeMu < 0) {
                    refTimeMu = 0;
                }
                if (refTimeMu >= 0) {
                    int dt = (int) k.now - (int) refTimeMu;
                    pow += dt * ftw * sysclkPerMu >> 16;
                }
            }
            write64(REG_PROFILE0 + profile, (asf << 16) | (pow & 0xffff), ftw);
            lastIoUpdateMu = k.now;
            ioUpdate.pulseMu(8);
            k.atMu(k.now & ~7L);
            if (mode != PHASE_MODE_CONTINUOUS) {
                setCfr1();
            }
            return pow;
        }

        int setMu(int ftw) {
            return setMu(ftw, 0, 0x3fff, -1, -1, 7);
        }

        int frequencyToFtw(double f) {
            return (int) Math.round(ftwPerHz * f);
        }

        int turnsToPow(double turns) {
            return (int) Math.round(turns * 0x10000) & 0xffff;
        }

        int amplitudeToAsf(double a) {
            return (int) Math.round(a * 0x3fff);
        }

        double set(double frequency, double phase, double amplitude, int phaseMode, long refTimeMu) {
            return setMu(frequencyToFtw(frequency), turnsToPow(phase), amplitudeToAsf(amplitude), phaseMode,
                    refTimeMu, 7) / 65536.0;
        }

        void setProfileRam(int start, int end, int step, int profile, int mode) {
            int hi = (step << 8) | (end >> 2);
            int lo = (end << 30) | (start << 14) | mode;
            write64(REG_PROFILE0 + profile, hi, lo);
        }
    }

    /** ad9912.py AD9912. */
    static final class Ad9912 {
        static final int SER_CONF = 0x000, PRODIDH = 0x003, PWRCNTRL1 = 0x010, N_DIV = 0x020, PLLCFG = 0x022,
                POW1 = 0x1ad;

        final Kernel k;
        final Cpld cpld;
        final Spi bus;
        final int chipSelect;
        final IoUpdate ioUpdate;
        final int pllN = 8;
        final double ftwPerHz;

        Ad9912(Kernel k, Cpld cpld, int chipSelect, double refclk, int clkDiv) {
            this.k = k;
            this.cpld = cpld;
            this.bus = cpld.bus;
            this.chipSelect = chipSelect;
            this.ioUpdate = cpld.ioUpdate != null ? cpld.ioUpdate : cpld.regIoUpdate(chipSelect);
            double sysclk = refclk / new int[]{1, 1, 2, 4}[clkDiv] * pllN;
            this.ftwPerHz = Math.pow(2, 48) / sysclk;
        }

        void write(int addr, int data, int length) {
            bus.setConfigMu(SPI_CONFIG, 16, SPIT_DDS_WR, chipSelect);
            bus.write((addr | ((length - 1) << 13)) << 16);
            bus.setConfigMu(SPI_CONFIG | SPI_END, length * 8, SPIT_DDS_WR, chipSelect);
            bus.write(data << (32 - length * 8));
        }

        int read(int addr, int length) {
            bus.setConfigMu(SPI_CONFIG, 16, SPIT_DDS_WR, chipSelect);
            bus.write((addr | ((length - 1) << 13) | 0x8000) << 16);
            bus.setConfigMu(SPI_CONFIG | SPI_END | SPI_INPUT, length * 8, SPIT_DDS_RD, chipSelect);
            bus.write(0);
            int data = bus.read();
            if (length < 4) {
                data &= (1 << (length * 8)) - 1;
            }
            return data;
        }

        void init() {
            write(SER_CONF, 0x99, 1);
            ioUpdate.pulseUs(2);
            int prodid = read(PRODIDH, 2);
            if (prodid != 0x1982 && prodid != 0x1902) {
                throw new Kernel.ValueError("Urukul AD9912 product id mismatch");
            }
            k.delayUs(50);
            write(PWRCNTRL1, 0x80, 1);
            ioUpdate.pulseUs(2);
            write(N_DIV, pllN / 2 - 2, 1);
            ioUpdate.pulseUs(2);
            write(PLLCFG, 0b00000101, 1);
            ioUpdate.pulseUs(2);
            k.delayUs(1000);
        }

        void setMu(long ftw, int pow) {
            bus.setConfigMu(SPI_CONFIG, 16, SPIT_DDS_WR, chipSelect);
            bus.write((POW1 << 16) | (3 << 29));
            bus.setConfigMu(SPI_CONFIG, 32, SPIT_DDS_WR, chipSelect);
            bus.write((pow << 16) | ((int) (ftw >> 32) & 0xffff));
            bus.setConfigMu(SPI_CONFIG | SPI_END, 32, SPIT_DDS_WR, chipSelect);
            bus.write((int) ftw);
            ioUpdate.pulseUs(0.01);
        }

        long frequencyToFtw(double f) {
            return Math.round(ftwPerHz * f) & ((1L << 48) - 1);
        }

        int turnsToPow(double phase) {
            return (int) Math.round((1 << 14) * phase) & 0xffff;
        }

        void set(double frequency, double phase) {
            setMu(frequencyToFtw(frequency), turnsToPow(phase));
        }
    }
}
