# Kernel-language drivers for device_db devices, compiled with the program when it calls them.
# A method call `dev.m(args)` on a device of class C becomes `__driver_C_m(<embedded attributes>, args)`
# (org.coredev.compiler.embedding.Embedding); the bodies follow ARTIQ's drivers.

# artiq/coredevice/ttl.py, TTLOut and TTLInOut: target_o = channel << 8, target_oe = target_o + 1.
def __driver_TTL_set_o(channel, o):
    rtio_output(channel << 8, 1 if o else 0)

def __driver_TTL_on(channel):
    __driver_TTL_set_o(channel, True)

def __driver_TTL_off(channel):
    __driver_TTL_set_o(channel, False)

def __driver_TTL_pulse_mu(channel, duration):
    __driver_TTL_on(channel)
    delay_mu(duration)
    __driver_TTL_off(channel)

def __driver_TTL_pulse(channel, duration):
    __driver_TTL_on(channel)
    delay(duration)
    __driver_TTL_off(channel)

def __driver_TTL_set_oe(channel, oe):
    rtio_output((channel << 8) + 1, 1 if oe else 0)

def __driver_TTL_output(channel):
    __driver_TTL_set_oe(channel, True)

def __driver_TTLOut_output(channel):
    pass

def __driver_TTL_input(channel):
    __driver_TTL_set_oe(channel, False)

# TTLInOut inputs (ttl.py): target_sens = (channel << 8) + 2; the gateware timestamps the edges the
# sensitivity selects (1 rising, 2 falling, 3 both) while the gate is open.
def __driver_TTL_set_sensitivity(channel, value):
    rtio_output((channel << 8) + 2, value)

def __driver_TTL_gate_mu(channel, sensitivity, duration):
    __driver_TTL_set_sensitivity(channel, sensitivity)
    delay_mu(duration)
    __driver_TTL_set_sensitivity(channel, 0)
    return now_mu()

def __driver_TTL_gate_rising_mu(channel, duration):
    return __driver_TTL_gate_mu(channel, 1, duration)

def __driver_TTL_gate_falling_mu(channel, duration):
    return __driver_TTL_gate_mu(channel, 2, duration)

def __driver_TTL_gate_both_mu(channel, duration):
    return __driver_TTL_gate_mu(channel, 3, duration)

def __driver_TTL_gate_rising(channel, duration):
    return __driver_TTL_gate_mu(channel, 1, seconds_to_mu(duration))

def __driver_TTL_gate_falling(channel, duration):
    return __driver_TTL_gate_mu(channel, 2, seconds_to_mu(duration))

def __driver_TTL_gate_both(channel, duration):
    return __driver_TTL_gate_mu(channel, 3, seconds_to_mu(duration))

# The timestamp of the next input event before up_to_timestamp_mu, or -1 (rtio_input_timestamp).
def __driver_TTL_timestamp_mu(channel, up_to_timestamp_mu):
    return rtio_input_timestamp(up_to_timestamp_mu, channel)

def __driver_TTL_count(channel, up_to_timestamp_mu):
    result = 0
    while rtio_input_timestamp(up_to_timestamp_mu, channel) >= 0:
        result += 1
    return result

# artiq/coredevice/core.py, Core.
def __driver_Core_break_realtime():
    min_now = rtio_get_counter() + 125000
    if now_mu() < min_now:
        at_mu(min_now)

# rtio_init clears the FIFOs and releases the PHY reset; the cursor goes 125000 mu past the counter.
def __driver_Core_reset():
    rtio_init()
    at_mu(rtio_get_counter() + 125000)

# Busy-waits until the RTIO counter reaches cursor_mu (the timeline cursor is not changed).
def __driver_Core_wait_until_mu(cursor_mu):
    while rtio_get_counter() < cursor_mu:
        pass

def __driver_Core_get_rtio_counter_mu():
    return rtio_get_counter()

def __driver_Core_seconds_to_mu(seconds):
    return seconds_to_mu(seconds)

def __driver_Core_mu_to_seconds(mu):
    return mu_to_seconds(mu)

# ---- Drivers with state and sub-devices ------------------------------------------------------
# A function `__driver_C_m(self, ...)` is method m of device class C, instantiated per device as
# the function `<device>.m` (org.coredev.compiler.embedding.DeviceClasses): `self.x` is a constant
# the device's __init__ computes from its arguments, a state variable `<device>.x` (a module
# variable), a sub-device (`self.bus`, `self.sw`, `self.cpld`) or a method of the same device.

# artiq/coredevice/ttl.py, TTLClockGen: one RTIO write of the frequency tuning word, the
# timeline is not moved. ftw_per_hz = 2**acc_width * coarse_ref_period.
def __driver_TTLClockGen_set_mu(self, frequency):
    rtio_output(self.target, frequency)

def __driver_TTLClockGen_frequency_to_ftw(self, frequency):
    return int32(round(self.ftw_per_hz * frequency))

def __driver_TTLClockGen_ftw_to_frequency(self, ftw):
    return ftw / self.ftw_per_hz

def __driver_TTLClockGen_set(self, frequency):
    self.set_mu(self.frequency_to_ftw(frequency))

def __driver_TTLClockGen_stop(self):
    self.set_mu(0)

# artiq/coredevice/spi2.py, SPIMaster: data at address 0, config at address 1. set_config_mu
# advances the timeline by one coarse RTIO cycle (ref_period_mu), write by the transfer's
# duration ((length + 1) * div + 1) coarse cycles; read takes the SPI_INPUT word.
def __driver_SPIMaster_update_xfer_duration_mu(self, div, length):
    self.xfer_duration_mu = int64(((length + 1) * div + 1) * self.ref_period_mu)

def __driver_SPIMaster_set_config_mu(self, flags, length, div, cs):
    if length > 32 or length < 1:
        raise ValueError("Invalid SPI transfer length")
    if div > 257 or div < 2:
        raise ValueError("Invalid SPI clock divider")
    rtio_output((self.channel << 8) | 1, flags | ((length - 1) << 8) | ((div - 2) << 16) | (cs << 24))
    self.update_xfer_duration_mu(div, length)
    delay_mu(int64(self.ref_period_mu))

def __driver_SPIMaster_frequency_to_div(self, f):
    return int32(round(1.0 / (f * self.coarse_ref_period)))

def __driver_SPIMaster_set_config(self, flags, length, freq, cs):
    self.set_config_mu(flags, length, self.frequency_to_div(freq), cs)

def __driver_SPIMaster_write(self, data):
    rtio_output(self.channel << 8, data)
    delay_mu(self.xfer_duration_mu)

def __driver_SPIMaster_read(self):
    return rtio_input_data(self.channel)

# artiq/coredevice/urukul.py, CPLD. SPI: config SPI_CS_POLARITY (8), SPI_END 2, SPI_INPUT 4;
# dividers SPIT_CFG_WR 2, SPIT_CFG_RD 16, SPIT_ATT_WR 6; chip selects CS_CFG 1, CS_ATT 2.
# cfg_reg is 24 bits (proto_rev 8) or 52 bits in two transfers, 24 + 28 (proto_rev 9).
def __driver_CPLD_cfg_write(self, cfg):
    if self.proto_rev == 8:
        self.bus.set_config_mu(8 | 2, 24, 2, 1)
        self.bus.write(int32(cfg) << 8)
    else:
        self.bus.set_config_mu(8, 24, 2, 1)
        self.bus.write(int32((cfg >> 28) & int64(0xFFFFFF)) << 8)
        self.bus.set_config_mu(8 | 2, 28, 2, 1)
        self.bus.write(int32(cfg & int64(0xFFFFFFF)) << 4)
    self.cfg_reg = cfg

def __driver_CPLD_sta_read(self):
    if self.proto_rev == 8:
        self.bus.set_config_mu(8 | 2 | 4, 24, 16, 1)
        self.bus.write(int32(self.cfg_reg) << 8)
    else:
        self.bus.set_config_mu(8, 24, 2, 1)
        self.bus.write(int32((self.cfg_reg >> 28) & int64(0xFFFFFF)) << 8)
        self.bus.set_config_mu(8 | 2 | 4, 28, 16, 1)
        self.bus.write(int32(self.cfg_reg & int64(0xFFFFFFF)) << 4)
    return self.bus.read()

def __driver_CPLD_init(self, blind=False):
    cfg = self.cfg_reg
    # Don't pulse MASTER_RESET (m-labs/artiq#940); IO_RST resets the DDS serial ports.
    self.cfg_reg = cfg | (int64(1) << self.io_rst_bit)
    self.bus.set_config_mu(8, 24, 2, 1)
    delay(1 * us)   # slack
    if blind:
        self.cfg_write(self.cfg_reg)
    else:
        proto_rev = (self.sta_read() >> 16) & 0x7f
        if proto_rev != self.proto_rev:
            raise ValueError("Urukul proto_rev mismatch")
    delay(100 * us)   # reset, slack
    self.cfg_write(cfg)
    delay(1 * ms)   # DDS wake up

def __driver_CPLD_cfg_sw(self, channel, on):
    c = self.cfg_reg
    if on:
        c |= int64(1) << channel
    else:
        c &= ~(int64(1) << channel)
    self.cfg_write(c)

def __driver_CPLD_cfg_switches(self, state):
    self.cfg_write((self.cfg_reg & ~int64(0xf)) | int64(state & 0xf))

def __driver_CPLD_set_all_att_mu(self, att_reg):
    self.bus.set_config_mu(8 | 2, 32, 6, 2)
    self.bus.write(att_reg)
    self.att_reg = att_reg

def __driver_CPLD_set_att_mu(self, channel, att):
    a = self.att_reg & ~(0xff << (8 * channel))
    a |= att << (8 * channel)
    self.set_all_att_mu(a)

def __driver_CPLD_att_to_mu(self, att):
    code = 255 - int32(round(att * 8))
    if code < 0 or code > 255:
        raise ValueError("Invalid urukul.CPLD attenuation!")
    return code

def __driver_CPLD_set_att(self, channel, att):
    self.set_att_mu(channel, self.att_to_mu(att))

def __driver_CPLD_get_att_mu(self):
    self.bus.set_config_mu(8 | 4, 32, 16, 2)
    self.bus.write(0)
    self.bus.set_config_mu(8 | 2, 32, 6, 2)
    delay(10 * us)
    self.att_reg = self.bus.read()
    self.bus.write(self.att_reg)
    return self.att_reg

# artiq/coredevice/ad9910.py, AD9910 on Urukul: 8-bit instruction, then 16, 32 or 64 data bits;
# SPIT_DDS_WR 2, SPIT_DDS_RD 16. Registers: CFR1 0, CFR2 1, CFR3 2, AUX_DAC 3, FTW 7, POW 8,
# ASF 9, PROFILE0 0x0e. Single-tone profile 7 is the default (urukul.py DEFAULT_PROFILE).
def __driver_AD9910_write16(self, addr, data):
    self.bus.set_config_mu(8 | 2, 24, 2, self.chip_select)
    self.bus.write((addr << 24) | ((data & 0xffff) << 8))

def __driver_AD9910_write32(self, addr, data):
    self.bus.set_config_mu(8, 8, 2, self.chip_select)
    self.bus.write(addr << 24)
    self.bus.set_config_mu(8 | 2, 32, 2, self.chip_select)
    self.bus.write(data)

def __driver_AD9910_read32(self, addr):
    self.bus.set_config_mu(8, 8, 2, self.chip_select)
    self.bus.write((addr | 0x80) << 24)
    self.bus.set_config_mu(8 | 2 | 4, 32, 16, self.chip_select)
    self.bus.write(0)
    return self.bus.read()

def __driver_AD9910_write64(self, addr, data_high, data_low):
    self.bus.set_config_mu(8, 8, 2, self.chip_select)
    self.bus.write(addr << 24)
    self.bus.set_config_mu(8, 32, 2, self.chip_select)
    self.bus.write(data_high)
    self.bus.set_config_mu(8 | 2, 32, 2, self.chip_select)
    self.bus.write(data_low)

def __driver_AD9910_set_cfr1(self, power_down=0, phase_autoclear=0, ram_destination=0, ram_enable=0):
    self.write32(0, (ram_enable << 31) | (ram_destination << 29) | (phase_autoclear << 13) | (power_down << 4) | 2)

def __driver_AD9910_set_cfr2(self, asf_profile_enable=1, drg_enable=0, effective_ftw=1, sync_validation_disable=0, matched_latency_enable=0):
    self.write32(1, (asf_profile_enable << 24) | (drg_enable << 19) | (effective_ftw << 16) | (matched_latency_enable << 22) | (sync_validation_disable << 5))

def __driver_AD9910_init(self, blind=False):
    delay(50 * ms)   # slack
    self.set_cfr1()   # SPI mode: 4-wire, SDO on
    self.io_update.pulse(1 * ms)
    delay(1 * ms)
    if not blind:
        # AUX_DAC's reset value identifies the chip and checks the SPI link.
        aux_dac = self.read32(3)
        if aux_dac & 0xff != 0x7f:
            raise ValueError("Urukul AD9910 AUX_DAC mismatch")
        delay(50 * us)   # slack
    # Amplitude from the profiles, read the effective FTW, sync timing validation off.
    self.set_cfr2(1, 0, 1, 1, 0)
    self.io_update.pulse(1 * ms)
    cfr3 = 0x0807c000 | (self.pll_vco << 24) | (self.pll_cp << 19) | (self.pll_en << 8) | (self.pll_n << 1)
    self.write32(2, cfr3 | 0x400)   # PFD reset
    self.io_update.pulse(1 * us)
    if self.pll_en:
        self.write32(2, cfr3)
        self.io_update.pulse(1 * ms)
        if blind:
            delay(100 * ms)
        else:
            # PLL lock: CPLD STA bits 8..11, up to 100 ms.
            for i in range(100):
                lock = (self.cpld.sta_read() >> 8) & 0xf
                delay(1 * ms)
                if lock & (1 << (self.chip_select - 4)):
                    break
                if i >= 100 - 1:
                    raise ValueError("PLL lock timeout")
    delay(10 * us)   # slack
    delay(1 * ms)
    self.cpld.cfg_write(self.cpld.cfg_reg)

def __driver_AD9910_set_phase_mode(self, phase_mode):
    self.phase_mode = phase_mode

def __driver_AD9910_set_mu(self, ftw=0, pow_=0, asf=0x3fff, phase_mode=-1, ref_time_mu=int64(-1), profile=7):
    if phase_mode == -1:
        phase_mode = self.phase_mode
    # Align to the coarse RTIO clock, which aligns SYNC_CLK.
    at_mu(now_mu() & int64(-8))
    if phase_mode != 0:
        self.set_cfr1(0, 1)   # phase autoclear at the next IO_UPDATE
        if phase_mode == 2 and ref_time_mu < int64(0):
            ref_time_mu = int64(0)
        if ref_time_mu >= int64(0):
            dt = int32(now_mu()) - int32(ref_time_mu)
            pow_ += dt * ftw * self.sysclk_per_mu >> 16
    self.write64(0x0e + profile, (asf << 16) | (pow_ & 0xffff), ftw)
    delay_mu(int64(self.io_update_delay))
    self.io_update.pulse_mu(8)
    at_mu(now_mu() & int64(-8))
    if phase_mode != 0:
        self.set_cfr1()
    return pow_

def __driver_AD9910_frequency_to_ftw(self, frequency):
    return int32(round(self.ftw_per_hz * frequency))

def __driver_AD9910_ftw_to_frequency(self, ftw):
    return ftw / self.ftw_per_hz

def __driver_AD9910_turns_to_pow(self, turns):
    return int32(round(turns * 0x10000)) & 0xffff

def __driver_AD9910_pow_to_turns(self, pow_):
    return pow_ / 0x10000

def __driver_AD9910_amplitude_to_asf(self, amplitude):
    code = int32(round(amplitude * 0x3fff))
    if code < 0 or code > 0x3fff:
        raise ValueError("Invalid AD9910 fractional amplitude!")
    return code

def __driver_AD9910_asf_to_amplitude(self, asf):
    return asf / 0x3fff

# ARTIQ's full signature but ram_destination (no RAM mode); on rv32ima ref_time_mu's high word
# and profile are stack arguments.
def __driver_AD9910_set(self, frequency, phase=0.0, amplitude=1.0, phase_mode=-1, ref_time_mu=int64(-1), profile=7):
    return self.pow_to_turns(self.set_mu(self.frequency_to_ftw(frequency), self.turns_to_pow(phase),
                                         self.amplitude_to_asf(amplitude), phase_mode, ref_time_mu, profile))

def __driver_AD9910_set_att_mu(self, att):
    self.cpld.set_att_mu(self.chip_select - 4, att)

def __driver_AD9910_set_att(self, att):
    self.cpld.set_att(self.chip_select - 4, att)

def __driver_AD9910_cfg_sw(self, state):
    self.cpld.cfg_sw(self.chip_select - 4, state)
