package org.tipmonitor.runtime;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tipmonitor.api.AlertEvent;
import org.tipmonitor.api.AlertFanOut;
import org.tipmonitor.api.AlertPositions;
import org.tipmonitor.avro.Alert;

/**
 * The reader of tip.alerts per instance that feeds the live alert stream (the webhook has its own,
 * {@link AlertWebhookFeed}, in a group). It reads every
 * partition ({@code assign}, no consumer group: each instance must see every event, and nothing needs committing),
 * from the end as it stands at start (a client of the stream wants what happens from now on; the list endpoint
 * has the rest), and only committed records (the alert engine writes exactly once). Each listener is called on
 * this thread (the fan-out only queues), with the positions after it as its id. A record that cannot be read is
 * logged and skipped.
 */
final class AlertEventsConsumer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertEventsConsumer.class);

    private final String topic;
    private final Deserializer<Alert> values;
    private final AlertFanOut fanOut;
    /** Where reading stands, per partition: the id of each event sent to the stream clients. */
    private AlertPositions positions = AlertPositions.NONE;
    private final BackgroundReader reader;

    /**
     * @param settings consumer settings (bootstrap servers, read_committed, ...); deserialisers are set here
     * @param values   reads an alert from its bytes
     */
    AlertEventsConsumer(final String topic, final Map<String, Object> settings, final Deserializer<Alert> values,
                        final AlertFanOut fanOut) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.values = Objects.requireNonNull(values, "values");
        this.fanOut = Objects.requireNonNull(fanOut, "fanOut");
        this.reader = new BackgroundReader("tip-alert-events", LOG, "Alert events", settings, List.of(topic),
            BackgroundReader.Start.END, new ToFanOut());
    }

    AlertEventsConsumer start() {
        reader.start();
        return this;
    }

    /** Passes each record on to the fan-out, on the reader's thread. */
    private final class ToFanOut implements BackgroundReader.Handler {

        @Override
        public void started(final Consumer<byte[], byte[]> kafka, final List<TopicPartition> partitions) {
            // Resolve the end offsets now, not at the first poll: events written after start() are then all read.
            final Map<Integer, Long> start = new HashMap<>();
            partitions.forEach(partition -> start.put(partition.partition(), kafka.position(partition)));
            positions = AlertPositions.of(start);
            fanOut.advance(positions);
            LOG.info("Alert events: reading {} partitions of {} from their end", partitions.size(), topic);
        }

        @Override
        public void handle(final Consumer<byte[], byte[]> kafka, final ConsumerRecords<byte[], byte[]> records) {
            records.forEach(AlertEventsConsumer.this::deliver);
        }

        @Override
        public void failed(final RuntimeException error) {
            LOG.error("Alert events: the reader of {} stopped; the alert stream gets no more events",
                topic, error);
        }
    }

    private void deliver(final ConsumerRecord<byte[], byte[]> record) {
        positions = positions.with(record.partition(), record.offset() + 1);
        if (record.value() == null) {
            fanOut.advance(positions); // A tombstone: no event to pass on.
            return;
        }
        final Alert alert;
        try {
            alert = values.deserialize(record.topic(), record.headers(), record.value());
        } catch (final RuntimeException e) {
            LOG.warn("Alert events: skipping unreadable record {}-{}@{}: {}", record.topic(), record.partition(),
                record.offset(), e.toString());
            fanOut.advance(positions);
            return;
        }
        fanOut.publish(new AlertEvent(alert, positions));
    }

    /** Stops the reader and waits for its thread. Idempotent. */
    @Override
    public void close() {
        reader.close();
    }
}
