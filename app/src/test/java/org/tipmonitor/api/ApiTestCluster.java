package org.tipmonitor.api;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.ImplementationStatus;
import org.tipmonitor.avro.Recommendation;
import org.tipmonitor.avro.Reporter;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.avro.Response;
import org.tipmonitor.avro.Submission;
import org.tipmonitor.compliance.TipSerdes;
import org.tipmonitor.reference.Catalogue;
import org.tipmonitor.reference.Countries;
import org.tipmonitor.runtime.AppConfig;
import org.tipmonitor.runtime.EmbeddedKafkaBroker;
import org.tipmonitor.runtime.KafkaPrincipals;
import org.tipmonitor.runtime.KafkaTopics;
import org.tipmonitor.runtime.TipMonitorApp;
import org.tipmonitor.topology.channels.Topics;

/**
 * The world of an API integration test: an in-JVM broker with every topic on {@value #PARTITIONS} partitions, the
 * reference data published, an in-memory schema registry scope shared by the test's producers and the
 * application instances (they run in this JVM), and the settings that make changes visible within a few hundred
 * milliseconds.
 */
final class ApiTestCluster implements AutoCloseable {

    static final int PARTITIONS = 2;
    static final Duration DEADLINE = Duration.ofSeconds(90);
    static final String INTERNAL_SECRET = "api-test-cluster-internal-secret";

    private final AutoCloseable brokers;
    private final String bootstrapServers;
    private final String registryUrl;
    private final TipSerdes serdes;
    /** The in-JVM broker when there is one (secured or not); its client settings carry the credentials. */
    private final EmbeddedKafkaBroker embedded;

    /** One in-JVM broker and an in-memory registry, for instances running in this JVM. */
    ApiTestCluster() {
        this(EmbeddedKafkaBroker.builder().build().start(), "mock://api-it-" + UUID.randomUUID());
    }

    /** One secured in-JVM broker (SASL, ACLs) with these users; the instances connect as the application's user. */
    ApiTestCluster(final KafkaPrincipals principals) {
        this(EmbeddedKafkaBroker.builder().secured(principals).build().start(), "mock://api-it-" + UUID.randomUUID());
    }

    /** A broker built by the caller, and a registry that instances in other processes can share too. */
    ApiTestCluster(final EmbeddedKafkaBroker broker, final String registryUrl) {
        this(broker.bootstrapServers(), registryUrl, broker);
    }

    /**
     * Any cluster: creates the topics (the cluster's default replication) and publishes the reference data.
     *
     * @param brokers closed with this world
     */
    ApiTestCluster(final String bootstrapServers, final String registryUrl, final AutoCloseable brokers) {
        this(bootstrapServers, registryUrl, brokers, Optional.empty());
    }

    /** As above, the topics with {@code replicationFactor} replicas (empty: the cluster's default). */
    ApiTestCluster(final String bootstrapServers, final String registryUrl, final AutoCloseable brokers,
                   final Optional<Short> replicationFactor) {
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.brokers = brokers;
        this.embedded = brokers instanceof EmbeddedKafkaBroker ? (EmbeddedKafkaBroker) brokers : null;
        this.serdes = TipSerdes.create(Map.of("schema.registry.url", registryUrl));
        try (Admin admin = Admin.create(clientConfig())) {
            KafkaTopics.ensure(admin, KafkaTopics.all(PARTITIONS, replicationFactor));
        }
        publishReferenceData();
    }

    /** An instance's configuration: a fresh application id would start from scratch, so callers pass one. */
    AppConfig.Builder app(final String applicationId, final Path stateDir) {
        final Map<String, Object> overrides = new HashMap<>();
        overrides.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        overrides.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        overrides.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        // Every instance of a test shares one secret, as a deployment's instances must.
        overrides.put(ApiSettings.INTERNAL_SECRET, INTERNAL_SECRET);
        // On a secured broker the instance connects as the application's user, under its ACLs only.
        if (embedded != null) {
            embedded.principals().ifPresent(users -> overrides.putAll(users.clientConfig(KafkaPrincipals.APP)));
        }
        return AppConfig.builder(bootstrapServers, registryUrl, stateDir)
            .applicationId(applicationId)
            .streamsOverrides(overrides);
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    String registryUrl() {
        return registryUrl;
    }


    /** The serdes of the cluster's registry, to read the topics the instances write. */
    TipSerdes serdes() {
        return serdes;
    }

    /** Settings for a client of the broker (a consumer reading an output topic), a fresh mutable map. */
    Map<String, Object> clientConfig() {
        if (embedded != null) {
            return embedded.clientConfig(); // the administrator's credentials when secured
        }
        final Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return config;
    }

    /** Produces submissions as an external client would: Confluent-framed Avro, keyed by submissionId. */
    void produce(final List<Submission> submissions) {
        try (KafkaProducer<String, Submission> producer = producer(serdes.value(Submission.class).serializer())) {
            for (final Submission submission : submissions) {
                producer.send(new ProducerRecord<>(Topics.SUBMISSIONS.name(), submission.getSubmissionId(), submission))
                    .get(30, TimeUnit.SECONDS);
            }
        } catch (final Exception e) {
            throw new IllegalStateException("could not produce submissions", e);
        }
    }

    /** The in-JVM broker of this world. */
    EmbeddedKafkaBroker broker() {
        return embedded;
    }

    /** Produces one submission with record headers, as a producer's interceptor or the gateway sets them. */
    void produce(final Submission submission, final Map<String, String> headers) {
        try (KafkaProducer<String, Submission> producer = producer(serdes.value(Submission.class).serializer())) {
            final ProducerRecord<String, Submission> record =
                new ProducerRecord<>(Topics.SUBMISSIONS.name(), submission.getSubmissionId(), submission);
            headers.forEach((name, value) -> record.headers().add(name,
                value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (final Exception e) {
            throw new IllegalStateException("could not produce a submission", e);
        }
    }

    /** An idempotent acks=all producer of submissions, Confluent-framed Avro; the caller closes it. */
    KafkaProducer<String, Submission> submissionProducer() {
        return producer(serdes.value(Submission.class).serializer());
    }

    static Submission submission(final String id, final ReporterType type, final String country,
                                 final Instant submittedAt, final String recommendationId,
                                 final ImplementationStatus status) {
        return Submission.newBuilder()
            .setSubmissionId(id)
            .setReporter(Reporter.newBuilder().setType(type).setCountry(country).build())
            .setSubmittedAt(submittedAt)
            .setResponses(List.of(Response.newBuilder().setRecommendationId(recommendationId).setStatus(status)
                .build()))
            .build();
    }

    /** Closes a test class's instance (if it started) and then its cluster (if it was built). */
    static void closeBoth(final TipMonitorApp app, final ApiTestCluster cluster) {
        try {
            if (app != null) {
                app.close();
            }
        } finally {
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    /**
     * Starts an instance and returns it once it is RUNNING and its {@code /ready} answers 200, as every API test
     * needs it before its first request; an instance that does not get there is closed, not leaked.
     */
    static TipMonitorApp startReady(final AppConfig config) {
        final TipMonitorApp app = TipMonitorApp.start(config);
        try {
            if (!app.awaitRunning(DEADLINE)) {
                throw new AssertionError("the instance did not reach RUNNING within " + DEADLINE);
            }
            final HttpTestClient http = new HttpTestClient(app.httpUrl());
            await("/ready", () -> http.get("/ready").status(), status -> status == 200);
            return app;
        } catch (final RuntimeException | AssertionError e) {
            app.close();
            throw e;
        }
    }

    /** Polls until the condition holds; fails with the last value seen. */
    static <T> T await(final String what, final Supplier<T> probe, final Predicate<T> done) {
        final long deadline = System.nanoTime() + DEADLINE.toNanos();
        T last = null;
        RuntimeException lastError = null;
        while (System.nanoTime() < deadline) {
            try {
                last = probe.get();
                lastError = null;
                if (done.test(last)) {
                    return last;
                }
            } catch (final RuntimeException e) {
                lastError = e;
            }
            try {
                Thread.sleep(100);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        final AssertionError failure = new AssertionError("timed out after " + DEADLINE.toSeconds()
            + " s waiting for " + what + "; last seen: " + last);
        if (lastError != null) {
            failure.initCause(lastError);
        }
        throw failure;
    }

    private void publishReferenceData() {
        final Serializer<Recommendation> recommendations = serdes.value(Recommendation.class).serializer();
        final Serializer<Country> countries = serdes.value(Country.class).serializer();
        final List<ProducerRecord<String, SpecificRecord>> records = new ArrayList<>();
        Catalogue.load().recommendations().forEach(rec ->
            records.add(new ProducerRecord<>(Topics.RECOMMENDATIONS.name(), rec.getId(), rec)));
        Countries.load().countries().forEach(country ->
            records.add(new ProducerRecord<>(Topics.COUNTRIES.name(), country.getIso3(), country)));
        final Serializer<SpecificRecord> byType = new Serializer<>() {
            @Override
            public byte[] serialize(final String topic, final SpecificRecord data) {
                return data instanceof Recommendation
                    ? recommendations.serialize(topic, (Recommendation) data)
                    : countries.serialize(topic, (Country) data);
            }
        };
        try (KafkaProducer<String, SpecificRecord> producer = producer(byType)) {
            for (final ProducerRecord<String, SpecificRecord> record : records) {
                producer.send(record);
            }
            producer.flush();
        }
    }

    private <V> KafkaProducer<String, V> producer(final Serializer<V> values) {
        final Map<String, Object> config = clientConfig();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(config, new StringSerializer(), values);
    }

    @Override
    public void close() {
        try {
            brokers.close();
        } catch (final Exception e) {
            throw new IllegalStateException("could not stop the brokers", e);
        }
    }
}
