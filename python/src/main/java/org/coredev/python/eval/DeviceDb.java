package org.coredev.python.eval;

import org.coredev.python.ParseException;
import org.coredev.python.lexer.Source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Evaluates a device_db.py as ARTIQ does (it imports the file as a module and reads its
 * {@code device_db} global, see artiq/master/databases.py) and gives the resulting dictionary.
 */
public final class DeviceDb {
    private DeviceDb() { }

    /** Reads, parses and evaluates a device database file; its print() output is discarded. */
    public static PyDict load(Path file) {
        return load(file, s -> { });
    }

    /** As {@link #load(Path)}, sending print() output to {@code stdout}. */
    public static PyDict load(Path file, Consumer<String> stdout) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ParseException(file.toString(), 0, 0, null, "cannot read file: " + e.getMessage());
        }
        return evaluate(Source.decode(file.toString(), bytes), stdout);
    }

    /** Evaluates device database source text. */
    public static PyDict evaluate(Source source, Consumer<String> stdout) {
        Interpreter in = new Interpreter();
        in.setStdout(stdout);
        PyModule mod = in.run(source, "device_db");
        Object db = mod.dict.get("device_db");
        if (db == null) throw new ParseException(source.file(), 0, 0, null, "the file defines no 'device_db' dictionary");
        if (!(db instanceof PyDict d)) {
            throw new ParseException(source.file(), 0, 0, null, "'device_db' is a " + Py.typeName(db) + ", not a dict");
        }
        return d;
    }

    /** The database as JSON with sorted keys, or an error naming the value that has no JSON form. */
    public static String toJson(PyDict db, String file) {
        try {
            return Json.dumps(db);
        } catch (PyRaise r) {
            throw new ParseException(file, 0, 0, null, r.getMessage());
        }
    }
}
