# Urukul DDS through ARTIQ's drivers: `coredev run examples/experiments/dds.py --plot dds.png`
# initialises the CPLD and AD9910 channel 0 of the built-in device database, sets 100 MHz at half
# amplitude, opens the RF switch, then hops to 120 MHz 1 ms later. The trace ends with the
# "DDS outputs:" of each channel (frequency, phase, amplitude, switch) from its IO_UPDATE.
from artiq.experiment import *


class Dds(EnvExperiment):
    def build(self):
        self.setattr_device("core")
        self.setattr_device("urukul0_cpld")
        self.setattr_device("urukul0_ch0")

    @kernel
    def run(self):
        self.core.break_realtime()
        self.urukul0_cpld.init()
        self.urukul0_ch0.init()
        self.urukul0_cpld.set_att(0, 0.0)
        self.urukul0_ch0.set(100*MHz, amplitude=0.5)
        self.urukul0_ch0.sw.on()
        delay(1*ms)
        self.urukul0_ch0.set(120*MHz, amplitude=0.5)
        delay(1*ms)
        self.urukul0_ch0.sw.off()
