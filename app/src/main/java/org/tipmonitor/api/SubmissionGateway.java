package org.tipmonitor.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tipmonitor.avro.Submission;
import org.tipmonitor.topology.channels.Topics;

/**
 * {@code POST /api/v1/submissions}: authenticated intake of submissions into {@code tip.submissions}.
 *
 * <p>The answer 202 means Kafka has the record: it is given only after the broker acknowledged the write (the
 * producer is idempotent with {@code acks=all}). Any failure to write answers 503 and claims nothing; the client
 * sends the same submission again, and the topology's de-duplication by submissionId makes that safe even when the
 * first write did land after all.
 */
public final class SubmissionGateway implements ApiModule, AutoCloseable {

    public static final String PATH = "/api/v1/submissions";

    private static final Logger LOG = LoggerFactory.getLogger(SubmissionGateway.class);
    private static final String BEARER = "bearer ";
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final GatewayTokens tokens;
    private final Producer<String, Submission> producer;
    private final SubmissionIntake intake;
    private final Duration sendTimeout;

    /**
     * @param tokens      who may submit
     * @param producer    an idempotent producer with {@code acks=all}; the gateway closes it
     * @param clock       stamps submissions that carry no submittedAt
     * @param sendTimeout how long to wait for the broker's acknowledgement before answering 503
     */
    public SubmissionGateway(final GatewayTokens tokens, final Producer<String, Submission> producer,
                             final Clock clock, final Duration sendTimeout) {
        this(tokens, producer, new SubmissionIntake(clock), sendTimeout);
    }

    /** @param intake turns request bodies into submissions (reporter from the token, submittedAt range checked) */
    public SubmissionGateway(final GatewayTokens tokens, final Producer<String, Submission> producer,
                             final SubmissionIntake intake, final Duration sendTimeout) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.producer = Objects.requireNonNull(producer, "producer");
        this.intake = Objects.requireNonNull(intake, "intake");
        this.sendTimeout = Objects.requireNonNull(sendTimeout, "sendTimeout");
    }

    /** The endpoint without a gateway behind it: answers 503 so that clients learn why, instead of 404. */
    public static ApiModule disabled() {
        return (app, queries) -> app.post(PATH, ctx -> {
            throw new ApiException(503, "the submission gateway is disabled: this instance has no tokens file");
        });
    }

    @Override
    public void register(final Javalin app, final StoreQueries queries) {
        app.post(PATH, this::submit);
    }

    private void submit(final Context ctx) {
        final GatewayTokens.Grant grant = tokens.find(bearerToken(ctx)).orElseThrow(() -> {
            ctx.header("WWW-Authenticate", "Bearer");
            return new ApiException(401, "a valid bearer token is required (Authorization: Bearer <token>)");
        });
        final Submission submission = intake.accept(ctx.body(), grant);
        final RecordMetadata written = write(submission);
        LOG.debug("Accepted submission {} from {} {} at {}-{}@{}", submission.getSubmissionId(),
            grant.reporterType(), grant.country(), written.topic(), written.partition(), written.offset());
        ApiJson.send(ctx, 202, ApiJson.object().put("submissionId", submission.getSubmissionId()));
    }

    private RecordMetadata write(final Submission submission) {
        final ProducerRecord<String, Submission> record =
            new ProducerRecord<>(Topics.SUBMISSIONS.name(), submission.getSubmissionId(), submission);
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

    private static String bearerToken(final Context ctx) {
        final String header = ctx.header("Authorization");
        if (header == null || !header.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            return null;
        }
        return header.substring(BEARER.length()).trim();
    }

    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
    }
}
