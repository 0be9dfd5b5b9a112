package org.tipmonitor.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.tipmonitor.topology.channels.Repartitions;
import org.tipmonitor.topology.channels.StateStores;
import org.tipmonitor.topology.channels.Store;

/**
 * The internal topics Kafka Streams creates for a topology (its repartition topics and its stores' changelogs),
 * planned exactly as Streams' assignor plans them, so that an instance can create them before Streams starts.
 *
 * <p>Why: left to Streams, the leader creates them inside the first rebalance and retries every 100 ms until the
 * broker lists them all (about 4 s for our 33 on a loaded machine), and then a second rebalance follows because the
 * consumers' metadata changed once they existed. Created beforehand, the first rebalance finds them ready.
 *
 * <p>What Streams would create (Kafka 4.4's {@code RepartitionTopics}, {@code ChangelogTopics},
 * {@code InternalTopicManager} and the {@code *TopicConfig} classes), derived from the topology's description and the
 * declarations in {@code topology.channels}, never from a list of names:
 * <ul>
 *   <li>names {@code <application.id>-<repartition>-repartition} and {@code <application.id>-<store>-changelog};</li>
 *   <li>a repartition's partitions: its declared count, or else the largest source-topic count of the sub-topologies
 *       that write to it; a changelog's: the largest source-topic count of its store's sub-topology (its task
 *       count);</li>
 *   <li>configs: {@code message.timestamp.type=CreateTime}; repartitions {@code cleanup.policy=delete},
 *       {@code segment.bytes=52428800}, {@code retention.ms=-1}; changelogs {@code cleanup.policy=compact}; then every
 *       {@code topic.*} setting of the Streams config; a versioned store's changelog last gets
 *       {@code min.compaction.lag.ms} = its history retention + 1 day;</li>
 *   <li>replication: the Streams {@code replication.factor} (-1: the broker's default).</li>
 * </ul>
 * {@code InternalTopicsIT} pins that the plan equals what Streams itself creates.
 */
public final class InternalTopics {

    /** What Streams adds to a versioned store's history retention for its changelog's compaction lag. */
    static final Duration VERSIONED_CHANGELOG_EXTRA_COMPACTION_LAG = Duration.ofDays(1);

    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private InternalTopics() {
    }

    /**
     * The internal topics of {@code topology}, sorted by name.
     *
     * @param streamsConfig      the instance's Streams config (application id, replication factor, {@code topic.*})
     * @param topology           the topology, every repartition and store of which is declared in topology.channels
     * @param versionedHistory   the history retention of the topology's versioned stores
     * @param sourcePartitions   the partition count of each topic the topology reads that is not one of its own
     *                           repartitions
     * @throws IllegalStateException for an undeclared repartition or store, a global store in a sub-topology, or a
     *                               source topic without a partition count
     */
    public static List<NewTopic> plan(final StreamsConfig streamsConfig, final Topology topology,
                                      final Duration versionedHistory, final Map<String, Integer> sourcePartitions) {
        final String applicationId = streamsConfig.getString(StreamsConfig.APPLICATION_ID_CONFIG);
        final Map<String, String> topicDefaults = topicDefaults(streamsConfig);
        final Optional<Short> replication =
            Optional.of(streamsConfig.getInt(StreamsConfig.REPLICATION_FACTOR_CONFIG).shortValue());
        final List<SubtopologyTopics> subtopologies = subtopologies(topology.describe());
        final Map<String, Integer> partitions = partitionCounts(subtopologies, sourcePartitions);

        final Map<String, NewTopic> plan = new TreeMap<>();
        for (final SubtopologyTopics subtopology : subtopologies) {
            for (final String topic : subtopology.sources()) {
                if (Repartitions.isRepartitionTopic(topic)) {
                    final Map<String, String> configs = new HashMap<>(repartitionDefaults());
                    configs.putAll(topicDefaults);
                    plan.put(applicationId + "-" + topic, new NewTopic(applicationId + "-" + topic,
                        Optional.of(partitions.get(topic)), replication).configs(configs));
                }
            }
            final int tasks = subtopology.sources().stream().mapToInt(partitions::get).max().orElseThrow();
            for (final String storeName : subtopology.stores()) {
                final String name = StateStores.changelogTopic(applicationId, storeName);
                plan.put(name, new NewTopic(name, Optional.of(tasks), replication)
                    .configs(changelogConfigs(storeName, topicDefaults, versionedHistory)));
            }
        }
        return List.copyOf(plan.values());
    }

    /**
     * A repartition topic an earlier version of the topology used under this application id, whose stores placed
     * their keys otherwise ({@link Repartitions#RETIRED_WITH_ANOTHER_PLACEMENT}), if the cluster has one.
     *
     * @throws IllegalStateException if the cluster does not list its topics
     */
    public static Optional<String> earlierPlacement(final Admin admin, final String applicationId) {
        final Set<String> existing = KafkaTopics.existing(admin);
        return Repartitions.RETIRED_WITH_ANOTHER_PLACEMENT.stream()
            .map(name -> Repartitions.topic(applicationId, name))
            .filter(existing::contains)
            .findFirst();
    }

    /**
     * The partition counts of the topics {@code topology} reads that are not its own repartitions, as the cluster
     * has them.
     *
     * @throws IllegalStateException if one of them does not exist or the cluster does not answer
     */
    public static Map<String, Integer> sourcePartitions(final Admin admin, final Topology topology) {
        final Set<String> external = new TreeSet<>();
        for (final SubtopologyTopics subtopology : subtopologies(topology.describe())) {
            subtopology.sources().stream().filter(topic -> !Repartitions.isRepartitionTopic(topic))
                .forEach(external::add);
        }
        try {
            final Map<String, Integer> counts = new HashMap<>();
            for (final TopicDescription topic : admin.describeTopics(external).allTopicNames()
                .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).values()) {
                counts.put(topic.name(), topic.partitions().size());
            }
            return counts;
        } catch (final ExecutionException e) {
            throw new IllegalStateException("Cannot describe the source topics " + external, e.getCause());
        } catch (final TimeoutException e) {
            throw new IllegalStateException("Kafka did not describe the source topics within "
                + ADMIN_TIMEOUT.toSeconds() + " s", e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while describing the source topics", e);
        }
    }

    /** The topics and stores of each (non-global) sub-topology. */
    private static List<SubtopologyTopics> subtopologies(final TopologyDescription description) {
        final List<SubtopologyTopics> subtopologies = new ArrayList<>();
        for (final TopologyDescription.Subtopology subtopology : description.subtopologies()) {
            final Set<String> sources = new TreeSet<>();
            final Set<String> sinks = new TreeSet<>();
            final Set<String> stores = new TreeSet<>();
            for (final TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Source source) {
                    if (source.topicSet() == null) {
                        throw new IllegalStateException("Source " + source.name() + " reads a pattern");
                    }
                    sources.addAll(source.topicSet());
                } else if (node instanceof TopologyDescription.Sink sink) {
                    if (sink.topic() == null) {
                        throw new IllegalStateException("Sink " + sink.name() + " chooses its topic per record");
                    }
                    sinks.add(sink.topic());
                } else if (node instanceof TopologyDescription.Processor processor) {
                    stores.addAll(processor.stores());
                }
            }
            subtopologies.add(new SubtopologyTopics(sources, sinks, stores));
        }
        return subtopologies;
    }

    /**
     * Every source topic's partition count: given for the external ones; for a repartition, its declared count or
     * else the largest source count of the sub-topologies that write to it (resolved upstream first).
     */
    private static Map<String, Integer> partitionCounts(final List<SubtopologyTopics> subtopologies,
                                                        final Map<String, Integer> sourcePartitions) {
        final Map<String, Integer> counts = new HashMap<>();
        final Set<String> unresolved = new TreeSet<>();
        for (final SubtopologyTopics subtopology : subtopologies) {
            for (final String topic : subtopology.sources()) {
                if (!Repartitions.isRepartitionTopic(topic)) {
                    final Integer count = sourcePartitions.get(topic);
                    if (count == null) {
                        throw new IllegalStateException("No partition count for source topic " + topic);
                    }
                    counts.put(topic, count);
                } else {
                    final Optional<Integer> declared = Repartitions.ofTopic(topic).partitions();
                    declared.ifPresentOrElse(count -> counts.put(topic, count), () -> unresolved.add(topic));
                }
            }
        }
        while (!unresolved.isEmpty()) {
            boolean progress = false;
            for (final String topic : List.copyOf(unresolved)) {
                final Optional<Integer> count = upstreamCount(topic, subtopologies, counts);
                if (count.isPresent()) {
                    counts.put(topic, count.get());
                    unresolved.remove(topic);
                    progress = true;
                }
            }
            if (!progress) {
                throw new IllegalStateException("Cannot derive the partition count of " + unresolved);
            }
        }
        return counts;
    }

    /** The largest source count of the sub-topologies writing {@code topic}; empty while one is still unknown. */
    private static Optional<Integer> upstreamCount(final String topic, final List<SubtopologyTopics> subtopologies,
                                                   final Map<String, Integer> counts) {
        int max = 0;
        for (final SubtopologyTopics writer : subtopologies) {
            if (writer.sinks().contains(topic)) {
                for (final String source : writer.sources()) {
                    final Integer count = counts.get(source);
                    if (count == null) {
                        return Optional.empty();
                    }
                    max = Math.max(max, count);
                }
            }
        }
        if (max == 0) {
            throw new IllegalStateException("No sub-topology writes the repartition topic " + topic);
        }
        return Optional.of(max);
    }

    private static Map<String, String> changelogConfigs(final String storeName, final Map<String, String> topicDefaults,
                                                        final Duration versionedHistory) {
        final Store<?> store = StateStores.declared(storeName);
        final Map<String, String> configs = new HashMap<>(internalDefaults());
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        configs.putAll(topicDefaults);
        switch (store.kind()) {
            case KEY_VALUE -> { }
            case VERSIONED -> configs.put(TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG,
                Long.toString(saturatedSum(versionedHistory.toMillis(),
                    VERSIONED_CHANGELOG_EXTRA_COMPACTION_LAG.toMillis())));
            case GLOBAL -> throw new IllegalStateException("Global store " + storeName + " in a sub-topology");
            default -> throw new IllegalStateException("Unknown kind of store " + storeName);
        }
        return configs;
    }

    private static long saturatedSum(final long a, final long b) {
        try {
            return Math.addExact(a, b);
        } catch (final ArithmeticException overflow) {
            return Long.MAX_VALUE;
        }
    }

    /** What Streams sets on every internal topic. */
    private static Map<String, String> internalDefaults() {
        return Map.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "CreateTime");
    }

    private static Map<String, String> repartitionDefaults() {
        final Map<String, String> configs = new LinkedHashMap<>(internalDefaults());
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
        configs.put(TopicConfig.SEGMENT_BYTES_CONFIG, "52428800");
        configs.put(TopicConfig.RETENTION_MS_CONFIG, "-1");
        return configs;
    }

    /** The Streams config's {@code topic.*} settings, which Streams puts on every internal topic it creates. */
    private static Map<String, String> topicDefaults(final StreamsConfig streamsConfig) {
        final Map<String, String> defaults = new HashMap<>();
        streamsConfig.originalsWithPrefix(StreamsConfig.TOPIC_PREFIX).forEach((key, value) -> {
            if (value != null) {
                defaults.put(key, value.toString());
            }
        });
        return defaults;
    }

    private record SubtopologyTopics(Set<String> sources, Set<String> sinks, Set<String> stores) {
    }
}
