package org.coredev.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.coredev.dds.DdsPlot;
import org.coredev.emu.EmulatorException;
import org.coredev.emu.device.DeviceConfig;
import org.coredev.emu.device.DeviceDbFile;
import org.coredev.emu.device.KernelOutcome;
import org.coredev.emu.device.KernelRun;
import org.coredev.emu.device.CoreDevice;
import org.coredev.emu.device.LogLine;
import org.coredev.emu.device.ksupport.CoreLog;
import org.coredev.emu.server.CoreDeviceServer;
import org.coredev.rtio.trace.VcdWriter;

/**
 * {@code coredev run --artiq}: the experiment runs under the user's own ARTIQ host (CPython,
 * numpy, ARTIQ's artiq_run and compiler) against an in-process {@code coredev serve}. This is
 * full host fidelity: whatever artiq_run runs against a board runs here, the board replaced by
 * the emulated core device.
 *
 * <p>ARTIQ's host always reaches the core device on port 1381, so the device listens on the
 * board's ports at the first free loopback address (127.0.0.1, then 127.0.0.2, ...), and
 * artiq_run gets a device database that is the user's with the core device's host set to that
 * address. The datasets go to a fresh database unless one is given.
 */
final class ArtiqHostRun {
    /** Where ARTIQ's host looks for the core device, and the next three ports (comm_kernel.py, comm_mgmt.py). */
    static final int BOARD_PORT_BASE = 1380;

    /** Settings from the command line. */
    record Settings(Path experiment, Path deviceDb, DeviceConfig config, String className, List<String> arguments,
                    String python, Path datasetDb, Path hdf5, long maxCycles, boolean quiet, Path vcd, Path plot, boolean testbench, boolean unittest) {}

    private final Settings settings;
    private final PrintStream out, err;

    ArtiqHostRun(Settings settings, PrintStream out, PrintStream err) {
        this.settings = settings;
        this.out = out;
        this.err = err;
    }

    /** Runs artiq_run to its end; returns its exit status (2 for a compile error, which artiq_run itself reports as 0). */
    int run() throws EmulatorException {
        Path work;
        try {
            work = Files.createTempDirectory("coredev-artiq-");
        } catch (IOException e) {
            throw new EmulatorException("cannot make a temporary directory: " + e.getMessage(), e);
        }
        AtomicInteger kernels = new AtomicInteger();
        CoreDeviceServer.RunListener trace = (device, run) -> report(kernels.incrementAndGet(), run);
        try (CoreDeviceServer server = listen(trace)) {
            String address = server.address().getHostAddress();
            int status = python(command(work, address), settings.unittest() ? work : null);
            if (settings.vcd() != null || settings.plot() != null) {
                server.inspect(device -> {
                    writeFiles(device);
                    return null;
                });
            }
            return status;
        } finally {
            deleteTree(work);
        }
    }

    /**
     * A kernel-language program (module-level kernel code, as ARTIQ's compiler tests are written)
     * compiled by ARTIQ's compiler for the device's target, as its shlib testbench does, then run
     * on a fresh emulated device: print() (ARTIQ lowers it to core_log) goes to stdout, the trace
     * to stderr. As under ARTIQ's JIT testbench, ref_period is 1e-6 (the compiler's default for a
     * program) and {@code now} starts at 0.
     */
    int runProgram() throws EmulatorException {
        Path work;
        try {
            work = Files.createTempDirectory("coredev-artiq-");
        } catch (IOException e) {
            throw new EmulatorException("cannot make a temporary directory: " + e.getMessage(), e);
        }
        try {
            Path driver = work.resolve("coredev_artiq_compile.py"), image = work.resolve("kernel.elf");
            Files.writeString(driver, COMPILE_DRIVER);
            String target = settings.config().target().displayName();   // rv32g, rv32ima, or1k: as core.py names it
            int status = python(List.of(settings.python(), driver.toString(), settings.experiment().toString(), image.toString(), target), null);
            if (status != 0) return status;
            byte[] elf = Files.readAllBytes(image);
            CoreDevice device = new CoreDevice(settings.config()).withMaxCycles(settings.maxCycles());
            KernelRun run = device.run(settings.experiment().toString(), elf);
            if (settings.testbench()) return TestbenchReport.print(run, out, err);
            for (LogLine line : run.log()) {
                String text = line.text();
                if (text.startsWith(CoreLog.PREFIX)) out.println(text.substring(CoreLog.PREFIX.length()));
            }
            out.flush();
            boolean onlyPrints = run.log().stream().allMatch(l -> l.text().startsWith(CoreLog.PREFIX));
            if (settings.quiet() || (run.events().isEmpty() && onlyPrints)) {
                if (!(run.outcome() instanceof KernelOutcome.Finished)) err.println(run.outcome().describe());
            } else {
                err.print(run.format());
            }
            writeFiles(device);
            return run.outcome().exitStatus();
        } catch (IOException e) {
            throw new EmulatorException("cannot run ARTIQ's compiler in " + work + ": " + e.getMessage(), e);
        } finally {
            deleteTree(work);
        }
    }

    /**
     * Runs the python command to its end, its output copied to ours; returns its exit status.
     * {@code artiqRoot}, when given, is ARTIQ_ROOT: where ARTIQ's ExperimentCase reads device_db.py.
     */
    private int python(List<String> command, Path artiqRoot) throws EmulatorException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("PYTHONUNBUFFERED", "1");   // its output interleaves with the kernels' traces
        if (artiqRoot != null) builder.environment().put("ARTIQ_ROOT", artiqRoot.toString());
        Process python;
        try {
            python = builder.start();
        } catch (IOException e) {
            throw new EmulatorException("cannot start " + settings.python() + " (give one with --python): " + e.getMessage(), e);
        }
        // Copied rather than inherited, so that a caller's System.out / System.err (a test, an IDE) get it.
        Thread copyOut = copy(python.getInputStream(), out), copyErr = copy(python.getErrorStream(), err);
        Thread stopChild = new Thread(python::destroy);
        Runtime.getRuntime().addShutdownHook(stopChild);   // Ctrl-C ends the python too
        try {
            int status = python.waitFor();
            copyOut.join();
            copyErr.join();
            return status;
        } catch (InterruptedException e) {
            python.destroy();
            Thread.currentThread().interrupt();
            return 130;
        } finally {
            removeHook(stopChild);
        }
    }

    private void writeFiles(CoreDevice device) {
        if (settings.vcd() != null) {
            device.dds().timeline().appendTo(device.rtio().signalTrace());
            VcdWriter.write(device.rtio().signalTrace(), settings.vcd());
        }
        if (settings.plot() != null) DdsPlot.write(device.dds().timeline(), settings.plot());
    }

    /** The emulated board on the board's ports at the first loopback address where they are free. */
    private CoreDeviceServer listen(CoreDeviceServer.RunListener trace) throws EmulatorException {
        CoreDeviceServer.Options options = CoreDeviceServer.Options.defaults()
                .withPortBase(BOARD_PORT_BASE).withMaxCycles(settings.maxCycles()).withRunListener(trace)
                .withKeepWaveforms(settings.vcd() != null);
        String version = hostArtiqVersion();
        if (version != null) options = options.withIdent(CoreDeviceServer.ident(version));
        EmulatorException first = null;
        for (int n = 1; n <= 32; n++) {
            try {
                return CoreDeviceServer.start(settings.config(), options.withBindAddress("127.0.0." + n));
            } catch (EmulatorException e) {
                if (!(e.getCause() instanceof java.net.BindException)) throw e;   // a bad database, not a busy address
                if (first == null) first = e;
            }
        }
        throw new EmulatorException("no loopback address 127.0.0.1-32 has ports " + BOARD_PORT_BASE + "-" + (BOARD_PORT_BASE + 3)
                + " free for the emulated board (" + first.getMessage() + ")");
    }

    /**
     * The ARTIQ version of the user's python (artiq.__version__), or null if it has none. The
     * emulated board reports it as its firmware's, as a board flashed from the host's own ARTIQ
     * would: a beta host (a source checkout) otherwise warns of a version mismatch at the first kernel.
     */
    private String hostArtiqVersion() {
        ProcessBuilder builder = new ProcessBuilder(settings.python(), "-c", "import artiq; print(artiq.__version__)")
                .redirectError(ProcessBuilder.Redirect.DISCARD).redirectInput(ProcessBuilder.Redirect.PIPE);
        try {
            Process python = builder.start();
            python.getOutputStream().close();
            String text = new String(python.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
            boolean ended = python.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            if (!ended) python.destroyForcibly();
            return ended && python.exitValue() == 0 && !text.isEmpty() && !text.contains("\n") && !text.contains(";") ? text : null;
        } catch (IOException e) {
            return null;   // the run itself reports a python that cannot start
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static Thread copy(InputStream from, PrintStream to) {
        return Thread.ofPlatform().daemon().name("coredev-artiq-output").start(() -> {
            byte[] buffer = new byte[8192];
            try (from) {
                for (int n; (n = from.read(buffer)) > 0; ) {
                    synchronized (to) {
                        to.write(buffer, 0, n);
                        to.flush();
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        });
    }

    private void report(int number, KernelRun run) {
        synchronized (err) {
            reportLocked(number, run);
        }
    }

    private void reportLocked(int number, KernelRun run) {
        err.println("== kernel " + number + " (from the ARTIQ host)"
                + (run.residentBundle() == null ? "" : ": resident in " + run.residentBundle() + ": nothing compiled, nothing uploaded"));
        if (settings.quiet() || (run.events().isEmpty() && run.log().isEmpty())) {
            if (!(run.outcome() instanceof KernelOutcome.Finished)) err.println(run.outcome().describe());
        } else {
            err.print(run.format());
        }
        err.flush();
    }

    /** python driver.py artiq_run's arguments, with the driver and the device database written into {@code work}. */
    private List<String> command(Path work, String address) throws EmulatorException {
        try {
            Path userDb = settings.deviceDb();
            if (userDb == null) {
                userDb = work.resolve("device_db_builtin.py");
                Files.writeString(userDb, DeviceDbFile.builtInSource());
            }
            Path db = work.resolve("device_db.py");
            Files.writeString(db, deviceDbWrapper(userDb.toAbsolutePath(), address));
            Path driver = work.resolve("coredev_artiq_run.py");
            Files.writeString(driver, settings.unittest() ? SUITE_DRIVER : DRIVER);
            Files.write(work.resolve(HOST_EXTENSION), hostExtension());
            if (settings.unittest()) {
                // The suite's ExperimentCase reads $ARTIQ_ROOT/device_db.py (the database above) itself.
                List<String> command = new ArrayList<>(List.of(settings.python(), driver.toString(), settings.experiment().toString()));
                command.addAll(settings.arguments());
                return command;
            }
            List<String> command = new ArrayList<>(List.of(settings.python(), driver.toString(), "--device-db", db.toString(),
                    "--dataset-db", settings.datasetDb() == null ? work.resolve("dataset_db.mdb").toString() : settings.datasetDb().toString()));
            if (settings.className() != null) command.addAll(List.of("--class-name", settings.className()));
            if (settings.hdf5() != null) command.addAll(List.of("--hdf5", settings.hdf5().toString()));
            command.add(settings.experiment().toString());
            command.addAll(settings.arguments());
            return command;
        } catch (IOException e) {
            throw new EmulatorException("cannot write the ARTIQ host's files in " + work + ": " + e.getMessage(), e);
        }
    }

    /** The user's database, read as ARTIQ reads it, with every core device (artiq.coredevice.core.Core) pointed at the emulated board. */
    static String deviceDbWrapper(Path userDb, String address) {
        return """
                # Written by coredev run --artiq: the user's device database, its core device at the emulated board.
                import runpy
                device_db = runpy.run_path(%s)["device_db"]
                for _desc in device_db.values():
                    if (isinstance(_desc, dict) and _desc.get("type") == "local"
                            and _desc.get("module") == "artiq.coredevice.core" and _desc.get("class") == "Core"):
                        _desc.setdefault("arguments", {})["host"] = %s
                """.formatted(pyString(userDb.toString()), pyString(address));
    }

    /** coredev's ARTIQ host extension (artiq-host-extension/ in the repo): {@code bundled} on ARTIQ's Core. */
    static final String HOST_EXTENSION = "coredev_bundles.py";

    static byte[] hostExtension() throws IOException {
        try (var in = ArtiqHostRun.class.getResourceAsStream(HOST_EXTENSION)) {
            if (in == null) throw new IOException("the coredev jar lacks " + HOST_EXTENSION);
            return in.readAllBytes();
        }
    }

    /**
     * Runs artiq_run's main, with coredev's host extension installed ({@code bundled} a builtin). ARTIQ reports a compile error (after printing it) by returning
     * normally: the driver turns that into exit status 2, and a missing ARTIQ into a clear message.
     */
    static final String DRIVER = """
            # Written by coredev run --artiq: runs ARTIQ's artiq_run against the emulated core device.
            import sys
            try:
                from artiq.frontend import artiq_run
                from artiq.coredevice.core import CompileError
            except ImportError as e:
                sys.stderr.write("coredev run --artiq: %s cannot import ARTIQ's host tools: %s\\n"
                                 "Install ARTIQ for this python (or put its sources and sipyco on PYTHONPATH), "
                                 "or give another interpreter with --python.\\n" % (sys.executable, e))
                sys.exit(2)

            import coredev_bundles   # beside this driver, so on sys.path
            coredev_bundles.install()
            coredev_bundles.report = sys.stderr   # "== bundle ...: uploaded N bytes" beside coredev's kernel reports

            class _CompileErrorSeen(Exception):
                pass

            # artiq_run catches CompileError and returns; let it through to give a failing status.
            artiq_run.CompileError = _CompileErrorSeen
            sys.argv = ["artiq_run"] + sys.argv[1:]
            try:
                artiq_run.main()
            except CompileError:
                sys.exit(2)
            """;

    /**
     * Runs the unittest test cases of a file (ARTIQ's hardware test suites and a lab's own, written
     * with artiq.test.hardware_testbench.ExperimentCase) as {@code python -m unittest -v} would,
     * the file loaded from its path, or of a directory's test_*.py files as unittest's discover
     * finds them; the arguments name test cases or tests of a file (Class, Class.test_x).
     * Exit status 0 when every test passed or was skipped, 1 otherwise.
     */
    static final String SUITE_DRIVER = """
            # Written by coredev run --artiq --unittest: runs a file's unittest suites against the emulated core device.
            import importlib.util, os, sys, unittest
            try:
                import artiq.test.hardware_testbench
            except ImportError as e:
                sys.stderr.write("coredev run --artiq --unittest: %s cannot import ARTIQ's test bench: %s\\n"
                                 "Install ARTIQ for this python (or put its sources and sipyco on PYTHONPATH), "
                                 "or give another interpreter with --python.\\n" % (sys.executable, e))
                sys.exit(2)

            import coredev_bundles   # beside this driver, so on sys.path
            coredev_bundles.install()
            coredev_bundles.report = sys.stderr

            path, names = sys.argv[1], sys.argv[2:]
            loader = unittest.TestLoader()
            if os.path.isdir(path):
                # A directory: its test_*.py files, as python -m unittest discover finds them.
                if names:
                    sys.stderr.write("coredev run --artiq --unittest: test names need a file, not the directory %s\\n" % path)
                    sys.exit(2)
                suite = loader.discover(path, pattern="test_*.py", top_level_dir=path)
            else:
                name = os.path.splitext(os.path.basename(path))[0]
                sys.path.insert(0, os.path.dirname(os.path.abspath(path)))
                spec = importlib.util.spec_from_file_location(name, path)
                module = importlib.util.module_from_spec(spec)
                sys.modules[name] = module   # ExperimentCase.execute finds the file through it
                spec.loader.exec_module(module)
                cases = sorted(n for n, v in vars(module).items() if isinstance(v, type) and issubclass(v, unittest.TestCase))
                for test in names:
                    case, _, method = test.partition(".")
                    if case not in cases or (method and not hasattr(getattr(module, case), method)):
                        sys.stderr.write("coredev run --artiq --unittest: %s has no test %s (its test cases: %s)\\n"
                                         % (path, test, ", ".join(cases) or "none"))
                        sys.exit(2)
                suite = loader.loadTestsFromNames(names, module) if names else loader.loadTestsFromModule(module)
            if suite.countTestCases() == 0:
                sys.stderr.write("coredev run --artiq --unittest: %s defines no unittest test case\\n" % path)
                sys.exit(2)

            # unittest's own report, and each test's outcome on stderr as it ends, after its kernels' reports.
            class Result(unittest.TextTestResult):
                def outcome(self, test, text):
                    sys.stderr.write("== test %s: %s\\n" % (test.id(), text))
                    sys.stderr.flush()
                def addSuccess(self, test):
                    super().addSuccess(test); self.outcome(test, "ok")
                def addFailure(self, test, err):
                    super().addFailure(test, err); self.outcome(test, "FAIL")
                def addError(self, test, err):
                    super().addError(test, err); self.outcome(test, "ERROR")
                def addSkip(self, test, reason):
                    super().addSkip(test, reason); self.outcome(test, "skipped: %s" % reason)
                def addExpectedFailure(self, test, err):
                    super().addExpectedFailure(test, err); self.outcome(test, "expected failure")
                def addUnexpectedSuccess(self, test):
                    super().addUnexpectedSuccess(test); self.outcome(test, "unexpected success")
                def addSubTest(self, test, subtest, err):
                    super().addSubTest(test, subtest, err)
                    if err is None:
                        self.outcome(subtest, "ok")
                    else:
                        self.outcome(subtest, "FAIL" if issubclass(err[0], self.failureException) else "ERROR")

            result = unittest.TextTestRunner(stream=sys.stdout, verbosity=2, resultclass=Result).run(suite)
            sys.exit(0 if result.wasSuccessful() else 1)
            """;

    /** Compiles a program with ARTIQ's compiler (as artiq.compiler.testbench.shlib, "#ARTIQ#" uncommented as the jit testbench does). */
    static final String COMPILE_DRIVER = """
            # Written by coredev run --artiq: compiles a kernel-language program with ARTIQ's compiler.
            import sys
            try:
                from pythonparser import diagnostic
                from artiq.compiler.module import Module, Source
                from artiq.compiler.targets import RV32GTarget, RV32IMATarget
            except ImportError as e:
                sys.stderr.write("coredev run --artiq: %s cannot import ARTIQ's compiler: %s\\n"
                                 "Install ARTIQ for this python (or put its sources, sipyco and pythonparser on PYTHONPATH), "
                                 "or give another interpreter with --python.\\n" % (sys.executable, e))
                sys.exit(2)

            source_file, image_file, target = sys.argv[1:4]

            def process(diag):
                sys.stderr.write("\\n".join(diag.render()) + "\\n")
                if diag.level in ("fatal", "error"):
                    sys.exit(2)

            engine = diagnostic.Engine()
            engine.process = process
            with open(source_file, encoding="utf-8") as f:
                text = f.read().replace("#ARTIQ#", "")
            source = Source.from_string(text.expandtabs(), name=source_file, engine=engine)
            source.name = ""   # as ARTIQ's stitcher: the entry point is then __modinit__, the symbol the board runs
            module = Module(source)
            image = (RV32GTarget() if target == "rv32g" else RV32IMATarget()).compile_and_link([module])
            with open(image_file, "wb") as f:
                f.write(image)
            """;

    /** A Python string literal for {@code text}. */
    static String pyString(String text) {
        StringBuilder b = new StringBuilder("'");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\'' -> b.append("\\'");
                case '\n' -> b.append("\\n");
                default -> b.append(c);
            }
        }
        return b.append('\'').toString();
    }

    /** The python to run: --python, else $PYTHON, else /usr/bin/python3 (Debian's, where its python3-* packages are), else python3. */
    static String findPython(String option) {
        if (option != null) return option;
        String env = System.getenv("PYTHON");
        if (env != null && !env.isBlank()) return env;
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
