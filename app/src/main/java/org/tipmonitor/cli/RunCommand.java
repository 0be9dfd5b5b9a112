package org.tipmonitor.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.tipmonitor.runtime.AppConfig;
import org.tipmonitor.runtime.TipMonitorApp;
import org.tipmonitor.serde.SerdeConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** One instance against an existing cluster; several with the same application id share the work. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Run one tip-monitor instance (Kafka Streams and the HTTP API) against an existing Kafka"
        + " cluster and schema registry. Instances with the same application id share the work and answer"
        + " queries for each other. Ctrl-C stops it.",
        "Options override the same settings in --config."})
final class RunCommand implements Callable<Integer> {

    private static final Duration STREAMS_START_TIMEOUT = Duration.ofMinutes(5);

    @Spec
    private CommandSpec spec;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
        description = "Kafka bootstrap servers (or bootstrap.servers in --config).")
    private String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL",
        description = "Schema registry (Confluent API) URL, or kafka://_schemas for the registry kept in that topic of"
            + " the cluster (or schema.registry.url in --config).")
    private String schemaRegistryUrl;

    @Option(names = "--config", paramLabel = "FILE",
        description = "Properties file: any Kafka client or Streams property, registry settings, and tip.* keys"
            + " for the topology.")
    private Path configFile;

    @Option(names = "--application-id", paramLabel = "ID",
        description = "Streams application.id (default: application.id in --config, else tip-monitor).")
    private String applicationId;

    @Option(names = "--http-host", paramLabel = "ADDRESS",
        description = "Address the HTTP server listens on (default: " + AppConfig.DEFAULT_HTTP_HOST
            + "; 0.0.0.0 for all, with --advertised-host).")
    private String httpHost;

    @Option(names = "--http-port", defaultValue = "8080", paramLabel = "PORT",
        description = "HTTP port (default: ${DEFAULT-VALUE}; 0 = any free port).")
    private int httpPort;

    @Option(names = "--advertised-host", paramLabel = "HOST",
        description = "Host name other instances use to reach this one's HTTP API (default: --http-host).")
    private String advertisedHost;

    @Option(names = "--state-dir", paramLabel = "DIR",
        description = "Streams state directory (default: state.dir in --config, else ./tip-monitor-state).")
    private Path stateDir;

    @Option(names = "--instances", defaultValue = "1", paramLabel = "N",
        description = "How many instances of this application are expected to run (default: ${DEFAULT-VALUE}). With"
            + " more than one, each keeps a standby copy of another's state (num.standby.replicas=1) unless"
            + " --standby-replicas or num.standby.replicas in --config says otherwise.")
    private int instances;

    @Option(names = "--standby-replicas", paramLabel = "N",
        description = "Streams num.standby.replicas: warm copies of each state store on other instances, so a"
            + " crashed instance's partitions move without a restore (default: 1 with --instances > 1, else 0).")
    private Integer standbyReplicas;

    @Option(names = "--tokens", paramLabel = "FILE",
        description = "Gateway tokens (JSON) enabling POST /api/v1/submissions; without it the gateway is off.")
    private Path tokensFile;

    @Override
    public Integer call() throws Exception {
        final AppConfig config = appConfig();
        try (Lifecycle lifecycle = new Lifecycle()) {
            final TipMonitorApp app = TipMonitorApp.start(config);
            lifecycle.add("tip-monitor", app, app::close);
            spec.commandLine().getOut().println("tip-monitor " + config.applicationId() + " on " + app.httpUrl()
                + " (Kafka " + config.bootstrapServers() + ", registry " + config.schemaRegistryUrl()
                + ", state " + config.stateDir() + "); Ctrl-C stops it");
            spec.commandLine().getOut().flush();
            if (!app.awaitRunning(STREAMS_START_TIMEOUT)) {
                throw new IllegalStateException("Kafka Streams did not reach RUNNING within "
                    + STREAMS_START_TIMEOUT.toMinutes() + " min (state " + app.streams().state() + ")");
            }
            if (!lifecycle.awaitStop(() -> isAlive(app.streams().state()))) {
                throw new IllegalStateException("Kafka Streams stopped (state " + app.streams().state()
                    + "); see the log above");
            }
            return 0;
        }
    }

    /** Options first, then the file, then defaults; missing Kafka or registry is a usage error. */
    AppConfig appConfig() {
        final Map<String, Object> file = configFile == null
            ? new LinkedHashMap<>() : ClientSettings.readProperties(configFile);
        final String bootstrap = firstOf(bootstrapServers, file.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG));
        final String registry = firstOf(schemaRegistryUrl, file.get(SerdeConfig.SCHEMA_REGISTRY_URL));
        if (bootstrap == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "Kafka is not set: give --bootstrap-servers, or bootstrap.servers in --config");
        }
        if (registry == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "the schema registry is not set: give --schema-registry-url, or schema.registry.url in --config");
        }
        final String state = firstOf(stateDir == null ? null : stateDir.toString(),
            file.get(StreamsConfig.STATE_DIR_CONFIG));
        return AppConfig.builder(bootstrap, registry, Path.of(state == null ? "tip-monitor-state" : state))
            .applicationId(firstOf(applicationId, file.get(StreamsConfig.APPLICATION_ID_CONFIG)))
            .httpHost(httpHost)
            .httpPort(httpPort)
            .advertisedHost(advertisedHost)
            .tokensFile(tokensFile)
            .streamsOverrides(withStandbys(withoutResolved(file)))
            .build();
    }

    /**
     * Standby replicas: the option, else the file's {@code num.standby.replicas}, else one when several instances
     * are expected. Without a standby, the instance that takes over a crashed one's partitions must first restore
     * their stores from the changelogs, and answers 503 for those keys meanwhile.
     */
    private Map<String, Object> withStandbys(final Map<String, Object> overrides) {
        if (instances < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--instances must be at least 1, not " + instances);
        }
        if (standbyReplicas != null && standbyReplicas < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--standby-replicas must be 0 or more, not " + standbyReplicas);
        }
        if (standbyReplicas != null) {
            overrides.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, standbyReplicas);
        } else if (!overrides.containsKey(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG)) {
            overrides.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, instances > 1 ? 1 : 0);
        }
        return overrides;
    }

    /**
     * The file's settings minus those now held by {@link AppConfig}'s own fields: overrides are applied last, so
     * leaving them in would let the file beat the command-line options.
     */
    private static Map<String, Object> withoutResolved(final Map<String, Object> file) {
        final Map<String, Object> overrides = new LinkedHashMap<>(file);
        overrides.remove(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        overrides.remove(SerdeConfig.SCHEMA_REGISTRY_URL);
        overrides.remove(StreamsConfig.APPLICATION_ID_CONFIG);
        overrides.remove(StreamsConfig.STATE_DIR_CONFIG);
        return overrides;
    }

    private static String firstOf(final String option, final Object fromFile) {
        if (option != null && !option.isBlank()) {
            return option;
        }
        return fromFile == null || fromFile.toString().isBlank() ? null : fromFile.toString();
    }

    private static boolean isAlive(final KafkaStreams.State state) {
        return state.isRunningOrRebalancing() || state == KafkaStreams.State.CREATED;
    }
}
