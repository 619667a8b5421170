package org.coredev.emu.device;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.coredev.emu.EmulatorException;
import org.coredev.emu.cpu.rv32.Rv32Cpu;
import org.coredev.loader.Target;

/**
 * What the core device is made of, read from an ARTIQ device database: the kernel CPU target,
 * the reference period, one RTIO channel per TTL / SPI / clock-generator device, and the
 * emulation-only wiring of the {@code "coredev"} entry (loopbacks, input stimulus).
 *
 * <p>The database is given as plain Java values (String, Long, Double, Boolean, List, Map), as
 * the host evaluator produces them from device_db.py.
 */
public record DeviceConfig(String source, Target target, double refPeriod, List<ChannelSpec> channels,
                           List<Loopback> loopbacks, List<String> stimulusFiles, Map<String, Object> rawDb) {

    /** The PHY kinds coredev can build, with the ARTIQ module/class that names each. */
    public enum Kind {
        TTL_OUT("artiq.coredevice.ttl", "TTLOut"),
        TTL_INOUT("artiq.coredevice.ttl", "TTLInOut"),
        TTL_CLOCKGEN("artiq.coredevice.ttl", "TTLClockGen"),
        SPI_MASTER("artiq.coredevice.spi2", "SPIMaster"),
        EDGE_COUNTER("artiq.coredevice.edge_counter", "EdgeCounter");

        final String module, className;
        Kind(String module, String className) {
            this.module = module;
            this.className = className;
        }
    }

    /** One RTIO channel: its device name in the database and its channel number. */
    public record ChannelSpec(String name, int channel, Kind kind) {}

    /** A wire from an output device's pin to an input device, with a delay in mu. */
    public record Loopback(String from, String to, long delayMu) {}

    /** Device name or alias to device name (aliases resolved as ARTIQ does, chains included). */
    public String resolve(String name) throws EmulatorException {
        return resolve(rawDb, name, source);
    }

    /** {@link #resolve(String)} in a database not (yet) read into a DeviceConfig. */
    public static String resolve(Map<String, Object> db, String name, String source) throws EmulatorException {
        String current = name;
        for (int hops = 0; hops < 64; hops++) {
            Object entry = db.get(current);
            if (entry == null) throw new EmulatorException("%s: no device or alias named '%s'".formatted(source, current));
            if (!(entry instanceof String alias)) return current;
            current = alias;
        }
        throw new EmulatorException("%s: alias '%s' forms a loop".formatted(source, name));
    }

    /** The channel spec of a device (name or alias). */
    public ChannelSpec channel(String name) throws EmulatorException {
        String device = resolve(name);
        for (ChannelSpec c : channels) if (c.name().equals(device)) return c;
        throw new EmulatorException("%s: device '%s' has no RTIO channel coredev models".formatted(source, name));
    }

    /** Reads the configuration out of an evaluated device database. */
    public static DeviceConfig fromDb(String source, Map<String, Object> db) throws EmulatorException {
        Target target = Target.RV32G;   // core.py's default since ARTIQ 7 (ARTIQ 6: or1k)
        double refPeriod = 1e-9;
        List<ChannelSpec> channels = new ArrayList<>();
        Map<Integer, String> byNumber = new TreeMap<>();
        List<Loopback> loopbacks = new ArrayList<>();
        List<String> stimulus = new ArrayList<>();
        for (Map.Entry<String, Object> e : db.entrySet()) {
            String name = e.getKey();
            if (!(e.getValue() instanceof Map<?, ?> entry)) continue;   // aliases
            Object type = entry.get("type");
            if ("coredev".equals(type)) {
                readCoredevEntry(source, name, entry, loopbacks, stimulus);
                continue;
            }
            if (!"local".equals(type)) continue;
            Object module = entry.get("module"), cls = entry.get("class");
            Map<?, ?> arguments = entry.get("arguments") instanceof Map<?, ?> m ? m : Map.of();
            if ("artiq.coredevice.core".equals(module) && "Core".equals(cls)) {
                if (arguments.get("target") instanceof String t) {
                    target = switch (t) {
                        case "rv32g" -> Target.RV32G;
                        case "rv32ima" -> Target.RV32IMA;
                        case "or1k" -> Target.OR1K;
                        default -> throw new EmulatorException("%s: device '%s': target '%s' is not supported (rv32g, rv32ima, or1k)".formatted(source, name, t));
                    };
                }
                if (arguments.get("ref_period") instanceof Number p) refPeriod = p.doubleValue();
                continue;
            }
            for (Kind kind : Kind.values()) {
                if (kind.module.equals(module) && kind.className.equals(cls)) {
                    // Gateware has counters on TTLInOut pads only (artiq_ddb_template); a db entry for a
                    // TTLOut's counter (ARTIQ's kasli example) names no channel and may overlap a real one.
                    if (kind == Kind.EDGE_COUNTER && name.endsWith("_counter")
                            && db.get(name.substring(0, name.length() - "_counter".length())) instanceof Map<?, ?> ttl
                            && Kind.TTL_OUT.className.equals(ttl.get("class"))) continue;
                    Object ch = arguments.get("channel");
                    if (!(ch instanceof Number n))
                        throw new EmulatorException("%s: device '%s' (%s) has no integer 'channel' argument".formatted(source, name, cls));
                    int number = n.intValue();
                    if (number < 0 || number > 0xffffff)
                        throw new EmulatorException("%s: device '%s': channel %d out of range".formatted(source, name, number));
                    if (number > 0xffff)   // the high byte is the DRTIO destination (artiq_ddb_template: channel | dest << 16)
                        throw new EmulatorException("%s: device '%s': RTIO channel 0x%06x is on DRTIO destination %d; coredev emulates the master's own channels only (destination 0)"
                                .formatted(source, name, number, number >> 16));
                    String other = byNumber.putIfAbsent(number, name);
                    if (other != null)
                        throw new EmulatorException("%s: devices '%s' and '%s' both use RTIO channel %d".formatted(source, other, name, number));
                    channels.add(new ChannelSpec(name, number, kind));
                }
            }
        }
        channels.sort(java.util.Comparator.comparingInt(ChannelSpec::channel));
        // An edge counter counts the pad of its TTL, which artiq_ddb_template names without "_counter";
        // others are wired with a loopback entry.
        for (ChannelSpec c : channels) {
            if (c.kind() != Kind.EDGE_COUNTER || !c.name().endsWith("_counter")) continue;
            String ttl = c.name().substring(0, c.name().length() - "_counter".length());
            if (channels.stream().anyMatch(t -> t.name().equals(ttl) && t.kind() == Kind.TTL_INOUT))
                loopbacks.add(new Loopback(ttl, c.name(), 0));
        }
        DeviceConfig config = new DeviceConfig(source, target, refPeriod, List.copyOf(channels), List.copyOf(loopbacks),
                List.copyOf(stimulus), new LinkedHashMap<>(db));
        config.checkLoopbacks(loopbacks);
        return config;
    }

    private static void readCoredevEntry(String source, String name, Map<?, ?> entry, List<Loopback> loopbacks,
                                         List<String> stimulus) throws EmulatorException {
        if (entry.get("loopback") instanceof List<?> list) {
            for (Object item : list) {
                if (!(item instanceof List<?> l) || l.size() < 2 || l.size() > 3 || !(l.get(0) instanceof String from)
                        || !(l.get(1) instanceof String to) || (l.size() == 3 && !(l.get(2) instanceof Number)))
                    throw new EmulatorException("%s: device '%s': each loopback is [\"out\", \"in\", delay_mu]; got %s".formatted(source, name, item));
                long delay = l.size() == 3 ? ((Number) l.get(2)).longValue() : 0;
                loopbacks.add(new Loopback(from, to, delay));
            }
        } else if (entry.containsKey("loopback")) {
            throw new EmulatorException("%s: device '%s': 'loopback' must be a list".formatted(source, name));
        }
        if (entry.get("stimulus") instanceof List<?> files) {
            for (Object f : files) stimulus.add(String.valueOf(f));
        }
    }

    /** A copy with more loopbacks (from the command line or the Java API). */
    public DeviceConfig withLoopbacks(List<Loopback> more) throws EmulatorException {
        List<Loopback> all = new ArrayList<>(loopbacks);
        all.addAll(more);
        DeviceConfig c = new DeviceConfig(source, target, refPeriod, channels, List.copyOf(all), stimulusFiles, rawDb);
        c.checkLoopbacks(more);
        return c;
    }

    /** Both ends of every loopback must name (possibly through aliases) a channel of this device. */
    private void checkLoopbacks(List<Loopback> wires) throws EmulatorException {
        for (Loopback l : wires) {
            channel(l.from());
            channel(l.to());
        }
    }

    /** The RISC-V core of this device's target; an OR1K device has none. */
    public Rv32Cpu.Variant rv32Variant() throws EmulatorException {
        return switch (target) {
            case RV32G -> Rv32Cpu.Variant.RV32G;
            case RV32IMA -> Rv32Cpu.Variant.RV32IMA;
            case OR1K -> throw new EmulatorException(source + ": the core device's target is or1k, not a RISC-V core");
        };
    }

    /** This configuration with another kernel CPU target. */
    public DeviceConfig withTarget(Target other) {
        return new DeviceConfig(source, other, refPeriod, channels, loopbacks, stimulusFiles, rawDb);
    }
}
