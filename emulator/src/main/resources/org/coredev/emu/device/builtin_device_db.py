# coredev's built-in device database: a Kasli 2.0 (rv32g kernel CPU) with eight TTL channels,
# an LED, a loopback pair and an Urukul DDS card on an SPI bus, in the shape ARTIQ's
# artiq_ddb_template writes. `coredev run` uses it when no --device-db is given.

core_addr = "192.168.1.70"

device_db = {
    "core": {
        "type": "local",
        "module": "artiq.coredevice.core",
        "class": "Core",
        "arguments": {"host": core_addr, "ref_period": 1e-09, "analyzer_proxy": "core_analyzer", "target": "rv32g"},
    },
    "core_log": {
        "type": "controller",
        "host": "::1",
        "port": 1068,
        "command": "aqctl_corelog -p {port} --bind {bind} " + core_addr,
    },
    "core_cache": {"type": "local", "module": "artiq.coredevice.cache", "class": "CoreCache"},
    "core_dma": {"type": "local", "module": "artiq.coredevice.dma", "class": "CoreDMA"},
}

# DIO EEM: channels 0-1 bidirectional, 2-4 outputs.
for i in range(5):
    device_db["ttl" + str(i)] = {
        "type": "local",
        "module": "artiq.coredevice.ttl",
        "class": "TTLInOut" if i < 2 else "TTLOut",
        "arguments": {"channel": i},
    }

device_db.update(
    ttl_out={"type": "local", "module": "artiq.coredevice.ttl", "class": "TTLOut", "arguments": {"channel": 5}},
    ttl_in={"type": "local", "module": "artiq.coredevice.ttl", "class": "TTLInOut", "arguments": {"channel": 6}},
    spi_urukul0={"type": "local", "module": "artiq.coredevice.spi2", "class": "SPIMaster", "arguments": {"channel": 7}},
    ttl_urukul0_io_update={"type": "local", "module": "artiq.coredevice.ttl", "class": "TTLOut", "arguments": {"channel": 8}},
)

for i in range(4):
    device_db["ttl_urukul0_sw" + str(i)] = {
        "type": "local",
        "module": "artiq.coredevice.ttl",
        "class": "TTLOut",
        "arguments": {"channel": 9 + i},
    }

device_db["urukul0_cpld"] = {
    "type": "local",
    "module": "artiq.coredevice.urukul",
    "class": "CPLD",
    "arguments": {
        "spi_device": "spi_urukul0",
        "io_update_device": "ttl_urukul0_io_update",
        "refclk": 125e6,
        "clk_sel": 2,
    },
}

for i in range(4):
    device_db["urukul0_ch" + str(i)] = {
        "type": "local",
        "module": "artiq.coredevice.ad9910",
        "class": "AD9910",
        "arguments": {
            "pll_n": 32,
            "chip_select": 4 + i,
            "cpld_device": "urukul0_cpld",
            "sw_device": "ttl_urukul0_sw" + str(i),
        },
    }

device_db["led0"] = "ttl3"
device_db["ttl_pulse"] = "ttl4"

# Wiring that exists only in emulation; ARTIQ never instantiates a "coredev" entry.
device_db["coredev"] = {
    "type": "coredev",
    "loopback": [["ttl_out", "ttl_in", 0]],
}
