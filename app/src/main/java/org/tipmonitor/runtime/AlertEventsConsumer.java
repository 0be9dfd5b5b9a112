package org.tipmonitor.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
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
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration TOPIC_RETRY = Duration.ofSeconds(2);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final String topic;
    private final Map<String, Object> settings;
    private final Deserializer<Alert> values;
    private final AlertFanOut fanOut;
    /** Where reading stands, per partition: the id of each event sent to the stream clients. */
    private AlertPositions positions = AlertPositions.NONE;
    private final AtomicReference<KafkaConsumer<byte[], byte[]>> consumer = new AtomicReference<>();
    private final Thread thread;
    private final CountDownLatch stopping = new CountDownLatch(1);

    /**
     * @param settings consumer settings (bootstrap servers, read_committed, ...); deserialisers are set here
     * @param values   reads an alert from its bytes
     */
    AlertEventsConsumer(final String topic, final Map<String, Object> settings, final Deserializer<Alert> values,
                        final AlertFanOut fanOut) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.settings = Map.copyOf(settings);
        this.values = Objects.requireNonNull(values, "values");
        this.fanOut = Objects.requireNonNull(fanOut, "fanOut");
        this.thread = new Thread(this::run, "tip-alert-events");
        this.thread.setDaemon(true);
    }

    AlertEventsConsumer start() {
        thread.start();
        return this;
    }

    private void run() {
        try (KafkaConsumer<byte[], byte[]> kafka =
                 new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.set(kafka);
            if (stopping.getCount() == 0) {
                return;
            }
            final List<TopicPartition> partitions = awaitPartitions(kafka);
            kafka.assign(partitions);
            kafka.seekToEnd(partitions);
            // Resolve the end offsets now, not at the first poll: events written after start() are then all read.
            final Map<Integer, Long> start = new HashMap<>();
            partitions.forEach(partition -> start.put(partition.partition(), kafka.position(partition)));
            positions = AlertPositions.of(start);
            fanOut.advance(positions);
            LOG.info("Alert events: reading {} partitions of {} from their end", partitions.size(), topic);
            while (stopping.getCount() > 0) {
                for (final ConsumerRecord<byte[], byte[]> record : kafka.poll(POLL)) {
                    deliver(record);
                }
            }
        } catch (final WakeupException stopping) {
            // close() woke the consumer up: leave the loop.
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (final RuntimeException e) {
            if (stopping.getCount() == 0) {
                return; // Failing because it is being closed.
            }
            LOG.error("Alert events: the reader of {} stopped; the alert stream gets no more events",
                topic, e);
        }
    }

    /** The topic's partitions; waits while the topic does not exist yet (an instance may start before it). */
    private List<TopicPartition> awaitPartitions(final KafkaConsumer<byte[], byte[]> kafka)
        throws InterruptedException {
        while (true) {
            final List<PartitionInfo> infos = kafka.partitionsFor(topic);
            if (infos != null && !infos.isEmpty()) {
                final List<TopicPartition> partitions = new ArrayList<>();
                infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
                return partitions;
            }
            LOG.info("Alert events: topic {} not found yet; retrying in {}", topic, TOPIC_RETRY);
            if (stopping.await(TOPIC_RETRY.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new WakeupException();
            }
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
        stopping.countDown();
        final KafkaConsumer<byte[], byte[]> kafka = consumer.get();
        if (kafka != null) {
            kafka.wakeup();
        }
        try {
            thread.join(CLOSE_WAIT.toMillis());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
