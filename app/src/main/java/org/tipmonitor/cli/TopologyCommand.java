package org.tipmonitor.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import org.tipmonitor.compliance.TipSerdes;
import org.tipmonitor.topology.TipMonitorConfig;
import org.tipmonitor.topology.TipMonitorTopology;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Prints the Kafka Streams topology with its default settings; needs no Kafka and no registry. */
@Command(name = "topology", mixinStandardHelpOptions = true,
    description = "Print the Kafka Streams topology (Topology#describe): sources, processors, stores, sinks.")
final class TopologyCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        // Building the topology needs serdes; an in-memory registry scope is enough to describe it.
        final TipSerdes serdes = TipSerdes.create(Map.of("schema.registry.url", "mock://describe"));
        spec.commandLine().getOut().print(TipMonitorTopology.build(TipMonitorConfig.defaults(), serdes).describe());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
