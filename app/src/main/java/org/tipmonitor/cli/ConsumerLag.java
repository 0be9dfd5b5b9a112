package org.tipmonitor.cli;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Whether a Streams application has processed everything in its input and repartition topics: its committed
 * offsets have reached the last stable offsets of every partition it reads, and of every partition of
 * {@code sourceTopic}. Under exactly-once the outputs of a record are committed with its offset, so lag 0 everywhere
 * means the tables hold every record sent before the check.
 */
final class ConsumerLag {

    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);

    private final Admin admin;
    private final String groupId;
    private final String sourceTopic;

    ConsumerLag(final Admin admin, final String groupId, final String sourceTopic) {
        this.admin = admin;
        this.groupId = groupId;
        this.sourceTopic = sourceTopic;
    }

    /** The total lag now: records in the read partitions past the group's committed offsets. */
    long total() throws ExecutionException, InterruptedException, TimeoutException {
        final Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
            .partitionsToOffsetAndMetadata().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        admin.describeTopics(java.util.List.of(sourceTopic)).allTopicNames()
            .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(sourceTopic).partitions()
            .forEach(p -> latest.put(new TopicPartition(sourceTopic, p.partition()), OffsetSpec.latest()));
        final var ends = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
            .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        long lag = 0;
        for (final Map.Entry<TopicPartition, ?> end : ends.entrySet()) {
            final long endOffset = ends.get(end.getKey()).offset();
            final OffsetAndMetadata at = committed.get(end.getKey());
            lag += Math.max(0, endOffset - (at == null ? 0 : at.offset()));
        }
        return lag;
    }

    /** Waits until {@link #total()} is 0; returns whether it got there within {@code timeout}. */
    boolean awaitCaughtUp(final Duration timeout) throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (total() == 0) {
                    return true;
                }
            } catch (final ExecutionException | TimeoutException e) {
                // The group may not exist yet right after the start; try again.
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
        return false;
    }
}
