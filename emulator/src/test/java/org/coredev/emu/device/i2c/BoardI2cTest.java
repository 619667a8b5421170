package org.coredev.emu.device.i2c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.coredev.emu.EmulatorException;
import org.junit.jupiter.api.Test;

/** The I2C chips a device database names, as ARTIQ's templates write them. */
class BoardI2cTest {
    private static Map<String, Object> local(String module, String cls, Map<String, Object> args) {
        return Map.of("type", "local", "module", module, "class", cls, "arguments", args);
    }

    private static Map<String, Object> kasliDb() {
        Map<String, Object> db = new LinkedHashMap<>();
        db.put("i2c_switch0", local("artiq.coredevice.i2c", "I2CSwitch", Map.of("address", 0xe0L)));
        db.put("i2c_switch1", local("artiq.coredevice.i2c", "I2CSwitch", Map.of("address", 0xe2L)));
        db.put("eeprom_urukul0", local("artiq.coredevice.kasli_i2c", "KasliEEPROM", Map.of("port", "EEM2")));
        db.put("eeprom_sfp", local("artiq.coredevice.kasli_i2c", "KasliEEPROM", Map.of("port", "SFP0")));
        return db;
    }

    private static int read(I2cMaster m, int address8) {
        m.start(0);
        int v = m.write(0, address8 | 1).value() == 1 ? m.read(0, false).value() : -1;
        m.stop(0);
        return v;
    }

    @Test
    void eepromsSitBehindTheChannelsOfTheirKasliPorts() throws EmulatorException {
        I2cMaster m = BoardI2c.fromDeviceDb("db.py", kasliDb());
        assertEquals(0, read(m, 0xe0), "switch 0 answers");
        assertEquals(0, read(m, 0xe2), "switch 1 answers");
        m.switchSelect(0, 0x70, 1 << 4);   // EEM2 is channel 4 of switch 0
        assertEquals(0xff, read(m, 0xa0));
        m.switchSelect(0, 0x70, 0);
        assertEquals(-1, read(m, 0xa0));
        m.switchSelect(0, 0x71, 1);        // SFP0 is port 8: channel 0 of switch 1
        assertEquals(0xff, read(m, 0xa0));
    }

    @Test
    void theDefaultSwitchAddressIsKc705s() throws EmulatorException {
        I2cMaster m = BoardI2c.fromDeviceDb("db.py", Map.of("i2c_switch", local("artiq.coredevice.i2c", "I2CSwitch", Map.of())));
        assertTrue(m.switchSelect(0, 0xe8 >> 1, 2).succeeded());
        assertEquals(2, read(m, 0xe8));
    }

    @Test
    void anEmptyDatabaseGivesOneBusWithNothingOnIt() throws EmulatorException {
        I2cMaster m = BoardI2c.fromDeviceDb("db.py", Map.of());
        assertTrue(m.start(0).succeeded());
        assertEquals(0, m.write(0, 0xe0).value());
        m.stop(0);
    }

    @Test
    void badEntriesAreNamed() {
        Map<String, Object> db = kasliDb();
        db.put("eeprom_x", local("artiq.coredevice.kasli_i2c", "KasliEEPROM", Map.of("port", "EEM12")));
        EmulatorException e = assertThrows(EmulatorException.class, () -> BoardI2c.fromDeviceDb("db.py", db));
        assertEquals("db.py: device 'eeprom_x': 'port' must be one of Kasli's I2C ports (EEM0-EEM11, SFP0-SFP2, LOC0); got EEM12", e.getMessage());

        Map<String, Object> noSwitch = new LinkedHashMap<>();
        noSwitch.put("eeprom_urukul0", local("artiq.coredevice.kasli_i2c", "KasliEEPROM", Map.of("port", "EEM0")));
        e = assertThrows(EmulatorException.class, () -> BoardI2c.fromDeviceDb("db.py", noSwitch));
        assertEquals("db.py: device 'eeprom_urukul0': its switch 'i2c_switch0' is not an I2CSwitch of the database", e.getMessage());

        Map<String, Object> badAddress = Map.of("sw", local("artiq.coredevice.i2c", "I2CSwitch", Map.of("address", "0xe0")));
        e = assertThrows(EmulatorException.class, () -> BoardI2c.fromDeviceDb("db.py", badAddress));
        assertEquals("db.py: device 'sw': 'address' must be an integer; got 0xe0", e.getMessage());
    }
}
