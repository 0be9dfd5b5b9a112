package org.tipmonitor.runtime;

import java.time.Duration;
import java.util.ArrayList;
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
import org.tipmonitor.api.SubmissionOutcomes;
import org.tipmonitor.avro.Cell;
import org.tipmonitor.avro.Rejection;
import org.tipmonitor.avro.RejectionReason;
import org.tipmonitor.compliance.TipSerdes;
import org.tipmonitor.topology.channels.Topics;

/**
 * Feeds {@link SubmissionOutcomes} from the topology's outputs: tip.cells (a response applied) and
 * tip.submissions.rejected (a response or a submission refused). Like the alert reader it assigns itself every
 * partition (each instance answers for every submission), reads committed records only, and starts from the
 * beginning so that outcomes written before the instance started are known too; the index it feeds is bounded.
 */
final class SubmissionOutcomesReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SubmissionOutcomesReader.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration TOPIC_RETRY = Duration.ofSeconds(2);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);
    private static final List<String> TOPICS = List.of(Topics.CELLS.name(), Topics.REJECTED.name());

    private final Map<String, Object> settings;
    private final Deserializer<Cell> cells;
    private final Deserializer<Rejection> rejections;
    private final SubmissionOutcomes outcomes;
    private final AtomicReference<KafkaConsumer<byte[], byte[]>> consumer = new AtomicReference<>();
    private final Thread thread;
    private final CountDownLatch stopping = new CountDownLatch(1);

    SubmissionOutcomesReader(final Map<String, Object> settings, final TipSerdes serdes,
                             final SubmissionOutcomes outcomes) {
        this.settings = Map.copyOf(settings);
        this.cells = serdes.value(Cell.class).deserializer();
        this.rejections = serdes.value(Rejection.class).deserializer();
        this.outcomes = Objects.requireNonNull(outcomes, "outcomes");
        this.thread = new Thread(this::run, "tip-submission-outcomes");
        this.thread.setDaemon(true);
    }

    SubmissionOutcomesReader start() {
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
            final List<TopicPartition> partitions = new ArrayList<>();
            for (final String topic : TOPICS) {
                partitions.addAll(awaitPartitions(kafka, topic));
            }
            kafka.assign(partitions);
            kafka.seekToBeginning(partitions);
            LOG.info("Submission outcomes: reading {} partitions of {}", partitions.size(), TOPICS);
            while (stopping.getCount() > 0) {
                for (final ConsumerRecord<byte[], byte[]> record : kafka.poll(POLL)) {
                    record(record);
                }
            }
        } catch (final WakeupException stopping) {
            // close() woke the consumer up: leave the loop.
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (final RuntimeException e) {
            if (stopping.getCount() == 0) {
                return;
            }
            LOG.error("Submission outcomes: the reader stopped; GET {}/{{id}} answers PENDING for new submissions",
                org.tipmonitor.api.SubmissionGateway.PATH, e);
        }
    }

    private List<TopicPartition> awaitPartitions(final KafkaConsumer<byte[], byte[]> kafka, final String topic)
        throws InterruptedException {
        while (true) {
            final List<PartitionInfo> infos = kafka.partitionsFor(topic);
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            }
            LOG.info("Submission outcomes: topic {} not found yet; retrying in {}", topic, TOPIC_RETRY);
            if (stopping.await(TOPIC_RETRY.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new WakeupException();
            }
        }
    }

    private void record(final ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return;
        }
        try {
            if (Topics.CELLS.name().equals(record.topic())) {
                final Cell cell = cells.deserialize(record.topic(), record.headers(), record.value());
                outcomes.accepted(cell.getSubmissionId(), cell.getReporterType(), cell.getCountry(),
                    cell.getRecommendationId(), record.headers());
            } else {
                final Rejection rejection = rejections.deserialize(record.topic(), record.headers(), record.value());
                // A reused id with other content is the second sender's problem, not the first submission's outcome.
                if (rejection.getReason() != RejectionReason.DUPLICATE_ID_CONFLICT) {
                    outcomes.rejected(rejection.getSubmissionId(), rejection.getReporterType(),
                        rejection.getCountry(), new SubmissionOutcomes.Rejected(rejection.getRecommendationId(),
                            rejection.getReason().name(), rejection.getMessage()), record.headers());
                }
            }
        } catch (final RuntimeException e) {
            LOG.warn("Submission outcomes: skipping unreadable record {}-{}@{}: {}", record.topic(),
                record.partition(), record.offset(), e.toString());
        }
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
