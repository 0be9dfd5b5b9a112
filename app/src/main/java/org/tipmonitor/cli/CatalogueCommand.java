package org.tipmonitor.cli;

import java.util.concurrent.Callable;
import org.tipmonitor.reference.Catalogue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Prints what the shipped catalogue holds; needs no Kafka. */
@Command(name = "catalogue", mixinStandardHelpOptions = true,
    description = "Print a summary of the recommendations catalogue (counts per section, addressee, force, theme).")
final class CatalogueCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        final Catalogue catalogue = Catalogue.load();
        spec.commandLine().getOut().println(catalogue.summary().toTable());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
