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

def __driver_TTL_set_oe(channel, oe):
    rtio_output((channel << 8) + 1, 1 if oe else 0)

def __driver_TTL_output(channel):
    __driver_TTL_set_oe(channel, True)

def __driver_TTL_input(channel):
    __driver_TTL_set_oe(channel, False)

# artiq/coredevice/core.py, Core.
def __driver_Core_break_realtime():
    min_now = rtio_get_counter() + 125000
    if now_mu() < min_now:
        at_mu(min_now)

def __driver_Core_get_rtio_counter_mu():
    return rtio_get_counter()
