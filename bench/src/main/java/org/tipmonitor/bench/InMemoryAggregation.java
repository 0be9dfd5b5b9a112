package org.tipmonitor.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tipmonitor.compliance.ComplianceConfig;
import org.tipmonitor.avro.CellFootprint;
import org.tipmonitor.avro.ComplianceDelta;
import org.tipmonitor.avro.ComplianceRow;
import org.tipmonitor.avro.Dimension;
import org.tipmonitor.avro.Response;
import org.tipmonitor.avro.Submission;
import org.tipmonitor.compliance.CellKey;
import org.tipmonitor.compliance.ComplianceRows;
import org.tipmonitor.compliance.Expectations;
import org.tipmonitor.compliance.Footprints;
import org.tipmonitor.compliance.ReferenceData;
import org.tipmonitor.compliance.SubmissionFingerprint;
import org.tipmonitor.compliance.SubmissionScreen;
import org.tipmonitor.compliance.SubmissionValidator;
import org.tipmonitor.topology.channels.Topics;

/**
 * Baseline B: the compliance aggregation of the application (de-duplication, validation, latest version per cell,
 * footprints, deltas, incremental rows) in one thread over in-memory maps, with the application's own domain
 * classes, on already decoded submissions. No Kafka, no serialisation, no state stores, no history: the cost of
 * the arithmetic alone. Its final tables are also what the application's tables must end up as.
 */
final class InMemoryAggregation {

    private final ReferenceData reference;
    private final SubmissionValidator validator = new SubmissionValidator(ComplianceConfig.defaults().submittedAtRange());
    private final Map<String, String> fingerprints = new HashMap<>();
    private final Map<String, Latest> latest = new HashMap<>();
    private final Map<String, CellFootprint> index = new HashMap<>();
    private final Map<Table, Map<String, ComplianceRow>> tables = new HashMap<>();
    private long acceptedResponses;

    private record Latest(long submittedAt, String submissionId) {
    }

    InMemoryAggregation(final ReferenceData reference) {
        this.reference = reference;
        for (final Table table : Table.values()) {
            tables.put(table, new HashMap<>());
        }
    }

    /** Runs the aggregation over the submissions and returns the final tables' signatures. */
    static Result run(final List<Submission> submissions, final ReferenceData reference) {
        final InMemoryAggregation aggregation = new InMemoryAggregation(reference);
        final long now = System.currentTimeMillis();
        for (final Submission submission : submissions) {
            aggregation.accept(submission, now);
        }
        return new Result(aggregation.signatures(), aggregation.latest.size(), aggregation.acceptedResponses);
    }

    /** The final tables as signatures per row key, and the number of cells. */
    record Result(Map<Table, Map<String, String>> tables, int cells, long acceptedResponses) {
    }

    private void accept(final Submission raw, final long now) {
        final Submission submission;
        try {
            submission = SubmissionScreen.screen(raw);
        } catch (final RuntimeException rejected) {
            return;
        }
        final String fingerprint = SubmissionFingerprint.of(submission);
        if (fingerprints.putIfAbsent(submission.getSubmissionId(), fingerprint) != null) {
            return;
        }
        final SubmissionValidator.Outcome outcome = validator.validate(submission, reference, now);
        final long submittedAt = submission.getSubmittedAt().toEpochMilli();
        for (final Response response : outcome.accepted()) {
            acceptedResponses++;
            final CellKey key = new CellKey(submission.getReporter().getType(), submission.getReporter().getCountry(),
                response.getRecommendationId());
            apply(key, response, submission.getSubmissionId(), submittedAt);
        }
    }

    private void apply(final CellKey key, final Response response, final String submissionId,
                       final long submittedAt) {
        final String cellKey = key.asString();
        final Latest current = latest.get(cellKey);
        if (current != null && (submittedAt < current.submittedAt()
            || submittedAt == current.submittedAt() && submissionId.compareTo(current.submissionId()) <= 0)) {
            return;
        }
        latest.put(cellKey, new Latest(submittedAt, submissionId));
        // The app judges party status at its wall clock, as here.
        final Instant now = Instant.now();
        final CellFootprint after = Footprints.resolve(key, response.getStatus(), submissionId, submittedAt,
            reference, now);
        final CellFootprint before = index.put(cellKey, after);
        for (final ComplianceDelta delta : Footprints.diff(before, after)) {
            final Map<String, ComplianceRow> rows = tables.get(Table.of(delta.getDimension()));
            final String rowKey = CellKey.rowKey(delta.getReporterType(), delta.getKey());
            final int expected = Expectations.expected(delta.getDimension(), delta.getReporterType(),
                delta.getKey(), reference, now);
            final ComplianceRow updated = ComplianceRows.apply(rows.get(rowKey), delta, expected,
                ComplianceRows.forceOf(delta.getDimension(), delta.getKey(), reference), submittedAt);
            if (updated == null) {
                rows.remove(rowKey);
            } else {
                rows.put(rowKey, updated);
            }
        }
    }

    private Map<Table, Map<String, String>> signatures() {
        final Map<Table, Map<String, String>> result = new HashMap<>();
        tables.forEach((table, rows) -> {
            final Map<String, String> signatures = new HashMap<>();
            rows.forEach((key, row) -> signatures.put(key, signature(row)));
            result.put(table, signatures);
        });
        return result;
    }

    /** What must match between two copies of a row: everything but the time it was last updated. */
    static String signature(final ComplianceRow row) {
        return row.getExpected() + "/" + row.getReported() + "/" + row.getReportedByParties() + "/" + row.getCounts()
            + "/" + row.getLastSubmittedAt();
    }

    /** The four compliance tables (regions and sub-regions share one). */
    enum Table {
        RECOMMENDATION(Topics.COMPLIANCE_BY_RECOMMENDATION.name()),
        COUNTRY(Topics.COMPLIANCE_BY_COUNTRY.name()),
        REGION(Topics.COMPLIANCE_BY_REGION.name()),
        THEME(Topics.COMPLIANCE_BY_THEME.name());

        final String topic;

        Table(final String topic) {
            this.topic = topic;
        }

        static Table of(final Dimension dimension) {
            return switch (dimension) {
                case RECOMMENDATION -> RECOMMENDATION;
                case COUNTRY -> COUNTRY;
                case REGION, SUBREGION -> REGION;
                default -> THEME;
            };
        }
    }
}
