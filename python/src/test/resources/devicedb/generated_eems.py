# A device database built by helper functions, as hand-written multi-crate setups often are:
# functions with keyword arguments, comprehensions, f-strings, %-formatting and str.format.
import math
from copy import deepcopy

core_addr = "10.0.16.121"
RTIO_FREQUENCY = 125e6

device_db = dict(
    core={
        "type": "local",
        "module": "artiq.coredevice.core",
        "class": "Core",
        "arguments": {"host": core_addr, "ref_period": 1 / RTIO_FREQUENCY, "target": "rv32g"},
    },
    core_cache={"type": "local", "module": "artiq.coredevice.cache", "class": "CoreCache"},
    core_dma={"type": "local", "module": "artiq.coredevice.dma", "class": "CoreDMA"},
)

_TTL = {"type": "local", "module": "artiq.coredevice.ttl"}


def ttl(channel, inout=False, **extra):
    entry = deepcopy(_TTL)
    entry["class"] = "TTLInOut" if inout else "TTLOut"
    entry["arguments"] = {"channel": channel, **extra}
    return entry


def add_dio(eem, first_channel, *, n_inputs=4, name="ttl"):
    """Adds the 8 channels of a DIO card and returns the next free channel."""
    for k in range(8):
        device_db[f"{name}{eem * 8 + k}"] = ttl(first_channel + k, inout=k < n_inputs)
    return first_channel + 8


channel = 0
for eem in (0, 1):
    channel = add_dio(eem, channel, n_inputs=4 if eem == 0 else 0)

device_db.update({
    "spi_sampler%d_adc" % n: {
        "type": "local",
        "module": "artiq.coredevice.spi2",
        "class": "SPIMaster",
        "arguments": {"channel": channel + 3 * n},
    }
    for n in range(2)
})

for n in range(2):
    base = channel + 3 * n
    device_db["spi_sampler{}_pgia".format(n)] = {
        "type": "local",
        "module": "artiq.coredevice.spi2",
        "class": "SPIMaster",
        "arguments": {"channel": base + 1},
    }
    device_db["ttl_sampler{n}_cnv".format(n=n)] = ttl(base + 2)
    device_db["sampler" + str(n)] = {
        "type": "local",
        "module": "artiq.coredevice.sampler",
        "class": "Sampler",
        "arguments": {
            "spi_adc_device": "spi_sampler%d_adc" % n,
            "spi_pgia_device": "spi_sampler%d_pgia" % n,
            "cnv_device": "ttl_sampler%d_cnv" % n,
        },
    }
channel += 6

# Odd but legal values: big ints, negative floats, nested lists and tuples, None and booleans.
device_db["coredev"] = {
    "type": "coredev",
    "loopbacks": [("ttl4", "ttl0"), ("ttl5", "ttl1")],
    "seed": 2 ** 64 + 1,
    "skew_s": -2.5e-10,
    "period": round(1 / 3, 6),
    "gain_db": 20 * math.log10(2),
    "enabled": True,
    "comment": None,
    "next_channel": channel,
    "label": "{:>8}|{:<6}|{:^7}|{:08.3f}|{:x}|{:,}".format("ttl", "dio", "mid", math.pi, 255, 1234567),
}

aliases = {f"led{i}": f"ttl{8 + i}" for i in range(2)}
device_db.update(aliases)
assert sorted(k for k in device_db if k.startswith("led")) == ["led0", "led1"]
