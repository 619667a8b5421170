package org.coredev.compiler;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.coredev.emu.device.CoreDevice;
import org.coredev.emu.device.DeviceConfig;
import org.coredev.emu.device.DeviceDbFile;
import org.coredev.emu.device.KernelRun;
import org.coredev.emu.runtime.Runtime;
import org.coredev.emu.runtime.RuntimeExport;
import org.coredev.emu.runtime.rpc.PrintingHost;

/** Test helper: runs compiled kernels on the emulated core device and programs under CPython. */
final class KernelRunner {
    /** What a run printed and how it ended ("finished" or "uncaught NAME"). */
    record Result(String stdout, String outcome, String detail) { }

    private KernelRunner() {}

    static Result runOnDevice(String name, byte[] elf, Target target) throws Exception {
        return runOnDevice(name, elf, target, o -> { });
    }

    static Result runOnDevice(String name, byte[] elf, Target target,
                              java.util.function.Consumer<org.coredev.emu.device.KernelOutcome> outcomeSink) throws Exception {
        DeviceConfig builtIn = DeviceDbFile.builtIn();
        DeviceConfig config = builtIn.withTarget(target.loaderTarget());
        ByteArrayOutputStream out = new ByteArrayOutputStream(), log = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        Map<Integer, String> services = Compiler.rpcServices(elf);
        CoreDevice device = new CoreDevice(config)
                .withHost(new PrintingHost(ps, new PrintStream(log, true, StandardCharsets.UTF_8), services))
                .withMaxCycles(200_000_000L);
        // The runtime's compiler-rt exports (ksupport api.rs), if this CoreDevice does not register them yet.
        if (device.runtime().resolve("__adddf3").isEmpty()) registerCompilerRt(device.runtime());
        if (device.runtime().resolve("fmod").isEmpty()) registerLibm(device.runtime());
        KernelRun run = device.run(name, elf);
        outcomeSink.accept(run.outcome());
        String outcome = switch (run.outcome()) {
            case org.coredev.emu.device.KernelOutcome.Finished f -> "finished";
            // The runtime names only preallocated ids; the image names the program's own classes.
            case org.coredev.emu.device.KernelOutcome.Uncaught u -> "uncaught " + Compiler.exceptionNames(elf).entrySet().stream()
                    .filter(e -> String.valueOf(e.getKey()).equals(u.name())).map(java.util.Map.Entry::getValue).findFirst().orElse(u.name());
            default -> "other";
        };
        return new Result(out.toString(StandardCharsets.UTF_8), outcome, run.outcome().describe() + "\n" + log);
    }

    /**
     * The emulator's compiler-rt table (org.coredev.emu.runtime.lib.CompilerRt, work in progress
     * in another module) when present; otherwise the few helpers the compiled programs import,
     * with Java's IEEE double arithmetic.
     */
    private static void registerCompilerRt(Runtime runtime) throws Exception {
        try {
            Class.forName("org.coredev.emu.runtime.lib.CompilerRt").getMethod("register", Runtime.class).invoke(null, runtime);
            return;
        } catch (ClassNotFoundException absent) {
            // fall through
        }
        reg(runtime, "__adddf3", "d(dd)", a -> bits(a.d(0) + a.d(1)));
        reg(runtime, "__subdf3", "d(dd)", a -> bits(a.d(0) - a.d(1)));
        reg(runtime, "__muldf3", "d(dd)", a -> bits(a.d(0) * a.d(1)));
        reg(runtime, "__divdf3", "d(dd)", a -> bits(a.d(0) / a.d(1)));
        reg(runtime, "__ltdf2", "i(dd)", a -> cmp(a.d(0), a.d(1), 1));
        reg(runtime, "__ledf2", "i(dd)", a -> cmp(a.d(0), a.d(1), 1));
        reg(runtime, "__eqdf2", "i(dd)", a -> cmp(a.d(0), a.d(1), 1));
        reg(runtime, "__nedf2", "i(dd)", a -> cmp(a.d(0), a.d(1), 1));
        reg(runtime, "__gtdf2", "i(dd)", a -> cmp(a.d(0), a.d(1), -1));
        reg(runtime, "__gedf2", "i(dd)", a -> cmp(a.d(0), a.d(1), -1));
        reg(runtime, "__floatsidf", "d(i)", a -> bits(a.i(0)));
        reg(runtime, "__floatdidf", "d(l)", a -> bits((double) a.l(0)));
        reg(runtime, "__fixdfsi", "i(d)", a -> (int) a.d(0));
        reg(runtime, "__fixdfdi", "l(d)", a -> (long) a.d(0));
        reg(runtime, "__divdi3", "l(ll)", a -> a.l(1) == 0 ? -1 : a.l(0) / a.l(1));
        reg(runtime, "__moddi3", "l(ll)", a -> a.l(1) == 0 ? a.l(0) : a.l(0) % a.l(1));
        reg(runtime, "__ashldi3", "l(li)", a -> a.l(0) << a.i(1));
        reg(runtime, "__ashrdi3", "l(li)", a -> a.l(0) >> a.i(1));
    }

    /** The emulator's libm (org.coredev.emu.runtime.lib.Libm) when built; otherwise fdlibm through StrictMath. */
    private static void registerLibm(Runtime runtime) throws Exception {
        try {
            Class.forName("org.coredev.emu.runtime.lib.Libm").getMethod("register", Runtime.class).invoke(null, runtime);
            return;
        } catch (ClassNotFoundException absent) {
            // fall through
        }
        reg(runtime, "floor", "d(d)", a -> bits(StrictMath.floor(a.d(0))));
        reg(runtime, "fmod", "d(dd)", a -> bits(a.d(0) % a.d(1)));   // Java's % on doubles is C's fmod
        reg(runtime, "copysign", "d(dd)", a -> bits(StrictMath.copySign(a.d(0), a.d(1))));
        reg(runtime, "pow", "d(dd)", a -> bits(StrictMath.pow(a.d(0), a.d(1))));
    }

    private static void reg(Runtime r, String name, String sig, org.coredev.emu.runtime.RuntimeFunction f) {
        r.register(RuntimeExport.of(name, sig, 20, f));
    }

    private static long bits(double d) { return Double.doubleToRawLongBits(d); }

    private static long cmp(double a, double b, int unordered) {
        if (Double.isNaN(a) || Double.isNaN(b)) return unordered;
        return a < b ? -1 : a == b ? 0 : 1;
    }

    static Result runCPython(Path program) throws IOException, InterruptedException {
        Path runner = Path.of("src/test/resources/run_cpython.py");
        Process p;
        try {
            p = new ProcessBuilder("python3", runner.toString(), program.toString()).start();
        } catch (IOException e) {
            throw new AssertionError("python3 not found: install the Debian package python3", e);
        }
        p.getOutputStream().close();
        byte[] stdout = p.getInputStream().readAllBytes();
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) { p.destroyForcibly(); throw new AssertionError("python3 hung on " + program); }
        String outcome = "finished";
        if (p.exitValue() != 0) {
            String[] lines = stderr.strip().split("\n");
            outcome = lines[lines.length - 1];
        }
        return new Result(new String(stdout, StandardCharsets.UTF_8), outcome, stderr);
    }

    static String read(Path p) throws IOException { return Files.readString(p); }
}
