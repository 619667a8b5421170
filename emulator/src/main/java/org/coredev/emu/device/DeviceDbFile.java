package org.coredev.emu.device;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coredev.emu.EmulatorException;
import org.coredev.python.ParseException;
import org.coredev.python.eval.DeviceDb;
import org.coredev.python.eval.PyDict;
import org.coredev.python.eval.PyKey;
import org.coredev.python.eval.PyList;
import org.coredev.python.eval.PyNone;
import org.coredev.python.eval.PyTuple;
import org.coredev.python.lexer.Source;

/**
 * Reads a device_db.py with the host evaluator (as ARTIQ imports it) and hands the core device
 * plain Java values: String, Long (BigInteger beyond 64 bits), Double, Boolean, null, List, Map.
 */
public final class DeviceDbFile {
    /** The built-in Kasli-like database `coredev run` uses when given none. */
    public static final String BUILT_IN = "builtin_device_db.py";

    private DeviceDbFile() {}

    public static DeviceConfig load(Path file) throws EmulatorException {
        try {
            return DeviceConfig.fromDb(file.toString(), toJava(DeviceDb.load(file)));
        } catch (ParseException e) {
            throw new EmulatorException(e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new EmulatorException(file + ": " + e.getMessage(), e);
        }
    }

    /** The database of ARTIQ's JIT testbench: a core whose ref_period is 1 us (`coredev run --testbench`). */
    public static final String TESTBENCH = "testbench_device_db.py";

    /** The built-in database, a resource of this package. */
    public static DeviceConfig builtIn() throws EmulatorException { return builtIn(BUILT_IN); }

    /** A database of this package's resources: {@link #BUILT_IN} or {@link #TESTBENCH}. */
    public static DeviceConfig builtIn(String resource) throws EmulatorException {
        try (InputStream in = DeviceDbFile.class.getResourceAsStream(resource)) {
            if (in == null) throw new EmulatorException("built-in device database " + resource + " missing from the build");
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            PyDict db = DeviceDb.evaluate(Source.decode("<built-in " + resource + ">", text.getBytes(StandardCharsets.UTF_8)), s -> { });
            return DeviceConfig.fromDb("<built-in " + resource + ">", toJava(db));
        } catch (IOException e) {
            throw new EmulatorException("cannot read the built-in device database: " + e.getMessage(), e);
        }
    }

    /** The source text of the built-in database (for `coredev ddb --built-in` and the docs). */
    public static String builtInSource() throws IOException {
        try (InputStream in = DeviceDbFile.class.getResourceAsStream(BUILT_IN)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> toJava(PyDict dict) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<PyKey, Object> e : dict.map.entrySet()) out.put(String.valueOf(e.getKey().value), value(e.getValue()));
        return out;
    }

    private static Object value(Object v) {
        return switch (v) {
            case PyDict d -> toJava(d);
            case PyList l -> list(l.items);
            case PyTuple t -> list(t.items());
            case PyNone n -> null;
            case BigInteger b -> b.bitLength() < 64 ? (Object) b.longValue() : b;
            case Integer i -> (long) i;
            default -> v;   // String, Long, Double, Boolean
        };
    }

    private static List<Object> list(List<Object> items) {
        List<Object> out = new ArrayList<>();
        for (Object o : items) out.add(value(o));
        return out;
    }
}
