package org.tipmonitor.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.tipmonitor.reference.Catalogue;
import org.tipmonitor.reference.Countries;
import org.tipmonitor.runtime.KafkaTopics;
import org.tipmonitor.runtime.ReferencePublisher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Publishes the shipped reference data to a cluster; safe to repeat, only changes are sent. */
@Command(name = "load-reference", mixinStandardHelpOptions = true,
    description = {"Publish the recommendations catalogue and the countries to tip.recommendations and"
        + " tip.countries, sending only what is new or changed (and tombstones for what is gone).",
        "Creates missing project topics first (existing topics are left as they are)."})
final class LoadReferenceCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT[,...]",
        description = "Kafka bootstrap servers.")
    private String bootstrapServers;

    @Option(names = "--schema-registry-url", required = true, paramLabel = "URL",
        description = "Schema registry (Confluent API) URL.")
    private String schemaRegistryUrl;

    @Option(names = "--client-config", paramLabel = "FILE",
        description = "Properties file with further Kafka client and registry settings (security, auth).")
    private Path clientConfigFile;

    @Option(names = "--partitions", defaultValue = "3", paramLabel = "N",
        description = "Partitions of each project topic this command creates (default: ${DEFAULT-VALUE}).")
    private int partitions;

    @Option(names = "--replication-factor", paramLabel = "N",
        description = "Replicas of each project topic this command creates (default: the cluster's"
            + " default.replication.factor, which on KRaft is the controllers' setting). Use 3 on a production"
            + " cluster, with min.insync.replicas=2.")
    private Short replicationFactor;

    @Override
    public Integer call() {
        final Map<String, Object> clientConfig = ClientSettings.clientConfig(bootstrapServers, clientConfigFile);
        try (Admin admin = Admin.create(clientConfig)) {
            KafkaTopics.ensure(admin, KafkaTopics.all(partitions, Optional.ofNullable(replicationFactor)));
        }
        final ReferencePublisher publisher =
            new ReferencePublisher(clientConfig, ClientSettings.serdes(clientConfig, schemaRegistryUrl));
        final ReferencePublisher.Result result = publisher.publish(Catalogue.load(), Countries.load());
        spec.commandLine().getOut().println(result.recommendations());
        spec.commandLine().getOut().println(result.countries());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
