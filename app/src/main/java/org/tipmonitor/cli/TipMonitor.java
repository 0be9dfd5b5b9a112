package org.tipmonitor.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code tip-monitor} command line: the main class of {@code tip-monitor.jar}.
 *
 * <p>Exit codes: 0 success, 1 a runtime failure (Kafka unreachable, a line of a file refused, ...), 2 bad usage.
 * Every error is one line on stderr; the stack trace goes to the debug log only, because the people running a demo
 * or loading a file want to know what to fix, not where in the code it broke.
 */
@Command(name = "tip-monitor",
    mixinStandardHelpOptions = true,
    versionProvider = TipMonitor.ManifestVersion.class,
    description = "Live tracking of how States implement the recommendations of the UN Working Group on Trafficking"
        + " in Persons (2013, paras 5-48), on Kafka Streams.",
    subcommands = {
        DemoCommand.class,
        RunCommand.class,
        LoadReferenceCommand.class,
        SubmitCommand.class,
        TopologyCommand.class,
        CatalogueCommand.class,
        ExportCommand.class,
        RejectedCommand.class,
        CommandLine.HelpCommand.class
    })
public final class TipMonitor implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(TipMonitor.class);

    /** Avro 1.12.2 refuses to load generated classes from packages not listed here. */
    static final String SERIALIZABLE_PACKAGES_PROPERTY = "org.apache.avro.SERIALIZABLE_PACKAGES";
    static final String AVRO_PACKAGE = "org.tipmonitor.avro";

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "a command is required: " + String.join(", ", spec.subcommands().keySet()));
    }

    public static void main(final String[] args) {
        // Before any Avro class loads; the launcher script sets it too, but java -jar alone must work as well.
        if (System.getProperty(SERIALIZABLE_PACKAGES_PROPERTY) == null) {
            System.setProperty(SERIALIZABLE_PACKAGES_PROPERTY, AVRO_PACKAGE);
        }
        final PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        final PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(execute(out, err, args));
    }

    /** Runs the command line with these streams; returns the exit code. */
    public static int execute(final PrintWriter out, final PrintWriter err, final String... args) {
        return commandLine(out, err).execute(args);
    }

    /** The configured command line: one-line errors, exit 2 for usage and 1 for failures. */
    static CommandLine commandLine(final PrintWriter out, final PrintWriter err) {
        final CommandLine commandLine = new CommandLine(new TipMonitor());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler(TipMonitor::usageError);
        commandLine.setExecutionExceptionHandler(TipMonitor::failure);
        return commandLine;
    }

    private static int usageError(final CommandLine.ParameterException e, final String[] args) {
        final CommandLine command = e.getCommandLine();
        command.getErr().println("tip-monitor: " + e.getMessage() + " (see '"
            + command.getCommandSpec().qualifiedName() + " --help')");
        command.getErr().flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static int failure(final Exception e, final CommandLine command, final CommandLine.ParseResult parsed) {
        LOG.debug("{} failed", command.getCommandSpec().qualifiedName(), e);
        command.getErr().println("tip-monitor " + command.getCommandName() + ": " + Failures.describe(e));
        command.getErr().flush();
        return command.getCommandSpec().exitCodeOnExecutionException();
    }

    /** The version recorded in the jar's manifest, when run from the jar. */
    static final class ManifestVersion implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            final String version = TipMonitor.class.getPackage().getImplementationVersion();
            return new String[] {"tip-monitor " + (version == null ? "(development build)" : version)};
        }
    }
}
