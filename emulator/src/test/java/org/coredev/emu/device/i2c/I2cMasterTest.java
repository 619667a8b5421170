package org.coredev.emu.device.i2c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The firmware's I2C operations on a Kasli-like bus: two PCA9548 switches (0x70, 0x71) and an
 * EEPROM behind channel 7 of the first, driven as ARTIQ's drivers drive them
 * (artiq/coredevice/i2c.py, kasli_i2c.py).
 */
class I2cMasterTest {
    private final I2cBus bus = new I2cBus();
    private final Pca9548 sw0 = new Pca9548(0x70), sw1 = new Pca9548(0x71);
    private final Eeprom24aa025e48 eeprom = new Eeprom24aa025e48(0x50, new byte[] {0, 4, (byte) 0xa3, 1, 2, 3});
    private final I2cMaster master;

    I2cMasterTest() {
        bus.attach(sw0);
        bus.attach(sw1);
        sw0.attach(7, eeprom);
        master = new I2cMaster(List.of(bus));
    }

    /** i2c.py's i2c_read_byte. */
    private int readByte(int address8) {
        assertTrue(master.start(0).succeeded());
        int data = -1;
        if (master.write(0, address8 | 1).value() == 1) data = master.read(0, false).value();
        assertTrue(master.stop(0).succeeded());
        return data;
    }

    /** i2c.py's i2c_write_many: false at the first NACK. */
    private boolean writeMany(int address8, int at, int... data) {
        master.start(0);
        try {
            if (master.write(0, address8).value() == 0 || master.write(0, at).value() == 0) return false;
            for (int d : data) if (master.write(0, d).value() == 0) return false;
            return true;
        } finally {
            master.stop(0);
        }
    }

    /** i2c.py's i2c_read_many: pointer written, repeated start, sequential read. */
    private int[] readMany(int address8, int at, int n) {
        master.start(0);
        try {
            assertEquals(1, master.write(0, address8).value());
            assertEquals(1, master.write(0, at).value());
            master.restart(0);
            assertEquals(1, master.write(0, address8 | 1).value());
            int[] out = new int[n];
            for (int k = 0; k < n; k++) out[k] = master.read(0, k < n - 1).value();
            return out;
        } finally {
            master.stop(0);
        }
    }

    @Test
    void switchReadsBackTheChannelItWasSetTo() {   // artiq/test/coredevice/test_i2c.py, I2CSwitchTest
        for (int i = 0; i < 8; i++) {
            assertTrue(master.switchSelect(0, 0xe0 >> 1, 1 << i).succeeded());
            assertEquals(1 << i, readByte(0xe0));
        }
    }

    @Test
    void aSwitchNobodyAnswersFailsTheRequest() {
        I2cMaster.Result r = master.switchSelect(0, 0x74, 1);
        assertFalse(r.succeeded());
        assertEquals(I2cMaster.START + I2cMaster.BYTE + I2cMaster.STOP, r.halfPeriods(), "address NACKed: mask not sent");
        assertEquals(I2cMaster.START + 2 * I2cMaster.BYTE + I2cMaster.STOP, master.switchSelect(0, 0x70, 1).halfPeriods());
    }

    @Test
    void busNumbersPastTheBoardsBusesFailWithoutBusTime() {
        for (int busno : new int[] {1, 255, 1 << 16}) {   // 1 << 16: bus 0 of DRTIO destination 1
            assertFalse(master.start(busno).succeeded(), "bus " + busno);
            assertFalse(master.write(busno, 0).succeeded());
            assertFalse(master.read(busno, false).succeeded());
            assertFalse(master.stop(busno).succeeded());
            assertFalse(master.switchSelect(busno, 0x70, 1).succeeded());
            assertEquals(0, master.start(busno).halfPeriods());
        }
        assertTrue(master.start(256).succeeded(), "the firmware takes the bus number as a u8");
    }

    @Test
    void aStartWhileTheBusIsHeldFails() {
        assertTrue(master.start(0).succeeded());
        assertFalse(master.start(0).succeeded());
        master.stop(0);
        assertTrue(master.start(0).succeeded());
    }

    @Test
    void theEepromAnswersOnlyWhileItsChannelIsConnected() {
        assertEquals(-1, readByte(0xa0));
        master.switchSelect(0, 0x70, 1 << 6);
        assertEquals(-1, readByte(0xa0), "wrong channel");
        master.switchSelect(0, 0x70, 1 << 7);
        assertEquals(0xff, readByte(0xa0), "erased");
        master.switchSelect(0, 0x70, 0);
        assertEquals(-1, readByte(0xa0));
    }

    @Test
    void theSwitchConnectsItsChannelsAtTheStop() {
        master.start(0);
        master.write(0, 0xe0);
        master.write(0, 1 << 7);
        master.restart(0);
        assertEquals(0, master.write(0, 0xa1).value(), "not yet connected");
        master.stop(0);
        assertEquals(0x80, sw0.control());
        assertEquals(0xff, readByte(0xa0));
    }

    @Test
    void kasliEepromWordRoundTrip() {   // KasliEEPROM.write_i32 / read_i32, as Urukul's sync data
        master.switchSelect(0, 0x70, 1 << 7);
        assertTrue(writeMany(0xa0, 64, 0x12, 0x34, 0xff, 0xff));
        assertEquals(0x12, eeprom.cell(64));
        int[] word = readMany(0xa0, 64, 4);
        assertEquals(List.of(0x12, 0x34, 0xff, 0xff), List.of(word[0], word[1], word[2], word[3]));
    }

    @Test
    void pageWritesWrapWithinTheirPage() {
        master.switchSelect(0, 0x70, 1 << 7);
        writeMany(0xa0, 0x1e, 1, 2, 3);   // 0x1e, 0x1f, then back to 0x10
        assertEquals(1, eeprom.cell(0x1e));
        assertEquals(2, eeprom.cell(0x1f));
        assertEquals(3, eeprom.cell(0x10));
        assertEquals(0xff, eeprom.cell(0x20));
    }

    @Test
    void sequentialReadsCrossPagesAndTheUpperHalfHoldsTheEui48() {
        master.switchSelect(0, 0x70, 1 << 7);
        int[] eui = readMany(0xa0, 0xfa, 8);   // wraps to 0x00 after 0xff
        assertEquals(List.of(0, 4, 0xa3, 1, 2, 3, 0xff, 0xff),
                List.of(eui[0], eui[1], eui[2], eui[3], eui[4], eui[5], eui[6], eui[7]));
        writeMany(0xa0, 0xfa, 9);
        assertEquals(0, eeprom.cell(0xfa), "write-protected");
    }

    @Test
    void aReadWithNoChipDrivingGivesAllOnes() {
        master.start(0);
        assertEquals(0, master.write(0, 0x55).value());
        assertEquals(0xff, master.read(0, false).value());
        master.stop(0);
    }
}
