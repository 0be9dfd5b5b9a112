package org.tipmonitor.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Runs {@code export} from tests in other packages, as the command line would. */
public final class ExportCommandAccess {

    private ExportCommandAccess() {
    }

    public static int run(final PrintWriter out, final PrintWriter err, final String... args) {
        final CommandLine commandLine = new CommandLine(new ExportCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        return commandLine.execute(args);
    }
}
