package org.coredev.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code coredev compile} through picocli with captured output. */
class CompileCommandTest {
    @TempDir Path dir;
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = new CommandLine(new CompileCommand());
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void compilesAProgramForEachTargetWithItsFloatAbiFlag() throws Exception {
        Path src = dir.resolve("k.py");
        Files.writeString(src, "x = 1.5\nprint(x * 2)\n");
        for (String target : new String[] {"rv32g", "rv32ima"}) {
            Path out = dir.resolve(target + ".elf");
            assertEquals(0, run(src.toString(), "--target", target, "-o", out.toString()), err.toString());
            byte[] elf = Files.readAllBytes(out);
            assertEquals(0x7f, elf[0]);
            assertEquals(3, elf[16]);                                  // ET_DYN
            assertEquals(target.equals("rv32g") ? 4 : 0, elf[36]);     // EF_RISCV_FLOAT_ABI_DOUBLE
        }
    }

    @Test
    void typeErrorExitsTwoWithFileLineAndColumn() throws Exception {
        Path src = dir.resolve("bad.py");
        Files.writeString(src, "x = int64(1)\ny = x + int32(2)\n");
        assertEquals(2, run(src.toString(), "-o", dir.resolve("bad.elf").toString()));
        assertTrue(err.toString().startsWith(src + ":2:"), err.toString());
        assertTrue(err.toString().contains("int64") && err.toString().contains("int32"), err.toString());
        assertTrue(Files.notExists(dir.resolve("bad.elf")));
    }

    @Test
    void unknownTargetExitsTwo() throws Exception {
        Path src = dir.resolve("k.py");
        Files.writeString(src, "pass\n");
        assertEquals(2, run(src.toString(), "--target", "mips", "-o", dir.resolve("k.elf").toString()));
        assertTrue(err.toString().contains("unknown target 'mips'") && err.toString().contains("or1k"), err.toString());
    }

    @Test
    void deviceNamesComeFromTheDeviceDatabaseAndItsCoreTarget() throws Exception {
        Path db = dir.resolve("device_db.py");
        Files.writeString(db, """
                device_db = {
                    "core": {"type": "local", "module": "artiq.coredevice.core", "class": "Core",
                             "arguments": {"host": "kasli", "ref_period": 1e-9, "target": "rv32ima"}},
                    "beam": {"type": "local", "module": "artiq.coredevice.ttl", "class": "TTLOut", "arguments": {"channel": 2}},
                }
                """);
        Path src = dir.resolve("k.py");
        Files.writeString(src, "core.break_realtime()\nbeam.pulse_mu(1000)\n");
        Path out = dir.resolve("k.elf");
        assertEquals(0, run(src.toString(), "--device-db", db.toString(), "-o", out.toString()), err.toString());
        assertEquals(0, Files.readAllBytes(out)[36]);   // rv32ima from the core entry: soft-float e_flags
        Path bad = dir.resolve("bad.py");
        Files.writeString(bad, "led0.on()\n");      // not in this database
        assertEquals(2, run(bad.toString(), "--device-db", db.toString(), "-o", dir.resolve("b.elf").toString()));
        assertTrue(err.toString().contains("name 'led0' is not defined"), err.toString());
    }

    @Test
    void anArtiq6DeviceDbCompilesForOr1kUnlessTheTargetIsGiven() throws Exception {
        Path db = dir.resolve("device_db.py");
        Files.writeString(db, """
                device_db = {
                    "core": {"type": "local", "module": "artiq.coredevice.core", "class": "Core",
                             "arguments": {"host": "kc705", "ref_period": 1e-9, "target": "or1k"}},
                }
                """);
        Path src = dir.resolve("k.py");
        Files.writeString(src, "pass\n");
        Path out = dir.resolve("k.elf");
        assertEquals(0, run(src.toString(), "--device-db", db.toString(), "-o", out.toString()), err.toString());
        byte[] or1k = Files.readAllBytes(out);
        assertEquals(2, or1k[5]);                           // ELFDATA2MSB
        assertEquals(92, (or1k[18] & 0xff) << 8 | (or1k[19] & 0xff));   // EM_OPENRISC, big-endian
        assertEquals(0, run(src.toString(), "--device-db", db.toString(), "--target", "rv32ima", "-o", out.toString()), err.toString());
        byte[] rv = Files.readAllBytes(out);
        assertEquals(243, (rv[18] & 0xff) | (rv[19] & 0xff) << 8);      // EM_RISCV, little-endian
    }
}
