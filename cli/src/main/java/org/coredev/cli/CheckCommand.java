package org.coredev.cli;

import org.coredev.python.ParseException;
import org.coredev.python.parser.Parser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code coredev check}: parses Python files and reports syntax errors. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {
                "Checks Python files for syntax errors.",
                "Parses each Python file with coredev's Python 3.12 parser and prints every syntax error",
                "as file:line:col: message, with the source line and a caret."},
        footer = {"", "Exit status: 0 if every file parses, 1 otherwise."})
public final class CheckCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE.py", description = "Python source files.")
    List<Path> files;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int bad = 0;
        for (Path f : files) {
            try {
                Parser.parseFile(f);
            } catch (ParseException e) {
                err.println(e.getMessage());
                bad++;
            }
        }
        out.println(files.size() + (files.size() == 1 ? " file" : " files") + " checked, " + bad + " with errors");
        out.flush();
        err.flush();
        return bad == 0 ? 0 : 1;
    }
}
