package org.tipmonitor.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.tipmonitor.avro.Response;
import org.tipmonitor.avro.Submission;
import org.tipmonitor.compliance.PersonalDataScreen;
import org.tipmonitor.json.AvroJson;
import org.tipmonitor.json.AvroJsonException;

/**
 * Turns the body of {@code POST /api/v1/submissions} into the Submission the gateway writes: the reporter is the
 * token's, never the body's; a body that claims to be another reporter is refused rather than silently corrected
 * (a client that believes it reports for France must learn that its token says otherwise); a missing
 * {@code submittedAt} is stamped with the server's clock. The limits come first, before any work in proportion to
 * the body: nesting depth, then the number of responses; then each free-text value's length and personal data
 * ({@link PersonalDataScreen}), each refused naming its field. Pure: no I/O.
 */
public final class SubmissionIntake {

    private final Clock clock;
    private final ApiSettings limits;

    public SubmissionIntake(final Clock clock) {
        this(clock, ApiSettings.defaults());
    }

    /**
     * The accepted submittedAt range is not checked here: the gateway's validator (the topology's, with the same
     * {@code SubmittedAtRange}) reports it with the submission's other problems.
     *
     * @param limits the request limits
     */
    public SubmissionIntake(final Clock clock, final ApiSettings limits) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * @throws AvroJsonException (400) when the body is not JSON or does not fit the Submission schema
     * @throws ApiException      (400) beyond a limit, with a NUL character or personal data, naming the field;
     *                           (403) when the body claims another reporter type or country than the token's
     */
    public Submission accept(final String body, final GatewayTokens.Grant grant) {
        final String text = body == null ? "" : body;
        requireDepthAtMost(text, limits.maxJsonDepth());
        final JsonNode parsed = AvroJson.parse(text);
        if (!parsed.isObject()) {
            throw new AvroJsonException("", "expected a JSON object (a Submission)");
        }
        final JsonNode responses = parsed.path("responses");
        if (responses.isArray() && responses.size() > limits.maxResponses()) {
            throw ApiException.badField("responses", "at most " + limits.maxResponses()
                + " responses per submission (" + ApiSettings.MAX_RESPONSES + "), not " + responses.size()
                + "; send them in several submissions");
        }
        requireNoNul(parsed, "");
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
        requireRepresentable(accepted);
        checkFreeText(accepted);
        return accepted;
    }

    /** Counts brackets outside strings, so that a deeply nested body is refused before a parser recurses into it. */
    static void requireDepthAtMost(final String json, final int maxDepth) {
        int depth = 0;
        boolean inString = false;
        boolean escaped = false;
        for (int i = 0; i < json.length(); i++) {
            final char c = json.charAt(i);
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                if (++depth > maxDepth) {
                    throw new ApiException(400, "the JSON body is nested deeper than " + maxDepth + " levels ("
                        + ApiSettings.MAX_JSON_DEPTH + ")");
                }
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
    }

    /** The JSON escape of NUL passes the raw-body check: refuse NUL in any string or key, naming the field. */
    private static void requireNoNul(final JsonNode node, final String path) {
        if (node.isTextual() && node.textValue().indexOf('\0') >= 0) {
            throw ApiException.badField(path.isEmpty() ? "(document)" : path, "holds a NUL character");
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (field.getKey().indexOf('\0') >= 0) {
                    throw ApiException.badField(path.isEmpty() ? "(document)" : path, "a key holds a NUL character");
                }
                requireNoNul(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey());
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                requireNoNul(node.get(i), path + "[" + i + "]");
            }
        }
    }

    /** Avro stores submittedAt as epoch milliseconds: an instant beyond them would fail only when written. */
    private static void requireRepresentable(final Submission submission) {
        try {
            submission.getSubmittedAt().toEpochMilli();
        } catch (final ArithmeticException e) {
            throw ApiException.badField("submittedAt", "out of the representable range of instants: "
                + submission.getSubmittedAt());
        }
    }

    private void checkFreeText(final Submission submission) {
        final List<Response> responses = submission.getResponses();
        for (int i = 0; i < responses.size(); i++) {
            final Response response = responses.get(i);
            final String prefix = "responses[" + i + "]";
            requireLengthAtMost(prefix + ".narrative", response.getNarrative());
            requireLengthAtMost(prefix + ".challenges", response.getChallenges());
            for (int f = 0; f < response.getExploitationForms().size(); f++) {
                requireLengthAtMost(prefix + ".exploitationForms[" + f + "].description",
                    response.getExploitationForms().get(f).getDescription());
            }
            for (int e = 0; e < response.getEvidence().size(); e++) {
                requireLengthAtMost(prefix + ".evidence[" + e + "]", response.getEvidence().get(e));
            }
        }
        final List<PersonalDataScreen.Finding> personal = PersonalDataScreen.findAll(submission);
        if (!personal.isEmpty()) {
            final PersonalDataScreen.Finding first = personal.get(0);
            throw new ApiException(400, String.join("; ", personal.stream()
                .map(PersonalDataScreen.Finding::describe).toList()), first.field());
        }
    }

    private void requireLengthAtMost(final String field, final String text) {
        if (text != null && text.length() > limits.maxTextChars()) {
            throw ApiException.badField(field, "at most " + limits.maxTextChars() + " characters ("
                + ApiSettings.MAX_TEXT_CHARS + "), not " + text.length());
        }
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
