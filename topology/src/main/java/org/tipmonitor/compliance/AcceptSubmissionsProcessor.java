package org.tipmonitor.compliance;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tipmonitor.avro.Cell;
import org.tipmonitor.avro.Rejection;
import org.tipmonitor.avro.RejectionReason;
import org.tipmonitor.avro.Response;
import org.tipmonitor.avro.StatisticCell;
import org.tipmonitor.avro.Submission;
import org.tipmonitor.statistics.StatisticsValidator;
import org.tipmonitor.topology.channels.StateStores;

/**
 * Takes submissions keyed by their {@link SubmissionKey} (reporter and submissionId): drops exact redeliveries,
 * rejects a reporter's reused id with other content, then validates each response and each national statistic.
 * Emits one {@link Acceptance} per submission: one {@link Cell} update per valid response (keyed by cell), one
 * {@link StatisticCell} per valid statistic (keyed by the State's ISO3; see {@link StatisticsValidator}) and one
 * {@link Rejection} per invalid response or statistic, which its typed children take apart.
 *
 * <p>Their Kafka timestamp is the event time, submittedAt, capped at the input record's timestamp: submittedAt is
 * the client's to choose (it travels in the value, where the versioned cell store orders revisions by it), so it
 * may never produce a timestamp later than one the broker has already accepted, which would be refused inside the
 * transaction ({@code log.message.timestamp.after.max.ms}) or push stream time ahead.
 */
final class AcceptSubmissionsProcessor extends ContextualProcessor<String, Submission, String, Acceptance> {

    private static final Logger LOG = LoggerFactory.getLogger(AcceptSubmissionsProcessor.class);

    private final SubmissionValidator validator;
    private final StatisticsValidator statisticsValidator = new StatisticsValidator();
    private KeyValueStore<String, String> fingerprints;
    private ReferenceData reference;

    AcceptSubmissionsProcessor(final SubmissionValidator validator) {
        this.validator = validator;
    }

    static ProcessorSupplier<String, Submission, String, Acceptance> supplier(final ComplianceConfig config,
                                                                          final TipSerdes serdes) {
        final SubmissionValidator validator = new SubmissionValidator(config.submittedAtRange());
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, Submission, String, Acceptance> get() {
                return new AcceptSubmissionsProcessor(validator);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(StateStores.SUBMISSION_FINGERPRINTS.builder(serdes));
            }
        };
    }

    @Override
    public void init(final ProcessorContext<String, Acceptance> context) {
        super.init(context);
        fingerprints = StateStores.SUBMISSION_FINGERPRINTS.in(context);
        reference = ReferenceData.fromGlobalStores(context);
    }

    @Override
    public void process(final Record<String, Submission> record) {
        final Acceptance acceptance = accept(record);
        if (!acceptance.isEmpty()) {
            context().forward(record.withValue(acceptance));
        }
    }

    private Acceptance accept(final Record<String, Submission> record) {
        final Submission submission = record.value();
        final String id = submission.getSubmissionId();
        final String key = record.key();
        final String fingerprint = SubmissionFingerprint.of(submission);
        final String seen = fingerprints.get(key);
        final long now = context().currentSystemTimeMs();
        final List<Record<String, Rejection>> rejections = new ArrayList<>();
        if (seen != null) {
            if (seen.equals(fingerprint)) {
                LOG.debug("Submission {} delivered again with identical content: nothing to do", id);
            } else {
                rejections.add(record.withValue(Rejections.ofResponse(submission, null,
                    RejectionReason.DUPLICATE_ID_CONFLICT, "submissionId " + id
                        + " was already used by this reporter for a submission with other content; the first one"
                        + " stands",
                    record.headers(), now)));
            }
            return new Acceptance(List.of(), List.of(), rejections);
        }
        fingerprints.put(key, fingerprint);
        final SubmissionValidator.Outcome outcome = validator.validate(submission, reference, now);
        for (final SubmissionValidator.RejectedResponse rejected : outcome.rejected()) {
            rejections.add(record.withValue(Rejections.ofResponse(submission, rejected.recommendationId(),
                rejected.reason(), rejected.message(), record.headers(), now)));
        }
        final long eventTime = Math.min(submission.getSubmittedAt().toEpochMilli(), record.timestamp());
        final List<Record<String, Cell>> cells = new ArrayList<>();
        for (final Response response : outcome.accepted()) {
            final Cell cell = toCell(submission, response);
            cells.add(new Record<>(CellKey.of(cell).asString(), cell, eventTime, record.headers()));
        }
        final StatisticsValidator.Outcome figures = statisticsValidator.validate(submission, reference,
            validator.submissionProblem(submission, reference, now), now);
        for (final StatisticsValidator.RejectedStatistic rejected : figures.rejected()) {
            rejections.add(record.withValue(Rejections.ofResponse(submission, null, rejected.reason(),
                rejected.message(), record.headers(), now)));
        }
        final List<Record<String, StatisticCell>> statistics = new ArrayList<>();
        for (final StatisticCell statistic : figures.accepted()) {
            // Keyed by State: the statistics part keeps all of a State's figures in one task.
            statistics.add(new Record<>(statistic.getCountry(), statistic, eventTime, record.headers()));
        }
        return new Acceptance(cells, statistics, rejections);
    }

    static Cell toCell(final Submission submission, final Response response) {
        return Cell.newBuilder()
            .setReporterType(submission.getReporter().getType())
            .setCountry(submission.getReporter().getCountry())
            .setRecommendationId(response.getRecommendationId())
            .setStatus(response.getStatus())
            .setSubmissionId(submission.getSubmissionId())
            .setSubmittedAt(submission.getSubmittedAt())
            .setOrganisation(submission.getReporter().getOrganisation())
            .setLanguage(submission.getLanguage())
            .setMeasures(response.getMeasures())
            .setNarrative(response.getNarrative())
            .setChallenges(response.getChallenges())
            .setTechnicalAssistanceNeeded(response.getTechnicalAssistanceNeeded())
            .setExploitationForms(response.getExploitationForms())
            .setEvidence(response.getEvidence())
            .setLegislation(response.getLegislation())
            .build();
    }
}
