package org.tipmonitor.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A replicated KRaft cluster in this JVM: one controller (a static one-voter quorum, node id
 * {@value #CONTROLLER_ID}) and {@code n} brokers (node ids 1 to n), every topic replicated on all brokers by
 * default, {@code min.insync.replicas} one less. A broker can be stopped and started again on its data and port
 * while the others keep the partitions' leadership; the quorum is never at stake, and brokers shut down cleanly
 * at the end however many are left (with combined nodes the last one waits forever for a lost quorum).
 *
 * <p>Unlike {@link EmbeddedKafkaBroker} (one node, for the demo and most tests) it exists for tests of
 * replication: ports are fixed at construction so that a restarted node finds the voters where they were.
 */
public final class InJvmKafkaCluster implements AutoCloseable {

    private static final String HOST = "127.0.0.1";
    private static final int CONTROLLER_ID = 100;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path root;
    private final String clusterId = Uuid.randomUuid().toString();
    private final int[] brokerPorts;
    private final int controllerPort;
    private final KafkaRaftServer[] servers;
    private KafkaRaftServer controller;

    private final Map<String, Short> featureLevels;

    private InJvmKafkaCluster(final int nodes, final Map<String, Short> featureLevels) throws IOException {
        this.featureLevels = Map.copyOf(featureLevels);
        this.root = Files.createTempDirectory("tip-monitor-cluster-");
        final int[] ports = freePorts(nodes + 1);
        this.brokerPorts = Arrays.copyOf(ports, nodes);
        this.controllerPort = ports[nodes];
        this.servers = new KafkaRaftServer[nodes];
    }

    /** Formats and starts a controller and {@code nodes} brokers (at least 3: two stay in sync when one stops). */
    public static InJvmKafkaCluster start(final int nodes) {
        return start(nodes, Map.of());
    }

    /**
     * As {@link #start(int)}, the cluster formatted with these feature levels (e.g. {@code transaction.version}) instead
     * of the release's defaults.
     */
    public static InJvmKafkaCluster start(final int nodes, final Map<String, Short> featureLevels) {
        if (nodes < 3) {
            throw new IllegalArgumentException("a replicated cluster needs at least 3 brokers, not " + nodes);
        }
        final InJvmKafkaCluster cluster;
        try {
            cluster = new InJvmKafkaCluster(nodes, featureLevels);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            cluster.format(cluster.controllerDir(), CONTROLLER_ID);
            for (int node = 0; node < nodes; node++) {
                cluster.format(cluster.logDir(node), node + 1);
            }
            cluster.controller = new KafkaRaftServer(KafkaConfig.fromProps(cluster.controllerProperties(), false),
                Time.SYSTEM);
            cluster.controller.startup();
            // A broker's start-up waits until it has caught up with the metadata; start them together, one thread
            // each (the common pool may have a single thread on a small machine).
            final ExecutorService starter = Executors.newFixedThreadPool(nodes);
            try {
                final List<CompletableFuture<Void>> starts = new ArrayList<>();
                for (int node = 0; node < nodes; node++) {
                    final int index = node;
                    starts.add(CompletableFuture.runAsync(() -> cluster.startNode(index), starter));
                }
                CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new))
                    .get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } finally {
                starter.shutdown();
            }
            cluster.awaitBrokers(nodes);
            return cluster;
        } catch (final Exception e) {
            cluster.close();
            throw new IllegalStateException("the in-JVM cluster did not start", e);
        }
    }

    public String bootstrapServers() {
        final List<String> addresses = new ArrayList<>();
        for (final int port : brokerPorts) {
            addresses.add(HOST + ":" + port);
        }
        return String.join(",", addresses);
    }

    public Map<String, Object> clientConfig() {
        final Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return config;
    }

    /** The node id leading a partition now. */
    public int leaderOf(final TopicPartition partition) {
        try (Admin admin = Admin.create(clientConfig())) {
            final Node leader = admin.describeTopics(List.of(partition.topic())).allTopicNames()
                .get(30, TimeUnit.SECONDS).get(partition.topic()).partitions().get(partition.partition()).leader();
            if (leader == null || leader.isEmpty()) {
                throw new IllegalStateException(partition + " has no leader");
            }
            return leader.id();
        } catch (final Exception e) {
            throw new IllegalStateException("cannot describe " + partition, e);
        }
    }

    /** Shuts a broker down cleanly (controlled shutdown: its partitions' leadership moves first); keeps its data. */
    public void stop(final int nodeId) {
        final KafkaRaftServer server;
        synchronized (this) {
            server = servers[nodeId - 1];
            servers[nodeId - 1] = null;
        }
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
        }
    }

    /** Starts a stopped broker again on its data and port. */
    public void restart(final int nodeId) {
        startNode(nodeId - 1);
    }

    /** Stops the brokers together (the controller stays up meanwhile, so each shutdown completes), then it. */
    @Override
    public void close() {
        final List<Thread> stops = new ArrayList<>();
        for (int node = 1; node <= servers.length; node++) {
            final int nodeId = node;
            final Thread stop = new Thread(() -> stop(nodeId), "stop-broker-" + nodeId);
            stop.start();
            stops.add(stop);
        }
        for (final Thread stop : stops) {
            try {
                stop.join(TimeUnit.MINUTES.toMillis(1));
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (controller != null) {
            controller.shutdown();
            controller.awaitShutdown();
            controller = null;
        }
        try {
            Utils.delete(root.toFile());
        } catch (final IOException e) {
            System.err.println("could not delete " + root + ": " + e);
        }
    }

    private void format(final Path dir, final int nodeId) throws Exception {
        Files.createDirectories(dir);
        final ByteArrayOutputStream narration = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(narration, true, StandardCharsets.UTF_8)) {
            final Formatter formatter = new Formatter();
            featureLevels.forEach(formatter::setFeatureLevel);
            formatter
                .setPrintStream(out)
                .setNodeId(nodeId)
                .setClusterId(clusterId)
                .setDirectories(List.of(dir.toString()))
                .setMetadataLogDirectory(dir.toString())
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .setControllerListenerName("CONTROLLER")
                .run();
        }
    }

    private void startNode(final int index) {
        final KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(brokerProperties(index), false),
            Time.SYSTEM);
        server.startup();
        synchronized (this) {
            servers[index] = server;
        }
    }

    private Path logDir(final int index) {
        return root.resolve("broker-" + (index + 1));
    }

    private Path controllerDir() {
        return root.resolve("controller");
    }

    private Properties controllerProperties() {
        final Map<String, String> config = new LinkedHashMap<>();
        // The cluster-wide topic defaults (default.replication.factor, num.partitions) are left at Kafka's: on KRaft
        // the controller applies its own to CreateTopics, whatever the brokers say, and tests must name the
        // replication they need (KafkaTopics.all(partitions, replicationFactor), Streams' replication.factor).
        config.put("process.roles", "controller");
        config.put("node.id", Integer.toString(CONTROLLER_ID));
        config.put("controller.quorum.voters", CONTROLLER_ID + "@" + HOST + ":" + controllerPort);
        config.put("controller.listener.names", "CONTROLLER");
        config.put("listeners", "CONTROLLER://" + HOST + ":" + controllerPort);
        config.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT");
        config.put("log.dirs", controllerDir().toString());
        config.put("metadata.log.dir", controllerDir().toString());
        config.put("metadata.log.segment.bytes", Integer.toString(8 * 1024 * 1024));
        config.put("num.io.threads", "2");
        config.put("num.network.threads", "2");
        config.put("server.max.startup.time.ms", Long.toString(START_TIMEOUT.toMillis()));
        final Properties properties = new Properties();
        properties.putAll(config);
        return properties;
    }

    private Properties brokerProperties(final int index) {
        final int nodes = servers.length;
        final Map<String, String> config = new LinkedHashMap<>();
        config.put("process.roles", "broker");
        config.put("node.id", Integer.toString(index + 1));
        config.put("controller.quorum.voters", CONTROLLER_ID + "@" + HOST + ":" + controllerPort);
        config.put("controller.listener.names", "CONTROLLER");
        config.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPorts[index]);
        config.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPorts[index]);
        config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("log.dirs", logDir(index).toString());
        config.put("metadata.log.dir", logDir(index).toString());

        final String replicas = Integer.toString(nodes);
        final String minInSync = Integer.toString(nodes - 1);
        config.put("default.replication.factor", replicas);
        config.put("min.insync.replicas", minInSync);
        config.put("unclean.leader.election.enable", "false");
        config.put("auto.create.topics.enable", "false");
        config.put("offsets.topic.replication.factor", replicas);
        config.put("offsets.topic.num.partitions", "3");
        config.put("transaction.state.log.replication.factor", replicas);
        config.put("transaction.state.log.min.isr", minInSync);
        config.put("transaction.state.log.num.partitions", "3");
        config.put("share.coordinator.state.topic.replication.factor", replicas);
        config.put("share.coordinator.state.topic.min.isr", minInSync);
        config.put("group.initial.rebalance.delay.ms", "0");

        // Three brokers in one test JVM on a small machine: small buffers and few threads.
        config.put("log.segment.bytes", Integer.toString(8 * 1024 * 1024));
        config.put("log.index.size.max.bytes", Integer.toString(1024 * 1024));
        config.put("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
        config.put("log.cleaner.threads", "1");
        config.put("num.network.threads", "2");
        config.put("num.io.threads", "2");
        config.put("num.replica.fetchers", "1");
        config.put("background.threads", "2");
        config.put("num.recovery.threads.per.data.dir", "1");
        config.put("server.max.startup.time.ms", Long.toString(START_TIMEOUT.toMillis()));
        final Properties properties = new Properties();
        properties.putAll(config);
        return properties;
    }

    private void awaitBrokers(final int nodes) throws Exception {
        final long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        try (Admin admin = Admin.create(clientConfig())) {
            while (true) {
                final int brokers = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size();
                if (brokers == nodes) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(brokers + " of " + nodes + " brokers registered");
                }
                Thread.sleep(100);
            }
        }
    }

    private static int[] freePorts(final int count) throws IOException {
        // Held open together so that no two picks collide; closed before Kafka binds them.
        final List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                final ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST));
                socket.setReuseAddress(true);
                sockets.add(socket);
            }
            return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } finally {
            for (final ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }
}
