package org.tipmonitor.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipmonitor.avro.ImplementationStatus;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.avro.Response;
import org.tipmonitor.avro.Submission;
import org.tipmonitor.topology.channels.Topics;
import org.tipmonitor.runtime.TipMonitorApp;

/**
 * The gateway on a real broker: it refuses at once what the topology would reject (422, every problem), tells
 * each reporter what became of its own submissions, refuses personal data in every free-text field so that none of
 * it reaches any topic, and keeps the internal endpoints to instances holding the secret.
 */
@Tag("integration")
class GatewayChecksIT {

    private static final List<String> PERSONAL = List.of("maria.lopez@example.org", "+33 6 12 34 56 78",
        "passport no. 12AB34567", "X1234567");

    @TempDir
    static Path dir;

    private static ApiTestCluster cluster;
    private static TipMonitorApp app;
    private static HttpTestClient http;

    @BeforeAll
    static void start() throws Exception {
        cluster = new ApiTestCluster();
        final Path tokens = Files.writeString(dir.resolve("tokens.json"), TestTokens.file(
            TestTokens.entry("tok-fra", "STATE", "FRA"), TestTokens.entry("tok-deu", "STATE", "DEU")));
        app = ApiTestCluster.startReady(cluster.app("gateway-checks-it", dir.resolve("state")).tokensFile(tokens)
            .build());
        http = new HttpTestClient(app.httpUrl());
    }

    @AfterAll
    static void stop() {
        ApiTestCluster.closeBoth(app, cluster);
    }

    @Test
    void whatTheTopologyWouldRejectIsRefusedAtOnceWithEveryProblem() {
        final HttpTestClient.Answer answer = http.post(SubmissionGateway.PATH, "{\"submissionId\": \"bad-1\","
            + " \"responses\": [{\"recommendationId\": \"2013.99\", \"status\": \"PLANNED\"},"
            + " {\"recommendationId\": \"2013.6\", \"status\": \"PLANNED\"},"
            + " {\"recommendationId\": \"2013.10\", \"status\": \"PLANNED\"}]}", "tok-fra");
        assertThat(answer.status()).as(answer.body()).isEqualTo(422);
        final List<String> problems = new ArrayList<>();
        answer.json().path("problems").forEach(p -> problems.add(p.path("recommendationId").asText() + " "
            + p.path("reason").asText()));
        assertThat(problems).containsExactly("2013.99 UNKNOWN_RECOMMENDATION", "2013.6 NOT_ADDRESSED_TO_REPORTER");

        final HttpTestClient.Answer future = http.post(SubmissionGateway.PATH, "{\"submissionId\": \"bad-2\","
            + " \"submittedAt\": \"2099-01-01T00:00:00Z\", \"responses\": [{\"recommendationId\": \"2013.10\","
            + " \"status\": \"PLANNED\"}]}", "tok-fra");
        assertThat(future.status()).isEqualTo(422);
        assertThat(future.json().path("problems").get(0).path("reason").asText()).isEqualTo("SUBMITTED_IN_FUTURE");

        final HttpTestClient.Answer blankId = http.post(SubmissionGateway.PATH, "{\"submissionId\": \" \","
            + " \"responses\": [{\"recommendationId\": \"2013.10\", \"status\": \"PLANNED\"}]}", "tok-fra");
        assertThat(blankId.status()).isEqualTo(422);
        final HttpTestClient.Answer empty = http.post(SubmissionGateway.PATH, "{\"submissionId\": \"e\","
            + " \"responses\": []}", "tok-fra");
        assertThat(empty.status()).isEqualTo(422);
        assertThat(textInTopics(Set.of(Topics.SUBMISSIONS.name()), List.of("bad-1", "bad-2"))).isEmpty();
    }

    @Test
    void eachReporterLearnsWhatBecameOfItsOwnSubmissionsOnly() {
        final HttpTestClient.Answer accepted = http.post(SubmissionGateway.PATH, "{\"submissionId\": \"ok-1\","
            + " \"submittedAt\": \"2014-03-01T10:00:00Z\", \"responses\": ["
            + "{\"recommendationId\": \"2013.10\", \"status\": \"IN_PROGRESS\"},"
            + "{\"recommendationId\": \"2013.13\", \"status\": \"PLANNED\"}]}", "tok-fra");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.json().path("checkedAgainstReferenceData").asBoolean()).isTrue();

        final JsonNode outcome = ApiTestCluster.await("ok-1 accepted",
            () -> get("/api/v1/submissions/ok-1", "tok-fra").json(),
            body -> "ACCEPTED".equals(body.path("status").asText()));
        assertThat(outcome.path("accepted").findValuesAsText("")).isEmpty();
        assertThat(List.of(outcome.path("accepted").get(0).asText(), outcome.path("accepted").get(1).asText()))
            .containsExactlyInAnyOrder("2013.10", "2013.13");
        assertThat(outcome.path("responses").asInt()).isEqualTo(2);
        // Another State's token learns nothing: the same answer as for an id never used.
        assertThat(get("/api/v1/submissions/ok-1", "tok-deu").json().path("status").asText()).isEqualTo("PENDING");
        assertThat(get("/api/v1/submissions/ok-1", "tok-deu").json().path("accepted").size()).isZero();
        assertThat(get("/api/v1/submissions/never-sent", "tok-fra").json().path("status").asText())
            .isEqualTo("PENDING");
        assertThat(get("/api/v1/submissions/ok-1", null).status()).isEqualTo(401);

        // A direct producer's submission, partly invalid: the outcome lists each response.
        cluster.produce(Submission.newBuilder(ApiTestCluster.submission("direct-1", ReporterType.STATE, "FRA",
                Instant.parse("2014-04-01T10:00:00Z"), "2013.10", ImplementationStatus.IMPLEMENTED))
                .setResponses(List.of(
                    Response.newBuilder().setRecommendationId("2013.10").setStatus(ImplementationStatus.IMPLEMENTED)
                        .build(),
                    Response.newBuilder().setRecommendationId("2013.99").setStatus(ImplementationStatus.PLANNED)
                        .build()))
                .build(),
            Map.of(SubmissionOutcomes.RESPONSES_HEADER, "2"));
        final JsonNode partly = ApiTestCluster.await("direct-1 partly accepted",
            () -> get("/api/v1/submissions/direct-1", "tok-fra").json(),
            body -> "PARTLY_ACCEPTED".equals(body.path("status").asText()));
        assertThat(partly.path("rejected").get(0).path("recommendationId").asText()).isEqualTo("2013.99");
        assertThat(partly.path("rejected").get(0).path("reason").asText()).isEqualTo("UNKNOWN_RECOMMENDATION");
    }

    @Test
    void personalDataInEveryFreeTextFieldIsRefusedAndReachesNoTopic() {
        int n = 0;
        for (final String text : PERSONAL) {
            for (final String field : List.of("\"narrative\": \"%s\"", "\"challenges\": \"%s\"",
                "\"evidence\": [\"%s\"]",
                "\"exploitationForms\": [{\"form\": \"OTHER\", \"description\": \"%s\"}]")) {
                final HttpTestClient.Answer answer = http.post(SubmissionGateway.PATH, "{\"submissionId\": \"pd-"
                    + n++ + "\", \"responses\": [{\"recommendationId\": \"2013.10\", \"status\": \"PLANNED\", "
                    + String.format(field, text) + "}]}", "tok-fra");
                assertThat(answer.status()).as(text + " in " + field).isEqualTo(400);
                assertThat(answer.json().path("field").asText()).startsWith("responses[0].");
                assertThat(answer.body()).doesNotContain(text);
            }
        }
        // A direct producer's copy of the same text: rejected, and copied into no topic the system writes.
        cluster.produce(List.of(Submission.newBuilder(ApiTestCluster.submission("pd-direct", ReporterType.STATE,
                "FRA", Instant.parse("2014-04-01T10:00:00Z"), "2013.10", ImplementationStatus.PLANNED))
            .setResponses(List.of(Response.newBuilder().setRecommendationId("2013.10")
                .setStatus(ImplementationStatus.PLANNED).setNarrative(String.join(" ", PERSONAL)).build()))
            .build()));
        ApiTestCluster.await("pd-direct rejected", () -> textInTopics(Set.of(), List.of("pd-direct")),
            found -> found.contains(Topics.REJECTED.name()));
        // tip.submissions holds what the producer wrote, and the repartition topic its copy until purged.
        final List<String> found = textInTopics(Set.of(Topics.SUBMISSIONS.name()), PERSONAL);
        assertThat(found).allMatch(topic -> topic.endsWith("-repartition"));
        assertThat(found).noneMatch(topic -> topic.equals(Topics.REJECTED.name()) || topic.equals(Topics.CELLS.name())
            || topic.endsWith("-changelog"));
    }

    @Test
    void internalEndpointsNeedTheSecretAndAnUnknownStoreIs404() throws Exception {
        final HttpClient client = HttpClient.newHttpClient();
        final String base = app.httpUrl() + "/internal/v1/stores/";
        final HttpResponse<String> noSecret = client.send(HttpRequest.newBuilder(URI.create(base
            + "compliance-by-country/rows")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noSecret.statusCode()).isEqualTo(401);
        final HttpResponse<String> rows = client.send(HttpRequest.newBuilder(URI.create(base
                + "compliance-by-country/rows")).header(InternalSecret.HEADER, ApiTestCluster.INTERNAL_SECRET).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(rows.statusCode()).isEqualTo(200);
        final HttpResponse<String> unknown = client.send(HttpRequest.newBuilder(URI.create(base
                + "no-such-store/value?key=x")).header(InternalSecret.HEADER, ApiTestCluster.INTERNAL_SECRET).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
        assertThat(unknown.body()).contains("requestId").doesNotContain("Exception");
    }

    private static HttpTestClient.Answer get(final String path, final String token) {
        try {
            final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.httpUrl() + path));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            final HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofString());
            return new HttpTestClient.Answer(response.statusCode(), response.body(), response);
        } catch (final Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The topics (all of them, internal ones included, but {@code except}) holding any of the texts. */
    private static List<String> textInTopics(final Set<String> except, final List<String> texts) {
        final List<String> found = new ArrayList<>();
        try (Admin admin = Admin.create(cluster.clientConfig())) {
            final Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(false)).names()
                .get();
            final Map<String, Object> settings = new HashMap<>(cluster.clientConfig());
            settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings,
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                final List<TopicPartition> partitions = new ArrayList<>();
                for (final String topic : topics) {
                    if (!except.contains(topic)) {
                        for (final PartitionInfo info : consumer.partitionsFor(topic)) {
                            partitions.add(new TopicPartition(topic, info.partition()));
                        }
                    }
                }
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                final Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                    for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                        final String value = record.value() == null ? ""
                            : new String(record.value(), StandardCharsets.UTF_8);
                        if (texts.stream().anyMatch(value::contains) && !found.contains(record.topic())) {
                            found.add(record.topic());
                        }
                    }
                }
            }
        } catch (final Exception e) {
            throw new IllegalStateException("could not read the topics", e);
        }
        return found;
    }
}
