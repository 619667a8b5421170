package org.coredev.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code coredev} command: one subcommand per job. */
@Command(name = "coredev", mixinStandardHelpOptions = true, version = "coredev 0.1.0",
        description = "Runs ARTIQ core-device kernels on an emulated board, on simulated time.",
        subcommands = {RunCommand.class, CompileCommand.class, ExecCommand.class, ServeCommand.class, DdbCommand.class, CheckCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(System.out); }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
