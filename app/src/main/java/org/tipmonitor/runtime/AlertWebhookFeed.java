package org.tipmonitor.runtime;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tipmonitor.api.AlertWebhook;
import org.tipmonitor.avro.Alert;

/**
 * Feeds the webhook from tip.alerts in one consumer group shared by every instance, so that each alert event is
 * POSTed by one instance, not by all of them, and committed offsets carry delivery across restarts (an event written
 * while every instance was down is delivered when one comes back). An offset is committed only once the webhook has
 * settled the event, so delivery is at least once: after a crash or a rebalance an event may be POSTed again with
 * the same idempotency key ({@code <alertId>@<partition>-<offset>}: the event's version, fixed by the exactly-once
 * alert engine), which the receiver uses to drop the repeat. A group with no committed offset starts at the
 * beginning of the topic.
 */
final class AlertWebhookFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertWebhookFeed.class);
    private static final Duration QUEUE_FULL_PAUSE = Duration.ofMillis(200);

    private final String topic;
    private final Object groupId;
    private final Deserializer<Alert> values;
    private final AlertWebhook webhook;
    /** Per partition, the next offset to commit: written by the webhook's thread, committed by the reader's. */
    private final Map<TopicPartition, Long> settled = new ConcurrentHashMap<>();
    private final BackgroundReader reader;

    /** @param settings consumer settings including {@code group.id}; deserialisers are set here */
    AlertWebhookFeed(final String topic, final Map<String, Object> settings, final Deserializer<Alert> values,
                     final AlertWebhook webhook) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.groupId = settings.get("group.id");
        this.values = Objects.requireNonNull(values, "values");
        this.webhook = Objects.requireNonNull(webhook, "webhook");
        this.reader = new BackgroundReader("tip-alert-webhook-feed", LOG, "Alert webhook feed", settings,
            List.of(topic), BackgroundReader.Start.COMMITTED, new ToWebhook());
    }

    AlertWebhookFeed start() {
        reader.start();
        return this;
    }

    /** Offers each record to the webhook and commits what it settled, on the reader's thread. */
    private final class ToWebhook implements BackgroundReader.Handler {

        @Override
        public void started(final Consumer<byte[], byte[]> kafka, final List<TopicPartition> partitions) {
            LOG.info("Alert webhook feed: reading {} in group {}", topic, groupId);
        }

        @Override
        public void handle(final Consumer<byte[], byte[]> kafka, final ConsumerRecords<byte[], byte[]> records)
            throws InterruptedException {
            if (!offerAll(kafka, records)) {
                reader.awaitStop(QUEUE_FULL_PAUSE);
            }
            commitSettled(kafka, settled.keySet());
        }

        @Override
        public void finished(final Consumer<byte[], byte[]> kafka) {
            commitSettled(kafka, settled.keySet());
        }

        /** Commits what was settled for partitions about to go to another instance. */
        @Override
        public void revoked(final Consumer<byte[], byte[]> kafka, final Collection<TopicPartition> partitions) {
            commitSettled(kafka, partitions);
        }

        @Override
        public void lost(final Collection<TopicPartition> partitions) {
            partitions.forEach(settled::remove);
        }

        @Override
        public void failed(final RuntimeException error) {
            LOG.error("Alert webhook feed: the reader of {} stopped; the webhook gets no more events from this"
                + " instance", topic, error);
        }
    }

    /**
     * Offers every record, partition by partition in order; when the webhook's queue is full, rewinds each partition
     * to its first record not offered, so that nothing is skipped. False if it had to rewind.
     */
    private boolean offerAll(final Consumer<byte[], byte[]> kafka,
                             final ConsumerRecords<byte[], byte[]> records) {
        boolean full = false;
        for (final TopicPartition partition : records.partitions()) {
            for (final ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
                if (full || !offer(record)) {
                    full = true;
                    kafka.seek(partition, record.offset());
                    break;
                }
            }
        }
        return !full;
    }

    private boolean offer(final ConsumerRecord<byte[], byte[]> record) {
        final TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        final Runnable done = () -> settled.merge(partition, record.offset() + 1, Math::max);
        if (record.value() == null) {
            done.run(); // A tombstone: no event to deliver.
            return true;
        }
        final Alert alert;
        try {
            alert = values.deserialize(record.topic(), record.headers(), record.value());
        } catch (final RuntimeException e) {
            LOG.warn("Alert webhook feed: skipping unreadable record {}-{}@{}: {}", record.topic(),
                record.partition(), record.offset(), e.toString());
            done.run();
            return true;
        }
        return webhook.offer(alert, alert.getAlertId() + "@" + record.partition() + "-" + record.offset(), done);
    }

    private void commitSettled(final Consumer<byte[], byte[]> kafka,
                               final Collection<TopicPartition> partitions) {
        final Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (final TopicPartition partition : partitions) {
            final Long next = settled.remove(partition);
            if (next != null) {
                offsets.put(partition, new OffsetAndMetadata(next));
            }
        }
        if (offsets.isEmpty()) {
            return;
        }
        try {
            kafka.commitSync(offsets);
        } catch (final WakeupException e) {
            throw e;
        } catch (final KafkaException e) {
            // Lost the partitions meanwhile: their new owner sends those events again (same idempotency keys).
            LOG.warn("Alert webhook feed: could not commit {}: {}", offsets, e.toString());
        }
    }

    /**
     * Stops reading and waits for the thread, which commits what was settled on its way out (within a poll); wakes
     * the consumer up only if that takes too long. Idempotent.
     */
    @Override
    public void close() {
        reader.close();
    }
}
