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
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tipmonitor.compliance.TopicNames;

/**
 * The project's topics, with the configuration each needs, and a way to create the missing ones.
 *
 * <p>Reference data, latest-state tables and alerts are compacted: a reader rebuilding a table wants
 * the latest value per key, not the history. Submissions and rejections are event logs.
 */
public final class KafkaTopics {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTopics.class);

    /** Rejections are the audit trail of what States sent and why it was refused; keep them a year. */
    static final Duration REJECTED_RETENTION = Duration.ofDays(365);

    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration VISIBILITY_POLL_INTERVAL = Duration.ofMillis(50);

    /** How a topic is kept: as an event log or as a table of latest values per key. */
    public enum Retention {
        DELETE(TopicConfig.CLEANUP_POLICY_DELETE),
        COMPACT(TopicConfig.CLEANUP_POLICY_COMPACT);

        private final String cleanupPolicy;

        Retention(final String cleanupPolicy) {
            this.cleanupPolicy = cleanupPolicy;
        }

        public String cleanupPolicy() {
            return cleanupPolicy;
        }
    }

    /**
     * Description of one project topic.
     *
     * @param name      the topic name, one of {@link TopicNames}
     * @param retention how records are kept
     * @param retentionTime how long records are kept, when it differs from the broker default
     */
    public record TopicSpec(String name, Retention retention, Optional<Duration> retentionTime) {

        public TopicSpec {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(retention, "retention");
            Objects.requireNonNull(retentionTime, "retentionTime");
        }

        static TopicSpec log(final String name) {
            return new TopicSpec(name, Retention.DELETE, Optional.empty());
        }

        static TopicSpec table(final String name) {
            return new TopicSpec(name, Retention.COMPACT, Optional.empty());
        }

        /** The topic-level configuration Kafka should hold for this topic. */
        public Map<String, String> configs() {
            return retentionTime
                .map(time -> Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG, retention.cleanupPolicy(),
                    TopicConfig.RETENTION_MS_CONFIG, Long.toString(time.toMillis())))
                .orElseGet(() -> Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, retention.cleanupPolicy()));
        }

        /** A creation request with {@code partitions} partitions and the broker's default replication. */
        public NewTopic newTopic(final int partitions) {
            if (partitions < 1) {
                throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
            }
            return new NewTopic(name, Optional.of(partitions), Optional.empty()).configs(configs());
        }
    }

    /** Every topic of the project, in a stable order. */
    public static final List<TopicSpec> SPECS = List.of(
        TopicSpec.log(TopicNames.SUBMISSIONS),
        TopicSpec.table(TopicNames.RECOMMENDATIONS),
        TopicSpec.table(TopicNames.COUNTRIES),
        TopicSpec.table(TopicNames.CELLS),
        TopicSpec.table(TopicNames.COMPLIANCE_BY_RECOMMENDATION),
        TopicSpec.table(TopicNames.COMPLIANCE_BY_COUNTRY),
        TopicSpec.table(TopicNames.COMPLIANCE_BY_REGION),
        TopicSpec.table(TopicNames.COMPLIANCE_BY_THEME),
        new TopicSpec(TopicNames.REJECTED, Retention.DELETE, Optional.of(REJECTED_RETENTION)),
        TopicSpec.table(TopicNames.ALERTS),
        TopicSpec.table(TopicNames.REPORT_GLOTIP));

    private KafkaTopics() {
    }

    /**
     * Creation requests for every project topic, each with {@code partitions} partitions. Co-partitioned
     * joins in the topology need the same count on all topics, hence one number for all.
     */
    public static List<NewTopic> all(final int partitions) {
        return SPECS.stream().map(spec -> spec.newTopic(partitions)).collect(Collectors.toList());
    }

    /** The spec of a project topic by name. */
    public static Optional<TopicSpec> spec(final String name) {
        return SPECS.stream().filter(spec -> spec.name().equals(name)).findFirst();
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
