package org.coredev.dds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.coredev.rtio.Channel;
import org.coredev.rtio.phy.SpiMaster;
import org.coredev.rtio.phy.TtlOut;
import org.junit.jupiter.api.Test;

class DdsModelsTest {

    @Test
    void deviceDbEntriesBecomeOneCpldAndFourChannels() {
        Board b = Board.ad9910();
        assertEquals(List.of("urukul0_cpld"), List.copyOf(b.dds.cplds().keySet()));
        assertEquals(List.of("urukul0_ch0", "urukul0_ch1", "urukul0_ch2", "urukul0_ch3"),
                List.copyOf(b.dds.channels().keySet()));
        assertInstanceOf(Ad9910.class, b.dds.channels().get("urukul0_ch3"));
        assertEquals(9, b.cpldModel().protoRev());
        assertEquals(31.25e6, b.cpldModel().ddsRefclkHz(), "125 MHz / 4 (clk_div 0 on an AD9910 board)");
    }

    @Test
    void tappedDevicesNamesIoUpdateAndSwitchTtls() {
        Board b = Board.ad9910();
        assertEquals(new TreeSet<>(List.of("ttl_urukul0_io_update", "ttl_urukul0_sw0", "ttl_urukul0_sw1",
                "ttl_urukul0_sw2", "ttl_urukul0_sw3")), DdsModels.tappedDevices(b.deviceDb));
    }

    private static Map<String, Object> minimalDb(Map<String, Object> ddsArgs) {
        Map<String, Object> db = new LinkedHashMap<>();
        Map<String, Object> cpldArgs = new LinkedHashMap<>();
        cpldArgs.put("spi_device", "spi0");
        cpldArgs.put("io_update_device", "io");
        db.put("cpld", Board.local("artiq.coredevice.urukul", "CPLD", cpldArgs));
        db.put("ch0", Board.local("artiq.coredevice.ad9910", "AD9910", ddsArgs));
        return db;
    }

    private static Map<String, Channel> channels(boolean tapped) {
        Map<String, Channel> m = new LinkedHashMap<>();
        m.put("spi0", Channel.of(0, "spi0", new SpiMaster()));
        m.put("io", Channel.of(1, "io", tapped ? new TtlTap(new TtlOut()) : new TtlOut()));
        return m;
    }

    @Test
    void untappedIoUpdateChannelIsRejectedNamingTheDevice() {
        Map<String, Object> args = new LinkedHashMap<>(Map.of("chip_select", 4L, "cpld_device", "cpld"));
        DdsException e = assertThrows(DdsException.class,
                () -> DdsModels.fromDeviceDb(minimalDb(args), channels(false)::get));
        assertTrue(e.getMessage().contains("device cpld: io_update_device io"), e.getMessage());
        assertTrue(e.getMessage().contains("TtlTap"), e.getMessage());
    }

    @Test
    void missingSpiChannelIsRejected() {
        Map<String, Object> args = new LinkedHashMap<>(Map.of("chip_select", 4L, "cpld_device", "cpld"));
        DdsException e = assertThrows(DdsException.class, () -> DdsModels.fromDeviceDb(minimalDb(args), n -> null));
        assertEquals("device cpld: spi_device spi0 has no RTIO channel", e.getMessage());
    }

    @Test
    void multiDdsChipSelectIsADriverWithNoChipOfItsOwn() {
        Map<String, Object> args = new LinkedHashMap<>(Map.of("chip_select", 3L, "cpld_device", "cpld"));
        DdsModels m = DdsModels.fromDeviceDb(minimalDb(args), channels(true)::get);
        assertEquals(List.of("cpld"), List.copyOf(m.cplds().keySet()));
        assertTrue(m.channels().isEmpty(), "chip select 3 adds no channel");
    }

    @Test
    void chipSelectOutsideTheDdsRangeIsRejected() {
        Map<String, Object> args = new LinkedHashMap<>(Map.of("chip_select", 2L, "cpld_device", "cpld"));
        DdsException e = assertThrows(DdsException.class,
                () -> DdsModels.fromDeviceDb(minimalDb(args), channels(true)::get));
        assertEquals("device ch0: argument chip_select must be 3..7 (3: all DDS CFG.MASK_NU selects), got 2", e.getMessage());
    }

    @Test
    void illTypedArgumentIsRejectedNamingIt() {
        Map<String, Object> args = new LinkedHashMap<>(Map.of("chip_select", "four", "cpld_device", "cpld"));
        DdsException e = assertThrows(DdsException.class,
                () -> DdsModels.fromDeviceDb(minimalDb(args), channels(true)::get));
        assertEquals("device ch0: argument chip_select must be an integer, got four", e.getMessage());
    }

    @Test
    void aliasesAreFollowed() {
        Map<String, Object> args = new LinkedHashMap<>(Map.of("chip_select", 5L, "cpld_device", "cpld_alias"));
        Map<String, Object> db = minimalDb(args);
        db.put("cpld_alias", "cpld");
        DdsModels m = DdsModels.fromDeviceDb(db, channels(true)::get);
        assertEquals(m.cpld("cpld").chip(1), m.ad9910("ch0"));
    }

    @Test
    void unknownChannelNameIsAnException() {
        DdsModels m = new DdsModels();
        DdsException e = assertThrows(DdsException.class, () -> m.ad9910("nope"));
        assertEquals("no AD9910 channel named nope", e.getMessage());
    }
}
