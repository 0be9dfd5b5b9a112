package org.tipmonitor.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tipmonitor.avro.ImplementationStatus.IMPLEMENTED;
import static org.tipmonitor.avro.ImplementationStatus.IN_PROGRESS;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipmonitor.avro.ComplianceRow;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.Recommendation;
import org.tipmonitor.avro.Rejection;
import org.tipmonitor.avro.RejectionReason;
import org.tipmonitor.avro.Submission;
import org.tipmonitor.runtime.EmbeddedKafkaBroker;
import org.tipmonitor.runtime.KafkaTopics;
import org.tipmonitor.testing.Fixtures;
import org.tipmonitor.topology.StreamsSettings;
import org.tipmonitor.topology.TipMonitorConfig;
import org.tipmonitor.topology.TipMonitorTopology;
import org.tipmonitor.topology.channels.Topics;

/**
 * The topology on a real broker with the production settings (exactly_once_v2, the dead-letter handlers): valid
 * submissions reach the tables, a poison pill reaches the dead-letter topic, read_committed consumers see both.
 */
@Tag("integration")
class ExactlyOnceOnBrokerIT {

    private static EmbeddedKafkaBroker broker;

    @TempDir
    static Path stateDir;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.builder().build().start();
        try (Admin admin = broker.admin()) {
            KafkaTopics.ensure(admin, KafkaTopics.all(2));
        }
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void tablesAndDeadLettersUnderExactlyOnce() throws Exception {
        final String registry = "mock://eos-" + UUID.randomUUID();
        final TipSerdes serdes = TipSerdes.create(Map.of("schema.registry.url", registry));
        final Map<String, Object> producerConfig = new HashMap<>(broker.clientConfig());
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
            new ByteArraySerializer())) {
            for (final Recommendation r : ComplianceWorld.RECOMMENDATIONS) {
                producer.send(new ProducerRecord<>(Topics.RECOMMENDATIONS.name(), r.getId(),
                    serdes.value(Recommendation.class).serializer().serialize(Topics.RECOMMENDATIONS.name(), r))).get();
            }
            for (final Country c : ComplianceWorld.COUNTRIES) {
                producer.send(new ProducerRecord<>(Topics.COUNTRIES.name(), c.getIso3(),
                    serdes.value(Country.class).serializer().serialize(Topics.COUNTRIES.name(), c))).get();
            }
        }

        final Properties props = new Properties();
        props.putAll(StreamsSettings.defaults());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "eos-it-" + UUID.randomUUID());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put("schema.registry.url", registry);
        assertThat(props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        try (KafkaStreams streams = new KafkaStreams(TipMonitorTopology.build(TipMonitorConfig.defaults(), serdes),
            props)) {
            streams.start();
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                new ByteArraySerializer())) {
                final Submission fra = Fixtures.state("fra-1", "FRA", "2026-01-10T09:00:00Z",
                    Fixtures.response("2013.10", IMPLEMENTED), Fixtures.response("2013.13", IN_PROGRESS));
                final Submission deu = Fixtures.state("deu-1", "DEU", "2026-01-11T09:00:00Z",
                    Fixtures.response("2013.10", IN_PROGRESS));
                producer.send(record("FRA", serdes, fra)).get();
                producer.send(new ProducerRecord<>(Topics.SUBMISSIONS.name(), "junk", "not avro".getBytes())).get();
                producer.send(record("DEU", serdes, deu)).get();
                producer.send(record("FRA", serdes, fra)).get(); // an identical redelivery
            }

            final Map<String, ComplianceRow> byRecommendation = new HashMap<>();
            final List<Rejection> rejections = new ArrayList<>();
            try (KafkaConsumer<String, ComplianceRow> rows = consumer(serdes.value(ComplianceRow.class)
                .deserializer(), Topics.COMPLIANCE_BY_RECOMMENDATION.name());
                 KafkaConsumer<String, Rejection> dead = consumer(serdes.value(Rejection.class).deserializer(),
                     Topics.REJECTED.name())) {
                final Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
                while (Instant.now().isBefore(deadline) && !(rejections.size() == 1
                    && byRecommendation.containsKey("STATE|2013.13")
                    && byRecommendation.containsKey("STATE|2013.10")
                    && byRecommendation.get("STATE|2013.10").getReported() == 2)) {
                    for (final ConsumerRecord<String, ComplianceRow> r : rows.poll(Duration.ofMillis(200))) {
                        byRecommendation.put(r.key(), r.value());
                    }
                    dead.poll(Duration.ofMillis(200)).forEach(r -> rejections.add(r.value()));
                }
            }
            assertThat(byRecommendation.get("STATE|2013.10").getReported()).isEqualTo(2);
            assertThat(byRecommendation.get("STATE|2013.10").getCounts().getIMPLEMENTED()).isEqualTo(1);
            assertThat(byRecommendation.get("STATE|2013.13").getReported()).isEqualTo(1);
            assertThat(rejections).hasSize(1);
            assertThat(rejections.get(0).getReason()).isEqualTo(RejectionReason.NOT_CONFLUENT_FRAMED);
            assertThat(new String(rejections.get(0).getRawValue().array())).isEqualTo("not avro");
            assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
        }
    }

    private static ProducerRecord<String, byte[]> record(final String key, final TipSerdes serdes,
                                                         final Submission submission) {
        return new ProducerRecord<>(Topics.SUBMISSIONS.name(), key,
            serdes.value(Submission.class).serializer().serialize(Topics.SUBMISSIONS.name(), submission));
    }

    private static <V> KafkaConsumer<String, V> consumer(
        final org.apache.kafka.common.serialization.Deserializer<V> values, final String topic) {
        final Map<String, Object> config = new HashMap<>(broker.clientConfig());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "eos-it-reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        final KafkaConsumer<String, V> consumer = new KafkaConsumer<>(config, new StringDeserializer(), values);
        consumer.subscribe(List.of(topic));
        return consumer;
    }
}
