package org.tipmonitor.runtime;

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
    private static final List<String> TOPICS = List.of(Topics.CELLS.name(), Topics.REJECTED.name());

    private final Deserializer<Cell> cells;
    private final Deserializer<Rejection> rejections;
    private final SubmissionOutcomes outcomes;
    private final BackgroundReader reader;

    SubmissionOutcomesReader(final Map<String, Object> settings, final TipSerdes serdes,
                             final SubmissionOutcomes outcomes) {
        this.cells = serdes.value(Cell.class).deserializer();
        this.rejections = serdes.value(Rejection.class).deserializer();
        this.outcomes = Objects.requireNonNull(outcomes, "outcomes");
        this.reader = new BackgroundReader("tip-submission-outcomes", LOG, "Submission outcomes", settings, TOPICS,
            BackgroundReader.Start.BEGINNING, new ToOutcomes());
    }

    SubmissionOutcomesReader start() {
        reader.start();
        return this;
    }

    /** Records each outcome read, on the reader's thread. */
    private final class ToOutcomes implements BackgroundReader.Handler {

        @Override
        public void started(final Consumer<byte[], byte[]> kafka, final List<TopicPartition> partitions) {
            LOG.info("Submission outcomes: reading {} partitions of {}", partitions.size(), TOPICS);
        }

        @Override
        public void handle(final Consumer<byte[], byte[]> kafka, final ConsumerRecords<byte[], byte[]> records) {
            records.forEach(SubmissionOutcomesReader.this::record);
        }

        @Override
        public void failed(final RuntimeException error) {
            LOG.error("Submission outcomes: the reader stopped; GET {}/{{id}} answers PENDING for new submissions",
                org.tipmonitor.api.SubmissionGateway.PATH, error);
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
        reader.close();
    }
}
