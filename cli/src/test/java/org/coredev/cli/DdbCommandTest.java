package org.coredev.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code coredev ddb} through picocli with captured output. */
class DdbCommandTest {
    @TempDir Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = new CommandLine(new DdbCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void printsTheEvaluatedDatabaseAsSortedJson() throws Exception {
        Path db = dir.resolve("device_db.py");
        Files.writeString(db, """
                core_addr = "192.168.1.70"
                device_db = {
                    "core": {"type": "local", "module": "artiq.coredevice.core", "class": "Core",
                             "arguments": {"host": core_addr, "ref_period": 1e-09, "target": "rv32g"}},
                }
                for i in range(2):
                    device_db["ttl" + str(i)] = {"type": "local", "module": "artiq.coredevice.ttl",
                                                 "class": "TTLInOut" if i < 1 else "TTLOut", "arguments": {"channel": i}}
                device_db.update(led0="ttl1")
                print("evaluated", len(device_db))
                """);
        assertEquals(0, run(db.toString()));
        assertEquals("""
                {
                    "core": {
                        "arguments": {
                            "host": "192.168.1.70",
                            "ref_period": 1e-09,
                            "target": "rv32g"
                        },
                        "class": "Core",
                        "module": "artiq.coredevice.core",
                        "type": "local"
                    },
                    "led0": "ttl1",
                    "ttl0": {
                        "arguments": {
                            "channel": 0
                        },
                        "class": "TTLInOut",
                        "module": "artiq.coredevice.ttl",
                        "type": "local"
                    },
                    "ttl1": {
                        "arguments": {
                            "channel": 1
                        },
                        "class": "TTLOut",
                        "module": "artiq.coredevice.ttl",
                        "type": "local"
                    }
                }
                """, out.toString().replace(System.lineSeparator(), "\n"));
        assertEquals("evaluated 4\n", err.toString().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void badFilePrintsTheErrorAndExitsTwo() throws Exception {
        Path db = dir.resolve("bad_db.py");
        Files.writeString(db, "device_db = {}\ndevice_db['x'] = undefined\n");
        assertEquals(2, run(db.toString()));
        assertEquals("", out.toString());
        String msg = err.toString();
        assertTrue(msg.startsWith(db + ":2:18: NameError: name 'undefined' is not defined\n"), msg);
        assertTrue(msg.contains("    device_db['x'] = undefined\n                     ^"), msg);
    }

    @Test
    void syntaxErrorExitsTwo() throws Exception {
        Path db = dir.resolve("syntax_db.py");
        Files.writeString(db, "device_db = {\n");
        assertEquals(2, run(db.toString()));
        assertTrue(err.toString().startsWith(db + ":1:13: '{' was never closed"), err.toString());
    }

    @Test
    void missingFileExitsTwo() {
        assertEquals(2, run(dir.resolve("absent.py").toString()));
        assertTrue(err.toString().contains("absent.py: cannot read file"), err.toString());
    }
}
