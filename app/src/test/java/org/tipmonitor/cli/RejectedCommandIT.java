package org.tipmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tipmonitor.avro.Rejection;
import org.tipmonitor.avro.RejectionReason;
import org.tipmonitor.avro.Submission;
import org.tipmonitor.compliance.TipSerdes;
import org.tipmonitor.topology.channels.Topics;
import org.tipmonitor.runtime.EmbeddedKafkaBroker;
import org.tipmonitor.runtime.KafkaTopics;

/** {@code rejected list} and {@code rejected replay} against dead letters on a real broker. */
@Tag("integration")
class RejectedCommandIT {

    private static final String REGISTRY = "kafka://_schemas";
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private static EmbeddedKafkaBroker broker;
    private static byte[] fraBytes;
    private static byte[] ngaBytes;

    @BeforeAll
    static void start() {
        broker = EmbeddedKafkaBroker.builder().build().start();
        try (Admin admin = broker.admin()) {
            KafkaTopics.ensure(admin, KafkaTopics.all(3));
        }
        final Map<String, Object> registry = new HashMap<>(broker.clientConfig());
        registry.put("schema.registry.url", REGISTRY);
        final TipSerdes serdes = TipSerdes.create(registry);
        fraBytes = serdes.value(Submission.class).serializer().serialize(Topics.SUBMISSIONS.name(),
            TipMonitorTest.submission("FRA-R-1", "FRA"));
        ngaBytes = serdes.value(Submission.class).serializer().serialize(Topics.SUBMISSIONS.name(),
            TipMonitorTest.submission("NGA-R-1", "NGA"));
        try (KafkaProducer<String, Rejection> producer = new KafkaProducer<>(broker.clientConfig(),
            new StringSerializer(), serdes.value(Rejection.class).serializer())) {
            producer.send(new ProducerRecord<>(Topics.REJECTED.name(), "FRA-R-1", rejection(RejectionReason.UNKNOWN_SCHEMA_ID,
                "FRA-R-1", fraBytes, NOW.minus(Duration.ofHours(2)))));
            producer.send(new ProducerRecord<>(Topics.REJECTED.name(), "NGA-R-1", rejection(RejectionReason.UNKNOWN_SCHEMA_ID,
                "NGA-R-1", ngaBytes, NOW)));
            producer.send(new ProducerRecord<>(Topics.REJECTED.name(), "x", rejection(RejectionReason.NOT_CONFLUENT_FRAMED,
                null, "garbage".getBytes(StandardCharsets.UTF_8), NOW)));
            producer.send(new ProducerRecord<>(Topics.REJECTED.name(), "JPN-R-1", rejection(RejectionReason.UNKNOWN_SCHEMA_ID,
                "JPN-R-1", null, NOW)));
            producer.flush();
        }
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    private static Rejection rejection(final RejectionReason reason, final String submissionId, final byte[] raw,
                                       final Instant at) {
        return Rejection.newBuilder().setReason(reason).setMessage("test " + reason).setSubmissionId(submissionId)
            .setSourceTopic(Topics.SUBMISSIONS.name()).setSourcePartition(0).setSourceOffset(7L)
            .setRawKey(raw == null ? null : ByteBuffer.wrap(submissionId == null ? new byte[] {1}
                : submissionId.getBytes(StandardCharsets.UTF_8)))
            .setRawValue(raw == null ? null : ByteBuffer.wrap(raw))
            .setRejectedAt(at).build();
    }

    private static String[] args(final String... more) {
        final List<String> args = new ArrayList<>(List.of(more));
        args.addAll(List.of("--bootstrap-servers", broker.bootstrapServers(), "--schema-registry-url", REGISTRY));
        return args.toArray(String[]::new);
    }

    @Test
    void listsByReasonAndTime() {
        final TipMonitorTest.Run byReason = TipMonitorTest.run(args("rejected", "list", "--reason",
            "UNKNOWN_SCHEMA_ID"));
        assertThat(byReason.exitCode()).as(byReason.err()).isZero();
        assertThat(byReason.out()).contains("FRA-R-1", "NGA-R-1", "JPN-R-1").doesNotContain("NOT_CONFLUENT_FRAMED  ")
            .contains("3 dead letter(s): {UNKNOWN_SCHEMA_ID=3}");

        final TipMonitorTest.Run recent = TipMonitorTest.run(args("rejected", "list", "--since",
            NOW.minus(Duration.ofHours(1)).toString()));
        assertThat(recent.exitCode()).as(recent.err()).isZero();
        assertThat(recent.out()).doesNotContain("FRA-R-1")
            .contains("3 dead letter(s): {NOT_CONFLUENT_FRAMED=1, UNKNOWN_SCHEMA_ID=2}");
    }

    @Test
    void replaySendsTheRawRecordsOfTheReasonBackToTheSubmissions() {
        final long before = submissions().size();

        final TipMonitorTest.Run replay = TipMonitorTest.run(args("rejected", "replay", "--reason",
            "UNKNOWN_SCHEMA_ID"));

        assertThat(replay.exitCode()).as(replay.err()).isZero();
        assertThat(replay.out()).contains("replayed 2 dead letter(s) of reason UNKNOWN_SCHEMA_ID")
            .contains("skipped 1 per-response rejection(s)");
        final List<ConsumerRecord<byte[], byte[]>> after = submissions();
        assertThat(after).hasSize((int) before + 2);
        assertThat(after).filteredOn(r -> r.key() != null && new String(r.key(), StandardCharsets.UTF_8)
                .endsWith("-R-1"))
            .extracting(ConsumerRecord::value).containsExactlyInAnyOrder(fraBytes, ngaBytes);
    }

    private static List<ConsumerRecord<byte[], byte[]>> submissions() {
        final Map<String, Object> config = new HashMap<>(broker.clientConfig());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(Topics.SUBMISSIONS.name()).stream()
                .map(p -> new TopicPartition(Topics.SUBMISSIONS.name(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }
}
