package org.coredev.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.nio.charset.StandardCharsets;
import org.coredev.compiler.CompileException;
import org.coredev.compiler.ExperimentSession;
import org.coredev.compiler.HostRun;
import org.coredev.compiler.Compiler;
import org.coredev.compiler.Target;
import org.coredev.dds.DdsPlot;
import org.coredev.emu.device.KernelOutcome;
import org.coredev.emu.runtime.rpc.PrintingHost;
import org.coredev.emu.EmulatorException;
import org.coredev.emu.device.CoreDevice;
import org.coredev.emu.device.DeviceConfig;
import org.coredev.emu.device.DeviceDbFile;
import org.coredev.emu.device.KernelRun;
import org.coredev.rtio.trace.VcdWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code coredev run}: runs a kernel image on the emulated core device and prints its trace. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {
                "Runs a kernel image, a kernel-language program or an experiment on the emulated core device.",
                "A kernel image (ELF shared object with the kernel ABI) runs as loaded:",
                "prints the RTIO events with their timestamps, the core log and the outcome.",
                "A .py file is a kernel-language program: it is compiled first, its print() output goes to stdout",
                "as under python3, and the trace goes to stderr. A .py file defining an EnvExperiment subclass is",
                "an experiment: its build() runs on the host evaluator, then its @kernel run method is compiled and run;",
                "if run() is host code, it runs on the host evaluator and each kernel it calls is compiled and run,",
                "or called in a resident bundle inside 'with bundled(self.f, ...)' (each call's line and trace to stderr).",
                "With --artiq the experiment runs under ARTIQ's own host instead: the user's python runs ARTIQ's artiq_run",
                "and compiler against the emulated core device (coredev serve in this process, on the board's ports at a",
                "free loopback address); its output is artiq_run's, each kernel's trace goes to stderr.",
                "ARGUMENTS (NAME=VALUE, as artiq_run's) are given to the experiment."},
        footer = {"", "Exit status: 0 kernel finished, 1 uncaught kernel exception, 2 bad input, 3 guest fault,",
                "124 cycle or wall-time budget exhausted."})
public final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "KERNEL.elf|PROGRAM.py", description = "Kernel image, or a kernel-language program to compile.")
    Path kernel;

    @Parameters(index = "1..*", paramLabel = "NAME=VALUE", description = "Experiment arguments, as artiq_run takes them (with --artiq).")
    List<String> arguments = new ArrayList<>();

    @Option(names = "--artiq", description = "Run the experiment under ARTIQ's own host (artiq_run and its compiler, in python) against the emulated device.")
    boolean artiq;

    @Option(names = "--testbench", description = {"Run a kernel-language program as ARTIQ's compiler testbench",
            "(artiq.compiler.testbench.jit) does: its #ARTIQ# lines uncommented, on a core whose ref_period is 1 us,",
            "print() compiled as the testbench compiles it (formatted in the kernel, to the core log, shown on stdout),",
            "an uncaught exception shown as the testbench's runtime shows it (Uncaught ID: message (params), at file:line:col).",
            "With --artiq, ARTIQ's compiler builds the program (print is core_log there already)."})
    boolean testbench;

    @Option(names = "--unittest", description = {"With --artiq: run the file's unittest test cases (ARTIQ's hardware test suites, or a lab's own",
            "written with artiq.test.hardware_testbench.ExperimentCase) against the emulated device, as python -m unittest -v,",
            "or a directory's test_*.py files as unittest discover finds them;",
            "ARGUMENTS then name test cases or tests of the file (TestRTIO, TestRTIO.test_loopback). --device-db is the suite's",
            "$ARTIQ_ROOT/device_db.py. Exit status 0 when every test passed or was skipped, 1 otherwise."})
    boolean unittest;

    @Option(names = "--python", paramLabel = "PYTHON",
            description = "With --artiq: the interpreter that has ARTIQ (default: $PYTHON, else /usr/bin/python3, else python3).")
    String python;

    @Option(names = "--dataset-db", paramLabel = "FILE.mdb",
            description = "With --artiq: artiq_run's dataset database (default: a fresh one, discarded after the run).")
    Path datasetDb;

    @Option(names = {"-o", "--hdf5"}, paramLabel = "OUT.h5", description = "With --artiq: artiq_run writes the datasets to this HDF5 file.")
    Path hdf5;

    @Option(names = "--device-db", paramLabel = "FILE.py",
            description = "ARTIQ device database (default: a built-in Kasli-like one with TTLs, an LED, a loopback pair and an Urukul).")
    Path deviceDb;

    @Option(names = "--loopback", paramLabel = "OUT:IN[:DELAY_MU]",
            description = "Wire an output device to an input device (names or aliases), with a delay in mu. Repeatable.")
    List<String> loopbacks = new ArrayList<>();

    @Option(names = "--vcd", paramLabel = "OUT.vcd", description = "Write the pin waveforms as a VCD file (GTKWave).")
    Path vcd;

    @Option(names = "--plot", paramLabel = "OUT.png", description = "Plot the DDS outputs (frequency, amplitude, phase against time) as a PNG.")
    Path plot;

    @Option(names = "--max-cycles", paramLabel = "N", description = "Stop the kernel after N CPU cycles (default: ${DEFAULT-VALUE}).")
    long maxCycles = 10_000_000_000L;

    @Option(names = {"-c", "--class"}, paramLabel = "NAME",
            description = "The experiment class to run, in a file that defines several (as artiq_run's --class-name).")
    String experimentClass;

    @Option(names = "--quiet", description = "Print only the outcome, not the events.")
    boolean quiet;

    @Override
    public Integer call() {
        PrintStream out = System.out, err = System.err;
        try {
            if (unittest && (!artiq || testbench || experimentClass != null || hdf5 != null || datasetDb != null)) {
                err.println("coredev run: --unittest runs a test file under ARTIQ's host: it needs --artiq, and takes no --testbench, --class, --hdf5 or --dataset-db");
                return 2;
            }
            if (testbench && (deviceDb != null || !isProgram(kernel))) {
                err.println("coredev run: --testbench runs a kernel-language program on the testbench's own core (no --device-db, no experiment)");
                return 2;
            }
            DeviceConfig config = testbench ? DeviceDbFile.builtIn(DeviceDbFile.TESTBENCH)
                    : deviceDb == null ? DeviceDbFile.builtIn() : DeviceDbFile.load(deviceDb);
            config = config.withLoopbacks(parseLoopbacks());
            if (artiq) {
                var settings = new ArtiqHostRun.Settings(kernel, deviceDb, config, experimentClass, arguments,
                        ArtiqHostRun.findPython(python), datasetDb, hdf5, maxCycles, quiet, vcd, plot, testbench, unittest);
                ArtiqHostRun host = new ArtiqHostRun(settings, out, err);
                return !unittest && isProgram(kernel) ? host.runProgram() : host.run();
            }
            if (!arguments.isEmpty() || python != null || datasetDb != null || hdf5 != null) {
                err.println("coredev run: experiment arguments, --python, --dataset-db and --hdf5 need --artiq (ARTIQ's own host)");
                return 2;
            }
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(kernel);
            } catch (IOException e) {
                err.println("coredev run: cannot read " + kernel + ": " + e.getMessage());
                return 2;
            }
            boolean program = kernel.toString().endsWith(".py");
            ExperimentSession experiment = null;
            if (program) {
                try {
                    Target target = Target.forDevice(config.target());
                    String source = new String(bytes, StandardCharsets.UTF_8);
                    if (testbench) source = source.replace("#ARTIQ#", "");   // as testbench/jit.py reads its input
                    // An experiment file (a class deriving from EnvExperiment): build() runs on the
                    // host evaluator, its print() output going to stdout, then its run kernel is compiled.
                    if (Compiler.isExperiment(kernel.toString(), source)) {
                        ExperimentSession session = Compiler.openExperiment(kernel.toString(), source, config.rawDb(), out::print,
                                experimentClass);
                        if (!session.isKernel("run")) return hostRun(session, config, target, out, err);
                        // run() is a kernel: it is the one kernel of the experiment, compiled and run below,
                        // after prepare() (which may set what it reads) and before analyze(), as artiq_run.
                        if (!hostStep(session, "prepare", err)) return 1;
                        bytes = session.compileKernel("run", List.of(), target);
                        experiment = session;
                    } else {
                        bytes = testbench ? Compiler.compileProgramPrintingInKernel(kernel.toString(), source, target, config.rawDb())
                                : Compiler.compileProgram(kernel.toString(), source, target, config.rawDb());
                    }
                } catch (CompileException e) {
                    err.println(e.getMessage());
                    return 2;
                }
            }
            CoreDevice device = new CoreDevice(config).withMaxCycles(maxCycles);
            if (program) device.withExceptionNames(Compiler.exceptionNames(bytes));
            if (experiment != null) {
                // The kernel's RPCs run the experiment's host methods on the instance build() made;
                // print() goes to stdout, attributes the kernel assigned are written back to it.
                device.withHost(experiment.host(out, err));
            } else if (program) {
                // print() goes to stdout exactly as python3 would print it; other RPCs are logged.
                device.withHost(new PrintingHost(out, err, Compiler.rpcServices(bytes)));
            }
            KernelRun run = device.run(kernel.toString(), bytes);
            if (testbench) return TestbenchReport.print(run, out, err);
            PrintStream traceOut = program ? err : out;
            if (quiet || (program && run.events().isEmpty() && run.log().isEmpty())) {
                if (!(program && run.outcome() instanceof KernelOutcome.Finished)) traceOut.println(run.outcome().describe());
            } else {
                traceOut.print(run.format());
            }
            if (vcd != null) {
                device.dds().timeline().appendTo(device.rtio().signalTrace());   // DDS as real-valued signals
                VcdWriter.write(device.rtio().signalTrace(), vcd);
            }
            if (plot != null) DdsPlot.write(device.dds().timeline(), plot);
            if (experiment != null && run.outcome() instanceof KernelOutcome.Finished && !hostStep(experiment, "analyze", err)) return 1;
            return run.outcome().exitStatus();
        } catch (EmulatorException e) {
            err.println("coredev run: " + e.getMessage());
            return 2;
        }
    }

    /**
     * An experiment whose run() is host code: it runs on the host evaluator, each kernel it calls
     * is compiled and run (or called in a resident bundle) on one emulated device; each call's
     * line and trace go to stderr as they happen.
     */
    private int hostRun(ExperimentSession session, DeviceConfig config, Target target, PrintStream out, PrintStream err)
            throws EmulatorException {
        CoreDevice device = new CoreDevice(config).withMaxCycles(maxCycles);
        HostRun.Result result;
        try {
            result = new HostRun(session, device, target, out, err, call -> {
                err.println("== " + call.describe());
                KernelRun run = call.run();
                boolean quietRun = run.events().isEmpty() && run.log().isEmpty();
                if (quiet || quietRun) {
                    if (!(run.outcome() instanceof KernelOutcome.Finished)) err.println(run.outcome().describe());
                } else {
                    err.print(run.format());
                }
            }).run();
        } catch (CompileException e) {
            err.println(e.getMessage());
            return 2;
        }
        if (result.hostError() != null) err.println(result.hostError());
        if (vcd != null) {
            device.dds().timeline().appendTo(device.rtio().signalTrace());
            VcdWriter.write(device.rtio().signalTrace(), vcd);
        }
        if (plot != null) DdsPlot.write(device.dds().timeline(), plot);
        return result.exitStatus();
    }

    /** Calls a host method of the experiment (prepare, analyze); false, with the Python error on err, if it raised. */
    private static boolean hostStep(ExperimentSession session, String method, PrintStream err) {
        try {
            session.instance().callMethod(method);
            return true;
        } catch (org.coredev.python.ParseException e) {
            err.println(e.getMessage());
            return false;
        }
    }

    /** A .py file with no experiment class: a kernel-language program. */
    private static boolean isProgram(Path file) throws EmulatorException {
        if (!file.toString().endsWith(".py")) return false;
        try {
            return !Compiler.isExperiment(file.toString(), Files.readString(file));
        } catch (IOException e) {
            throw new EmulatorException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private List<DeviceConfig.Loopback> parseLoopbacks() throws EmulatorException {
        List<DeviceConfig.Loopback> out = new ArrayList<>();
        for (String spec : loopbacks) {
            String[] parts = spec.split(":");
            if (parts.length < 2 || parts.length > 3)
                throw new EmulatorException("--loopback " + spec + ": expected OUT:IN or OUT:IN:DELAY_MU");
            long delay = 0;
            if (parts.length == 3) {
                try {
                    delay = Long.parseLong(parts[2]);
                } catch (NumberFormatException e) {
                    throw new EmulatorException("--loopback " + spec + ": delay '" + parts[2] + "' is not an integer number of mu");
                }
            }
            out.add(new DeviceConfig.Loopback(parts[0], parts[1], delay));
        }
        return out;
    }
}
