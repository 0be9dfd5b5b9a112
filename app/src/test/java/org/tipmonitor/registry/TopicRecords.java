package org.tipmonitor.registry;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.tipmonitor.runtime.EmbeddedKafkaBroker;

/** Reads a single-partition topic's committed records, for assertions on what a component wrote. */
final class TopicRecords {

    private TopicRecords() {
    }

    static List<String> keys(final EmbeddedKafkaBroker broker, final String topic) {
        final Map<String, Object> settings = new HashMap<>(broker.clientConfig());
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        final List<String> keys = new ArrayList<>();
        final TopicPartition partition = new TopicPartition(topic, 0);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            final long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    keys.add(new String(record.key(), StandardCharsets.UTF_8));
                }
            }
        }
        return keys;
    }
}
