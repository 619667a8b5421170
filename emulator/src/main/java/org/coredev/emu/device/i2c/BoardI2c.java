package org.coredev.emu.device.i2c;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coredev.emu.EmulatorException;
import org.coredev.emu.device.DeviceConfig;

/**
 * The board's I2C bus (Kasli and KC705 have one), with the chips the device database names:
 * a PCA9548 switch for each {@code artiq.coredevice.i2c.I2CSwitch} entry (8-bit {@code address},
 * default 0xe8, on {@code busno} 0), and a 24AA025E48 EEPROM for each
 * {@code artiq.coredevice.kasli_i2c.KasliEEPROM} entry, behind the switch channel its
 * {@code port} ("EEM0" .. "EEM11", "SFP0" .. "SFP2", "LOC0") is wired to on Kasli: ports 0-7 of
 * the mapping on {@code sw0_device}, 8-15 on {@code sw1_device}. Other I2C chips are not
 * modelled: nothing acknowledges their address.
 */
public final class BoardI2c {
    /** Kasli's EEM connectors to I2C switch channels (artiq/coredevice/kasli_i2c.py). */
    static final Map<String, Integer> KASLI_PORTS = Map.ofEntries(
            Map.entry("EEM0", 7), Map.entry("EEM1", 5), Map.entry("EEM2", 4), Map.entry("EEM3", 3),
            Map.entry("EEM4", 2), Map.entry("EEM5", 1), Map.entry("EEM6", 0), Map.entry("EEM7", 6),
            Map.entry("EEM8", 12), Map.entry("EEM9", 13), Map.entry("EEM10", 15), Map.entry("EEM11", 14),
            Map.entry("SFP0", 8), Map.entry("SFP1", 9), Map.entry("SFP2", 10), Map.entry("LOC0", 11));

    /** Microchip's OUI, the first three bytes of the EEPROMs' EUI-48. */
    private static final byte[] MICROCHIP_OUI = {0x00, 0x04, (byte) 0xa3};

    private BoardI2c() {}

    /** The bus with the database's chips; {@code db} as the host evaluator gives it. */
    public static I2cMaster fromDeviceDb(String source, Map<String, Object> db) throws EmulatorException {
        I2cBus bus = new I2cBus();
        Map<String, Pca9548> switches = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : db.entrySet()) {
            if (!(e.getValue() instanceof Map<?, ?> entry) || !isClass(entry, "artiq.coredevice.i2c", "I2CSwitch")) continue;
            Map<?, ?> args = arguments(entry);
            if (integer(source, e.getKey(), args, "busno", 0) != 0) continue;   // a bus the board does not have
            int address = integer(source, e.getKey(), args, "address", 0xe8);
            Pca9548 sw = new Pca9548((address >> 1) & 0x7f);
            switches.put(e.getKey(), sw);
            bus.attach(sw);
        }
        for (Map.Entry<String, Object> e : db.entrySet()) {
            if (!(e.getValue() instanceof Map<?, ?> entry) || !isClass(entry, "artiq.coredevice.kasli_i2c", "KasliEEPROM")) continue;
            String name = e.getKey();
            Map<?, ?> args = arguments(entry);
            if (!(args.get("port") instanceof String port) || !KASLI_PORTS.containsKey(port))
                throw new EmulatorException("%s: device '%s': 'port' must be one of Kasli's I2C ports (EEM0-EEM11, SFP0-SFP2, LOC0); got %s"
                        .formatted(source, name, args.get("port")));
            if (integer(source, name, args, "busno", 0) != 0) continue;
            int channel = KASLI_PORTS.get(port);
            String swName = channel < 8 ? string(args, "sw0_device", "i2c_switch0") : string(args, "sw1_device", "i2c_switch1");
            Pca9548 sw = db.containsKey(swName) ? switches.get(DeviceConfig.resolve(db, swName, source)) : null;
            if (sw == null)
                throw new EmulatorException("%s: device '%s': its switch '%s' is not an I2CSwitch of the database"
                        .formatted(source, name, swName));
            int address = integer(source, name, args, "address", 0xa0);
            byte[] eui = {MICROCHIP_OUI[0], MICROCHIP_OUI[1], MICROCHIP_OUI[2], 0, (byte) sw.address(), (byte) channel};
            sw.attach(channel % 8, new Eeprom24aa025e48((address >> 1) & 0x7f, eui));
        }
        return new I2cMaster(List.of(bus));
    }

    private static boolean isClass(Map<?, ?> entry, String module, String cls) {
        return "local".equals(entry.get("type")) && module.equals(entry.get("module")) && cls.equals(entry.get("class"));
    }

    private static Map<?, ?> arguments(Map<?, ?> entry) {
        return entry.get("arguments") instanceof Map<?, ?> m ? m : Map.of();
    }

    private static int integer(String source, String name, Map<?, ?> args, String key, int otherwise) throws EmulatorException {
        Object v = args.get(key);
        if (v == null) return otherwise;
        if (v instanceof Long || v instanceof Integer) return ((Number) v).intValue();
        throw new EmulatorException("%s: device '%s': '%s' must be an integer; got %s".formatted(source, name, key, v));
    }

    private static String string(Map<?, ?> args, String key, String otherwise) {
        return args.get(key) instanceof String s ? s : otherwise;
    }
}
