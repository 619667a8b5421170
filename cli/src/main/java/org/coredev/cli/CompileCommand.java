package org.coredev.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.coredev.compiler.CompileException;
import org.coredev.compiler.Compiler;
import org.coredev.compiler.Target;
import org.coredev.emu.EmulatorException;
import org.coredev.emu.device.DeviceConfig;
import org.coredev.emu.device.DeviceDbFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code coredev compile}: compiles a kernel-language program to a kernel image. */
@Command(name = "compile", mixinStandardHelpOptions = true,
        description = {
                "Compiles a kernel-language program or an experiment's @kernel run() to a kernel image.",
                "Compiles a program in ARTIQ's kernel language (top-level statements and functions) to a",
                "kernel ELF the board (and `coredev run`) loads; its top-level code is __modinit__.",
                "Names of the device database's devices may be used: core.break_realtime(), led0.pulse_mu(1000)."},
        footer = {"", "Exit status: 0 compiled, 2 bad input (unreadable file, bad device database, syntax or type error)."})
public final class CompileCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE.py", description = "The program.")
    Path file;

    @Option(names = "--target", paramLabel = "rv32g|rv32ima|or1k",
            description = "Board CPU: rv32g (Kasli 2.x, hard floats), rv32ima (Kasli 1.x) or or1k (ARTIQ 6 and older boards, "
                    + "big-endian). Default: the device database's core target.")
    String target;

    @Option(names = "--device-db", paramLabel = "device_db.py",
            description = "ARTIQ device database whose devices the program uses. Default: the built-in one.")
    Path deviceDb;

    @Option(names = {"-o", "--output"}, paramLabel = "KERNEL.elf", required = true, description = "Where to write the image.")
    Path output;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            DeviceConfig devices = deviceDb == null ? DeviceDbFile.builtIn() : DeviceDbFile.load(deviceDb);
            Target t = target != null ? Target.byId(target) : Target.forDevice(devices.target());
            if (t == null) {
                err.println("coredev compile: unknown target '%s' (rv32g, rv32ima or or1k)".formatted(target));
                err.flush();
                return 2;
            }
            String source = Files.readString(file, StandardCharsets.UTF_8);
            // An experiment file (an EnvExperiment subclass) compiles its @kernel run(); build() output goes to stderr.
            byte[] elf = Compiler.isExperiment(file.toString(), source)
                    ? Compiler.compileExperiment(file.toString(), source, t, devices.rawDb(), System.err::print)
                    : Compiler.compileProgram(file.toString(), source, t, devices.rawDb());
            Files.write(output, elf);
            return 0;
        } catch (CompileException | EmulatorException e) {
            err.println(e.getMessage());
        } catch (IOException e) {
            err.println("coredev compile: %s: %s".formatted(e instanceof java.nio.file.NoSuchFileException ? "no such file" : "cannot read or write", e.getMessage()));
        }
        err.flush();
        return 2;
    }
}
