package org.coredev.dds;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coredev.rtio.Channel;
import org.coredev.rtio.RtioConfig;
import org.coredev.rtio.RtioCore;
import org.coredev.rtio.phy.SpiMaster;
import org.coredev.rtio.phy.TtlOut;

/**
 * A Kasli with one Urukul as artiq_ddb_template writes it for a two-EEM Urukul: spi_urukul0
 * (channel 0), ttl_urukul0_io_update (1), ttl_urukul0_sw0..3 (2..5), urukul0_cpld and
 * urukul0_ch0..3; the models built by {@link DdsModels#fromDeviceDb}, and the ARTIQ drivers.
 */
final class Board {
    static final int SPI = 0, IO_UPDATE = 1, SW0 = 2;

    final Map<String, Object> deviceDb = new LinkedHashMap<>();
    final RtioCore core;
    final DdsModels dds;
    final Kernel k;
    final Drivers.Spi spi;
    final Drivers.Ttl ioUpdate;
    final Drivers.Cpld cpld;
    final List<Drivers.Ttl> sw = new ArrayList<>();
    final double refclk = 125e6;

    Board(String dds, int protoRev, boolean ioUpdateDevice, int clkSel) {
        Map<String, Object> cpldArgs = new LinkedHashMap<>();
        cpldArgs.put("spi_device", "spi_urukul0");
        cpldArgs.put("sync_device", null);
        if (ioUpdateDevice) {
            cpldArgs.put("io_update_device", "ttl_urukul0_io_update");
        }
        cpldArgs.put("refclk", refclk);
        cpldArgs.put("clk_sel", (long) clkSel);
        cpldArgs.put("clk_div", 0L);
        cpldArgs.put("proto_rev", (long) protoRev);
        deviceDb.put("spi_urukul0", local("artiq.coredevice.spi2", "SPIMaster", Map.of("channel", 0L)));
        deviceDb.put("ttl_urukul0_io_update", local("artiq.coredevice.ttl", "TTLOut", Map.of("channel", 1L)));
        for (int i = 0; i < 4; i++) {
            deviceDb.put("ttl_urukul0_sw" + i, local("artiq.coredevice.ttl", "TTLOut", Map.of("channel", 2L + i)));
        }
        deviceDb.put("urukul0_cpld", local("artiq.coredevice.urukul", "CPLD", cpldArgs));
        for (int i = 0; i < 4; i++) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("pll_n", dds.equals("ad9910") ? 32L : 8L);
            a.put("pll_en", 1L);
            a.put("chip_select", 4L + i);
            a.put("cpld_device", "urukul0_cpld");
            a.put("sw_device", "ttl_urukul0_sw" + i);
            deviceDb.put("urukul0_ch" + i, dds.equals("ad9910")
                    ? local("artiq.coredevice.ad9910", "AD9910", a)
                    : local("artiq.coredevice.ad9912", "AD9912", a));
        }
        deviceDb.put("dds0", "urukul0_ch0");

        List<Channel> channels = new ArrayList<>();
        channels.add(Channel.of(SPI, "spi_urukul0", new SpiMaster()));
        channels.add(Channel.of(IO_UPDATE, "ttl_urukul0_io_update", new TtlTap(new TtlOut())));
        for (int i = 0; i < 4; i++) {
            channels.add(Channel.of(SW0 + i, "ttl_urukul0_sw" + i, new TtlTap(new TtlOut())));
        }
        core = new RtioCore(RtioConfig.kasli(), channels);
        Map<String, Channel> byName = new LinkedHashMap<>();
        channels.forEach(c -> byName.put(c.name(), c));
        this.dds = DdsModels.fromDeviceDb(deviceDb, byName::get);
        k = new Kernel(core);
        spi = new Drivers.Spi(k, SPI);
        ioUpdate = ioUpdateDevice ? new Drivers.Ttl(k, IO_UPDATE) : null;
        cpld = new Drivers.Cpld(k, spi, protoRev, ioUpdate, clkSel, 0);
        for (int i = 0; i < 4; i++) {
            sw.add(new Drivers.Ttl(k, SW0 + i));
        }
    }

    /** The usual AD9910 board: proto_rev 9, IO_UPDATE TTL, MMCX clock from Kasli. */
    static Board ad9910() {
        return new Board("ad9910", 9, true, 2);
    }

    static Map<String, Object> local(String module, String cls, Map<String, Object> args) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("type", "local");
        e.put("module", module);
        e.put("class", cls);
        e.put("arguments", args);
        return e;
    }

    Drivers.Ad9910 ad9910Driver(int channel) {
        return new Drivers.Ad9910(k, cpld, 4 + channel, refclk, 0);
    }

    Drivers.Ad9912 ad9912Driver(int channel) {
        return new Drivers.Ad9912(k, cpld, 4 + channel, refclk, 0);
    }

    Ad9910 ad9910(int channel) {
        return dds.ad9910("urukul0_ch" + channel);
    }

    Ad9912 ad9912(int channel) {
        return dds.ad9912("urukul0_ch" + channel);
    }

    UrukulCpld cpldModel() {
        return dds.cpld("urukul0_cpld");
    }

    DdsTimeline timeline() {
        return dds.timeline();
    }

    List<DdsIssue> errors() {
        return dds.issues().errors();
    }

    /** Ends the kernel: drains the RTIO core up to now and lets RAM playback run to now. */
    void finish() {
        k.finish();
        dds.finish(k.now);
    }
}
