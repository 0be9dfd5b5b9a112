package org.tipmonitor.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.tipmonitor.alerts.AlertConfig;
import org.tipmonitor.api.SchemaRegistryServer;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.avro.Submission;
import org.tipmonitor.cycles.CycleCalendar;
import org.tipmonitor.reference.Catalogue;
import org.tipmonitor.reference.Countries;
import org.tipmonitor.runtime.AppConfig;
import org.tipmonitor.runtime.EmbeddedKafkaBroker;
import org.tipmonitor.runtime.KafkaAcls;
import org.tipmonitor.runtime.KafkaPrincipals;
import org.tipmonitor.runtime.KafkaTopics;
import org.tipmonitor.runtime.ReferencePublisher;
import org.tipmonitor.runtime.SampleSubmissions;
import org.tipmonitor.runtime.SubmissionFiles;
import org.tipmonitor.runtime.TipMonitorApp;
import org.tipmonitor.serde.KafkaTopicSchemaRegistry;
import org.tipmonitor.topology.StreamsSettings;
import org.tipmonitor.topology.channels.Topics;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Everything in one JVM: a real Kafka broker, a schema registry kept in a topic of that broker and served over the
 * Confluent REST API, the reference data, one tip-monitor instance with its HTTP API, and a sample of submissions.
 * Runs until Ctrl-C.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Run everything in this JVM: a real Kafka broker (KRaft, 127.0.0.1), the reference data,"
        + " one tip-monitor instance with its HTTP API, and a sample of submissions. Ctrl-C stops it.",
        "Data are removed at exit unless --state-dir is given."})
final class DemoCommand implements Callable<Integer> {

    /** The registry kept in a compacted topic of the demo's broker: it survives restarts with --state-dir. */
    static final String DEMO_REGISTRY = KafkaTopicSchemaRegistry.URL_PREFIX + KafkaTopicSchemaRegistry.DEFAULT_TOPIC;
    static final String REPORTERS_RESOURCE = "demo/reporters.json";
    private static final String HOST = "127.0.0.1";
    private static final int PARTITIONS = 3;
    private static final Duration STREAMS_START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration TABLES_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration PROCESSING_TIMEOUT = Duration.ofMinutes(5);
    /** Under the data directory: one client properties file per Kafka user of --secure, and their passwords. */
    private static final String KAFKA_CLIENTS_DIR = "kafka-clients";
    private static final String KAFKA_PASSWORDS_FILE = "users.passwords";

    @Spec
    private CommandSpec spec;

    @Option(names = "--http-port", defaultValue = "8080", paramLabel = "PORT",
        description = "HTTP port of the API (default: ${DEFAULT-VALUE}; 0 = any free port).")
    private int httpPort;

    @Option(names = "--kafka-port", defaultValue = "0", paramLabel = "PORT",
        description = "Port of the embedded Kafka broker (default: any free port).")
    private int kafkaPort;

    @Option(names = "--state-dir", paramLabel = "DIR",
        description = "Keep Kafka data and Streams state here across runs (default: a temporary directory removed"
            + " at exit).")
    private Path stateDir;

    @Option(names = "--schema-registry-url", paramLabel = "URL",
        description = "Use this schema registry (Confluent API) instead of the demo's own, which keeps its schemas in"
            + " the topic " + KafkaTopicSchemaRegistry.DEFAULT_TOPIC + " of the embedded broker.")
    private String schemaRegistryUrl;

    @Option(names = "--schema-registry-port", defaultValue = "8081", paramLabel = "PORT",
        description = "HTTP port of the demo's schema registry (Confluent REST API) for producers outside this JVM"
            + " (default: ${DEFAULT-VALUE}, Confluent's; 0 = any free port). Not served with --schema-registry-url.")
    private int schemaRegistryPort;

    @Option(names = "--tokens", paramLabel = "FILE",
        description = "Gateway tokens file (SHA-256 hashes, see `token create`) for POST /api/v1/submissions"
            + " (default: a fresh random token per demo reporter, printed in the banner).")
    private Path tokensFile;

    @Option(names = "--secure",
        description = "Run Kafka secured: SASL/SCRAM-SHA-512, ACLs, no access without a grant; one user per role and"
            + " per demo State, whose client settings are written under the data directory (see the banner).")
    private boolean secure;

    @CommandLine.ArgGroup(exclusive = true)
    private Sample sample;

    static final class Sample {
        @Option(names = "--submissions", paramLabel = "FILE",
            description = "Load these submissions (JSON lines) instead of the built-in sample.")
        private Path file;

        @Option(names = "--no-sample", description = "Load no submissions.")
        private boolean none;
    }

    @Override
    public Integer call() throws Exception {
        final long startNanos = System.nanoTime();
        final PrintWriter out = spec.commandLine().getOut();
        requirePortFree(httpPort);
        if (schemaRegistryUrl == null) {
            requirePortFree(schemaRegistryPort);
        }
        final Submissions toLoad = submissionsToLoad(out);
        final String registry = schemaRegistryUrl == null ? DEMO_REGISTRY : schemaRegistryUrl;

        try (Lifecycle lifecycle = new Lifecycle()) {
            final Path workDir = workDir(lifecycle);
            final Path log = workDir.resolve("tip-monitor.log");
            DemoLogging.toFile(log);
            out.println("log: " + log);
            out.println("starting Kafka...");
            out.flush();
            // The passwords stay with the data: a restart on a --state-dir must log in to the SCRAM credentials
            // stored when the broker's data was formatted.
            final KafkaPrincipals users = secure
                ? KafkaPrincipals.loadOrCreate(workDir.resolve(KAFKA_CLIENTS_DIR).resolve(KAFKA_PASSWORDS_FILE),
                    DemoToken.reporters().stream()
                        .filter(t -> t.grant().reporterType() == ReporterType.STATE)
                        .map(t -> t.grant().country()).distinct().toList(), List.of())
                : null;
            final EmbeddedKafkaBroker.Builder brokerBuilder = EmbeddedKafkaBroker.builder();
            if (users != null) {
                brokerBuilder.secured(users);
            }
            final EmbeddedKafkaBroker broker = brokerBuilder
                .port(kafkaPort)
                .logDir(workDir.resolve("kafka"))
                // A temporary work dir goes as a whole; a --state-dir is kept for the next run.
                .deleteOnClose(false)
                .build()
                .start();
            lifecycle.add("Kafka broker", broker, broker::close);
            try (Admin admin = broker.admin()) {
                KafkaTopics.ensure(admin, KafkaTopics.all(PARTITIONS));
                if (users != null) {
                    KafkaAcls.apply(admin, StreamsSettings.DEFAULT_APPLICATION_ID, users);
                }
            }
            // Secured, the loader and the sample go in as the gateway user: write on the inputs only.
            final Map<String, Object> clientConfig = users == null
                ? broker.clientConfig() : broker.clientConfigOf(KafkaPrincipals.GATEWAY);
            final Map<String, Path> clientFiles = users == null ? Map.of()
                : users.writeClientProperties(workDir.resolve(KAFKA_CLIENTS_DIR), broker.bootstrapServers());
            final String registryUrl = schemaRegistryUrl == null
                ? serveRegistry(lifecycle, broker.clientConfig(), out) : schemaRegistryUrl;
            final ReferencePublisher.Result reference = new ReferencePublisher(clientConfig,
                ClientSettings.serdes(clientConfig, registry)).publish(Catalogue.load(), Countries.load());
            out.println("reference data: " + reference);

            out.println("starting tip-monitor...");
            out.flush();
            final List<DemoToken> demoTokens = tokensFile != null ? List.of() : DemoToken.reporters();
            final TipMonitorApp app;
            try {
                app = TipMonitorApp.start(AppConfig.builder(broker.bootstrapServers(), registry,
                        workDir.resolve("streams"))
                    .streamsOverrides(currentCycleOnly(Instant.now()))
                    .httpHost(HOST)
                    .httpPort(httpPort)
                    .tokensFile(tokensFile != null ? tokensFile : DemoToken.write(demoTokens, workDir))
                    .streamsOverrides(users == null ? Map.of() : users.clientConfig(KafkaPrincipals.APP))
                    .build());
            } catch (final RuntimeException e) {
                throw new IllegalStateException("cannot start the application (HTTP port " + httpPort + "?)", e);
            }
            lifecycle.add("tip-monitor", app, app::close);

            if (!toLoad.isEmpty()) {
                try (SubmissionProducer producer =
                         new SubmissionProducer(clientConfig, ClientSettings.serdes(clientConfig, registry))) {
                    new SampleLoader(producer, out, System.console() != null).load(toLoad.valid(), toLoad.raw());
                }
            }
            printBanner(out, app, broker, registryUrl, workDir, toLoad, demoTokens, clientFiles);

            if (!app.awaitRunning(STREAMS_START_TIMEOUT)) {
                throw new IllegalStateException("Kafka Streams did not reach RUNNING within "
                    + STREAMS_START_TIMEOUT.toSeconds() + " s (state " + app.streams().state() + ")");
            }
            try (Admin admin = broker.admin()) {
                awaitTables(out, new ApiProbe("http://" + HOST + ":" + app.httpPort()),
                    new ConsumerLag(admin, app.config().applicationId(), Topics.SUBMISSIONS.name()), toLoad, startNanos);
            }
            out.println("Ctrl-C stops the demo.");
            out.flush();
            final boolean stoppedByUser = lifecycle.awaitStop(() -> isAlive(app.streams().state()));
            if (!stoppedByUser) {
                throw new IllegalStateException("Kafka Streams stopped (state " + app.streams().state()
                    + "); see the log above");
            }
            return 0;
        }
    }

    /**
     * Reads the registry topic back (so ids registered before a restart are known before anything is decoded) and
     * serves it over the Confluent REST API.
     *
     * @return the registry's URL for producers outside this JVM
     */
    private String serveRegistry(final Lifecycle lifecycle, final Map<String, Object> clientConfig,
                                 final PrintWriter out) {
        final KafkaTopicSchemaRegistry registry =
            KafkaTopicSchemaRegistry.shared(KafkaTopicSchemaRegistry.DEFAULT_TOPIC, clientConfig);
        registry.catchUp();
        lifecycle.add("schema registry", registry, registry::close);
        final SchemaRegistryServer server;
        try {
            server = SchemaRegistryServer.create(registry).start(HOST, schemaRegistryPort);
        } catch (final RuntimeException e) {
            throw new IllegalStateException("cannot serve the schema registry (port " + schemaRegistryPort + "?)", e);
        }
        lifecycle.add("schema registry API", server, server::close);
        final String url = "http://" + HOST + ":" + server.port();
        out.println("schema registry: " + url + " (schemas in topic " + registry.topic() + ")");
        return url;
    }

    private static boolean isAlive(final KafkaStreams.State state) {
        return state.isRunningOrRebalancing() || state == KafkaStreams.State.CREATED;
    }

    /** Fails before anything starts, rather than after Kafka is up, when the HTTP port is taken. */
    private void requirePortFree(final int port) {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
            probe.setReuseAddress(true);
        } catch (final IOException taken) {
            throw new IllegalStateException("HTTP port " + port + " on " + HOST + " is already in use"
                + " (another tip-monitor demo?); choose another with --http-port, or --http-port 0 for any free port");
        }
    }

    /** What the demo sends: valid submissions in order, then deliberately bad records. */
    /**
     * The demo judges only the current cycle: {@code tip.alerts.since} at the latest passed cut-off, so that the
     * sample's twelve years do not raise a NOT_REPORTED per State for every past cycle.
     */
    static Map<String, Object> currentCycleOnly(final Instant now) {
        return CycleCalendar.defaults().lastReachedBy(now)
            .<Map<String, Object>>map(cycle -> Map.of(AlertConfig.SINCE, cycle.cutoff().toString()))
            .orElse(Map.of());
    }

    private record Submissions(List<Submission> valid, List<SampleLoader.Raw> raw, List<Submission> all) {
        boolean isEmpty() {
            return valid.isEmpty() && raw.isEmpty();
        }
    }

    private Submissions submissionsToLoad(final PrintWriter out) {
        if (sample != null && sample.none) {
            return new Submissions(List.of(), List.of(), List.of());
        }
        if (sample != null && sample.file != null) {
            final List<Submission> valid = new ArrayList<>();
            for (final SubmissionFiles.Line line : SubmissionFiles.read(sample.file)) {
                if (line.isValid()) {
                    valid.add(line.submission().orElseThrow());
                } else {
                    spec.commandLine().getErr().println(sample.file + " " + line.describeError() + " (skipped)");
                }
            }
            return new Submissions(valid, List.of(), valid);
        }
        final List<Submission> generated = SampleSubmissions.generate();
        // The deliberately bad ones go last: the duplicates reuse ids of the sample and must come after them.
        final List<Submission> valid = new ArrayList<>(generated);
        SampleSubmissions.defective(generated).forEach(d -> valid.add(d.submission()));
        final List<SampleLoader.Raw> raw = new ArrayList<>();
        final List<byte[]> pills = SampleSubmissions.poisonPills();
        for (int i = 0; i < pills.size(); i++) {
            raw.add(new SampleLoader.Raw("poison-pill-" + (i + 1), pills.get(i)));
        }
        out.println("sample: " + generated.size() + " submissions " + SampleSubmissions.describe(generated)
            + ", then " + (valid.size() - generated.size() + raw.size()) + " deliberately invalid records");
        return new Submissions(valid, raw, generated);
    }

    private Path workDir(final Lifecycle lifecycle) throws IOException {
        if (stateDir != null) {
            return Files.createDirectories(stateDir).toAbsolutePath();
        }
        final Path temp = Files.createTempDirectory("tip-monitor-demo-");
        // Registered first, so removed last: after the broker and Streams have closed their files.
        return lifecycle.add("temporary directory", temp, () -> deleteRecursively(temp));
    }

    private void printBanner(final PrintWriter out, final TipMonitorApp app, final EmbeddedKafkaBroker broker,
                             final String registry, final Path workDir, final Submissions loaded,
                             final List<DemoToken> tokens, final Map<String, Path> clientFiles) {
        final String url = "http://" + HOST + ":" + app.httpPort();
        final Submission example = exampleStateSubmission(loaded.all());
        final String country = example == null ? "FRA" : example.getReporter().getCountry();
        final String recommendation = example == null ? "2013.10" : example.getResponses().get(0).getRecommendationId();
        out.println();
        out.println("tip-monitor demo");
        out.println("  Dashboard        " + url + "/   (submit at " + url + "/#/submit?country=FRA with France's"
            + " token below)");
        out.println("  HTTP API         " + url + "   (OpenAPI: " + url + "/api/v1/openapi.json)");
        out.println("  Kafka            " + broker.bootstrapServers() + "   (bootstrap.servers for producers and"
            + " consumers outside this JVM)");
        if (schemaRegistryUrl == null) {
            out.println("  Schema registry  " + registry + "   (Confluent REST API; schema.registry.url for producers"
                + " outside this JVM; schemas kept in topic " + KafkaTopicSchemaRegistry.DEFAULT_TOPIC + ")");
        } else {
            out.println("  Schema registry  " + registry);
        }
        out.println("  Data             " + workDir + (stateDir == null ? "   (removed at exit)" : "   (kept)"));
        if (!clientFiles.isEmpty()) {
            out.println("  Kafka users      SASL/SCRAM-SHA-512 with ACLs; connect as a user with its client settings"
                + " (--command-config / --config FILE):");
            clientFiles.forEach((user, file) -> out.printf(Locale.ROOT, "    %-16s %s%n", user, file));
        }
        out.println();
        out.println("Try:");
        out.println("  curl -s " + url + "/api/v1/recommendations");
        out.println("  curl -s " + url + "/api/v1/countries/" + country);
        out.println("  curl -s " + url + "/api/v1/countries/" + country + "/recommendations/" + recommendation);
        out.println("  curl -s " + url + "/api/v1/tables/region");
        final String fra = tokens.stream().filter(t -> "STATE FRA".equals(t.label())).map(DemoToken::token)
            .findFirst().orElse("TOKEN");
        out.println("  ./tip-monitor submit FILE.jsonl --gateway " + url + " --token " + fra);
        out.println("  curl -s -H 'Authorization: Bearer " + fra + "' " + url + "/api/v1/submissions/SUBMISSION_ID");
        if (!tokens.isEmpty()) {
            out.println();
            out.println("Gateway tokens (valid for this run; " + workDir.resolve(DemoToken.FILE_NAME)
                + " holds only their SHA-256):");
            for (final DemoToken token : tokens) {
                out.printf(Locale.ROOT, "  %-20s %s%n", token.label(), token.token());
            }
        }
        out.println();
        out.flush();
    }

    private static Submission exampleStateSubmission(final List<Submission> submissions) {
        return submissions.stream()
            .filter(s -> s.getReporter().getType() == ReporterType.STATE)
            .filter(s -> SampleSubmissions.ALWAYS_REPORTING.equals(s.getReporter().getCountry()))
            .reduce((first, second) -> second)
            .or(() -> submissions.stream().filter(s -> s.getReporter().getType() == ReporterType.STATE).findFirst())
            .orElse(null);
    }

    /**
     * Waits until the API shows a first compliance row, then until the application has processed every record sent
     * (no lag on any topic it reads), and says how long each took from the start of the command.
     */
    private void awaitTables(final PrintWriter out, final ApiProbe probe, final ConsumerLag lag,
                             final Submissions loaded, final long startNanos) throws InterruptedException {
        if (loaded.isEmpty()) {
            out.println("no submissions loaded: the tables fill as submissions arrive");
            return;
        }
        final boolean first = probe.await("/api/v1/recommendations", ApiProbe::anyItemHasCompliance, TABLES_TIMEOUT);
        final double firstSeconds = secondsSince(startNanos);
        if (!first) {
            out.println("no table populated after " + TABLES_TIMEOUT.toSeconds() + " s; see the log");
            out.flush();
            return;
        }
        out.printf(Locale.ROOT, "first table populated %.1f s after start; processing the rest...%n", firstSeconds);
        out.flush();
        if (lag.awaitCaughtUp(PROCESSING_TIMEOUT)) {
            out.printf(Locale.ROOT, "all %d records processed %.1f s after start%n",
                loaded.valid().size() + loaded.raw().size(), secondsSince(startNanos));
        } else {
            out.println("still processing after " + PROCESSING_TIMEOUT.toMinutes() + " min; the tables keep filling");
        }
        out.flush();
    }

    private static double secondsSince(final long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void deleteRecursively(final Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (final IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
