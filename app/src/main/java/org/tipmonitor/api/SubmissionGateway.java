package org.tipmonitor.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tipmonitor.compliance.ComplianceConfig;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.Recommendation;
import org.tipmonitor.avro.Submission;
import org.tipmonitor.compliance.InvalidSubmissionException;
import org.tipmonitor.compliance.ReferenceData;
import org.tipmonitor.compliance.SubmissionScreen;
import org.tipmonitor.compliance.SubmissionValidator;
import org.tipmonitor.topology.channels.Topics;

/**
 * {@code POST /api/v1/submissions}: authenticated intake of submissions into {@code tip.submissions}, and
 * {@code GET /api/v1/submissions/{id}}: what became of one, for its own reporter only.
 *
 * <p>Before anything is written the sender learns every problem the topology would find: the body's limits and
 * personal data ({@link SubmissionIntake}, 400 naming the field), then the topology's own checks, run here
 * synchronously with the same code ({@link SubmissionScreen}, {@link SubmissionValidator}; 422 listing every
 * problem). The validator's reference data are the instance's global stores; while they cannot be read the
 * submission is written unchecked (the topology checks it anyway, and {@code GET} tells the outcome).
 *
 * <p>The answer 202 means Kafka has the record: it is given only after the broker acknowledged the write (the
 * producer is idempotent with {@code acks=all}). Any failure to write answers 503 and claims nothing; the client
 * sends the same submission again, and the topology's de-duplication by submissionId makes that safe even when the
 * first write did land after all.
 */
public final class SubmissionGateway implements ApiModule, AutoCloseable {

    public static final String PATH = "/api/v1/submissions";

    private static final Logger LOG = LoggerFactory.getLogger(SubmissionGateway.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final BearerTokens tokens;
    private final Producer<String, Submission> producer;
    private final SubmissionIntake intake;
    private final Duration sendTimeout;
    private final Clock clock;
    private final SubmissionValidator validator;
    private final RateLimiter rateLimiter;
    private final int requestsPerMinute;
    private final SubmissionOutcomes outcomes;

    /** A gateway with the default limits and the default validator; outcomes are not tracked. */
    public SubmissionGateway(final BearerTokens tokens, final Producer<String, Submission> producer,
                             final Clock clock, final Duration sendTimeout) {
        this(tokens, producer, clock, sendTimeout, ApiSettings.defaults(),
            new SubmissionValidator(ComplianceConfig.defaults().submittedAtRange()), new SubmissionOutcomes());
    }

    /**
     * @param tokens      who may submit
     * @param producer    an idempotent producer with {@code acks=all}; the gateway closes it
     * @param clock       stamps submissions that carry no submittedAt; the validator's "now"
     * @param sendTimeout how long to wait for the broker's acknowledgement before answering 503
     * @param settings    the request limits
     * @param validator   the topology's validator, configured as the topology's
     * @param outcomes    what became of submissions ({@code GET})
     */
    public SubmissionGateway(final BearerTokens tokens, final Producer<String, Submission> producer,
                             final Clock clock, final Duration sendTimeout, final ApiSettings settings,
                             final SubmissionValidator validator, final SubmissionOutcomes outcomes) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.producer = Objects.requireNonNull(producer, "producer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.intake = new SubmissionIntake(clock, settings);
        this.sendTimeout = Objects.requireNonNull(sendTimeout, "sendTimeout");
        this.validator = Objects.requireNonNull(validator, "validator");
        this.rateLimiter = new RateLimiter(settings.requestsPerMinute());
        this.requestsPerMinute = settings.requestsPerMinute();
        this.outcomes = Objects.requireNonNull(outcomes, "outcomes");
    }

    /** The endpoint without a gateway behind it: answers 503 so that clients learn why, instead of 404. */
    public static ApiModule disabled() {
        return (app, queries) -> app.post(PATH, ctx -> {
            throw new ApiException(503, "the submission gateway is disabled: this instance has no tokens file");
        });
    }

    @Override
    public void register(final Javalin app, final StoreQueries queries) {
        final ReferenceData reference = new StoreReferenceData(queries);
        app.post(PATH, ctx -> submit(ctx, reference));
        app.get(PATH + "/{id}", this::status);
    }

    private GatewayTokens.Grant authenticate(final Context ctx) {
        final String token = RequestGuards.bearerToken(ctx);
        final GatewayTokens.Grant grant = tokens.find(token).orElseThrow(() -> {
            ctx.header("WWW-Authenticate", "Bearer");
            return new ApiException(401, "a valid bearer token is required (Authorization: Bearer <token>)");
        });
        // Keyed by the token's hash: the limiter never holds a token.
        final OptionalLong wait = rateLimiter.acquire(GatewayTokens.sha256Hex(token));
        if (wait.isPresent()) {
            throw new TooManyRequestsException(wait.getAsLong(), requestsPerMinute);
        }
        return grant;
    }

    private void submit(final Context ctx, final ReferenceData reference) {
        final GatewayTokens.Grant grant = authenticate(ctx);
        final Submission submission = screen(intake.accept(RequestGuards.body(ctx), grant));
        final boolean checked = validate(submission, reference);
        final RecordMetadata written = write(submission);
        LOG.debug("Accepted submission {} from {} {} at {}-{}@{}", submission.getSubmissionId(),
            grant.reporterType(), grant.country(), written.topic(), written.partition(), written.offset());
        ApiJson.send(ctx, 202, ApiJson.object().put("submissionId", submission.getSubmissionId())
            .put("checkedAgainstReferenceData", checked)
            .put("status", PATH + "/" + submission.getSubmissionId()));
    }

    private static Submission screen(final Submission submission) {
        try {
            return SubmissionScreen.screen(submission);
        } catch (final InvalidSubmissionException e) {
            throw new ApiException(422, e.getMessage(), (String) null);
        }
    }

    /** Every problem the topology would reject, as one 422; false when the reference data cannot be read now. */
    private boolean validate(final Submission submission, final ReferenceData reference) {
        final SubmissionValidator.Outcome outcome;
        try {
            outcome = validator.validate(submission, reference, clock.millis());
        } catch (final StoresUnavailableException e) {
            LOG.info("Submission {} written without the reference checks: {}", submission.getSubmissionId(),
                e.getMessage());
            return false;
        }
        if (outcome.rejected().isEmpty()) {
            return true;
        }
        final List<SubmissionValidator.RejectedResponse> problems = outcome.rejected();
        throw new RejectedSubmissionException(problems);
    }

    private void status(final Context ctx) {
        final GatewayTokens.Grant grant = authenticate(ctx);
        ApiJson.ok(ctx, outcomes.describe(ctx.pathParam("id"), grant));
    }

    private RecordMetadata write(final Submission submission) {
        final ProducerRecord<String, Submission> record =
            new ProducerRecord<>(Topics.SUBMISSIONS.name(), submission.getSubmissionId(), submission);
        record.headers().add(SubmissionOutcomes.RESPONSES_HEADER,
            Integer.toString(submission.getResponses().size()).getBytes(StandardCharsets.UTF_8));
        record.headers().add(SubmissionScreen.DECLARED_COUNTRY_HEADER,
            submission.getReporter().getCountry().getBytes(StandardCharsets.UTF_8));
        try {
            return producer.send(record).get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final ExecutionException e) {
            throw notAccepted(submission, e.getCause());
        } catch (final TimeoutException | KafkaException e) {
            throw notAccepted(submission, e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw notAccepted(submission, e);
        }
    }

    private static ApiException notAccepted(final Submission submission, final Throwable cause) {
        LOG.warn("Submission {} not accepted: Kafka did not acknowledge it: {}", submission.getSubmissionId(),
            String.valueOf(cause));
        return new ApiException(503, "submission " + submission.getSubmissionId()
            + " was not accepted (Kafka did not acknowledge it); send it again", cause);
    }

    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
    }

    /** 422 with every problem: {@code problems: [{recommendationId, reason, message}]}. */
    static final class RejectedSubmissionException extends ApiException {
        private static final long serialVersionUID = 1L;

        private final transient List<SubmissionValidator.RejectedResponse> problems;

        RejectedSubmissionException(final List<SubmissionValidator.RejectedResponse> problems) {
            super(422, problems.size() + " response(s) would be rejected: " + String.join("; ",
                problems.stream().map(SubmissionValidator.RejectedResponse::message).toList()), "responses");
            this.problems = List.copyOf(problems);
        }

        ArrayNode problemsJson() {
            final ArrayNode array = ApiJson.object().arrayNode();
            for (final SubmissionValidator.RejectedResponse problem : problems) {
                final ObjectNode entry = array.addObject();
                entry.put("recommendationId", problem.recommendationId());
                entry.put("reason", problem.reason().name());
                entry.put("message", problem.message());
            }
            return array;
        }
    }

    /** The validator's reference data, read from this instance's global stores. */
    private record StoreReferenceData(StoreQueries queries) implements ReferenceData {
        @Override
        public Optional<Recommendation> recommendation(final String id) {
            return queries.get(ComplianceStores.RECOMMENDATIONS, id);
        }

        @Override
        public Optional<Country> country(final String iso3) {
            return queries.get(ComplianceStores.COUNTRIES, iso3);
        }

        @Override
        public List<Recommendation> recommendations() {
            return queries.all(ComplianceStores.RECOMMENDATIONS).stream().map(row -> row.value).toList();
        }

        @Override
        public List<Country> countries() {
            return queries.all(ComplianceStores.COUNTRIES).stream().map(row -> row.value).toList();
        }
    }
}
