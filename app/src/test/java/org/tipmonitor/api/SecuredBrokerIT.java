package org.tipmonitor.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.UnsupportedSaslMechanismException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipmonitor.avro.ImplementationStatus;
import org.tipmonitor.avro.Rejection;
import org.tipmonitor.avro.RejectionReason;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.avro.Submission;
import org.tipmonitor.compliance.TipSerdes;
import org.tipmonitor.topology.channels.Topics;
import org.tipmonitor.runtime.KafkaAcls;
import org.tipmonitor.runtime.KafkaPrincipals;
import org.tipmonitor.runtime.ReferencePublisher;
import org.tipmonitor.reference.Catalogue;
import org.tipmonitor.reference.Countries;
import org.tipmonitor.runtime.TipMonitorApp;

/**
 * The application on a secured embedded broker (SASL/SCRAM-SHA-512, StandardAuthorizer, no access without a grant):
 * it works under its own ACLs; a user without a grant can neither read nor write; the gateway user cannot write an
 * output topic; a State user cannot submit for another State; an anonymous, wrongly authenticated or PLAIN client is
 * refused.
 */
@Tag("integration")
class SecuredBrokerIT {

    private static final String APPLICATION_ID = "secured-it";
    private static final String NO_GRANT = "nobody";

    @TempDir
    static Path dir;

    private static KafkaPrincipals users;
    private static ApiTestCluster cluster;
    private static TipMonitorApp app;
    private static HttpTestClient http;
    private static TipSerdes serdes;

    @BeforeAll
    static void start() throws Exception {
        users = KafkaPrincipals.create(List.of("FRA", "DEU"), List.of(NO_GRANT));
        cluster = new ApiTestCluster(users);
        try (Admin admin = cluster.broker().admin()) {
            KafkaAcls.apply(admin, APPLICATION_ID, users);
        }
        final Path tokens = Files.writeString(dir.resolve("tokens.json"),
            TestTokens.file(TestTokens.entry("tok-fra", "STATE", "FRA")));
        app = ApiTestCluster.startReady(cluster.app(APPLICATION_ID, dir.resolve("state")).tokensFile(tokens).build());
        http = new HttpTestClient(app.httpUrl());
        serdes = TipSerdes.create(Map.of("schema.registry.url", registryUrl()));
    }

    /** The test cluster's in-memory registry scope, shared with the application in this JVM. */
    private static String registryUrl() {
        return cluster.app("x", dir).build().schemaRegistryUrl();
    }

    @AfterAll
    static void stop() {
        ApiTestCluster.closeBoth(app, cluster);
    }

    @Test
    void theApplicationWorksUnderItsAclsFromAStateProducerAndItsGateway() throws Exception {
        send(KafkaPrincipals.stateUser("FRA"), Topics.SUBMISSIONS.name(), submission("sec-fra-1", "FRA", "2013.10"));
        // The cell itself, not FRA's count: other tests of this class (in an order JUnit does not promise) add
        // FRA cells of their own to the same application.
        ApiTestCluster.await("FRA's 2013.10 applied", () -> http.get("/api/v1/countries/FRA/recommendations/2013.10")
            .body(), body -> body.contains("\"sec-fra-1\""));

        final HttpTestClient.Answer viaGateway = http.post(SubmissionGateway.PATH, "{\"submissionId\": \"sec-gw-1\","
            + " \"submittedAt\": \"2014-05-01T10:00:00Z\", \"responses\": [{\"recommendationId\": \"2013.13\","
            + " \"status\": \"PLANNED\"}]}", "tok-fra");
        assertThat(viaGateway.status()).as(viaGateway.body()).isEqualTo(202);
        ApiTestCluster.await("sec-gw-1 accepted", () -> authorisedGet("/api/v1/submissions/sec-gw-1"),
            body -> "ACCEPTED".equals(body.path("status").asText()));
    }

    @Test
    void aStateUserCannotSubmitForAnotherState() throws Exception {
        send(KafkaPrincipals.stateUser("FRA"), Topics.SUBMISSIONS.name(), submission("sec-forged-1", "DEU", "2013.10"));
        final List<Rejection> rejections = ApiTestCluster.await("the forged submission dead-lettered",
            () -> readAll(KafkaPrincipals.READER, Topics.REJECTED.name()),
            found -> found.stream().anyMatch(r -> r.getReason() == RejectionReason.REPORTER_NOT_AUTHORISED));
        assertThat(rejections).filteredOn(r -> r.getReason() == RejectionReason.REPORTER_NOT_AUTHORISED)
            .allSatisfy(r -> assertThat(r.getMessage()).contains("DEU").contains("FRA"));
        assertThat(http.get("/api/v1/countries/DEU").json().path("compliance").isNull()).isTrue();
    }

    @Test
    void aUserWithoutAGrantCanNeitherWriteNorRead() {
        assertThatThrownBy(() -> send(NO_GRANT, Topics.SUBMISSIONS.name(), submission("x", "FRA", "2013.10")))
            .hasCauseInstanceOf(AuthorizationException.class);
        assertThatThrownBy(() -> send(NO_GRANT, Topics.RECOMMENDATIONS.name(), submission("x", "FRA", "2013.10")))
            .hasCauseInstanceOf(AuthorizationException.class);
        for (final String topic : List.of(Topics.CELLS.name(), Topics.SUBMISSIONS.name(), Topics.REJECTED.name())) {
            assertThatThrownBy(() -> readAll(NO_GRANT, topic)).as(topic)
                .isInstanceOf(AuthorizationException.class);
        }
    }

    @Test
    void theGatewayUserWritesSubmissionsButNoOutputTopic() throws Exception {
        send(KafkaPrincipals.GATEWAY, Topics.SUBMISSIONS.name(), submission("sec-gw-user-1", "FRA", "2013.16"));
        for (final String output : List.of(Topics.CELLS.name(), Topics.COMPLIANCE_BY_COUNTRY.name(), Topics.REJECTED.name(),
            Topics.ALERTS.name(), APPLICATION_ID + "-cells-changelog")) {
            assertThatThrownBy(() -> send(KafkaPrincipals.GATEWAY, output, submission("forged", "FRA", "2013.10")))
                .as(output).hasCauseInstanceOf(AuthorizationException.class);
        }
        assertThatThrownBy(() -> readAll(KafkaPrincipals.GATEWAY, Topics.SUBMISSIONS.name()))
            .isInstanceOf(AuthorizationException.class);
        // The reader reads outputs and writes nothing.
        assertThatThrownBy(() -> send(KafkaPrincipals.READER, Topics.SUBMISSIONS.name(), submission("r", "FRA", "2013.10")))
            .hasCauseInstanceOf(AuthorizationException.class);
    }

    @Test
    void theGatewayUserLoadsTheReferenceDataAgainSendingOnlyWhatChanged() {
        // The topics already hold the reference data (the cluster published it): the loader reads it to compare.
        final ReferencePublisher.Result result = new ReferencePublisher(
            cluster.broker().clientConfigOf(KafkaPrincipals.GATEWAY), serdes).publish(Catalogue.load(), Countries.load());
        assertThat(result.recommendations().sent()).as(result.toString()).isZero();
        assertThat(result.recommendations().unchanged()).isEqualTo(Catalogue.load().recommendations().size());
        assertThat(result.countries().sent()).as(result.toString()).isZero();
    }

    @Test
    void anonymousAndWronglyAuthenticatedClientsAreRefused() {
        final Map<String, Object> anonymous = new HashMap<>();
        anonymous.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        anonymous.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000);
        anonymous.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
        try (Admin admin = Admin.create(anonymous)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS))
                .isInstanceOfAny(ExecutionException.class, java.util.concurrent.TimeoutException.class);
        }
        final Map<String, Object> wrongPassword = new HashMap<>(anonymous);
        wrongPassword.putAll(users.clientConfig(KafkaPrincipals.READER));
        assertThat(wrongPassword).containsEntry("sasl.mechanism", "SCRAM-SHA-512");
        wrongPassword.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"reader\" password=\"guess\";");
        try (Admin admin = Admin.create(wrongPassword)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void plainIsRefusedOnTheClientListenerEvenWithTheRightPassword() throws Exception {
        final Map<String, Object> scram = cluster.broker().clientConfigOf(KafkaPrincipals.ADMIN);
        final String jaas = (String) scram.get("sasl.jaas.config");
        assertThat(jaas).startsWith("org.apache.kafka.common.security.scram.ScramLoginModule ");
        try (Admin admin = Admin.create(scram)) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains(Topics.SUBMISSIONS.name());
        }
        final Map<String, Object> plain = new HashMap<>(scram);
        plain.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000);
        plain.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
        plain.put("sasl.mechanism", "PLAIN");
        plain.put("sasl.jaas.config", jaas.replace("org.apache.kafka.common.security.scram.ScramLoginModule",
            "org.apache.kafka.common.security.plain.PlainLoginModule"));
        try (Admin admin = Admin.create(plain)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(UnsupportedSaslMechanismException.class);
        }
    }

    private static Submission submission(final String id, final String country, final String recommendation) {
        return ApiTestCluster.submission(id, ReporterType.STATE, country, Instant.parse("2014-03-01T10:00:00Z"),
            recommendation, ImplementationStatus.IN_PROGRESS);
    }

    private static JsonNode authorisedGet(final String path) {
        try {
            final java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(app.httpUrl() + path))
                    .header("Authorization", "Bearer tok-fra").build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
            return org.tipmonitor.json.AvroJson.parse(response.body());
        } catch (final Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends as the user; the send's failure is rethrown as an ExecutionException with Kafka's cause. */
    private static void send(final String user, final String topic, final Submission submission) throws Exception {
        final Map<String, Object> config = cluster.broker().clientConfigOf(user);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        try (KafkaProducer<String, Submission> producer = new KafkaProducer<>(config, new StringSerializer(),
            serdes.value(Submission.class).serializer())) {
            producer.send(new ProducerRecord<>(topic, submission.getSubmissionId(), submission))
                .get(30, TimeUnit.SECONDS);
        } catch (final org.apache.kafka.common.KafkaException e) {
            throw new ExecutionException(e);
        }
    }

    /** Every record of a topic, read as the user (with a group of the reader's prefix). */
    private static List<Rejection> readAll(final String user, final String topic) {
        final Map<String, Object> config = cluster.broker().clientConfigOf(user);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, KafkaAcls.READER_GROUP_PREFIX + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        final List<Rejection> rejections = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            final long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < deadline) {
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (Topics.REJECTED.name().equals(topic)) {
                        rejections.add(serdes.value(Rejection.class).deserializer().deserialize(topic,
                            record.value()));
                    }
                }
            }
        }
        return rejections;
    }
}
