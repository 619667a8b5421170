# An ARTIQ experiment as labs write them: `coredev run examples/experiments/blink.py` runs build()
# on coredev's host evaluator, compiles the @kernel run() and runs it on the emulated Kasli
# (the built-in device database: led0 is ttl3).
from artiq.experiment import *


class Blink(EnvExperiment):
    def build(self):
        self.setattr_device("core")
        self.setattr_device("led0")
        self.count = 4
        self.period = 500*us

    @kernel
    def run(self):
        self.core.break_realtime()
        for i in range(self.count):
            self.led0.pulse(self.period / 2)
            delay(self.period / 2)
