package org.tipmonitor.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.tipmonitor.avro.ComplianceRow;
import org.tipmonitor.bench.InMemoryAggregation.Table;

/**
 * Reads the four compliance output topics from where they stood when it was created (committed records only) and
 * tells when every table holds exactly the expected rows: the moment the last output record of a run is seen.
 */
final class TableWatch implements AutoCloseable {

    private final KafkaConsumer<String, ComplianceRow> consumer;
    private final Map<String, Table> tableOfTopic = new HashMap<>();
    private final Map<Table, Map<String, String>> expected;
    private final Map<Table, Map<String, String>> seen = new HashMap<>();
    private int mismatches;
    private long records;

    TableWatch(final Map<String, Object> clientConfig, final Deserializer<ComplianceRow> rows,
               final Map<Table, Map<String, String>> expected) {
        final Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), rows);
        this.expected = expected;
        final List<TopicPartition> partitions = new ArrayList<>();
        for (final Table table : Table.values()) {
            tableOfTopic.put(table.topic, table);
            seen.put(table, new HashMap<>());
            for (final PartitionInfo info : consumer.partitionsFor(table.topic)) {
                partitions.add(new TopicPartition(table.topic, info.partition()));
            }
            mismatches += expected.get(table).size();
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // fix the start now, before the application writes
    }

    /** Reads what arrived within {@code wait}; true when every table holds exactly the expected rows. */
    boolean pollFinal(final Duration wait) {
        for (final ConsumerRecord<String, ComplianceRow> record : consumer.poll(wait)) {
            records++;
            final Table table = tableOfTopic.get(record.topic());
            final String want = expected.get(table).get(record.key());
            final String signature = record.value() == null ? null : InMemoryAggregation.signature(record.value());
            final String before = signature == null ? seen.get(table).remove(record.key())
                : seen.get(table).put(record.key(), signature);
            final boolean matchedBefore = Objects.equals(before, want);
            final boolean matchesNow = Objects.equals(signature, want);
            if (matchedBefore && !matchesNow) {
                mismatches++;
            } else if (!matchedBefore && matchesNow) {
                mismatches--;
            }
        }
        return mismatches == 0;
    }

    int mismatches() {
        return mismatches;
    }

    long records() {
        return records;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
