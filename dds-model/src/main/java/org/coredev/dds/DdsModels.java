package org.coredev.dds;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.coredev.rtio.Channel;
import org.coredev.rtio.Phy;
import org.coredev.rtio.phy.SpiMaster;

/**
 * The DDS boards of a device database, attached to the core device's RTIO channels: every
 * {@code artiq.coredevice.urukul.CPLD} entry becomes an {@link UrukulCpld} on its SPI master, every
 * {@code artiq.coredevice.ad9910.AD9910} / {@code artiq.coredevice.ad9912.AD9912} entry a DDS chip
 * behind it, and the {@code io_update_device} / {@code sw_device} TTL channels drive the IO_UPDATE
 * and RF switch lines; every {@code artiq.coredevice.ad9834.AD9834} entry an {@link Ad9834} on its
 * own SPI master; every {@code artiq.coredevice.mirny.Mirny} entry a {@link Mirny} with its four
 * {@link Adf5356} PLLs (named after the {@code artiq.coredevice.adf5356} entries). All share one {@link DdsTimeline} and one {@link IssueLog}.
 *
 * <pre>{@code
 * // channels for the TTLs named by tappedDevices(db) must carry a TtlTap around their TtlOut
 * DdsModels dds = DdsModels.fromDeviceDb(db, name -> channelsByName.get(name));
 * ... run the kernel through the RtioCore ...
 * dds.finish(endMu);
 * System.out.print(dds.timeline().format());
 * }</pre>
 */
public final class DdsModels {
    private static final String URUKUL = "artiq.coredevice.urukul";
    private static final String AD9910 = "artiq.coredevice.ad9910";
    private static final String AD9912 = "artiq.coredevice.ad9912";
    private static final String AD9834 = "artiq.coredevice.ad9834";
    private static final String MIRNY = "artiq.coredevice.mirny";
    private static final String ADF5356 = "artiq.coredevice.adf5356";

    private final DdsTimeline timeline;
    private final IssueLog issues;
    private final Map<String, UrukulCpld> cplds = new TreeMap<>();
    private final Map<String, DdsChip> channels = new TreeMap<>();
    private final Map<String, Ad9834> ad9834s = new TreeMap<>();
    private final Map<String, Mirny> mirnys = new TreeMap<>();

    /** An empty set of models; add boards with {@link #addCpld}. */
    public DdsModels() {
        this.timeline = new DdsTimeline();
        this.issues = new IssueLog();
    }

    /** Adds a CPLD built by hand (tests, or boards not in a device database). */
    public UrukulCpld addCpld(String name, int protoRev, double refclkHz, boolean ad9910Variant) {
        if (cplds.containsKey(name)) {
            throw new DdsException("Urukul CPLD " + name + " is defined twice");
        }
        UrukulCpld c = new UrukulCpld(name, protoRev, refclkHz, ad9910Variant, issues, timeline);
        cplds.put(name, c);
        return c;
    }

    /** Registers a DDS channel made with {@link UrukulCpld#addAd9910} / {@link UrukulCpld#addAd9912}. */
    public <T extends DdsChip> T register(T chip) {
        if (channels.putIfAbsent(chip.name(), chip) != null) {
            throw new DdsException("DDS channel " + chip.name() + " is defined twice");
        }
        return chip;
    }

    /**
     * Names of the TTL devices whose channels must be wrapped in a {@link TtlTap}: the CPLDs'
     * {@code io_update_device} and the DDS and ADF5356 entries' {@code sw_device}, sorted.
     */
    public static SortedSet<String> tappedDevices(Map<String, ?> deviceDb) {
        SortedSet<String> out = new TreeSet<>();
        for (var e : new TreeMap<>(deviceDb).entrySet()) {
            Map<String, Object> entry = entry(e.getKey(), e.getValue());
            if (entry == null) {
                continue;
            }
            Map<String, Object> args = arguments(e.getKey(), entry);
            String module = string(entry.get("module"));
            String cls = string(entry.get("class"));
            if (URUKUL.equals(module) && "CPLD".equals(cls) && args.get("io_update_device") instanceof String s) {
                out.add(s);
            }
            if ((AD9910.equals(module) || AD9912.equals(module) || ADF5356.equals(module)) && args.get("sw_device") instanceof String s) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * Builds the models of every Urukul, AD9834 and Mirny in a device database.
     *
     * @param deviceDb device name to entry: a map with {@code type}, {@code module}, {@code class}
     *                 and {@code arguments} (already evaluated: String, Long, Double, Boolean, List,
     *                 Map values), or a String for an alias
     * @param channels the RTIO channel created for a device name ({@code spi_device},
     *                 {@code io_update_device}, {@code sw_device}), or null if there is none
     */
    public static DdsModels fromDeviceDb(Map<String, ?> deviceDb, Function<String, Channel> channels) {
        DdsModels m = new DdsModels();
        Map<String, ?> db = new TreeMap<>(deviceDb);
        // Which DDS kind sits behind each CPLD decides its IFC mode and default clock divider.
        Map<String, String> kindOfCpld = new TreeMap<>();
        for (var e : db.entrySet()) {
            Map<String, Object> entry = entry(e.getKey(), e.getValue());
            if (entry == null) {
                continue;
            }
            String module = string(entry.get("module"));
            if (AD9910.equals(module) || AD9912.equals(module)) {
                String cpld = resolve(db, e.getKey(), requireString(e.getKey(), arguments(e.getKey(), entry), "cpld_device"));
                String prev = kindOfCpld.put(cpld, module);
                if (prev != null && !prev.equals(module)) {
                    throw new DdsException("device " + e.getKey() + ": Urukul " + cpld + " carries both AD9910 and AD9912 channels");
                }
            }
        }
        for (var e : entriesOf(db, URUKUL, "CPLD").entrySet()) {
            String name = e.getKey();
            Map<String, Object> args = e.getValue();
            int protoRev = (int) longArg(name, args, "proto_rev", 9);
            double refclk = doubleArg(name, args, "refclk", 125e6);
            long clkSel = longArg(name, args, "clk_sel", 0);
            long clkDiv = longArg(name, args, "clk_div", 0);
            if (clkDiv < 0 || clkDiv > 3) {
                throw new DdsException("device " + name + ": argument clk_div must be 0..3, got " + clkDiv);
            }
            UrukulCpld cpld = m.addCpld(name, protoRev, refclk, !AD9912.equals(kindOfCpld.get(name)));
            // The device db names the clock the user wired up, so a chosen SMA input carries one.
            cpld.setSmaClockPresent((clkSel & 1) != 0);
            SpiMaster master = spiMaster(db, channels, name, args);
            master.attachSlave(cpld);
            if (args.get("io_update_device") != null) {
                String io = resolve(db, name, requireString(name, args, "io_update_device"));
                tap(channels, name, "io_update_device", io).addListener(cpld.ioUpdateTtl());
            }
        }
        for (var e : db.entrySet()) {
            Map<String, Object> entry = entry(e.getKey(), e.getValue());
            if (entry == null) {
                continue;
            }
            String module = string(entry.get("module"));
            if (!AD9910.equals(module) && !AD9912.equals(module)) {
                continue;
            }
            String name = e.getKey();
            Map<String, Object> args = arguments(name, entry);
            String cpldName = resolve(db, name, requireString(name, args, "cpld_device"));
            UrukulCpld cpld = m.cplds.get(cpldName);
            if (cpld == null) {
                throw new DdsException("device " + name + ": cpld_device " + cpldName + " is not an urukul CPLD entry");
            }
            int cs = (int) longArg(name, args, "chip_select", -1);
            // Chip select 3 (a SUServo's urukul0_dds, a multicast driver object) reaches the chips
            // CFG.MASK_NU selects, through the CPLD's SPI model: it has no chip of its own.
            if (cs == UrukulCpld.CS_DDS_MULTI) continue;
            if (cs < 4 || cs > 7) {
                throw new DdsException("device " + name + ": argument chip_select must be 3..7 (3: all DDS CFG.MASK_NU selects), got " + cs);
            }
            DdsChip chip = AD9910.equals(module) ? cpld.addAd9910(cs, name) : cpld.addAd9912(cs, name);
            m.register(chip);
            if (args.get("sw_device") != null) {
                String sw = resolve(db, name, requireString(name, args, "sw_device"));
                tap(channels, name, "sw_device", sw).addListener(cpld.switchTtl(cs - 4));
            }
        }
        for (var e : entriesOf(db, AD9834, "AD9834").entrySet()) {
            String name = e.getKey();
            Map<String, Object> args = e.getValue();
            SpiMaster master = spiMaster(db, channels, name, args);
            double clock = doubleArg(name, args, "clk_freq", 75e6);   // ad9834.py's default
            if (!(clock > 0)) throw new DdsException("device " + name + ": argument clk_freq must be a positive frequency in Hz, got " + clock);
            Ad9834 chip = new Ad9834(name, clock, m.issues, m.timeline);
            if (m.channels.containsKey(name) || m.ad9834s.putIfAbsent(name, chip) != null) {
                throw new DdsException("DDS channel " + name + " is defined twice");
            }
            master.attachSlave(chip);
        }
        for (var e : entriesOf(db, MIRNY, "Mirny").entrySet()) {
            String name = e.getKey();
            Map<String, Object> args = e.getValue();
            SpiMaster master = spiMaster(db, channels, name, args);
            double refclk = doubleArg(name, args, "refclk", 100e6);   // mirny.py's default
            // The input the db selects carries a clock: the user wired one to it (v1.1 codes: 2 SMA, 3 MMCX).
            Object sel = args.get("clk_sel");
            int wired = switch (sel) {
                case null -> -1;
                case String s when s.equalsIgnoreCase("xo") -> -1;
                case String s when s.equalsIgnoreCase("sma") -> 2;
                case String s when s.equalsIgnoreCase("mmcx") -> 3;
                case Long l when l >= 0 && l <= 3 -> l == 0 ? -1 : l.intValue();
                default -> throw new DdsException("device " + name + ": argument clk_sel must be \"XO\", \"SMA\", \"MMCX\" or 0..3, got " + sel);
            };
            Mirny mirny = new Mirny(name, refclk, wired, m.issues, m.timeline);
            m.mirnys.put(name, mirny);
            master.attachSlave(mirny);
        }
        for (var e : entriesOf(db, ADF5356, "ADF5356").entrySet()) {
            String name = e.getKey();
            Map<String, Object> args = e.getValue();
            String cpldName = resolve(db, name, requireString(name, args, "cpld_device"));
            Mirny mirny = m.mirnys.get(cpldName);
            if (mirny == null) {
                throw new DdsException("device " + name + ": cpld_device " + cpldName + " is not a Mirny entry");
            }
            long ch = longArg(name, args, "channel", -1);
            if (ch < 0 || ch > 3) throw new DdsException("device " + name + ": argument channel must be 0..3, got " + ch);
            mirny.channel((int) ch, name);
            if (args.get("sw_device") != null) {
                String sw = resolve(db, name, requireString(name, args, "sw_device"));
                tap(channels, name, "sw_device", sw).addListener(mirny.switchTtl((int) ch));
            }
        }
        return m;
    }

    /** The entries of a driver class (module and class name), sorted by device name, with their arguments. */
    private static Map<String, Map<String, Object>> entriesOf(Map<String, ?> db, String module, String cls) {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        for (var e : db.entrySet()) {
            Map<String, Object> entry = entry(e.getKey(), e.getValue());
            if (entry != null && module.equals(string(entry.get("module"))) && cls.equals(string(entry.get("class")))) {
                out.put(e.getKey(), arguments(e.getKey(), entry));
            }
        }
        return out;
    }

    /** The SPI master a device's {@code spi_device} argument names. */
    private static SpiMaster spiMaster(Map<String, ?> db, Function<String, Channel> channels, String device, Map<String, Object> args) {
        String spi = resolve(db, device, requireString(device, args, "spi_device"));
        Phy phy = channel(channels, device, "spi_device", spi).phy();
        if (!(phy instanceof SpiMaster master)) {
            throw new DdsException("device " + device + ": spi_device " + spi + " is a " + phy.kind()
                    + " channel, not an SPI master");
        }
        return master;
    }

    private static Channel channel(Function<String, Channel> channels, String device, String arg, String target) {
        Channel c = channels.apply(target);
        if (c == null) {
            throw new DdsException("device " + device + ": " + arg + " " + target + " has no RTIO channel");
        }
        return c;
    }

    private static TtlTap tap(Function<String, Channel> channels, String device, String arg, String target) {
        Channel c = channel(channels, device, arg, target);
        if (!(c.phy() instanceof TtlTap t)) {
            throw new DdsException("device " + device + ": " + arg + " " + target + " (RTIO channel " + c.number()
                    + ") must have its PHY wrapped in org.coredev.dds.TtlTap so the DDS model sees its edges");
        }
        return t;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> entry(String name, Object value) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        if (value instanceof String) {
            return null;        // alias
        }
        throw new DdsException("device " + name + ": entry must be a dict or an alias string, got "
                + (value == null ? "None" : value.getClass().getSimpleName()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> arguments(String name, Map<String, Object> entry) {
        Object a = entry.get("arguments");
        if (a == null) {
            return Map.of();
        }
        if (a instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new DdsException("device " + name + ": arguments must be a dict");
    }

    /** Follows aliases (string entries) to a device name. */
    private static String resolve(Map<String, ?> db, String from, String target) {
        String cur = target;
        List<String> seen = new ArrayList<>();
        while (db.get(cur) instanceof String alias) {
            if (seen.contains(cur)) {
                throw new DdsException("device " + from + ": alias cycle " + String.join(" -> ", seen) + " -> " + cur);
            }
            seen.add(cur);
            cur = alias;
        }
        return cur;
    }

    private static String string(Object o) {
        return o instanceof String s ? s : null;
    }

    private static String requireString(String device, Map<String, Object> args, String key) {
        Object v = args.get(key);
        if (v instanceof String s) {
            return s;
        }
        throw new DdsException("device " + device + ": argument " + key + " must be a device name (string), got "
                + (v == null ? "nothing" : v));
    }

    private static long longArg(String device, Map<String, Object> args, String key, long dflt) {
        Object v = args.get(key);
        return switch (v) {
            case null -> dflt;
            case Boolean b -> b ? 1 : 0;
            case Long l -> l;
            case Integer i -> i;
            case Double d when d == Math.rint(d) -> d.longValue();
            default -> throw new DdsException("device " + device + ": argument " + key + " must be an integer, got " + v);
        };
    }

    private static double doubleArg(String device, Map<String, Object> args, String key, double dflt) {
        Object v = args.get(key);
        return switch (v) {
            case null -> dflt;
            case Number n -> n.doubleValue();
            default -> throw new DdsException("device " + device + ": argument " + key + " must be a number, got " + v);
        };
    }

    /** The shared output timeline. */
    public DdsTimeline timeline() {
        return timeline;
    }

    /** The shared issue list. */
    public IssueLog issues() {
        return issues;
    }

    /** CPLDs by device name, sorted. */
    public Map<String, UrukulCpld> cplds() {
        return Collections.unmodifiableMap(cplds);
    }

    /** DDS channels by device name, sorted. */
    public Map<String, DdsChip> channels() {
        return Collections.unmodifiableMap(channels);
    }

    /** A CPLD by name. */
    public UrukulCpld cpld(String name) {
        UrukulCpld c = cplds.get(name);
        if (c == null) {
            throw new DdsException("no Urukul CPLD named " + name);
        }
        return c;
    }

    /** An AD9910 channel by name. */
    public Ad9910 ad9910(String name) {
        if (channels.get(name) instanceof Ad9910 a) {
            return a;
        }
        throw new DdsException("no AD9910 channel named " + name);
    }

    /** An AD9912 channel by name. */
    public Ad9912 ad9912(String name) {
        if (channels.get(name) instanceof Ad9912 a) {
            return a;
        }
        throw new DdsException("no AD9912 channel named " + name);
    }

    /** The AD9834s (on their own SPI buses) by device name, sorted. */
    public Map<String, Ad9834> ad9834s() {
        return Collections.unmodifiableMap(ad9834s);
    }

    /** The Mirny boards by CPLD device name, sorted. */
    public Map<String, Mirny> mirnys() {
        return Collections.unmodifiableMap(mirnys);
    }

    /** An AD9834 by name. */
    public Ad9834 ad9834(String name) {
        Ad9834 a = ad9834s.get(name);
        if (a == null) {
            throw new DdsException("no AD9834 named " + name);
        }
        return a;
    }

    /** Ends a run at {@code endMu}: emits RAM playback steps up to then. */
    public void finish(long endMu) {
        for (UrukulCpld c : cplds.values()) {
            c.finish(endMu);
        }
    }

    /** Writes the timeline as VCD. */
    public void writeVcd(Path file) {
        timeline.writeVcd(file);
    }
}
