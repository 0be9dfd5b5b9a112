package org.tipmonitor.compliance;

import java.util.Locale;
import org.tipmonitor.avro.RejectionReason;
import org.tipmonitor.avro.Reporter;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.avro.ReportingPeriod;
import org.tipmonitor.avro.Submission;

/** Whole-record checks, and the one normalisation every later step relies on: upper-case country codes. */
public final class SubmissionScreen {

    private SubmissionScreen() {
    }

    /**
     * The submission, normalised.
     *
     * @throws InvalidSubmissionException when the record as a whole cannot be processed
     */
    public static Submission screen(final Submission submission) {
        if (submission == null) {
            throw new InvalidSubmissionException(RejectionReason.REQUIRED_FIELD_MISSING,
                "the record has no value (a tombstone is not a submission)");
        }
        if (submission.getSubmissionId() == null || submission.getSubmissionId().isBlank()) {
            throw new InvalidSubmissionException(RejectionReason.REQUIRED_FIELD_MISSING, "submissionId is required");
        }
        final Reporter reporter = submission.getReporter();
        final ReporterType type = reporter.getType();
        final String country = reporter.getCountry() == null ? null : reporter.getCountry().trim().toUpperCase(Locale.ROOT);
        final String normalisedCountry;
        if (type == ReporterType.UNODC) {
            if (country != null && !country.isEmpty() && !Addressing.UNODC_COUNTRY.equals(country)) {
                throw new InvalidSubmissionException(RejectionReason.UNKNOWN_REPORTER,
                    "reporter.country must be empty or UNODC for a UNODC report, not " + country);
            }
            normalisedCountry = Addressing.UNODC_COUNTRY;
        } else if (Addressing.reportsOnStates(type)) {
            if (country == null || country.isEmpty()) {
                throw new InvalidSubmissionException(RejectionReason.UNKNOWN_REPORTER,
                    "reporter.country is required for a " + type + " report");
            }
            normalisedCountry = country;
        } else {
            throw new InvalidSubmissionException(RejectionReason.UNKNOWN_REPORTER,
                "reporter.type " + type + " is not a reporter kind this system tracks");
        }
        if (submission.getResponses().isEmpty() && submission.getStatistics().isEmpty()) {
            throw new InvalidSubmissionException(RejectionReason.REQUIRED_FIELD_MISSING,
                "responses or statistics must hold at least one entry");
        }
        final ReportingPeriod period = submission.getReportingPeriod();
        if (period != null && period.getTo().isBefore(period.getFrom())) {
            throw new InvalidSubmissionException(RejectionReason.INVALID_VALUE, "reportingPeriod: to "
                + period.getTo() + " is before from " + period.getFrom());
        }
        if (normalisedCountry.equals(reporter.getCountry())) {
            return submission;
        }
        return Submission.newBuilder(submission)
            .setReporter(Reporter.newBuilder(reporter).setCountry(normalisedCountry).build())
            .build();
    }
}
