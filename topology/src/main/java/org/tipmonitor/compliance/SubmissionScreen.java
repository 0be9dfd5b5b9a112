package org.tipmonitor.compliance;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.tipmonitor.avro.RejectionReason;
import org.tipmonitor.avro.Reporter;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.avro.ReportingPeriod;
import org.tipmonitor.avro.Submission;

/** Whole-record checks, and the one normalisation every later step relies on: upper-case country codes. */
public final class SubmissionScreen {

    /**
     * Record header naming the country a producer's Kafka principal may report on (set by the gateway and by the
     * producer interceptor of a State's client settings); a submission for another country is refused.
     */
    public static final String DECLARED_COUNTRY_HEADER = "tip.reporter.country";

    private SubmissionScreen() {
    }

    /**
     * Refuses a submission whose reporter country differs from the one declared in the record's
     * {@link #DECLARED_COUNTRY_HEADER}; no header, no check.
     *
     * @throws InvalidSubmissionException with REPORTER_NOT_AUTHORISED
     */
    public static void checkDeclaredCountry(final Submission screened, final Headers headers) {
        final Header declared = headers == null ? null : headers.lastHeader(DECLARED_COUNTRY_HEADER);
        if (declared == null) {
            return;
        }
        final String country = new String(declared.value(), StandardCharsets.UTF_8).trim().toUpperCase(Locale.ROOT);
        if (!country.equals(screened.getReporter().getCountry())) {
            throw new InvalidSubmissionException(RejectionReason.REPORTER_NOT_AUTHORISED,
                "reporter.country " + screened.getReporter().getCountry() + ": this producer may submit for "
                    + country + " only");
        }
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
