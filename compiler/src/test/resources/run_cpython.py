# Runs a kernel-language program under CPython with the kernel builtins defined as the board
# computes them: int32/int64 are plain ints (the programs stay in range), now_mu/at_mu/delay_mu
# keep a timeline cursor, the RTIO syscalls do nothing (the counter reads 0). Prints the uncaught
# exception's class name last on stderr, exit 1.
import sys

_now = [0]
def int32(x): return int(x)
def int64(x): return int(x)
def now_mu(): return _now[0]
def at_mu(t): _now[0] = t
def delay_mu(d): _now[0] += d
def delay(s): _now[0] += round(s / 1e-9)   # artiq_ir_generator.py: delay_mu(round(s / ref_period))
def seconds_to_mu(s): return int(s // 1e-9)  # artiq/coredevice/core.py
def mu_to_seconds(mu): return mu * 1e-9
def rtio_get_counter(): return 0
def rtio_output(target, data): pass

path = sys.argv[1]
source = open(path, encoding="utf-8").read()
env = {"__name__": "__main__", "int32": int32, "int64": int64, "now_mu": now_mu, "at_mu": at_mu, "delay_mu": delay_mu,
       "delay": delay, "seconds_to_mu": seconds_to_mu, "mu_to_seconds": mu_to_seconds,
       "ps": 1e-12, "ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0, "Hz": 1.0, "kHz": 1e3, "MHz": 1e6, "GHz": 1e9,
       "rtio_get_counter": rtio_get_counter, "rtio_output": rtio_output}
try:   # numpy.array as ARTIQ's kernels have it: the programs that use it need python3-numpy
    import numpy
    env["array"] = numpy.array
except ImportError:
    pass
try:
    exec(compile(source, path, "exec"), env)
except Exception as e:
    sys.stdout.flush()
    print("uncaught " + type(e).__name__, file=sys.stderr)
    sys.exit(1)
