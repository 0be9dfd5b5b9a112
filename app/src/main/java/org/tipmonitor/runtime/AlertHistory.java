package org.tipmonitor.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.tipmonitor.api.AlertEvent;
import org.tipmonitor.api.AlertPositions;
import org.tipmonitor.api.AlertReplay;
import org.tipmonitor.avro.Alert;

/**
 * Reads tip.alerts again between two positions, for a stream client that reconnects with {@code Last-Event-ID}: a
 * short-lived consumer per request (no group, committed records only), at most {@value #MAX_EVENTS} events, so a
 * forged or very old id cannot make the instance read the whole topic for one client.
 */
final class AlertHistory implements AlertReplay {

    static final int MAX_EVENTS = 10_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(200);

    private final String topic;
    private final Map<String, Object> settings;
    private final Deserializer<Alert> values;

    AlertHistory(final String topic, final Map<String, Object> settings, final Deserializer<Alert> values) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.settings = new HashMap<>(settings);
        this.settings.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.get(ConsumerConfig.CLIENT_ID_CONFIG) + "-replay");
        // An offset older than the topic's start resumes from its start.
        this.settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.values = Objects.requireNonNull(values, "values");
    }

    @Override
    public List<AlertEvent> between(final AlertPositions from, final AlertPositions to) {
        final Map<TopicPartition, Long> ends = new HashMap<>();
        long total = 0;
        for (final Map.Entry<Integer, Long> end : to.next().entrySet()) {
            final Long start = from.next().get(end.getKey());
            if (start != null && start < end.getValue()) {
                ends.put(new TopicPartition(topic, end.getKey()), end.getValue());
                total += end.getValue() - start;
            }
        }
        if (ends.isEmpty()) {
            return List.of();
        }
        if (total > MAX_EVENTS) {
            throw new IllegalStateException(total + " events missed, more than the " + MAX_EVENTS + " replayed");
        }
        final List<AlertEvent> events = new ArrayList<>();
        // Partitions the client's id does not name are not replayed: its next ids carry them as they stand now.
        final Map<Integer, Long> startAt = new HashMap<>(to.next());
        startAt.putAll(from.next());
        AlertPositions positions = AlertPositions.of(startAt);
        final long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
            consumer.assign(ends.keySet());
            ends.keySet().forEach(partition -> consumer.seek(partition, from.next().get(partition.partition())));
            while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey(), TIMEOUT) < end.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " again within " + TIMEOUT.toSeconds()
                        + " s");
                }
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    final TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= ends.get(partition)) {
                        continue; // Past where the live stream takes over.
                    }
                    positions = positions.with(record.partition(), record.offset() + 1);
                    final Alert alert = readable(record);
                    if (alert != null) {
                        events.add(new AlertEvent(alert, positions));
                    }
                }
            }
        } catch (final KafkaException e) {
            throw new IllegalStateException("could not read " + topic + " again: " + e.getMessage(), e);
        }
        return events;
    }

    /** The alert, or null for a tombstone or a record that cannot be read (the live stream skips those too). */
    private Alert readable(final ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return null;
        }
        try {
            return values.deserialize(record.topic(), record.headers(), record.value());
        } catch (final RuntimeException e) {
            return null;
        }
    }
}
