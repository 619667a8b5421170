package org.coredev.cli;

import org.coredev.python.ParseException;
import org.coredev.python.eval.DeviceDb;
import org.coredev.python.eval.PyDict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code coredev ddb}: evaluates a device_db.py as ARTIQ does and prints the database as JSON. */
@Command(name = "ddb", mixinStandardHelpOptions = true,
        description = {
                "Prints an evaluated device database as JSON.",
                "Evaluates a device_db.py as ARTIQ does and prints its device_db dictionary as JSON",
                "with sorted keys (the text json.dumps(device_db, indent=4, sort_keys=True) gives).",
                "Output of print() in the file goes to stderr."},
        footer = {"", "Exit status: 0 success, 2 bad file (syntax error, evaluation error, no device_db)."})
public final class DdbCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE.py", description = "The device database file.")
    Path file;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            PyDict db = DeviceDb.load(file, s -> { err.print(s); err.flush(); });
            out.println(DeviceDb.toJson(db, file.toString()));
            out.flush();
            return 0;
        } catch (ParseException e) {
            err.println(e.getMessage());
            err.flush();
            return 2;
        }
    }
}
