package org.coredev.emu.device;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coredev.emu.EmulatorException;

/** A Kasli-like device database, as the host evaluator would produce it from device_db.py. */
final class TestDeviceDb {
    static Map<String, Object> local(String module, String cls, Map<String, Object> arguments) {
        return Map.of("type", "local", "module", module, "class", cls, "arguments", arguments);
    }

    static Map<String, Object> db(String target) {
        Map<String, Object> db = new LinkedHashMap<>();
        db.put("core", local("artiq.coredevice.core", "Core", Map.of("host", "kasli", "ref_period", 1e-9, "target", target)));
        db.put("ttl3", local("artiq.coredevice.ttl", "TTLOut", Map.of("channel", 3L)));
        db.put("led0", "ttl3");
        db.put("ttl4", local("artiq.coredevice.ttl", "TTLOut", Map.of("channel", 4L)));
        db.put("ttl_out", local("artiq.coredevice.ttl", "TTLOut", Map.of("channel", 5L)));
        db.put("ttl_in", local("artiq.coredevice.ttl", "TTLInOut", Map.of("channel", 6L)));
        db.put("spi0", local("artiq.coredevice.spi2", "SPIMaster", Map.of("channel", 7L)));
        db.put("coredev", Map.of("type", "coredev", "loopback", List.of(List.of("ttl_out", "ttl_in", 0L))));
        return db;
    }

    static CoreDevice device() throws EmulatorException {
        return new CoreDevice(DeviceConfig.fromDb("test_device_db.py", db("rv32g")));
    }
}
