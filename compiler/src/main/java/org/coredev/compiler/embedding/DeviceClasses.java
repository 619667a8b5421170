package org.coredev.compiler.embedding;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.coredev.compiler.CompileException;

/**
 * The host side of the device classes whose drivers are instantiated per device
 * ({@code __driver_C_m(self, ...)} in {@code drivers.py}): what each class's {@code __init__}
 * computes from its device_db arguments. Constants become literals in the driver's code, state
 * becomes module variables {@code <device>.<attribute>} with their initial values, sub-devices
 * are other device_db keys ({@code self.bus.write(...)} calls the bus's driver).
 */
final class DeviceClasses {
    /** Classes with instantiated drivers, by their (module, class) in the device db. */
    static final Map<String, String> MODULES = Map.of(
            "TTLClockGen", "artiq.coredevice.ttl",
            "SPIMaster", "artiq.coredevice.spi2",
            "CPLD", "artiq.coredevice.urukul",
            "AD9910", "artiq.coredevice.ad9910");

    /** ARTIQ's core: RTIO coarse clock = ref_multiplier (8) reference periods (core.py). */
    private static final int REF_MULTIPLIER = 8;

    /** One device's attributes as its driver sees them. */
    record Attributes(Map<String, Object> constants, Map<String, Object> state, Map<String, String> subDevices) { }

    private DeviceClasses() {
    }

    static boolean isInstantiated(String module, String cls) {
        return cls != null && module != null && module.equals(MODULES.get(cls));
    }

    /**
     * The attributes of device {@code name} of class {@code cls}; {@code arguments} its device_db
     * arguments, {@code argumentsOf} gives another device's arguments (sub-devices' own settings).
     */
    static Attributes attributes(String file, String name, String cls, Map<?, ?> arguments,
                                 java.util.function.Function<String, Map<?, ?>> argumentsOf, double refPeriod) {
        Map<String, Object> constants = new LinkedHashMap<>();
        Map<String, Object> state = new LinkedHashMap<>();
        Map<String, String> sub = new LinkedHashMap<>();
        double coarseRefPeriod = refPeriod * REF_MULTIPLIER;
        switch (cls) {
            case "TTLClockGen" -> {   // ttl.py: target = channel << 8, ftw = round(2**acc_width * f * coarse_ref_period)
                long channel = integer(file, name, arguments, "channel", null);
                long accWidth = integer(file, name, arguments, "acc_width", 24L);
                constants.put("channel", channel);
                constants.put("target", channel << 8);
                constants.put("acc_width", accWidth);
                constants.put("ftw_per_hz", Math.pow(2, accWidth) * coarseRefPeriod);
            }
            case "SPIMaster" -> {   // spi2.py: ref_period_mu = seconds_to_mu(coarse_ref_period)
                long channel = integer(file, name, arguments, "channel", null);
                long refPeriodMu = (long) Math.floor(coarseRefPeriod / refPeriod + 1e-9);
                constants.put("channel", channel);
                constants.put("ref_period_mu", refPeriodMu);
                constants.put("coarse_ref_period", coarseRefPeriod);
                long div = integer(file, name, arguments, "div", 0L), length = integer(file, name, arguments, "length", 0L);
                state.put("xfer_duration_mu", ((length + 1) * div + 1) * refPeriodMu);   // int64
            }
            case "CPLD" -> {   // urukul.py CPLD.__init__ with ProtoRev8 / ProtoRev9.urukul_cfg
                long protoRev = integer(file, name, arguments, "proto_rev", 9L);
                if (protoRev != 8 && protoRev != 9)
                    throw new CompileException(file, 1, 1, "device '%s' (CPLD): Urukul unsupported proto_rev: %d".formatted(name, protoRev));
                long clkSel = integer(file, name, arguments, "clk_sel", 0L);
                long clkDiv = integer(file, name, arguments, "clk_div", 0L);
                long rfSw = integer(file, name, arguments, "rf_sw", 0L);
                long syncSel = integer(file, name, arguments, "sync_sel", 0L);
                if (clkDiv < 0 || clkDiv > 3)
                    throw new CompileException(file, 1, 1, "device '%s' (CPLD): clk_div must be 0..3, got %d".formatted(name, clkDiv));
                long cfg;
                if (protoRev == 8) {   // RF_SW 0, LED 4, PROFILE 8, IO_UPDATE 12, MASK_NU 13, CLK_SEL0 17, SYNC_SEL 18, RST 19, IO_RST 20, CLK_SEL1 21, CLK_DIV 22
                    cfg = rfSw | (7L << 8) | ((clkSel & 1) << 17) | (syncSel << 18) | ((clkSel & 2) << 20) | (clkDiv << 22);
                    constants.put("io_rst_bit", 20L);
                } else {   // RF_SW 0, LED 4, PROFILE 8 (12 bits), ..., CLK_SEL0 40, SYNC_SEL 41, RST 42, IO_RST 43, CLK_SEL1 44, CLK_DIV 45, ATT_EN 47
                    long profile = (7L << 9) | (7L << 6) | (7L << 3) | 7L;
                    cfg = rfSw | (profile << 8) | ((clkSel & 1) << 40) | (syncSel << 41) | ((clkSel & 2) << 43)
                            | (clkDiv << 45) | (0b1111L << 47);
                    constants.put("io_rst_bit", 43L);
                }
                constants.put("proto_rev", protoRev);
                constants.put("refclk", number(file, name, arguments, "refclk", 125e6));
                constants.put("clk_div", clkDiv);
                state.put("cfg_reg", cfg);                                                     // int64
                state.put("att_reg", (int) integer(file, name, arguments, "att", 0L));         // int32(int64(att))
                sub.put("bus", device(file, name, arguments, "spi_device"));
                if (arguments.get("io_update_device") instanceof String io) sub.put("io_update", io);
            }
            case "AD9910" -> {   // ad9910.py AD9910.__init__
                long chipSelect = integer(file, name, arguments, "chip_select", null);
                if (chipSelect < 4 || chipSelect > 7)
                    throw new CompileException(file, 1, 1, "device '%s' (AD9910): chip_select must be 4..7 here, got %d".formatted(name, chipSelect));
                String cpld = device(file, name, arguments, "cpld_device");
                Map<?, ?> cpldArgs = argumentsOf.apply(cpld);
                if (cpldArgs == null)
                    throw new CompileException(file, 1, 1, "device '%s' (AD9910): cpld_device '%s' is not a device".formatted(name, cpld));
                if (!(cpldArgs.get("io_update_device") instanceof String io))
                    throw new CompileException(file, 1, 1, "device '%s' (AD9910): its CPLD '%s' has no io_update_device (RegIOUpdate is not supported yet)".formatted(name, cpld));
                long pllN = integer(file, name, arguments, "pll_n", 40L);
                long pllEn = integer(file, name, arguments, "pll_en", 1L);
                long clkDiv = integer(file, cpld, cpldArgs, "clk_div", 0L);
                double refclk = number(file, cpld, cpldArgs, "refclk", 125e6);
                double clk = refclk / new int[]{4, 1, 2, 4}[(int) Math.max(0, Math.min(3, clkDiv))];
                double sysclk = pllEn != 0 ? clk * pllN : clk;
                constants.put("chip_select", chipSelect);
                constants.put("pll_n", pllN);
                constants.put("pll_en", pllEn);
                constants.put("pll_cp", integer(file, name, arguments, "pll_cp", 7L));
                constants.put("pll_vco", integer(file, name, arguments, "pll_vco", 5L));
                constants.put("io_update_delay", integer(file, name, arguments, "io_update_delay", 0L));
                constants.put("sysclk", sysclk);
                constants.put("ftw_per_hz", Math.pow(2, 32) / sysclk);
                constants.put("sysclk_per_mu", Math.round(sysclk * refPeriod));
                state.put("phase_mode", 0);   // PHASE_MODE_CONTINUOUS
                sub.put("cpld", cpld);
                sub.put("bus", device(file, cpld, cpldArgs, "spi_device"));
                sub.put("io_update", io);
                if (arguments.get("sw_device") instanceof String sw) sub.put("sw", sw);
            }
            default -> throw new IllegalArgumentException(cls);
        }
        return new Attributes(constants, state, sub);
    }

    static final Set<String> CLASSES = MODULES.keySet();

    private static long integer(String file, String device, Map<?, ?> arguments, String key, Long fallback) {
        Object v = arguments.get(key);
        if (v == null && fallback != null) return fallback;
        if (v instanceof Long || v instanceof Integer) return ((Number) v).longValue();
        if (v instanceof Boolean b) return b ? 1 : 0;
        throw new CompileException(file, 1, 1, "device '%s': argument %s must be an integer, got %s".formatted(device, key, v));
    }

    private static double number(String file, String device, Map<?, ?> arguments, String key, double fallback) {
        Object v = arguments.get(key);
        if (v == null) return fallback;
        if (v instanceof Number n) return n.doubleValue();
        throw new CompileException(file, 1, 1, "device '%s': argument %s must be a number, got %s".formatted(device, key, v));
    }

    private static String device(String file, String device, Map<?, ?> arguments, String key) {
        if (arguments.get(key) instanceof String s) return s;
        throw new CompileException(file, 1, 1, "device '%s': argument %s must name a device, got %s".formatted(device, key, arguments.get(key)));
    }
}
