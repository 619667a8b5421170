# Bundles: `coredev run examples/experiments/bundled_scan.py`. run() is host code; inside
# `with bundled(self.pulses)` the kernel pulses (and every kernel it reaches) is compiled and
# uploaded once, kept resident, and each call runs there with no compilation and no upload.
# check() is not in the bundle: it is compiled for its call and linked against the bundle, so it
# calls pulses there and sees the same self.total (one copy on the device).
from artiq.experiment import *


class BundledScan(EnvExperiment):
    def build(self):
        self.setattr_device("core")
        self.setattr_device("ttl0")
        self.total = 0

    @kernel
    def pulses(self, n: TInt32) -> TInt32:
        self.core.break_realtime()
        for i in range(n):
            self.ttl0.pulse(1*us)
            delay(1*us)
        self.total += n
        return self.total

    @kernel
    def check(self):
        self.pulses(1)

    def run(self):
        with bundled(self.pulses):
            for n in range(1, 4):
                print("total after", n, "pulses:", self.pulses(n))
            self.check()
        print("total written back:", self.total)
