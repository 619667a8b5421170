# The core ARTIQ's JIT testbench (artiq.compiler.testbench.jit) compiles test programs for:
# ref_period 1e-6, so delay(1.0) is 10^6 mu. `coredev run --testbench` runs programs on it.
device_db = {
    "core": {"type": "local", "module": "artiq.coredevice.core", "class": "Core",
             "arguments": {"host": "127.0.0.1", "ref_period": 1e-06, "target": "rv32g"}},
}
