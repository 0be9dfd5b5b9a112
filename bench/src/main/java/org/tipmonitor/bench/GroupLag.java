package org.tipmonitor.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * The input lag of a Streams application: records in the partitions it reads (the submissions and its repartition
 * topics) past its committed offsets, against the last stable offsets.
 */
final class GroupLag {

    private final Admin admin;
    private final String groupId;
    private final String sourceTopic;

    GroupLag(final Admin admin, final String groupId, final String sourceTopic) {
        this.admin = admin;
        this.groupId = groupId;
        this.sourceTopic = sourceTopic;
    }

    /** The total lag now, or -1 when the group has not committed anything yet. */
    long total() throws Exception {
        final Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
            .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        if (committed.isEmpty()) {
            return -1;
        }
        final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        admin.describeTopics(List.of(sourceTopic)).allTopicNames().get(10, TimeUnit.SECONDS).get(sourceTopic)
            .partitions().forEach(p -> latest.put(new TopicPartition(sourceTopic, p.partition()), OffsetSpec.latest()));
        final var ends = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
            .get(10, TimeUnit.SECONDS);
        long lag = 0;
        for (final TopicPartition partition : ends.keySet()) {
            final OffsetAndMetadata at = committed.get(partition);
            lag += Math.max(0, ends.get(partition).offset() - (at == null ? 0 : at.offset()));
        }
        return lag;
    }
}
