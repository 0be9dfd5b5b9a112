package org.tipmonitor.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) running inside this JVM.
 *
 * <p>Used by the demo mode and by the integration tests, so that neither needs an external cluster.
 * The node listens on 127.0.0.1 only. Its log directory is formatted on first use and reused as is
 * on later starts, so a demo started with a state directory keeps its topics and records.
 *
 * <p>An instance is single-use: {@link #start()} once, {@link #close()} once (closing again is a
 * no-op). To restart on the same data, build a new instance on the same {@link Builder#logDir}.
 *
 * <p>Limits worth knowing: Kafka registers its server metrics in a JVM-wide registry, so two brokers
 * side by side in one JVM work but share (and on close remove) some server metrics; and a fatal
 * storage fault inside the broker terminates the JVM, as it does in a standalone broker.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private static final int NODE_ID = 1;
    private static final String HOST = "127.0.0.1";
    private static final String BROKER_LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    /** Free ports are picked before Kafka binds them, so another process may win the race; retry then. */
    private static final int MAX_START_ATTEMPTS_ON_PORT_CONFLICT = 3;
    private static final Duration READY_POLL_INTERVAL = Duration.ofMillis(100);
    /**
     * How long a secured start waits while the broker refuses the administrator's SCRAM login before it gives up: a
     * moment is normal (credentials load with the metadata), a lasting refusal means the data holds other ones.
     */
    private static final Duration ADMIN_REFUSED_GRACE = Duration.ofSeconds(10);

    private enum State { NEW, RUNNING, CLOSED }

    private final int requestedPort;
    private final int requestedControllerPort;
    private final Path requestedLogDir;
    private final boolean deleteOnClose;
    private final int defaultPartitions;
    private final Duration startTimeout;
    private final Map<String, String> extraBrokerConfig;
    /**
     * Null: PLAINTEXT and no authorization. Otherwise SASL everywhere: SCRAM-SHA-512 on the client (and inter-broker)
     * listener with these users' credentials in the metadata, PLAIN for {@value KafkaPrincipals#ADMIN} alone on the
     * controller listener, and ACLs.
     */
    private final KafkaPrincipals principals;

    private State state = State.NEW;
    private KafkaRaftServer server;
    private Path logDir;
    private int brokerPort;
    private String clusterId;
    private boolean formattedByThisStart;

    private EmbeddedKafkaBroker(final Builder builder) {
        this.requestedPort = builder.port;
        this.requestedControllerPort = builder.controllerPort;
        this.requestedLogDir = builder.logDir;
        // A temp dir is ours to remove; a dir the caller named is kept unless they ask otherwise.
        this.deleteOnClose = builder.deleteOnClose != null ? builder.deleteOnClose : builder.logDir == null;
        this.defaultPartitions = builder.defaultPartitions;
        this.startTimeout = builder.startTimeout;
        this.extraBrokerConfig = Map.copyOf(builder.extraBrokerConfig);
        this.principals = builder.principals;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Formats the log directory if needed, starts the broker and waits until it answers
     * {@code Admin.describeCluster}.
     *
     * @return this broker, for chaining
     * @throws IllegalStateException if the broker was already started or closed, or did not get
     *     ready within the start timeout
     */
    public synchronized EmbeddedKafkaBroker start() {
        if (state != State.NEW) {
            throw new IllegalStateException("An EmbeddedKafkaBroker starts once; this one is " + state);
        }
        final long startNanos = System.nanoTime();
        try {
            logDir = prepareLogDir();
            formattedByThisStart = formatIfNeeded(logDir, principals == null ? List.of() : principals.scramArguments());
            final long formattedNanos = System.nanoTime();
            startServerRetryingPortConflicts(startNanos);
            state = State.RUNNING;
            LOG.info("Embedded Kafka broker ready at {} (cluster {}, log dir {}, {}) in {} ms ({} ms formatting)",
                bootstrapServers(), clusterId, logDir, formattedByThisStart ? "freshly formatted" : "existing data",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos),
                TimeUnit.NANOSECONDS.toMillis(formattedNanos - startNanos));
            return this;
        } catch (final RuntimeException e) {
            state = State.CLOSED;
            cleanUpAfterFailedStart();
            throw e;
        }
    }

    /** The {@code bootstrap.servers} value for clients of this broker. */
    public synchronized String bootstrapServers() {
        requireRunning();
        return HOST + ":" + brokerPort;
    }

    /** The port of the client listener (named PLAINTEXT; SASL_PLAINTEXT with SCRAM when secured). */
    public synchronized int port() {
        requireRunning();
        return brokerPort;
    }

    /**
     * Minimal client configuration (bootstrap servers, and on a secured broker the administrator's credentials), a
     * fresh mutable map on each call.
     */
    public Map<String, Object> clientConfig() {
        return principals == null ? clientConfigOf(null) : clientConfigOf(KafkaPrincipals.ADMIN);
    }

    /** The client configuration of one user of a secured broker; null user: no credentials at all. */
    public Map<String, Object> clientConfigOf(final String user) {
        final Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        if (user != null) {
            if (principals == null) {
                throw new IllegalStateException("this broker is not secured: it has no users");
            }
            config.putAll(principals.clientConfig(user));
        }
        return config;
    }

    /** The users of a secured broker; empty for a PLAINTEXT one. */
    public java.util.Optional<KafkaPrincipals> principals() {
        return java.util.Optional.ofNullable(principals);
    }

    /** A new admin client for this broker; the caller closes it. */
    public Admin admin() {
        return Admin.create(clientConfig());
    }

    /** The directory holding the broker's data (metadata log and topic partitions). */
    public synchronized Path logDir() {
        if (logDir == null) {
            throw new IllegalStateException("The log directory is chosen by start()");
        }
        return logDir;
    }

    /** The KRaft cluster id, as stored in the log directory. */
    public synchronized String clusterId() {
        requireRunning();
        return clusterId;
    }

    /** Whether {@link #start()} had to format the log directory (false when it reused existing data). */
    public synchronized boolean formattedOnStart() {
        if (state == State.NEW) {
            throw new IllegalStateException("Not started yet");
        }
        return formattedByThisStart;
    }

    /**
     * Shuts the broker down cleanly and waits for it; removes the log directory when configured to.
     * Closing twice, or closing a broker that was never started, is harmless.
     */
    @Override
    public synchronized void close() {
        if (state == State.CLOSED) {
            return;
        }
        final boolean wasRunning = state == State.RUNNING;
        state = State.CLOSED;
        if (wasRunning) {
            final long stopNanos = System.nanoTime();
            stopServer(server);
            server = null;
            LOG.info("Embedded Kafka broker at {}:{} stopped in {} ms",
                HOST, brokerPort, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopNanos));
            deleteLogDirIfAsked();
        }
    }

    private void requireRunning() {
        if (state != State.RUNNING) {
            throw new IllegalStateException("The embedded Kafka broker is not running (" + state + ")");
        }
    }

    private Path prepareLogDir() {
        try {
            if (requestedLogDir == null) {
                return Files.createTempDirectory("tip-monitor-kafka-");
            }
            return Files.createDirectories(requestedLogDir).toAbsolutePath();
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot create the Kafka log directory " + requestedLogDir, e);
        }
    }

    /**
     * Formats {@code dir} as a new single-node cluster unless it already is one. Formatting again would
     * give it a new cluster id, which Kafka refuses, and would lose the data the demo wants to keep.
     * A secured broker's SCRAM credentials go into the bootstrap metadata here ({@code kafka-storage format
     * --add-scram}), so its first start authenticates everyone, itself included, without a further step.
     */
    private static boolean formatIfNeeded(final Path dir, final List<String> scramArguments) {
        if (Files.exists(dir.resolve(MetaPropertiesEnsemble.META_PROPERTIES_NAME))) {
            return false;
        }
        // The formatter narrates to a PrintStream; keep that out of the console and in the debug log.
        final ByteArrayOutputStream narration = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(narration, true, StandardCharsets.UTF_8)) {
            new Formatter()
                .setPrintStream(out)
                .setNodeId(NODE_ID)
                .setClusterId(Uuid.randomUuid().toString())
                .setDirectories(List.of(dir.toString()))
                .setMetadataLogDirectory(dir.toString())
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .setControllerListenerName(CONTROLLER_LISTENER)
                .setScramArguments(scramArguments)
                .run();
        } catch (final Exception e) {
            throw new IllegalStateException("Cannot format the Kafka log directory " + dir, e);
        }
        LOG.debug("Formatted {}: {}", dir, narration.toString(StandardCharsets.UTF_8).trim());
        return true;
    }

    private void startServerRetryingPortConflicts(final long startNanos) {
        for (int attempt = 1; ; attempt++) {
            final int[] ports = pickPorts();
            try {
                startServer(ports[0], ports[1], startNanos);
                return;
            } catch (final RuntimeException e) {
                // Only a conflict on a port we picked can go away with other picks; a taken fixed port cannot.
                final boolean retry = isPortConflict(e) && fixedPortsAreFree()
                    && attempt < MAX_START_ATTEMPTS_ON_PORT_CONFLICT;
                if (!retry) {
                    throw e;
                }
                LOG.warn("Port conflict while starting the embedded Kafka broker (attempt {}), retrying on other ports",
                    attempt);
            }
        }
    }

    private void startServer(final int port, final int controllerPort, final long startNanos) {
        final KafkaConfig config = KafkaConfig.fromProps(brokerProperties(port, controllerPort), false);
        final KafkaRaftServer candidate = new KafkaRaftServer(config, Time.SYSTEM);
        brokerPort = port;
        final long startupNanos = System.nanoTime();
        try {
            candidate.startup();
            LOG.debug("KafkaRaftServer.startup() took {} ms",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startupNanos));
        } catch (final RuntimeException e) {
            stopServer(candidate);
            throw new IllegalStateException("The embedded Kafka broker could not start on " + HOST + ":" + port
                + " (controller port " + controllerPort + ", log dir " + logDir + "): " + causeMessages(e), e);
        }
        try {
            clusterId = awaitReady(startNanos);
            if (principals != null && !formattedByThisStart) {
                upsertScramCredentials(startNanos);
            }
            server = candidate;
        } catch (final RuntimeException e) {
            stopServer(candidate);
            throw e;
        }
    }

    private Properties brokerProperties(final int port, final int controllerPort) {
        final Map<String, String> config = new LinkedHashMap<>();
        config.put("process.roles", "broker,controller");
        config.put("node.id", Integer.toString(NODE_ID));
        // A static one-voter quorum: the voter address is not stored in the log, so a restart may pick other ports.
        config.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        config.put("controller.listener.names", CONTROLLER_LISTENER);
        config.put("listeners", BROKER_LISTENER + "://" + HOST + ":" + port + ","
            + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        config.put("advertised.listeners", BROKER_LISTENER + "://" + HOST + ":" + port);
        final String protocol = principals == null ? "PLAINTEXT" : KafkaPrincipals.PROTOCOL;
        config.put("listener.security.protocol.map",
            BROKER_LISTENER + ":" + protocol + "," + CONTROLLER_LISTENER + ":" + protocol);
        if (principals != null) {
            // SCRAM-SHA-512 wherever a client (or the broker itself, inter-broker) connects, checked against the
            // credentials in the metadata; PLAIN for the admin alone on the controller listener, where SCRAM cannot
            // work (see KafkaPrincipals#controllerJaas). No grant means no access (KIP-801 authorizer).
            final String broker = "listener.name." + BROKER_LISTENER.toLowerCase(Locale.ROOT) + ".";
            final String controller = "listener.name." + CONTROLLER_LISTENER.toLowerCase(Locale.ROOT) + ".";
            config.put(broker + "sasl.enabled.mechanisms", KafkaPrincipals.MECHANISM);
            config.put(broker + KafkaPrincipals.MECHANISM.toLowerCase(Locale.ROOT) + ".sasl.jaas.config",
                principals.brokerScramJaas());
            config.put(controller + "sasl.enabled.mechanisms", KafkaPrincipals.CONTROLLER_MECHANISM);
            config.put(controller + KafkaPrincipals.CONTROLLER_MECHANISM.toLowerCase(Locale.ROOT) + ".sasl.jaas.config",
                principals.controllerJaas());
            config.put("sasl.mechanism.inter.broker.protocol", KafkaPrincipals.MECHANISM);
            config.put("sasl.mechanism.controller.protocol", KafkaPrincipals.CONTROLLER_MECHANISM);
            config.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
            config.put("allow.everyone.if.no.acl.found", "false");
            config.put("super.users", "User:" + KafkaPrincipals.ADMIN);
        }
        config.put("inter.broker.listener.name", BROKER_LISTENER);
        config.put("log.dirs", logDir.toString());
        config.put("metadata.log.dir", logDir.toString());

        config.put("num.partitions", Integer.toString(defaultPartitions));
        config.put("default.replication.factor", "1");
        config.put("min.insync.replicas", "1");
        config.put("auto.create.topics.enable", "false");
        // One node: the internal topics can only have one replica. Fewer partitions than the
        // defaults (50) make the first consumer group and the first transaction ready sooner.
        config.put("offsets.topic.replication.factor", "1");
        config.put("offsets.topic.num.partitions", "5");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("transaction.state.log.num.partitions", "5");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        // Streams apps in tests and the demo should not wait 3 s for a first rebalance.
        config.put("group.initial.rebalance.delay.ms", "0");

        // Sized for tests and a laptop demo rather than production throughput.
        config.put("log.segment.bytes", Integer.toString(8 * 1024 * 1024));
        config.put("log.index.size.max.bytes", Integer.toString(1024 * 1024));
        config.put("metadata.log.segment.bytes", Integer.toString(8 * 1024 * 1024));
        // The default 128 MiB cleaner buffer is allocated on the heap per broker.
        config.put("log.cleaner.dedupe.buffer.size", Integer.toString(4 * 1024 * 1024));
        config.put("log.cleaner.threads", "1");
        config.put("num.network.threads", "2");
        config.put("num.io.threads", "4");
        config.put("background.threads", "2");
        config.put("num.recovery.threads.per.data.dir", "1");
        // Kafka's own time box for startup(), so a stuck start fails instead of hanging.
        config.put("server.max.startup.time.ms", Long.toString(startTimeout.toMillis()));

        config.putAll(extraBrokerConfig);
        final Properties properties = new Properties();
        properties.putAll(config);
        return properties;
    }

    /**
     * Stores the SCRAM credential of every user but the administrator on data formatted by an earlier start, which
     * may have had fewer users (a new demo State) or other passwords for them; the administrator, who just logged in
     * with SCRAM, is the super user that may do so. Returns once the broker itself knows every user, so that they
     * can log in as soon as {@link #start()} returns.
     *
     * <p>Not through the controller listener, where the administrator's PLAIN password is this start's own: Kafka's
     * Admin client (4.4) does not send AlterUserScramCredentials to {@code bootstrap.controllers}. Hence a restart
     * needs the administrator's password of the start that formatted the data ({@link KafkaPrincipals#loadOrCreate}).
     */
    private void upsertScramCredentials(final long startNanos) {
        final long deadlineNanos = startNanos + startTimeout.toNanos();
        final List<String> users = principals.users().stream().filter(user -> !KafkaPrincipals.ADMIN.equals(user))
            .toList();
        try (Admin admin = Admin.create(adminProbeConfig())) {
            admin.alterUserScramCredentials(principals.scramUpsertions().stream()
                    .filter(upsert -> users.contains(upsert.user())).toList())
                .all().get(remainingMillis(deadlineNanos), TimeUnit.MILLISECONDS);
            // The controller has the credentials; the broker applies them from the metadata a moment later.
            while (!admin.describeUserScramCredentials(users).users().get(remainingMillis(deadlineNanos),
                TimeUnit.MILLISECONDS).containsAll(users)) {
                if (System.nanoTime() > deadlineNanos) {
                    throw new TimeoutException("the broker did not learn the new SCRAM credentials");
                }
                Thread.sleep(READY_POLL_INTERVAL.toMillis());
            }
        } catch (final ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot store the SCRAM credentials of " + users
                + " in the existing Kafka data at " + logDir, e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while storing the SCRAM credentials", e);
        }
        LOG.info("SCRAM credentials of {} stored in the existing Kafka data", users);
    }

    private static long remainingMillis(final long deadlineNanos) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }

    /** Short timeouts, so that a probe notices a broker that is not ready yet and asks again. */
    private Map<String, Object> adminProbeConfig() {
        final Map<String, Object> adminConfig = new HashMap<>();
        adminConfig.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, HOST + ":" + brokerPort);
        adminConfig.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        adminConfig.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        if (principals != null) {
            adminConfig.putAll(principals.clientConfig(KafkaPrincipals.ADMIN));
        }
        return adminConfig;
    }

    /** Waits until the broker answers describeCluster with itself as a node; returns the cluster id. */
    private String awaitReady(final long startNanos) {
        final long deadlineNanos = startNanos + startTimeout.toNanos();
        Exception lastFailure = null;
        long refusedSinceNanos = 0;
        try (Admin probe = Admin.create(adminProbeConfig())) {
            while (System.nanoTime() < deadlineNanos) {
                final long remainingMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
                try {
                    final DescribeClusterResult cluster = probe.describeCluster(
                        new DescribeClusterOptions().timeoutMs((int) Math.min(remainingMs, 5_000)));
                    final Collection<Node> nodes = cluster.nodes().get(remainingMs, TimeUnit.MILLISECONDS);
                    if (!nodes.isEmpty()) {
                        return cluster.clusterId().get(remainingMs, TimeUnit.MILLISECONDS);
                    }
                } catch (final ExecutionException | TimeoutException e) {
                    lastFailure = e;
                    if (!(e.getCause() instanceof SaslAuthenticationException)) {
                        refusedSinceNanos = 0;
                    } else if (refusedSinceNanos == 0) {
                        refusedSinceNanos = System.nanoTime();
                    } else if (System.nanoTime() - refusedSinceNanos > ADMIN_REFUSED_GRACE.toNanos()) {
                        throw new IllegalStateException("The embedded Kafka broker refuses the administrator's SCRAM"
                            + " password: the data in " + logDir + " holds other credentials (formatted by an earlier"
                            + " start with another administrator password, or without security), and a broker checks"
                            + " SCRAM only against the credentials stored in its data. Start with the passwords of the"
                            + " run that formatted it (the demo keeps them in kafka-clients/users.passwords), or on a"
                            + " new data directory", e);
                    }
                }
                Thread.sleep(READY_POLL_INTERVAL.toMillis());
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the embedded Kafka broker", e);
        }
        throw new IllegalStateException("The embedded Kafka broker at " + HOST + ":" + brokerPort
            + " did not answer describeCluster within " + startTimeout.toMillis() + " ms (log dir " + logDir + ")",
            lastFailure);
    }

    private int[] pickPorts() {
        // Both sockets stay open until both ports are known, so the two picks cannot collide.
        try (ServerSocket broker = openOrNull(requestedPort);
             ServerSocket controller = openOrNull(requestedControllerPort)) {
            final int port = broker == null ? requestedPort : broker.getLocalPort();
            final int controllerPort = controller == null ? requestedControllerPort : controller.getLocalPort();
            return new int[] {port, controllerPort};
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot find a free port on " + HOST, e);
        }
    }

    private boolean fixedPortsAreFree() {
        if (requestedPort == 0 && requestedControllerPort == 0) {
            return true;
        }
        for (final int fixed : new int[] {requestedPort, requestedControllerPort}) {
            if (fixed != 0) {
                try (ServerSocket probe = new ServerSocket(fixed, 1, InetAddress.getByName(HOST))) {
                    probe.setReuseAddress(true);
                } catch (final IOException e) {
                    return false;
                }
            }
        }
        return true;
    }

    private static ServerSocket openOrNull(final int requested) throws IOException {
        if (requested != 0) {
            return null;
        }
        final ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST));
        socket.setReuseAddress(true);
        return socket;
    }

    private static boolean isPortConflict(final Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return true;
            }
            final String message = cause.getMessage();
            if (message != null && message.contains("Address already in use")) {
                return true;
            }
        }
        return false;
    }

    /** The messages along the cause chain: Kafka's wrappers name the listener, the root names the OS error. */
    private static String causeMessages(final Throwable failure) {
        final List<String> messages = new ArrayList<>();
        for (Throwable cause = failure; cause != null && messages.size() < 5; cause = cause.getCause()) {
            final String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            if (!messages.contains(message)) {
                messages.add(message);
            }
        }
        return String.join(" <- ", messages);
    }

    private static void stopServer(final KafkaRaftServer target) {
        if (target == null) {
            return;
        }
        try {
            target.shutdown();
            target.awaitShutdown();
        } catch (final RuntimeException e) {
            LOG.warn("Error while shutting down the embedded Kafka broker", e);
        }
    }

    private void cleanUpAfterFailedStart() {
        if (server != null) {
            stopServer(server);
            server = null;
        }
        deleteLogDirIfAsked();
    }

    private void deleteLogDirIfAsked() {
        if (deleteOnClose && logDir != null) {
            try {
                Utils.delete(logDir.toFile());
            } catch (final IOException e) {
                LOG.warn("Could not delete the Kafka log directory {}", logDir, e);
            }
        }
    }

    /** Configuration of an {@link EmbeddedKafkaBroker}; every setting has a default suitable for tests. */
    public static final class Builder {
        private int port;
        private int controllerPort;
        private Path logDir;
        private Boolean deleteOnClose;
        private int defaultPartitions = 1;
        private Duration startTimeout = Duration.ofSeconds(60);
        private final Map<String, String> extraBrokerConfig = new LinkedHashMap<>();
        private KafkaPrincipals principals;

        /**
         * SASL/SCRAM-SHA-512 for these users on the client listener (credentials stored at format time, or upserted
         * on existing data), PLAIN for the administrator alone on the controller listener, StandardAuthorizer, no
         * access without a grant.
         */
        public Builder secured(final KafkaPrincipals users) {
            this.principals = users;
            return this;
        }

        private Builder() {
        }

        /** Port of the client (PLAINTEXT) listener on 127.0.0.1; 0, the default, picks a free one. */
        public Builder port(final int port) {
            this.port = checkPort(port);
            return this;
        }

        /** Port of the KRaft controller listener on 127.0.0.1; 0, the default, picks a free one. */
        public Builder controllerPort(final int controllerPort) {
            this.controllerPort = checkPort(controllerPort);
            return this;
        }

        /**
         * Directory for the broker's data; null, the default, uses a new temporary directory.
         * An existing formatted directory is reused with its data.
         */
        public Builder logDir(final Path logDir) {
            this.logDir = logDir;
            return this;
        }

        /**
         * Whether {@link EmbeddedKafkaBroker#close()} deletes the log directory. Defaults to true for
         * a temporary directory and false for a directory given with {@link #logDir(Path)}.
         */
        public Builder deleteOnClose(final boolean deleteOnClose) {
            this.deleteOnClose = deleteOnClose;
            return this;
        }

        /** Partition count of topics created without an explicit count ({@code num.partitions}); default 1. */
        public Builder defaultPartitions(final int defaultPartitions) {
            if (defaultPartitions < 1) {
                throw new IllegalArgumentException("defaultPartitions must be at least 1, was " + defaultPartitions);
            }
            this.defaultPartitions = defaultPartitions;
            return this;
        }

        /** How long {@link EmbeddedKafkaBroker#start()} may take before it fails; default 60 s. */
        public Builder startTimeout(final Duration startTimeout) {
            Objects.requireNonNull(startTimeout, "startTimeout");
            if (startTimeout.isNegative() || startTimeout.isZero()) {
                throw new IllegalArgumentException("startTimeout must be positive, was " + startTimeout);
            }
            this.startTimeout = startTimeout;
            return this;
        }

        /**
         * Any other broker setting (for example security settings); applied last, so it overrides
         * the defaults of this class. Node id, roles, quorum and log dir settings are refused: start and
         * restart depend on them.
         */
        public Builder brokerConfig(final String name, final String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (RESERVED_CONFIGS.contains(name)) {
                throw new IllegalArgumentException(name + " is managed by EmbeddedKafkaBroker");
            }
            extraBrokerConfig.put(name, value);
            return this;
        }

        public EmbeddedKafkaBroker build() {
            return new EmbeddedKafkaBroker(this);
        }

        private static int checkPort(final int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("Not a port: " + port);
            }
            return port;
        }

        /** Settings the broker derives from the builder; overriding them would break start or restart. */
        private static final Set<String> RESERVED_CONFIGS = Set.of(
            "process.roles", "node.id", "controller.quorum.voters", "controller.quorum.bootstrap.servers",
            "log.dirs", "log.dir", "metadata.log.dir");
    }
}
