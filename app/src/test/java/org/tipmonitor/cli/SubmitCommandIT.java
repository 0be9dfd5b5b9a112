package org.tipmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipmonitor.avro.Submission;
import org.tipmonitor.compliance.TipSerdes;
import org.tipmonitor.json.AvroJson;
import org.tipmonitor.runtime.EmbeddedKafkaBroker;
import org.tipmonitor.runtime.KafkaTopics;
import org.tipmonitor.topology.channels.Topics;

/** {@code submit} and {@code load-reference} against a real broker. */
@Tag("integration")
class SubmitCommandIT {

    /** The in-memory registry is per JVM and scope: the test reads with the same scope the command wrote with. */
    private static final String REGISTRY = "mock://submit-command-it";

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void start() {
        broker = EmbeddedKafkaBroker.builder().build().start();
        try (Admin admin = broker.admin()) {
            KafkaTopics.ensure(admin, KafkaTopics.all(3));
        }
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void submitSendsEveryValidLineKeyedByIdAndReportsTheBadOnes(@TempDir final Path dir) throws IOException {
        final Path file = dir.resolve("s.jsonl");
        final List<Submission> valid = List.of(
            TipMonitorTest.submission("FRA-IT-1", "FRA"),
            TipMonitorTest.submission("NGA-IT-1", "NGA"),
            TipMonitorTest.submission("JPN-IT-1", "JPN"));
        Files.write(file, List.of(
            AvroJson.toJsonString(valid.get(0)),
            "{\"submissionId\": \"x\", \"reporter\": {\"type\": \"STATE\"}, \"submittedAt\": \"yesterday\","
                + " \"responses\": []}",
            "",
            AvroJson.toJsonString(valid.get(1)),
            AvroJson.toJsonString(valid.get(2))), StandardCharsets.UTF_8);

        final TipMonitorTest.Run run = TipMonitorTest.run("submit", file.toString(),
            "--bootstrap-servers", broker.bootstrapServers(), "--schema-registry-url", REGISTRY);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).singleElement().asString().startsWith("line 2: submittedAt");
        assertThat(run.out()).contains("4 submissions, 3 sent, 1 invalid, 0 failed");

        final List<ConsumerRecord<String, byte[]>> records = readAll(Topics.SUBMISSIONS.name());
        final var deserializer = TipSerdes.create(Map.of("schema.registry.url", REGISTRY))
            .value(Submission.class).deserializer();
        final Map<String, Submission> byKey = new HashMap<>();
        for (final ConsumerRecord<String, byte[]> record : records) {
            byKey.put(record.key(), deserializer.deserialize(record.topic(), record.value()));
        }
        assertThat(byKey).containsOnlyKeys("FRA-IT-1", "NGA-IT-1", "JPN-IT-1");
        for (final Submission submission : valid) {
            assertThat(byKey.get(submission.getSubmissionId())).isEqualTo(submission);
        }
    }

    @Test
    void loadReferencePrintsCountsAndSendsNothingTheSecondTime() {
        final String[] args = {"load-reference", "--bootstrap-servers", broker.bootstrapServers(),
            "--schema-registry-url", REGISTRY};
        final TipMonitorTest.Run first = TipMonitorTest.run(args);
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("tip.recommendations: 44 sent, 0 unchanged, 0 removed")
            .contains("tip.countries: 196 sent, 0 unchanged, 0 removed");

        final TipMonitorTest.Run second = TipMonitorTest.run(args);
        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).contains("tip.recommendations: 0 sent, 44 unchanged, 0 removed")
            .contains("tip.countries: 0 sent, 196 unchanged, 0 removed");
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(final String topic) {
        final Map<String, Object> config = new HashMap<>(broker.clientConfig());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
            new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertThat(System.nanoTime()).as("read %s within 30 s", topic).isLessThan(deadline);
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }
}
