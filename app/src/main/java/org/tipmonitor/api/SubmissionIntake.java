package org.tipmonitor.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import org.tipmonitor.avro.Submission;
import org.tipmonitor.compliance.SubmittedAtRange;
import org.tipmonitor.compliance.ComplianceConfig;
import org.tipmonitor.json.AvroJson;
import org.tipmonitor.json.AvroJsonException;

/**
 * Turns the body of {@code POST /api/v1/submissions} into the Submission the gateway writes: the reporter is the
 * token's, never the body's; a body that claims to be another reporter is refused rather than silently corrected
 * (a client that believes it reports for France must learn that its token says otherwise); a missing
 * {@code submittedAt} is stamped with the server's clock. Pure: no I/O.
 */
public final class SubmissionIntake {

    private final Clock clock;
    private final SubmittedAtRange submittedAtRange;

    public SubmissionIntake(final Clock clock) {
        this(clock, ComplianceConfig.defaults().submittedAtRange());
    }

    /** @param submittedAtRange the submittedAt values the pipeline keeps: others are refused here at once */
    public SubmissionIntake(final Clock clock, final SubmittedAtRange submittedAtRange) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.submittedAtRange = Objects.requireNonNull(submittedAtRange, "submittedAtRange");
    }

    /**
     * @throws AvroJsonException (400) when the body is not JSON or does not fit the Submission schema
     * @throws ApiException      (403) when the body claims another reporter type or country than the token's;
     *                           (422) when its submittedAt is outside the accepted range
     */
    public Submission accept(final String body, final GatewayTokens.Grant grant) {
        final JsonNode parsed = AvroJson.parse(body == null ? "" : body);
        if (!parsed.isObject()) {
            throw new AvroJsonException("", "expected a JSON object (a Submission)");
        }
        final ObjectNode submission = ((ObjectNode) parsed).deepCopy();
        final ObjectNode reporter = reporterOf(submission);
        checkClaim(reporter, grant);
        reporter.put("type", grant.reporterType().name());
        reporter.put("country", grant.country());
        if (grant.organisation() != null) {
            reporter.put("organisation", grant.organisation());
        }
        if (!submission.has("submittedAt") || submission.get("submittedAt").isNull()) {
            submission.put("submittedAt", Instant.now(clock).truncatedTo(ChronoUnit.MILLIS).toString());
        }
        final Submission accepted = AvroJson.fromJson(submission, Submission.class);
        submittedAtRange.check(accepted.getSubmittedAt(), clock.millis()).ifPresent(violation -> {
            throw new ApiException(422, "submittedAt: " + violation.message() + " (" + violation.reason() + ")");
        });
        return accepted;
    }

    private static ObjectNode reporterOf(final ObjectNode submission) {
        final JsonNode reporter = submission.get("reporter");
        if (reporter == null || reporter.isNull()) {
            return submission.putObject("reporter");
        }
        if (!reporter.isObject()) {
            throw new AvroJsonException("reporter", "expected an object");
        }
        return (ObjectNode) reporter;
    }

    private static void checkClaim(final ObjectNode reporter, final GatewayTokens.Grant grant) {
        final JsonNode type = reporter.get("type");
        if (type != null && !type.isNull()
            && !grant.reporterType().name().equals(type.asText().trim().toUpperCase(Locale.ROOT))) {
            throw new ApiException(403, "reporter.type: this token submits for " + grant.reporterType()
                + " reporters, not " + type.asText());
        }
        final JsonNode country = reporter.get("country");
        if (country != null && !country.isNull() && !country.asText().isBlank()
            && !grant.country().equals(country.asText().trim().toUpperCase(Locale.ROOT))) {
            throw new ApiException(403, "reporter.country: this token submits for " + grant.country()
                + ", not " + country.asText());
        }
    }
}
