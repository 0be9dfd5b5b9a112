package org.tipmonitor.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tipmonitor.topology.channels.Topic;
import org.tipmonitor.topology.channels.Topics;

/**
 * Creation of the project's topics, as {@link Topics} declares them (name, cleanup policy, retention).
 */
public final class KafkaTopics {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTopics.class);

    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration VISIBILITY_POLL_INTERVAL = Duration.ofMillis(50);

    private KafkaTopics() {
    }

    /**
     * Creation requests for every project topic, each with {@code partitions} partitions. Co-partitioned
     * joins in the topology need the same count on all topics, hence one number for all.
     */
    public static List<NewTopic> all(final int partitions) {
        return all(partitions, Optional.empty());
    }

    /**
     * As {@link #all(int)}, each with {@code replicationFactor} replicas; empty takes the cluster's
     * {@code default.replication.factor}, which on KRaft is the <em>controllers'</em> setting (a broker's own
     * value does not count), so a replicated cluster is safer named explicitly.
     */
    public static List<NewTopic> all(final int partitions, final Optional<Short> replicationFactor) {
        return Topics.ALL.stream().map(topic -> newTopic(topic, partitions, replicationFactor))
            .collect(Collectors.toList());
    }

    /** A creation request with {@code partitions} partitions and the cluster's default replication. */
    public static NewTopic newTopic(final Topic<?> topic, final int partitions) {
        return newTopic(topic, partitions, Optional.empty());
    }

    /** A creation request with {@code partitions} partitions and {@code replicationFactor} replicas. */
    public static NewTopic newTopic(final Topic<?> topic, final int partitions,
                                    final Optional<Short> replicationFactor) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
        if (replicationFactor.isPresent() && replicationFactor.get() < 1) {
            throw new IllegalArgumentException("replicationFactor must be at least 1, was " + replicationFactor.get());
        }
        return new NewTopic(topic.name(), Optional.of(partitions), replicationFactor).configs(topic.configs());
    }

    /**
     * Creates those of {@code topics} that do not exist yet; existing topics are left as they are
     * (their partition count and configs are not changed). Safe to call concurrently from several
     * instances: losing a creation race counts as success. Returns once the broker lists every topic:
     * the controller acknowledges a creation before the broker's metadata shows it, and a Streams app
     * started in that gap fails on a "missing source topic".
     *
     * @return the names of the topics this call created
     */
    public static Set<String> ensure(final Admin admin, final Collection<NewTopic> topics) {
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(topics, "topics");
        try {
            final Set<String> existing = listTopicNames(admin);
            final List<NewTopic> missing = new ArrayList<>();
            for (final NewTopic topic : topics) {
                if (!existing.contains(topic.name())) {
                    missing.add(topic);
                }
            }
            if (missing.isEmpty()) {
                return Set.of();
            }
            final Set<String> created = new HashSet<>();
            final Map<String, KafkaFuture<Void>> results = admin.createTopics(missing).values();
            for (final Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
                try {
                    result.getValue().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    created.add(result.getKey());
                } catch (final ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Cannot create topic " + result.getKey(), e.getCause());
                    }
                }
            }
            if (!created.isEmpty()) {
                LOG.info("Created topics {}", created);
            }
            awaitVisible(admin, missing.stream().map(NewTopic::name).collect(Collectors.toSet()));
            return Set.copyOf(created);
        } catch (final ExecutionException e) {
            throw new IllegalStateException("Cannot list the topics", e.getCause());
        } catch (final TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + ADMIN_TIMEOUT.toSeconds() + " s", e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        }
    }

    /**
     * The names of the cluster's topics.
     *
     * @throws IllegalStateException if the cluster does not list them in time
     */
    public static Set<String> existing(final Admin admin) {
        try {
            return listTopicNames(admin);
        } catch (final ExecutionException e) {
            throw new IllegalStateException("Cannot list the topics", e.getCause());
        } catch (final TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + ADMIN_TIMEOUT.toSeconds() + " s", e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while listing the topics", e);
        }
    }

    private static Set<String> listTopicNames(final Admin admin)
        throws ExecutionException, InterruptedException, TimeoutException {
        return admin.listTopics().names().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void awaitVisible(final Admin admin, final Set<String> names)
        throws ExecutionException, InterruptedException, TimeoutException {
        final long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
        Set<String> listed = listTopicNames(admin);
        while (!listed.containsAll(names)) {
            if (System.nanoTime() > deadline) {
                final Set<String> invisible = new HashSet<>(names);
                invisible.removeAll(listed);
                throw new IllegalStateException("Topics " + invisible + " were created but the broker did not list them"
                    + " within " + ADMIN_TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(VISIBILITY_POLL_INTERVAL.toMillis());
            listed = listTopicNames(admin);
        }
        // Listed is not yet writable: an idempotent producer that meets NOT_LEADER_OR_FOLLOWER on a brand-new
        // partition can retry into OUT_OF_ORDER_SEQUENCE_NUMBER for a long while (seen on the in-JVM broker).
        // Wait until every partition has a leader.
        while (!allLed(admin, names)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Topics " + names + " have partitions without a leader after "
                    + ADMIN_TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(VISIBILITY_POLL_INTERVAL.toMillis());
        }
    }

    /** Whether every partition has a leader that answers for it (a metadata leader alone was not enough). */
    private static boolean allLed(final Admin admin, final Set<String> names)
        throws ExecutionException, InterruptedException, TimeoutException {
        final Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
        for (final TopicDescription topic : admin.describeTopics(names).allTopicNames()
            .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).values()) {
            for (final TopicPartitionInfo partition : topic.partitions()) {
                if (partition.leader() == null || partition.leader().isEmpty()) {
                    return false;
                }
                partitions.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest());
            }
        }
        try {
            admin.listOffsets(partitions).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (final ExecutionException notYet) {
            return false;
        }
    }
}
