# Device db for running ARTIQ's artiq/test/coredevice suites against `coredev serve`.
core_addr = "127.0.0.1"
device_db = {
    "core": {"type": "local", "module": "artiq.coredevice.core", "class": "Core",
             "arguments": {"host": core_addr, "ref_period": 1e-09, "analyzer_proxy": "core_analyzer", "target": "rv32g"}},
    "core_cache": {"type": "local", "module": "artiq.coredevice.cache", "class": "CoreCache"},
    "core_dma": {"type": "local", "module": "artiq.coredevice.dma", "class": "CoreDMA"},
    "ttl0": {"type": "local", "module": "artiq.coredevice.ttl", "class": "TTLOut", "arguments": {"channel": 0}},
    "ttl1": {"type": "local", "module": "artiq.coredevice.ttl", "class": "TTLInOut", "arguments": {"channel": 1}},
    "ttl2": {"type": "local", "module": "artiq.coredevice.ttl", "class": "TTLInOut", "arguments": {"channel": 2}},
    "ttl3": {"type": "local", "module": "artiq.coredevice.ttl", "class": "TTLInOut", "arguments": {"channel": 3}},
    "ttl4": {"type": "local", "module": "artiq.coredevice.ttl", "class": "TTLOut", "arguments": {"channel": 4}},
    "ttl5": {"type": "local", "module": "artiq.coredevice.ttl", "class": "TTLOut", "arguments": {"channel": 5}},
    "ttl6": {"type": "local", "module": "artiq.coredevice.ttl", "class": "TTLOut", "arguments": {"channel": 6}},
    "clk0": {"type": "local", "module": "artiq.coredevice.ttl", "class": "TTLClockGen", "arguments": {"channel": 7}},
    "led0": {"type": "local", "module": "artiq.coredevice.ttl", "class": "TTLOut", "arguments": {"channel": 8}},
    "loop_out": "ttl0",
    "loop_in": "ttl1",
    "loop_clock_out": "clk0",
    "loop_clock_in": "ttl2",
    "ttl_out": "ttl4",
    "ttl_out_serdes": "ttl5",
    "ttl_inout": "ttl3",
    "led": "led0",
    "coredev": {"type": "coredev", "loopback": [["ttl0", "ttl1", 0], ["clk0", "ttl2", 0]], "sd_card": ["spi_mmc"]},
}

# An Urukul with AD9910s, for test_urukul and test_ad9910.
device_db.update(
    spi_urukul0={"type": "local", "module": "artiq.coredevice.spi2", "class": "SPIMaster", "arguments": {"channel": 9}},
    ttl_urukul0_io_update={"type": "local", "module": "artiq.coredevice.ttl", "class": "TTLOut", "arguments": {"channel": 10}},
)
for i in range(4):
    device_db["ttl_urukul0_sw" + str(i)] = {"type": "local", "module": "artiq.coredevice.ttl", "class": "TTLOut",
                                            "arguments": {"channel": 11 + i}}
device_db["urukul_cpld"] = {"type": "local", "module": "artiq.coredevice.urukul", "class": "CPLD",
    "arguments": {"spi_device": "spi_urukul0", "io_update_device": "ttl_urukul0_io_update", "refclk": 125e6, "clk_sel": 2}}
for i in range(4):
    device_db["urukul_ch" + str(i)] = {"type": "local", "module": "artiq.coredevice.ad9910", "class": "AD9910",
        "arguments": {"pll_n": 32, "chip_select": 4 + i, "cpld_device": "urukul_cpld", "sw_device": "ttl_urukul0_sw" + str(i)}}

# An edge counter on ttl1's pad (the loopback input), for test_edge_counter; named as
# artiq_ddb_template names counters, so coredev wires ttl1's pad to it.
device_db["ttl1_counter"] = {"type": "local", "module": "artiq.coredevice.edge_counter", "class": "EdgeCounter",
                             "arguments": {"channel": 15}}
device_db["loop_in_counter"] = "ttl1_counter"

# Kasli's I2C switches, for test_i2c (I2CSwitchTest reads a PCA9548's control register back),
# and an EEPROM behind EEM0 as ARTIQ's templates declare an Urukul's.
device_db["i2c_switch0"] = {"type": "local", "module": "artiq.coredevice.i2c", "class": "I2CSwitch",
                            "arguments": {"address": 0xe0}}
device_db["i2c_switch1"] = {"type": "local", "module": "artiq.coredevice.i2c", "class": "I2CSwitch",
                            "arguments": {"address": 0xe2}}
device_db["i2c_switch"] = "i2c_switch0"
device_db["eeprom_urukul0"] = {"type": "local", "module": "artiq.coredevice.kasli_i2c", "class": "KasliEEPROM",
                               "arguments": {"port": "EEM0"}}

# An AD9834 on its own SPI bus, for test_ad9834 (the driver's defaults: 10 MHz SPI, 75 MHz clock).
device_db["spi_dds0"] = {"type": "local", "module": "artiq.coredevice.spi2", "class": "SPIMaster",
                         "arguments": {"channel": 16}}
device_db["dds0"] = {"type": "local", "module": "artiq.coredevice.ad9834", "class": "AD9834",
                     "arguments": {"spi_device": "spi_dds0"}}

# A Mirny (four ADF5356 PLLs) on its own SPI bus, for test_adf5356; as artiq_ddb_template writes it.
device_db["spi_mirny0"] = {"type": "local", "module": "artiq.coredevice.spi2", "class": "SPIMaster",
                           "arguments": {"channel": 17}}
for i in range(4):
    device_db["ttl_mirny0_sw" + str(i)] = {"type": "local", "module": "artiq.coredevice.ttl", "class": "TTLOut",
                                           "arguments": {"channel": 18 + i}}
    device_db["mirny0_ch" + str(i)] = {"type": "local", "module": "artiq.coredevice.adf5356", "class": "ADF5356",
        "arguments": {"channel": i, "sw_device": "ttl_mirny0_sw" + str(i), "cpld_device": "mirny0_cpld"}}
device_db["mirny0_cpld"] = {"type": "local", "module": "artiq.coredevice.mirny", "class": "Mirny",
                            "arguments": {"spi_device": "spi_mirny0", "refclk": 100e6, "clk_sel": "xo"}}

# An SD card in an SPI slot, for test_spi (CardTest: CMD0 answered idle), as KC705's spi_mmc.
device_db["spi_mmc"] = {"type": "local", "module": "artiq.coredevice.spi2", "class": "SPIMaster",
                        "arguments": {"channel": 22}}
