package org.coredev.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.coredev.emu.device.DeviceDbFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code coredev run --artiq} with a stand-in for ARTIQ's artiq_run (src/test/resources/fake-artiq):
 * the wiring between the JVM's emulated board and the python host is checked without ARTIQ.
 */
class ArtiqHostRunTest {
    static final Path BLINK = Path.of("../examples/kernels/blink.elf").toAbsolutePath();

    /** A --python that runs python3 with {@code packages} on its path. */
    static Path python(Path dir, String packages) throws Exception {
        Path script = dir.resolve("python-" + packages);
        String path = Path.of("src/test/resources", packages).toAbsolutePath().toString();
        Files.writeString(script, "#!/bin/sh\nPYTHONPATH='" + path + "' exec python3 \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    /** An experiment file for the stand-in artiq_run: its first line says what to do. */
    static Path experiment(Path dir, String line) throws Exception {
        Path file = dir.resolve("experiment.py");
        Files.writeString(file, "# " + line + "\nfrom artiq.experiment import *\n\nclass Blink(EnvExperiment):\n    pass\n");
        return file;
    }

    @Test
    void kernelFromThePythonHostRunsOnTheEmulatedBoard(@TempDir Path dir) throws Exception {
        Path vcd = dir.resolve("out.vcd");
        CliRunner.Result r = CliRunner.run("run", "--artiq", "--python", python(dir, "fake-artiq").toString(),
                "-c", "Blink", "--vcd", vcd.toString(), experiment(dir, BLINK.toString()).toString(), "n=3", "f=1.5");
        assertEquals(0, r.exitStatus(), r.out() + r.err());
        assertTrue(r.out().contains("fake artiq_run: class=Blink arguments=['n=3', 'f=1.5'] hdf5=None"), r.out());
        assertTrue(r.out().contains("fake artiq_run: kernel reply 7"), r.out());   // kernel finished
        assertTrue(r.err().contains("== kernel 1 (from the ARTIQ host)\n"), r.err());
        assertEquals(4, r.err().lines().filter(l -> l.matches(".* ttl3 +on")).count(), r.err());
        assertTrue(r.err().contains("kernel finished"), r.err());
        assertTrue(Files.readString(vcd).contains("ttl3"), "the VCD holds the kernel's pin");
    }

    @Test
    void theUsersDatabaseIsPointedAtTheEmulatedBoard(@TempDir Path dir) throws Exception {
        // The user's core host is a board on the lab network; artiq_run must reach the emulator instead.
        Path db = dir.resolve("device_db.py");
        Files.writeString(db, DeviceDbFile.builtInSource().replace("\"host\": core_addr", "\"host\": \"192.0.2.1\""));
        assertTrue(Files.readString(db).contains("192.0.2.1"));
        CliRunner.Result r = CliRunner.run("run", "--artiq", "--python", python(dir, "fake-artiq").toString(),
                "--device-db", db.toString(), "-o", dir.resolve("out.h5").toString(), experiment(dir, BLINK.toString()).toString());
        assertEquals(0, r.exitStatus(), r.out() + r.err());
        assertTrue(r.out().contains("hdf5=" + dir.resolve("out.h5")), r.out());
        assertTrue(r.out().contains("kernel reply 7"), r.out());
    }

    @Test
    void compileErrorReportedByArtiqFailsTheRun(@TempDir Path dir) throws Exception {
        // artiq_run itself returns normally after a compile error; coredev must not report success.
        CliRunner.Result r = CliRunner.run("run", "--artiq", "--python", python(dir, "fake-artiq").toString(),
                experiment(dir, "compile error").toString());
        assertEquals(2, r.exitStatus(), r.out() + r.err());
        assertTrue(r.err().contains("experiment.py:1:1: error: a compile error"), r.err());
        assertFalse(r.err().contains("== kernel"), r.err());
    }

    @Test
    void missingArtiqIsExplained(@TempDir Path dir) throws Exception {
        CliRunner.Result r = CliRunner.run("run", "--artiq", "--python", python(dir, "no-artiq").toString(),
                experiment(dir, BLINK.toString()).toString());
        assertEquals(2, r.exitStatus(), r.out() + r.err());
        assertTrue(r.err().contains("cannot import ARTIQ's host tools"), r.err());
        assertTrue(r.err().contains("--python"), r.err());
    }

    @Test
    void missingInterpreterIsBadInput(@TempDir Path dir) throws Exception {
        CliRunner.Result r = CliRunner.run("run", "--artiq", "--python", dir.resolve("no-such-python").toString(),
                experiment(dir, BLINK.toString()).toString());
        assertEquals(2, r.exitStatus());
        assertTrue(r.err().contains("cannot start " + dir.resolve("no-such-python")), r.err());
    }

    @Test
    void hostOnlyOptionsNeedArtiq(@TempDir Path dir) throws Exception {
        Path program = dir.resolve("prog.py");
        Files.writeString(program, "x = 1\n");
        CliRunner.Result r = CliRunner.run("run", program.toString(), "n=3");
        assertEquals(2, r.exitStatus());
        assertTrue(r.err().contains("need --artiq"), r.err());
    }

    @Test
    void programCompiledByArtiqRunsWithItsPrintsOnStdout(@TempDir Path dir) throws Exception {
        // A program (no experiment class) goes through ARTIQ's compiler; print() is core_log on the board.
        Path program = dir.resolve("prog.py");
        Files.writeString(program, "# image: " + BLINK.resolveSibling("print.elf") + "\nprint('hello from the kernel')\n");
        CliRunner.Result r = CliRunner.run("run", "--artiq", "--python", python(dir, "fake-artiq").toString(), program.toString());
        assertEquals(0, r.exitStatus(), r.out() + r.err());
        assertEquals("hello from the kernel\n4 pulses, ok\nnow = 0 mu\n", r.out());
        assertEquals("", r.err(), "a finished program with prints only has no trace");
    }

    @Test
    void programCompileErrorIsBadInput(@TempDir Path dir) throws Exception {
        Path program = dir.resolve("prog.py");
        Files.writeString(program, "# error: cannot unify int with str\n");
        CliRunner.Result r = CliRunner.run("run", "--artiq", "--python", python(dir, "fake-artiq").toString(), program.toString());
        assertEquals(2, r.exitStatus(), r.out() + r.err());
        assertTrue(r.err().contains(program + ":1:1: error: cannot unify int with str"), r.err());
    }

    @Test
    void programWithRtioEventsPrintsItsTrace(@TempDir Path dir) throws Exception {
        Path program = dir.resolve("prog.py");
        Files.writeString(program, "# image: " + BLINK + "\n");
        CliRunner.Result r = CliRunner.run("run", "--artiq", "--python", python(dir, "fake-artiq").toString(), program.toString());
        assertEquals(0, r.exitStatus(), r.out() + r.err());
        assertEquals(Files.readString(BLINK.resolveSibling("blink.expected")), r.err(), "a fresh device, as coredev run blink.elf");
    }

    /** A lab's hardware test file, as written with ARTIQ's ExperimentCase (the stand-in's). */
    static Path suite(Path dir) throws Exception {
        Path file = dir.resolve("test_board.py");
        Files.writeString(file, """
                import unittest
                import artiq
                from artiq.test.hardware_testbench import ExperimentCase

                class BoardTest(ExperimentCase):
                    def test_blink_finishes(self):
                        self.assertEqual(self.run_image(%s), 7)

                    def test_firmware_is_the_hosts(self):
                        self.assertEqual(self.gateware_version(), artiq.__version__)

                    def test_wrong_expectation(self):
                        self.assertEqual(1, 2)

                    @unittest.skip("needs a Phaser")
                    def test_phaser(self):
                        pass
                """.formatted(ArtiqHostRun.pyString(BLINK.toString())));
        return file;
    }

    @Test
    void unittestRunsTheSuitesTestsAgainstTheEmulatedBoardEachOutcomeAfterItsKernels(@TempDir Path dir) throws Exception {
        CliRunner.Result r = CliRunner.run("run", "--artiq", "--unittest", "--python", python(dir, "fake-artiq").toString(),
                suite(dir).toString());
        assertEquals(1, r.exitStatus(), "one test fails: " + r.out() + r.err());
        String err = r.err();
        int kernel = err.indexOf("== kernel 1 (from the ARTIQ host)"), blink = err.indexOf("== test test_board.BoardTest.test_blink_finishes: ok");
        assertTrue(kernel >= 0 && blink > kernel, "the test's outcome follows its kernel's trace: " + err);
        assertTrue(err.contains("== test test_board.BoardTest.test_firmware_is_the_hosts: ok"),
                "the board reports the host's own ARTIQ version (a beta host warns otherwise): " + err);
        assertTrue(err.contains("== test test_board.BoardTest.test_wrong_expectation: FAIL"), err);
        assertTrue(err.contains("== test test_board.BoardTest.test_phaser: skipped: needs a Phaser"), err);
        assertTrue(r.out().contains("FAILED (failures=1, skipped=1)"), "unittest's own summary: " + r.out());
    }

    @Test
    void unittestRunsTheNamedTestsOnly(@TempDir Path dir) throws Exception {
        Path file = suite(dir);
        CliRunner.Result r = CliRunner.run("run", "--artiq", "--unittest", "--python", python(dir, "fake-artiq").toString(),
                file.toString(), "BoardTest.test_blink_finishes", "BoardTest.test_phaser");
        assertEquals(0, r.exitStatus(), r.out() + r.err());
        assertEquals(2, r.err().lines().filter(l -> l.startsWith("== test ")).count(), r.err());

        CliRunner.Result missing = CliRunner.run("run", "--artiq", "--unittest", "--python", python(dir, "fake-artiq").toString(),
                file.toString(), "BoardTest.test_nothing");
        assertEquals(2, missing.exitStatus(), missing.out() + missing.err());
        assertTrue(missing.err().contains(file + " has no test BoardTest.test_nothing (its test cases: BoardTest, ExperimentCase)"), missing.err());
    }

    @Test
    void unittestOfADirectoryRunsEachTestFileInIt(@TempDir Path dir) throws Exception {
        Path suites = Files.createDirectory(dir.resolve("suites"));
        Files.move(suite(dir), suites.resolve("test_board.py"));
        Files.writeString(suites.resolve("test_more.py"), """
                from artiq.test.hardware_testbench import ExperimentCase

                class MoreTest(ExperimentCase):
                    def test_blink_again(self):
                        self.assertEqual(self.run_image(%s), 7)
                """.formatted(ArtiqHostRun.pyString(BLINK.toString())));
        Files.writeString(suites.resolve("helpers.py"), "raise RuntimeError('not a test file: never imported')\n");
        CliRunner.Result r = CliRunner.run("run", "--artiq", "--unittest", "--python", python(dir, "fake-artiq").toString(),
                suites.toString());
        assertEquals(1, r.exitStatus(), "test_board's wrong expectation: " + r.out() + r.err());
        assertTrue(r.err().contains("== test test_more.MoreTest.test_blink_again: ok"), r.err());
        assertTrue(r.err().contains("== test test_board.BoardTest.test_blink_finishes: ok"), r.err());
        assertTrue(r.out().contains("Ran 5 tests"), r.out());

        CliRunner.Result named = CliRunner.run("run", "--artiq", "--unittest", "--python", python(dir, "fake-artiq").toString(),
                suites.toString(), "MoreTest");
        assertEquals(2, named.exitStatus(), named.err());
        assertTrue(named.err().contains("test names need a file, not the directory " + suites), named.err());
    }

    @Test
    void unittestNeedsArtiqsHostAndATestFile(@TempDir Path dir) throws Exception {
        CliRunner.Result r = CliRunner.run("run", "--unittest", suite(dir).toString());
        assertEquals(2, r.exitStatus());
        assertTrue(r.err().contains("--unittest runs a test file under ARTIQ's host: it needs --artiq"), r.err());

        Path empty = dir.resolve("test_nothing.py");
        Files.writeString(empty, "import artiq\n");
        CliRunner.Result none = CliRunner.run("run", "--artiq", "--unittest", "--python", python(dir, "fake-artiq").toString(), empty.toString());
        assertEquals(2, none.exitStatus(), none.out() + none.err());
        assertTrue(none.err().contains(empty + " defines no unittest test case"), none.err());
    }

    @Test
    void deviceDbWrapperQuotesPaths() {
        String wrapper = ArtiqHostRun.deviceDbWrapper(Path.of("/lab/it's\\here/device_db.py"), "127.0.0.3");
        assertTrue(wrapper.contains("runpy.run_path('/lab/it\\'s\\\\here/device_db.py')"), wrapper);
        assertTrue(wrapper.contains("[\"host\"] = '127.0.0.3'"), wrapper);
    }
}
