package org.tipmonitor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipmonitor.compliance.ComplianceConfig;
import org.tipmonitor.compliance.TipSerdes;
import org.tipmonitor.topology.TipMonitorTopology;

/**
 * The internal topics an instance creates before Streams starts are exactly those Streams would create itself (names,
 * partitions, replication, configs), and an instance that created them starts with a single rebalance. The user topics
 * have {@value #PARTITIONS} partitions (not the demo's 3), the cell history and a {@code topic.*} setting are not the
 * defaults, so that a plan that ignored any of them would differ.
 */
@Tag("integration")
class InternalTopicsIT {

    private static final int PARTITIONS = 2;
    private static final Duration RUNNING_TIMEOUT = Duration.ofMinutes(2);
    private static final Map<String, Object> SETTINGS = Map.of(
        ComplianceConfig.CELL_HISTORY_RETENTION, "P3000D",
        StreamsConfig.topicPrefix("max.message.bytes"), "2000000",
        StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100,
        // One thread: two may join the group one after the other, a rebalance that has nothing to do with topics.
        StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);

    @TempDir
    static Path dir;

    private static EmbeddedKafkaBroker broker;
    private static Admin admin;

    @BeforeAll
    static void start() {
        TipMonitorApp.trustAvroPackages();
        broker = EmbeddedKafkaBroker.builder().build().start();
        admin = broker.admin();
        KafkaTopics.ensure(admin, KafkaTopics.all(PARTITIONS));
    }

    @AfterAll
    static void stop() {
        if (admin != null) {
            admin.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void thePlanCreatesExactlyWhatStreamsCreates() throws Exception {
        // Streams alone, as before: it creates its internal topics in its first rebalance.
        final AppConfig streamsMade = config("streams-made");
        final Properties properties = new Properties();
        properties.putAll(TipMonitorApp.streamsSettings(streamsMade, 0));
        final Topology topology = topology(streamsMade);
        try (KafkaStreams streams = new KafkaStreams(topology, properties)) {
            streams.start();
            awaitRunning(streams);
        }
        final Map<String, TopicShape> byStreams = internalTopics("streams-made");
        assertThat(byStreams.keySet()).as("repartitions and changelogs Streams created")
            .anyMatch(name -> name.endsWith("-repartition")).anyMatch(name -> name.endsWith("-changelog"));

        // The plan for another application id, created without Streams.
        final AppConfig preMade = config("pre-made");
        final Properties preMadeProperties = new Properties();
        preMadeProperties.putAll(TipMonitorApp.streamsSettings(preMade, 0));
        final Topology preMadeTopology = topology(preMade);
        final List<NewTopic> plan = InternalTopics.plan(new StreamsConfig(preMadeProperties), preMadeTopology,
            preMade.topology().compliance().cellHistoryRetention(),
            InternalTopics.sourcePartitions(admin, preMadeTopology));
        final Set<String> created = KafkaTopics.ensure(admin, plan);
        assertThat(created).hasSize(plan.size());

        final Map<String, TopicShape> byPlan = internalTopics("pre-made");
        assertThat(byPlan).isEqualTo(byStreams);
        assertThat(byPlan.get("cells-changelog").configs()).containsEntry("min.compaction.lag.ms",
            Long.toString(Duration.ofDays(3001).toMillis()));
        assertThat(byPlan.get("submissions-by-country-repartition").partitions()).isEqualTo(PARTITIONS);
    }

    @Test
    void anInstanceCreatesThemAndStartsWithOneRebalanceAndASecondInstanceFindsThemMade() throws Exception {
        final Map<String, TopicShape> expected;
        try (TipMonitorApp first = TipMonitorApp.start(config("app-made"))) {
            assertThat(first.awaitRunning(RUNNING_TIMEOUT)).as("first instance RUNNING").isTrue();
            // Streams created nothing in its rebalance, so its consumers' metadata did not change: one rebalance each.
            assertThat(rebalances(first.streams())).as("rebalances of the stream thread").containsExactly(1.0);
            expected = internalTopics("app-made");
            assertThat(expected).hasSize(planned("app-made").size());

            try (TipMonitorApp second = TipMonitorApp.start(config("app-made"))) {
                assertThat(second.awaitRunning(RUNNING_TIMEOUT)).as("second instance RUNNING").isTrue();
                assertThat(internalTopics("app-made")).isEqualTo(expected);
            }
        }
    }

    /**
     * The state of a version that placed cells by cell key: restoring it into tasks placed by country would put a
     * cell's earlier versions where its revisions never look. The start refuses it, naming what to do.
     */
    @Test
    void anInstanceRefusesTheStateOfAnEarlierPlacement() throws Exception {
        KafkaTopics.ensure(admin, List.of(new NewTopic("earlier-cell-updates-repartition", PARTITIONS, (short) 1)));

        assertThatThrownBy(() -> TipMonitorApp.start(config("earlier")).close())
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("earlier-cell-updates-repartition")
            .hasMessageContaining("new application id");
        assertThat(internalTopics("earlier")).as("nothing created for the refused start")
            .containsOnlyKeys("cell-updates-repartition");
    }

    private static AppConfig config(final String applicationId) {
        return AppConfig.builder(broker.bootstrapServers(), "mock://internal-topics-it",
                dir.resolve(applicationId + "-" + System.nanoTime()))
            .applicationId(applicationId)
            .httpPort(0)
            .streamsOverrides(SETTINGS)
            .build();
    }

    private static Topology topology(final AppConfig config) {
        return TipMonitorTopology.build(config.topology(), TipSerdes.create(TipMonitorApp.registryConfig(config)));
    }

    private static List<NewTopic> planned(final String applicationId) {
        final AppConfig config = config(applicationId);
        final Properties properties = new Properties();
        properties.putAll(TipMonitorApp.streamsSettings(config, 0));
        final Topology topology = topology(config);
        return InternalTopics.plan(new StreamsConfig(properties), topology,
            config.topology().compliance().cellHistoryRetention(), InternalTopics.sourcePartitions(admin, topology));
    }

    private static void awaitRunning(final KafkaStreams streams) throws InterruptedException {
        final long deadline = System.nanoTime() + RUNNING_TIMEOUT.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            assertThat(System.nanoTime()).as("Streams RUNNING in time (state %s)", streams.state())
                .isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** Completed rebalances of each stream thread's consumer. */
    private static List<Double> rebalances(final KafkaStreams streams) {
        return streams.metrics().entrySet().stream()
            .filter(entry -> isRebalanceTotal(entry.getKey()))
            .map(entry -> (Double) entry.getValue().metricValue())
            .toList();
    }

    private static boolean isRebalanceTotal(final MetricName name) {
        return "rebalance-total".equals(name.name()) && "consumer-coordinator-metrics".equals(name.group());
    }

    /** The application's internal topics, by name without the application id, with their shape. */
    private static Map<String, TopicShape> internalTopics(final String applicationId) throws Exception {
        final String prefix = applicationId + "-";
        final Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
            .filter(name -> name.startsWith(prefix))
            .filter(name -> name.endsWith("-repartition") || name.endsWith("-changelog"))
            .collect(Collectors.toSet());
        final Map<String, TopicDescription> descriptions =
            admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
        final Map<ConfigResource, Config> configs = admin.describeConfigs(names.stream()
            .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList())
            .all().get(30, TimeUnit.SECONDS);
        final Map<String, TopicShape> shapes = new TreeMap<>();
        for (final String name : names) {
            final TopicDescription description = descriptions.get(name);
            final Map<String, String> set = new HashMap<>();
            for (final ConfigEntry entry : configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name)).entries()) {
                if (entry.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG) {
                    set.put(entry.name(), entry.value());
                }
            }
            shapes.put(name.substring(prefix.length()), new TopicShape(description.partitions().size(),
                description.partitions().get(0).replicas().size(), new TreeMap<>(set)));
        }
        return shapes;
    }

    private record TopicShape(int partitions, int replicas, Map<String, String> configs) {
    }
}
