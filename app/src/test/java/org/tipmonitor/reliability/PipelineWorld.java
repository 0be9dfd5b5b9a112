package org.tipmonitor.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
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
import org.tipmonitor.topology.channels.Topics;
import org.tipmonitor.reference.Catalogue;
import org.tipmonitor.reference.Countries;
import org.tipmonitor.runtime.AppConfig;
import org.tipmonitor.runtime.EmbeddedKafkaBroker;
import org.tipmonitor.runtime.KafkaTopics;

/**
 * A real broker (in-JVM KRaft) with every topic created, and the means to feed it hostile input as an outside
 * client would: raw bytes, or Confluent-framed Avro through an in-memory registry scope shared with the
 * application instances of the test (they run in this JVM).
 */
final class PipelineWorld implements AutoCloseable {

    static final Duration DEADLINE = Duration.ofSeconds(60);

    private final EmbeddedKafkaBroker broker;
    private final String registryUrl = "mock://hostile-" + UUID.randomUUID();
    private final TipSerdes serdes = TipSerdes.create(Map.of("schema.registry.url", registryUrl));
    private final KafkaProducer<String, byte[]> producer;

    PipelineWorld(final int partitions) {
        broker = EmbeddedKafkaBroker.builder().build().start();
        try (Admin admin = broker.admin()) {
            KafkaTopics.ensure(admin, KafkaTopics.all(partitions));
        }
        final Map<String, Object> config = new HashMap<>(broker.clientConfig());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024);
        producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    TipSerdes serdes() {
        return serdes;
    }

    String registryUrl() {
        return registryUrl;
    }

    EmbeddedKafkaBroker broker() {
        return broker;
    }

    /** An instance's configuration with settings that make changes visible within a few hundred milliseconds. */
    AppConfig.Builder app(final String applicationId, final Path stateDir, final Map<String, ?> extra) {
        final Map<String, Object> overrides = new HashMap<>();
        overrides.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        overrides.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        overrides.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        overrides.putAll(extra);
        return AppConfig.builder(broker.bootstrapServers(), registryUrl, stateDir)
            .applicationId(applicationId)
            .streamsOverrides(overrides);
    }

    void publishReferenceData() {
        for (final Recommendation r : Catalogue.load().recommendations()) {
            send(Topics.RECOMMENDATIONS.name(), r.getId(),
                serdes.value(Recommendation.class).serializer().serialize(Topics.RECOMMENDATIONS.name(), r));
        }
        for (final Country c : Countries.load().countries()) {
            send(Topics.COUNTRIES.name(), c.getIso3(),
                serdes.value(Country.class).serializer().serialize(Topics.COUNTRIES.name(), c));
        }
    }

    void submit(final Submission submission) {
        send(Topics.SUBMISSIONS.name(), submission.getReporter().getCountry(), encode(submission));
    }

    byte[] encode(final Submission submission) {
        return serdes.value(Submission.class).serializer().serialize(Topics.SUBMISSIONS.name(), submission);
    }

    void send(final String topic, final String key, final byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (final Exception e) {
            throw new IllegalStateException("could not produce to " + topic, e);
        }
    }

    static Submission state(final String id, final String country, final Instant submittedAt,
                            final String recommendationId, final ImplementationStatus status) {
        return Submission.newBuilder()
            .setSubmissionId(id)
            .setReporter(Reporter.newBuilder().setType(ReporterType.STATE).setCountry(country).build())
            .setSubmittedAt(submittedAt)
            .setResponses(List.of(Response.newBuilder().setRecommendationId(recommendationId).setStatus(status)
                .build()))
            .build();
    }

    /** Every committed record of the topic so far, decoded with the deserializer of the value type. */
    <V> List<ConsumerRecord<String, V>> readAll(final String topic, final Class<V> type) {
        final Map<String, Object> config = new HashMap<>(broker.clientConfig());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        final List<ConsumerRecord<String, V>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
            new ByteArrayDeserializer())) {
            final List<org.apache.kafka.common.TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(partitions);
            final long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                && System.nanoTime() < deadline) {
                for (final ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    final V value = r.value() == null ? null
                        : type.cast(serdes.value(asAvro(type)).deserializer().deserialize(topic, r.value()));
                    out.add(new ConsumerRecord<>(r.topic(), r.partition(), r.offset(), r.timestamp(),
                        r.timestampType(), r.serializedKeySize(), r.serializedValueSize(), r.key(), value,
                        r.headers(), r.leaderEpoch()));
                }
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static <V, A extends org.apache.avro.specific.SpecificRecord> Class<A> asAvro(final Class<V> type) {
        return (Class<A>) type;
    }

    /** The last value per key of a table topic. */
    <V> Map<String, V> table(final String topic, final Class<V> type) {
        final Map<String, V> table = new HashMap<>();
        for (final ConsumerRecord<String, V> r : readAll(topic, type)) {
            if (r.value() == null) {
                table.remove(r.key());
            } else {
                table.put(r.key(), r.value());
            }
        }
        return table;
    }

    /** Polls until the condition holds; fails with the last value seen. */
    static <T> T await(final String what, final Supplier<T> probe, final Predicate<T> done) {
        final long deadline = System.nanoTime() + DEADLINE.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            last = probe.get();
            if (done.test(last)) {
                return last;
            }
            try {
                Thread.sleep(200);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("timed out after " + DEADLINE.toSeconds() + " s waiting for " + what
            + "; last seen: " + last);
    }

    @Override
    public void close() {
        producer.close();
        broker.close();
    }
}
