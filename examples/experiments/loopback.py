# Gating and timestamping through the built-in database's loopback pair (ttl_out wired to ttl_in),
# the way ARTIQ's test_loopback does it: the gate and the pulses run in parallel on the timeline.
# Prints the round-trip latency in machine units and the number of edges counted.
from artiq.experiment import *


class Loopback(EnvExperiment):
    def build(self):
        self.setattr_device("core")
        self.setattr_device("ttl_out")
        self.setattr_device("ttl_in")

    @kernel
    def run(self):
        self.core.break_realtime()
        t_pulse = now_mu()
        with parallel:
            t_gate = self.ttl_in.gate_rising(10*us)
            with sequential:
                delay(1*us)
                t_pulse = now_mu()
                for i in range(3):
                    self.ttl_out.pulse(1*us)
                    delay(1*us)
        first = self.ttl_in.timestamp_mu(t_gate)
        print(first - t_pulse, self.ttl_in.count(t_gate) + 1)
