package org.tipmonitor.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tipmonitor.runtime.EmbeddedKafkaBroker;

/**
 * The crash test's convergence criterion on the two partition tails that the application leaves behind and that
 * hold nothing to process: a transaction marker after the last record a task processed, and a killed instance's
 * aborted transaction. The committed offset of a Streams task stays behind both for good when the task processes
 * nothing more from that partition (it commits only what it consumed), so the offset lag never reaches 0. The former
 * criterion (offset lag 0) waited for that until its timeout and failed a run whose tables were exact (seed
 * 13653249069213: {@code cycle-snapshot-contributions-repartition-0} committed 6, read_committed end 7, no record
 * beyond 6); the criterion now counts the committed records beyond the committed offset.
 */
@Tag("integration")
class CaughtUpCriterionIT {

    private static final String TOPIC = "tails";
    private static final String GROUP = "processor";

    @Test
    void markersAndAbortedTransactionsAreNotLagButCommittedRecordsAre() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start();
             Admin admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
            final TopicPartition marker = new TopicPartition(TOPIC, 0);
            final TopicPartition aborted = new TopicPartition(TOPIC, 1);
            try (KafkaProducer<String, String> producer = transactional(broker)) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(TOPIC, 0, "k", "a"));
                producer.send(new ProducerRecord<>(TOPIC, 0, "k", "b")); // offsets 0, 1; commit marker at 2
                producer.send(new ProducerRecord<>(TOPIC, 1, "k", "c")); // offset 0; commit marker at 1
                producer.commitTransaction();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(TOPIC, 1, "k", "killed")).get(); // offset 2, then aborted (3)
                producer.abortTransaction();
            }
            // The group has processed every record: it committed the offset after the last record it consumed.
            admin.alterConsumerGroupOffsets(GROUP, Map.of(marker, new OffsetAndMetadata(2),
                aborted, new OffsetAndMetadata(1))).all().get(30, TimeUnit.SECONDS);

            final Map<TopicPartition, Long> committed = committed(admin);
            // commitTransaction and abortTransaction return before the markers are written: wait for them.
            final Map<TopicPartition, Long> ends = awaitReadCommittedEnds(admin, Map.of(marker, 3L, aborted, 4L));
            // What the former criterion saw: behind by 1 and by 3, for good.
            assertThat(ends.get(marker) - committed.get(marker)).isEqualTo(1);
            assertThat(ends.get(aborted) - committed.get(aborted)).isEqualTo(3);
            // What the criterion counts now: nothing left to process.
            assertThat(CrashTestIT.committedRecords(broker.bootstrapServers(), committed, ends))
                .containsExactlyInAnyOrderEntriesOf(Map.of(marker, 0L, aborted, 0L));

            // A committed record beyond the committed offset is lag, behind a marker or an aborted transaction.
            try (KafkaProducer<String, String> producer = transactional(broker)) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(TOPIC, 1, "k", "later"));
                producer.commitTransaction();
            }
            // The record at 4 and its commit marker at 5.
            assertThat(CrashTestIT.committedRecords(broker.bootstrapServers(), committed,
                awaitReadCommittedEnds(admin, Map.of(marker, 3L, aborted, 6L))))
                .containsExactlyInAnyOrderEntriesOf(Map.of(marker, 0L, aborted, 1L));
        }
    }

    private static KafkaProducer<String, String> transactional(final EmbeddedKafkaBroker broker) {
        final Map<String, Object> config = new HashMap<>(broker.clientConfig());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tails-writer");
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static Map<TopicPartition, Long> committed(final Admin admin) throws Exception {
        final Map<TopicPartition, Long> offsets = new HashMap<>();
        admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
            .forEach((tp, at) -> offsets.put(tp, at.offset()));
        return offsets;
    }

    /** The read-committed end offsets once each partition has reached at least {@code atLeast} (30 s at most). */
    private static Map<TopicPartition, Long> awaitReadCommittedEnds(final Admin admin,
                                                                    final Map<TopicPartition, Long> atLeast)
        throws Exception {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            final Map<TopicPartition, Long> ends = readCommittedEnds(admin);
            if (atLeast.entrySet().stream().allMatch(e -> ends.getOrDefault(e.getKey(), 0L) >= e.getValue())
                || System.nanoTime() > deadline) {
                return ends;
            }
            Thread.sleep(20);
        }
    }

    private static Map<TopicPartition, Long> readCommittedEnds(final Admin admin) throws Exception {
        final Map<TopicPartition, OffsetSpec> latest = Map.of(new TopicPartition(TOPIC, 0), OffsetSpec.latest(),
            new TopicPartition(TOPIC, 1), OffsetSpec.latest());
        final Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
            .get(30, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }
}
