package org.coredev.cli;

import java.io.PrintStream;
import org.coredev.emu.device.KernelOutcome;
import org.coredev.emu.device.KernelRun;

/** What `coredev run --testbench` prints of a program's run: ARTIQ's JIT testbench's output. */
final class TestbenchReport {
    private TestbenchReport() {}

    /**
     * The run as ARTIQ's testbench shows it: the core log's lines (print's output there) on
     * stdout, then for an uncaught exception what libartiq_support's terminate prints: the number
     * of exceptions in flight, then each one's id, raw message and parameters, and where it was
     * raised (the file without its folder); any other outcome as coredev describes it, on stderr.
     */
    static int print(KernelRun run, PrintStream out, PrintStream err) {
        for (var line : run.log()) {
            String text = line.text();
            out.println(text.startsWith(org.coredev.emu.device.ksupport.CoreLog.PREFIX)
                    ? text.substring(org.coredev.emu.device.ksupport.CoreLog.PREFIX.length()) : text);
        }
        switch (run.outcome()) {
            case KernelOutcome.Finished f -> { }
            case KernelOutcome.Uncaught u when u.report() != null -> {
                out.println(u.report().exceptions().size());
                for (var inFlight : u.report().exceptions()) {
                    var e = inFlight.exception();
                    out.printf("Uncaught %d: %s (%d, %d, %d)%n", e.id(), e.message(), e.params().get(0), e.params().get(1), e.params().get(2));
                    // The file as the testbench names its input: without a folder (input.py).
                    out.printf("at %s:%d:%d%n", e.file().substring(e.file().lastIndexOf('/') + 1), e.line(), e.column());
                }
            }
            default -> err.println(run.outcome().describe());
        }
        out.flush();
        return run.outcome().exitStatus();
    }
}
