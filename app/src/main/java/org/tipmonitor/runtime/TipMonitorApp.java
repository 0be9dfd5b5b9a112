package org.tipmonitor.runtime;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tipmonitor.alerts.AlertFilter;
import org.tipmonitor.alerts.AlertSummary;
import org.tipmonitor.api.AlertFanOut;
import org.tipmonitor.api.AlertDigest;
import org.tipmonitor.api.AlertWebhook;
import org.tipmonitor.api.AlertsModule;
import org.tipmonitor.api.ApiModule;
import org.tipmonitor.api.ApiModules;
import org.tipmonitor.api.ApiServer;
import org.tipmonitor.api.ComplianceStores;
import org.tipmonitor.api.ApiSettings;
import org.tipmonitor.api.InternalSecret;
import org.tipmonitor.api.SubmissionOutcomes;
import org.tipmonitor.api.TokenFile;
import org.tipmonitor.api.StoreQueries;
import org.tipmonitor.api.SubmissionGateway;
import org.tipmonitor.api.SystemModule;
import org.tipmonitor.api.WebhookConfig;
import org.tipmonitor.avro.Alert;
import org.tipmonitor.avro.Submission;
import org.tipmonitor.compliance.SubmissionValidator;
import org.tipmonitor.compliance.SubmittedAtRange;
import org.tipmonitor.compliance.TipSerdes;
import org.tipmonitor.serde.AvroSerdeException;
import org.tipmonitor.serde.KafkaTopicSchemaRegistry;
import org.tipmonitor.serde.SchemaRegistryClients;
import org.tipmonitor.serde.SerdeConfig;
import org.tipmonitor.topology.StreamsSettings;
import org.tipmonitor.topology.TipMonitorTopology;
import org.tipmonitor.topology.channels.Placement;
import org.tipmonitor.topology.channels.Topics;
import org.tipmonitor.topology.channels.WrittenTopics;

/**
 * One running instance of tip-monitor: the Kafka Streams application and its HTTP server (query API, submission
 * gateway, health, readiness, metrics). Start it with {@link #start(AppConfig)}; close it once (closing again does
 * nothing). Several instances with the same application id share the partitions and answer for each other.
 */
public final class TipMonitorApp implements AutoCloseable {

    /** Avro 1.12 deserialises generated classes only from the packages this system property trusts. */
    public static final String AVRO_TRUSTED_PACKAGES_PROPERTY = "org.apache.avro.SERIALIZABLE_PACKAGES";
    public static final String AVRO_PACKAGE = "org.tipmonitor.avro";

    private static final Logger LOG = LoggerFactory.getLogger(TipMonitorApp.class);
    private static final Duration STREAMS_CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration GATEWAY_SEND_TIMEOUT = Duration.ofSeconds(30);
    private static final String TOPOLOGY_PREFIX = "tip.";
    private static final String PRODUCER_PREFIX = "producer.";
    private static final String CONSUMER_PREFIX = "consumer.";
    private static final String ADMIN_PREFIX = "admin.";
    /** Client settings every Kafka client of the instance needs, e.g. to authenticate against the cluster. */
    private static final List<String> SHARED_CLIENT_PREFIXES = List.of("security.", "sasl.", "ssl.", "client.dns.");

    private final AppConfig config;
    private final AppMetrics metrics;
    private final ApiServer server;
    private final SubmissionGateway gateway;
    private final KafkaStreams streams;
    private final StoreQueries queries;
    private final AlertDelivery alertDelivery;
    private final SubmissionOutcomesReader outcomesReader;
    private final RestoreProgress restoreProgress;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Read once: a stopped server no longer knows its port. */
    private final int httpPort;

    private TipMonitorApp(final AppConfig config, final AppMetrics metrics, final ApiServer server,
                          final SubmissionGateway gateway, final KafkaStreams streams, final StoreQueries queries,
                          final AlertDelivery alertDelivery, final SubmissionOutcomesReader outcomesReader,
                          final RestoreProgress restoreProgress) {
        this.config = config;
        this.metrics = metrics;
        this.server = server;
        this.gateway = gateway;
        this.streams = streams;
        this.queries = queries;
        this.alertDelivery = alertDelivery;
        this.outcomesReader = outcomesReader;
        this.restoreProgress = restoreProgress;
        this.httpPort = server.port();
    }

    /** Sets the Avro trusted-packages property unless already set; call before any Avro class is loaded. */
    public static void trustAvroPackages() {
        if (System.getProperty(AVRO_TRUSTED_PACKAGES_PROPERTY) == null) {
            System.setProperty(AVRO_TRUSTED_PACKAGES_PROPERTY, AVRO_PACKAGE);
        }
    }

    /** Starts an instance serving the standard API modules. */
    public static TipMonitorApp start(final AppConfig config) {
        final AlertFanOut alerts = new AlertFanOut(AlertFanOut.DEFAULT_CLIENT_QUEUE);
        return start(config, ApiModules.standard(config.topology().cycles(), config.topology().statistics(), alerts,
            Clock.systemUTC()), alerts);
    }

    /**
     * Starts an instance: binds the HTTP server first (Streams must advertise its port), then starts Streams. Returns
     * at once; the stores become queryable when Streams reaches RUNNING ({@link #awaitRunning}), and until then the
     * query endpoints answer 503.
     *
     * @param modules the feature modules to serve besides health, readiness, metrics and the gateway
     */
    public static TipMonitorApp start(final AppConfig config, final List<ApiModule> modules) {
        return start(config, modules, new AlertFanOut(AlertFanOut.DEFAULT_CLIENT_QUEUE));
    }

    /** @param alerts where the instance's alert events go for the stream clients (the modules read it) */
    private static TipMonitorApp start(final AppConfig config, final List<ApiModule> modules,
                                       final AlertFanOut alerts) {
        trustAvroPackages();
        final long startNanos = System.nanoTime();
        final AppMetrics metrics = new AppMetrics(config.applicationId());
        SubmissionGateway gateway = null;
        SubmissionOutcomesReader outcomesReader = null;
        ApiServer server = null;
        KafkaStreams streams = null;
        AlertWebhook webhook = null;
        AlertEventsConsumer alertEvents = null;
        AlertDigest digest = null;
        AlertWebhookFeed webhookFeed = null;
        try {
            final TipSerdes serdes = TipSerdes.create(registryConfig(config));
            final Topology topology = TipMonitorTopology.build(config.topology(), serdes);
            // The broker takes a second or two to create them; the rest of the start goes on meanwhile.
            final CompletableFuture<Void> internalTopics = createInternalTopics(config, topology);
            readRegistryBack(serdes);
            final ApiSettings apiSettings = ApiSettings.from(config.streamsOverrides());
            final InternalSecret internalSecret = internalSecret(apiSettings);
            final TokenFile tokens = config.tokensFile() == null
                ? null : TokenFile.open(config.tokensFile(), Clock.systemUTC());
            webhook = WebhookConfig.from(config.streamsOverrides()).map(AlertWebhook::start).orElse(null);
            alertEvents = alertEvents(config, serdes, alerts).start();
            webhookFeed = webhook == null ? null : new AlertWebhookFeed(Topics.ALERTS.name(),
                webhookFeedSettings(config), serdes.value(Alert.class).deserializer(), webhook).start();
            final ThreadReplacementPolicy threadPolicy = new ThreadReplacementPolicy(
                ThreadReplacementPolicy.Settings.from(config.streamsOverrides()), Clock.systemUTC(),
                metrics.registry());
            final StreamsHealth health = new StreamsHealth(threadPolicy);
            final List<ApiModule> allModules = new ArrayList<>();
            allModules.add(new SystemModule(metrics.registry(), health));
            if (config.tokensFile() == null) {
                LOG.warn("Submission gateway disabled: no tokens file configured; POST {} answers 503",
                    SubmissionGateway.PATH);
                allModules.add(SubmissionGateway.disabled());
            } else {
                final SubmissionOutcomes outcomes = new SubmissionOutcomes();
                outcomesReader = new SubmissionOutcomesReader(outcomesConsumerSettings(config), serdes, outcomes)
                    .start();
                gateway = gateway(config, serdes, tokens, apiSettings, outcomes);
                allModules.add(gateway);
            }
            allModules.addAll(modules);

            final StoreQueries queries = new StoreQueries(ComplianceStores.ALL, internalSecret);
            server = ApiServer.create(queries, allModules, metrics.registry(),
                    new ApiServer.Protection(apiSettings, internalSecret, tokens))
                .start(config.httpHost(), config.httpPort());

            // The port the other instances reach this one on: the internal channel's, which may be its own.
            final Map<String, Object> settings = streamsSettings(config, server.internalPort());
            final Properties properties = new Properties();
            properties.putAll(settings);
            registerSchemas(serdes, config.applicationId(), topology);
            try {
                internalTopics.join();
            } catch (final CompletionException e) {
                throw e.getCause() instanceof EarlierPlacementException earlier ? earlier : e;
            }
            streams = new KafkaStreams(topology, properties);
            streams.setUncaughtExceptionHandler(threadPolicy);
            final RestoreProgress restoreProgress = new RestoreProgress();
            streams.setGlobalStateRestoreListener(restoreProgress);
            health.bind(streams);
            streams.setStateListener(new StateLogger(startNanos, server.port()));
            queries.bind(streams, HostInfo.buildFromEndpoint(
                    settings.get(StreamsConfig.APPLICATION_SERVER_CONFIG).toString()),
                Placement.ofStores(topology.describe()));
            metrics.bind(streams);
            streams.start();
            digest = digest(config, queries);
            final TipMonitorApp app = new TipMonitorApp(config, metrics, server, gateway, streams, queries,
                new AlertDelivery(alertEvents, alerts, webhookFeed, webhook, digest), outcomesReader, restoreProgress);
            LOG.info("tip-monitor instance {} serving HTTP on {} (application.server {}), state in {}",
                config.applicationId(), app.httpUrl(), settings.get(StreamsConfig.APPLICATION_SERVER_CONFIG),
                config.stateDir());
            return app;
        } catch (final RuntimeException e) {
            closeQuietly(new AlertDelivery(alertEvents, alerts, webhookFeed, webhook, digest), outcomesReader, server, gateway,
                streams, metrics);
            throw e;
        }
    }

    private static AlertEventsConsumer alertEvents(final AppConfig config, final TipSerdes serdes,
                                                   final AlertFanOut alerts) {
        alerts.replayWith(new AlertHistory(Topics.ALERTS.name(), alertConsumerSettings(config),
            serdes.value(Alert.class).deserializer()));
        return new AlertEventsConsumer(Topics.ALERTS.name(), alertConsumerSettings(config),
            serdes.value(Alert.class).deserializer(), alerts);
    }

    /**
     * The webhook feed's settings: the alert reader's, in the group {@code <application.id>-alert-webhook} shared by
     * every instance, committing by hand, from the beginning when the group has no offsets yet.
     */
    static Map<String, Object> webhookFeedSettings(final AppConfig config) {
        final Map<String, Object> settings = alertConsumerSettings(config);
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, config.applicationId() + "-alert-webhook");
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, config.applicationId() + "-alert-webhook");
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return settings;
    }

    /**
     * The alert reader's settings: no group (it assigns itself every partition and commits nothing), committed
     * records only, the shared client settings and any {@code consumer.*} override.
     */
    static Map<String, Object> alertConsumerSettings(final AppConfig config) {
        final Map<String, Object> settings = new HashMap<>();
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, config.applicationId() + "-alert-events");
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        // The overrides last, so an operator's consumer.* setting wins; a group never applies to this reader.
        settings.putAll(clientSettings(config, CONSUMER_PREFIX));
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return settings;
    }

    /**
     * The one place that builds what every plain client of the instance (gateway producer, alert and outcome
     * readers) shares with Streams: bootstrap servers, every {@code security.*}, {@code sasl.*}, {@code ssl.*} and
     * {@code client.dns.*} setting, then the {@code producer.*} or {@code consumer.*} overrides for that kind of
     * client. Streams itself gets every non-{@code tip.*} key ({@link #streamsSettings}).
     */
    static Map<String, Object> clientSettings(final AppConfig config, final String kindPrefix) {
        final Map<String, Object> settings = new HashMap<>();
        settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        config.streamsOverrides().forEach((key, value) -> {
            if (SHARED_CLIENT_PREFIXES.stream().anyMatch(key::startsWith)) {
                settings.put(key, value);
            } else if (key.startsWith(kindPrefix)) {
                settings.put(key.substring(kindPrefix.length()), value);
            }
        });
        return settings;
    }

    /** The Streams properties: project defaults, then this instance's settings, then the operator's overrides. */
    static Map<String, Object> streamsSettings(final AppConfig config, final int httpPort) {
        final Map<String, Object> settings = new HashMap<>(StreamsSettings.defaults());
        settings.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        settings.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toAbsolutePath().toString());
        settings.put(StreamsConfig.APPLICATION_SERVER_CONFIG, config.advertisedHost() + ":" + httpPort);
        settings.put(SerdeConfig.SCHEMA_REGISTRY_URL, config.schemaRegistryUrl());
        config.streamsOverrides().forEach((key, value) -> {
            if (!key.startsWith(TOPOLOGY_PREFIX)) {
                settings.put(key, value);
            }
        });
        return settings;
    }

    /**
     * Registers the schemas of every topic the topology writes before Streams starts: otherwise the stream thread
     * registers each when it first writes there, and with the {@code kafka://} registry each registration is a
     * transaction of its own (about forty of them, 0.7 s each on a loaded machine, before the first tables).
     */
    private static void registerSchemas(final TipSerdes serdes, final String applicationId, final Topology topology) {
        final long startNanos = System.nanoTime();
        try {
            final int subjects = serdes.registerValueSchemas(WrittenTopics.of(applicationId, topology));
            LOG.info("Value schemas of {} written topics registered in {} ms", subjects,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
        } catch (final AvroSerdeException | IllegalStateException e) {
            // Only a head start: the serializers register what is missing when they first write, as they always did,
            // and report a registry that does not answer for the records concerned. (IllegalStateException: a topic
            // or store not declared in topology.channels, which WrittenTopicsTest catches before a release.)
            LOG.warn("Could not register the value schemas at start; the serializers register them when they first"
                + " write: {}", e.toString());
        }
    }

    /**
     * Creates the topology's repartition and changelog topics before Streams starts, as Streams would create them
     * ({@link InternalTopics}): otherwise the first rebalance creates them and waits until the broker lists them all,
     * and a second rebalance follows because the consumers' metadata changed. Only a head start: when it fails (no
     * CREATE permission, an unreachable cluster), Streams creates what is missing itself, as it always did. Topics that
     * exist are left as they are, so instances starting together or restarting do no harm.
     *
     * @return done when the topics are ready or the attempt failed (never completes exceptionally)
     */
    private static CompletableFuture<Void> createInternalTopics(final AppConfig config, final Topology topology) {
        final long startNanos = System.nanoTime();
        // The HTTP port, not known yet, plays no part in the plan (only the application id, topic.* and replication).
        final StreamsConfig streamsConfig = new StreamsConfig(streamsSettings(config, 0));
        return CompletableFuture.runAsync(() -> {
            try (Admin admin = Admin.create(clientSettings(config, ADMIN_PREFIX))) {
                refuseEarlierPlacement(admin, config.applicationId());
                final List<NewTopic> topics = InternalTopics.plan(streamsConfig, topology,
                    config.topology().compliance().cellHistoryRetention(),
                    InternalTopics.sourcePartitions(admin, topology));
                final Set<String> created = KafkaTopics.ensure(admin, topics);
                LOG.info("{} internal topics ready before Streams starts ({} created) in {} ms", topics.size(),
                    created.size(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
            } catch (final EarlierPlacementException e) {
                throw e;
            } catch (final RuntimeException e) {
                LOG.warn("Could not create the internal topics before Streams starts; Streams creates them: {}",
                    e.toString());
            }
        }, task -> {
            final Thread thread = new Thread(task, "tip-internal-topics");
            thread.setDaemon(true);
            thread.start();
        });
    }

    /**
     * Refuses to start on the state of a topology version that placed store keys otherwise: Streams would restore
     * each changelog partition into a task that no longer owns its keys, and a revision would miss the version it
     * revises. Checked only where the topics can be listed; a cluster that refuses to list them is left to the
     * operator (README, "Upgrading").
     */
    private static void refuseEarlierPlacement(final Admin admin, final String applicationId) {
        final Optional<String> earlier;
        try {
            earlier = InternalTopics.earlierPlacement(admin, applicationId);
        } catch (final IllegalStateException e) {
            LOG.warn("Could not check for the state of an earlier topology version: {}", e.toString());
            return;
        }
        if (earlier.isPresent()) {
            throw new EarlierPlacementException("Application id " + applicationId + " holds the state of an earlier"
                + " tip-monitor version (topic " + earlier.get() + "), which kept cells and rows in other partitions"
                + " than this version does; start this version under a new application id (--application-id, or"
                + " application.id in --config; for the demo, a new --state-dir): it rebuilds every table from"
                + " tip.submissions");
        }
    }

    /** The start found state of an earlier topology version that this one cannot use. */
    static final class EarlierPlacementException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        EarlierPlacementException(final String message) {
            super(message);
        }
    }

    /**
     * A registry kept in a Kafka topic is read to its end before Streams starts, so that an unreachable registry topic
     * fails the start instead of the first records; ids it does not know yet are looked up again when met.
     */
    private static void readRegistryBack(final TipSerdes serdes) {
        if (SchemaRegistryClients.create(SerdeConfig.from(serdes.registryConfig()))
            instanceof KafkaTopicSchemaRegistry registry) {
            registry.catchUp();
        }
    }

    /**
     * Registry settings for the serdes: the URL, the cluster (a {@code kafka://} registry keeps its schemas there),
     * then any registry option among the overrides.
     */
    static Map<String, Object> registryConfig(final AppConfig config) {
        final Map<String, Object> registry = new HashMap<>();
        registry.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        registry.put(SerdeConfig.SCHEMA_REGISTRY_URL, config.schemaRegistryUrl());
        registry.putAll(config.streamsOverrides());
        return registry;
    }

    /** The gateway producer's settings: idempotent, acks=all, bounded waits; shared client and producer.* overrides. */
    static Map<String, Object> producerSettings(final AppConfig config) {
        final Map<String, Object> settings = new HashMap<>();
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, config.applicationId() + "-gateway");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        // The HTTP client waits for the answer: fail within seconds rather than the default two minutes.
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        // The shared client settings and the overrides last, so an operator's producer.* setting wins.
        settings.putAll(clientSettings(config, PRODUCER_PREFIX));
        return settings;
    }

    private static SubmissionGateway gateway(final AppConfig config, final TipSerdes serdes, final TokenFile tokens,
                                             final ApiSettings settings, final SubmissionOutcomes outcomes) {
        final Producer<String, Submission> producer = new KafkaProducer<>(producerSettings(config),
            new StringSerializer(), serdes.value(Submission.class).serializer());
        LOG.info("Submission gateway enabled with {} tokens from {} (re-read when it changes)", tokens.size(),
            config.tokensFile());
        final SubmittedAtRange range = config.topology().compliance().submittedAtRange();
        return new SubmissionGateway(tokens, producer, Clock.systemUTC(), GATEWAY_SEND_TIMEOUT, settings,
            new SubmissionValidator(range), outcomes);
    }

    /** The configured secret; without one a random secret, so the internal endpoints are never open. */
    private static InternalSecret internalSecret(final ApiSettings settings) {
        return settings.internalSecret().map(InternalSecret::of).orElseGet(() -> {
            LOG.warn("{} is not set: this instance made up a random secret for its internal endpoints, so other"
                + " instances cannot ask it for their keys; give every instance the same secret", ApiSettings.INTERNAL_SECRET);
            return InternalSecret.random();
        });
    }

    /** The outcome reader's settings: like the alert reader's, but from the beginning of the topics. */
    static Map<String, Object> outcomesConsumerSettings(final AppConfig config) {
        final Map<String, Object> settings = alertConsumerSettings(config);
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, config.applicationId() + "-submission-outcomes");
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return settings;
    }

    /** The port the HTTP server listens on. */
    public int httpPort() {
        return httpPort;
    }

    /** The base URL of this instance's HTTP API, on its advertised host. */
    public String httpUrl() {
        return "http://" + config.advertisedHost() + ":" + httpPort;
    }

    public KafkaStreams streams() {
        return streams;
    }

    /** What this instance has restored from changelogs since it started. */
    public RestoreProgress.Totals restored() {
        return restoreProgress.totals();
    }

    /** Routed reads of the state stores, as the HTTP handlers use them. */
    public StoreQueries queries() {
        return queries;
    }

    public AppConfig config() {
        return config;
    }

    /** Waits until Streams is RUNNING; false if it did not get there in time or stopped on the way. */
    public boolean awaitRunning(final Duration timeout) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            final KafkaStreams.State state = streams.state();
            if (state == KafkaStreams.State.RUNNING) {
                return true;
            }
            final boolean stopped = !state.isRunningOrRebalancing() && state != KafkaStreams.State.CREATED;
            if (stopped || System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(25);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /**
     * Stops the alert events first (their stream clients are let go, so HTTP need not wait for them), then HTTP (no
     * new queries or submissions), the gateway producer, and Streams. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        final long stopNanos = System.nanoTime();
        closeQuietly(alertDelivery, outcomesReader, server, gateway, streams, metrics);
        LOG.info("tip-monitor instance on port {} stopped in {} ms", httpPort,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopNanos));
    }

    private static void closeQuietly(final AlertDelivery alertDelivery, final SubmissionOutcomesReader outcomesReader,
                                     final ApiServer server, final SubmissionGateway gateway,
                                     final KafkaStreams streams, final AppMetrics metrics) {
        final List<AutoCloseable> steps = new ArrayList<>();
        steps.add(alertDelivery);
        if (outcomesReader != null) {
            steps.add(outcomesReader);
        }
        if (server != null) {
            steps.add(server);
        }
        if (gateway != null) {
            steps.add(gateway);
        }
        if (streams != null) {
            // Leave the group: without it the others wait a whole session timeout (45 s) before taking over the
            // partitions, serving 503 or stale ownership meanwhile. A restarted instance gets a new member id anyway.
            steps.add(() -> streams.close(CloseOptions.timeout(STREAMS_CLOSE_TIMEOUT)
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)));
        }
        steps.add(metrics);
        for (final AutoCloseable step : steps) {
            try {
                step.close();
            } catch (final Exception e) {
                LOG.warn("Error while stopping {}", step, e);
            }
        }
    }

    /** The daily digest of the open alerts to the webhook, if {@code tip.alerts.digest=daily} and a webhook is set. */
    private static AlertDigest digest(final AppConfig config, final StoreQueries queries) {
        final Optional<Duration> every = AlertDigest.interval(config.streamsOverrides());
        final Optional<WebhookConfig> webhook = WebhookConfig.from(config.streamsOverrides());
        if (every.isEmpty()) {
            return null;
        }
        if (webhook.isEmpty()) {
            throw new IllegalArgumentException(AlertDigest.DIGEST + " needs " + WebhookConfig.URL);
        }
        final AlertFilter open = AlertDigest.openAlerts();
        return AlertDigest.start(webhook.get().url(), every.get(), () -> AlertSummary.of(
            queries.all(AlertsModule.ALERTS).stream().map(row -> row.value).filter(open::matches).toList()),
            webhook.get().requestTimeout());
    }

    /**
     * The alert reader, the stream clients it feeds, the webhook feed, the webhook and the digest, stopped in that
     * order (the feed commits what the webhook settled before the webhook stops; what it had not settled is sent again
     * later).
     */
    private record AlertDelivery(AlertEventsConsumer events, AlertFanOut fanOut, AlertWebhookFeed webhookFeed,
                                 AlertWebhook webhook, AlertDigest digest) implements AutoCloseable {

        @Override
        public void close() {
            if (digest != null) {
                digest.close();
            }
            if (events != null) {
                events.close();
            }
            fanOut.close();
            if (webhookFeed != null) {
                webhookFeed.close();
            }
            if (webhook != null) {
                webhook.close();
            }
        }
    }

    /** Logs state changes, and how long the first start took to reach RUNNING. */
    private static final class StateLogger implements KafkaStreams.StateListener {
        private final long startNanos;
        private final int httpPort;
        private boolean reachedRunning;

        StateLogger(final long startNanos, final int httpPort) {
            this.startNanos = startNanos;
            this.httpPort = httpPort;
        }

        @Override
        public synchronized void onChange(final KafkaStreams.State newState, final KafkaStreams.State oldState) {
            if (newState == KafkaStreams.State.RUNNING && !reachedRunning) {
                reachedRunning = true;
                LOG.info("Streams of the instance on port {} RUNNING {} ms after start", httpPort,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
            } else {
                LOG.info("Streams of the instance on port {}: {} -> {}", httpPort, oldState, newState);
            }
        }
    }
}
