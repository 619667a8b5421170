# Kernel-language drivers for device_db devices, compiled with the program when it calls them.
# A method call `dev.m(args)` on a device of class C becomes `__driver_C_m(<embedded attributes>, args)`
# (org.coredev.compiler.embedding.Embedding); the bodies follow ARTIQ's drivers.

# artiq/coredevice/ttl.py, TTLOut and TTLInOut: target_o = channel << 8, target_oe = target_o + 1.
def __driver_TTL_set_o(channel, o):
    rtio_output(channel << 8, 1 if o else 0)

def __driver_TTL_on(channel):
    __driver_TTL_set_o(channel, True)

def __driver_TTL_off(channel):
    __driver_TTL_set_o(channel, False)

def __driver_TTL_pulse_mu(channel, duration):
    __driver_TTL_on(channel)
    delay_mu(duration)
    __driver_TTL_off(channel)

def __driver_TTL_pulse(channel, duration):
    __driver_TTL_on(channel)
    delay(duration)
    __driver_TTL_off(channel)

def __driver_TTL_set_oe(channel, oe):
    rtio_output((channel << 8) + 1, 1 if oe else 0)

def __driver_TTL_output(channel):
    __driver_TTL_set_oe(channel, True)

def __driver_TTL_input(channel):
    __driver_TTL_set_oe(channel, False)

# TTLInOut inputs (ttl.py): target_sens = (channel << 8) + 2; the gateware timestamps the edges the
# sensitivity selects (1 rising, 2 falling, 3 both) while the gate is open.
def __driver_TTL_set_sensitivity(channel, value):
    rtio_output((channel << 8) + 2, value)

def __driver_TTL_gate_mu(channel, sensitivity, duration):
    __driver_TTL_set_sensitivity(channel, sensitivity)
    delay_mu(duration)
    __driver_TTL_set_sensitivity(channel, 0)
    return now_mu()

def __driver_TTL_gate_rising_mu(channel, duration):
    return __driver_TTL_gate_mu(channel, 1, duration)

def __driver_TTL_gate_falling_mu(channel, duration):
    return __driver_TTL_gate_mu(channel, 2, duration)

def __driver_TTL_gate_both_mu(channel, duration):
    return __driver_TTL_gate_mu(channel, 3, duration)

def __driver_TTL_gate_rising(channel, duration):
    return __driver_TTL_gate_mu(channel, 1, seconds_to_mu(duration))

def __driver_TTL_gate_falling(channel, duration):
    return __driver_TTL_gate_mu(channel, 2, seconds_to_mu(duration))

def __driver_TTL_gate_both(channel, duration):
    return __driver_TTL_gate_mu(channel, 3, seconds_to_mu(duration))

# The timestamp of the next input event before up_to_timestamp_mu, or -1 (rtio_input_timestamp).
def __driver_TTL_timestamp_mu(channel, up_to_timestamp_mu):
    return rtio_input_timestamp(up_to_timestamp_mu, channel)

def __driver_TTL_count(channel, up_to_timestamp_mu):
    result = 0
    while rtio_input_timestamp(up_to_timestamp_mu, channel) >= 0:
        result += 1
    return result

# artiq/coredevice/core.py, Core.
def __driver_Core_break_realtime():
    min_now = rtio_get_counter() + 125000
    if now_mu() < min_now:
        at_mu(min_now)

def __driver_Core_get_rtio_counter_mu():
    return rtio_get_counter()

def __driver_Core_seconds_to_mu(seconds):
    return seconds_to_mu(seconds)

def __driver_Core_mu_to_seconds(mu):
    return mu_to_seconds(mu)
