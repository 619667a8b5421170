# An experiment built from components, as labs write them: a HasEnvironment component that
# takes its own devices (Cooling), and a plain helper object holding a device (Probe). The
# kernel calls their @kernel methods; what it assigns to them is written back after the kernel,
# and analyze() reads it on the host. prepare() runs before the kernel is compiled.
from artiq.experiment import *


class Cooling(HasEnvironment):
    def build(self, duration):
        self.setattr_device("core")
        self.setattr_device("ttl0")
        self.duration = duration
        self.cycles = 0

    @kernel
    def cool(self):
        self.ttl0.pulse(self.duration)
        self.cycles += 1


class Probe:
    def __init__(self, ttl, width):
        self.ttl = ttl
        self.width = width
        self.shots = [0.0, 0.0, 0.0]

    @kernel
    def shot(self, k):
        self.ttl.pulse(self.width)
        self.shots[k] = self.width * (k + 1)


class Components(EnvExperiment):
    def build(self):
        self.setattr_device("core")
        self.setattr_device("led0")
        self.cooling = Cooling(self, 5*us)
        self.probe = Probe(self.led0, 1*us)

    def prepare(self):
        self.cooling.duration = 8*us     # the kernel, compiled after prepare(), sees 8 us

    @kernel
    def run(self):
        self.core.break_realtime()
        for k in range(3):
            self.cooling.cool()
            delay(2*us)
            self.probe.shot(k)
            delay(50*us)      # the soft-float OR1K needs the slack: 2 us here underflows there

    def analyze(self):
        print("cooling cycles:", self.cooling.cycles)
        print("probe shots (us):", [round(t / us, 3) for t in self.probe.shots])
