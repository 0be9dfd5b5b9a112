package org.tipmonitor.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipmonitor.avro.Cell;
import org.tipmonitor.avro.ComplianceRow;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.ImplementationStatus;
import org.tipmonitor.avro.Recommendation;
import org.tipmonitor.avro.Rejection;
import org.tipmonitor.avro.RejectionReason;
import org.tipmonitor.avro.Submission;
import org.tipmonitor.cli.TipMonitor;
import org.tipmonitor.compliance.TipSerdes;
import org.tipmonitor.reference.Catalogue;
import org.tipmonitor.reference.Countries;
import org.tipmonitor.runtime.AppConfig;
import org.tipmonitor.runtime.EmbeddedKafkaBroker;
import org.tipmonitor.runtime.KafkaTopics;
import org.tipmonitor.runtime.TipMonitorApp;
import org.tipmonitor.serde.ConfluentWireFormat;
import org.tipmonitor.topology.channels.Topics;

/**
 * The registry loses a schema: the running instance dead-letters every submission written with it
 * ({@code UNKNOWN_SCHEMA_ID}, raw record kept). The registry is restored and an operator replays the dead letters
 * with {@code tip-monitor rejected replay}, twice (a replay is safe to repeat, says the CLI): each submission is
 * applied once, as its cell and once in the rows, and the repeat is neither counted nor dead-lettered.
 */
@Tag("integration")
class DeadLetterReplayIT {

    private static final String ROW = "STATE|2013.10";
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @TempDir
    Path stateDir;

    @Test
    void replayingTheDeadLettersTwiceAppliesEachSubmissionOnce() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start();
             RegistryHttpServer registry = new RegistryHttpServer()) {
            final String bootstrap = broker.bootstrapServers();
            try (Admin admin = broker.admin()) {
                // One partition: a submission sent after the others is processed after them.
                KafkaTopics.ensure(admin, KafkaTopics.all(1));
            }
            final TipSerdes serdes = TipSerdes.create(Map.of("schema.registry.url", registry.url()));
            final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            final Map<String, byte[]> lostWithTheSchema = new java.util.LinkedHashMap<>();
            for (final String country : List.of("FRA", "DEU", "GBR")) {
                lostWithTheSchema.put(country, encode(serdes, PipelineWorld.state(country.toLowerCase(
                    java.util.Locale.ROOT) + "-1", country, now, "2013.10", ImplementationStatus.IMPLEMENTED)));
            }
            final int schemaId = ConfluentWireFormat.schemaId(lostWithTheSchema.get("FRA"));

            try (KafkaProducer<String, byte[]> producer = producer(bootstrap);
                 TipMonitorApp app = TipMonitorApp.start(AppConfig.builder(bootstrap, registry.url(), stateDir)
                     .applicationId("dead-letter-replay")
                     .streamsOverrides(Map.of(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100,
                         StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0))
                     .build())) {
                publishReferenceData(producer, serdes);
                assertThat(app.awaitRunning(DEADLINE)).as("Streams RUNNING").isTrue();

                registry.lose(schemaId);
                lostWithTheSchema.forEach((country, value) -> send(producer, country, value));
                final List<Rejection> deadLetters = await("three dead letters",
                    () -> deadLetters(bootstrap, serdes), letters -> letters.size() >= 3);
                assertThat(deadLetters).extracting(Rejection::getReason)
                    .containsExactly(RejectionReason.UNKNOWN_SCHEMA_ID, RejectionReason.UNKNOWN_SCHEMA_ID,
                        RejectionReason.UNKNOWN_SCHEMA_ID);

                registry.restore(schemaId);
                for (int replay = 1; replay <= 2; replay++) {
                    final StringWriter out = new StringWriter();
                    final StringWriter err = new StringWriter();
                    final int exit = TipMonitor.execute(new PrintWriter(out), new PrintWriter(err), "rejected",
                        "replay", "--reason", "UNKNOWN_SCHEMA_ID", "--bootstrap-servers", bootstrap,
                        "--schema-registry-url", registry.url());
                    assertThat(exit).as("replay %d: %s", replay, err).isZero();
                    assertThat(out.toString()).contains("replayed 3 dead letter(s) of reason UNKNOWN_SCHEMA_ID");
                }
                // Sent after both replays on the same partition: once it is counted, so is everything before it.
                send(producer, "ITA", encode(serdes, PipelineWorld.state("ita-1", "ITA", now, "2013.10",
                    ImplementationStatus.IN_PROGRESS)));
                final ComplianceRow row = await("ITA counted after the replays",
                    () -> CrashTestIT.readTable(bootstrap, Topics.COMPLIANCE_BY_RECOMMENDATION.name(), serdes,
                        ComplianceRow.class).get(ROW),
                    r -> r != null && r.getCounts().getINPROGRESS() == 1);

                assertThat(row.getReported()).as("States counted in %s", row).isEqualTo(4);
                assertThat(row.getCounts().getIMPLEMENTED()).as("IMPLEMENTED in %s", row).isEqualTo(3);
                final Map<String, Long> cellVersions = CrashTestIT.readAll(bootstrap, Topics.CELLS.name(), serdes,
                        Cell.class).stream()
                    .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
                assertThat(cellVersions).as("records per cell on tip.cells").containsExactlyInAnyOrderEntriesOf(Map.of(
                    "STATE|FRA|2013.10", 1L, "STATE|DEU|2013.10", 1L, "STATE|GBR|2013.10", 1L,
                    "STATE|ITA|2013.10", 1L));
                assertThat(deadLetters(bootstrap, serdes)).as("no dead letter for the repeated replay").hasSize(3);
            }
        }
    }

    private static List<Rejection> deadLetters(final String bootstrap, final TipSerdes serdes) {
        return CrashTestIT.readAll(bootstrap, Topics.REJECTED.name(), serdes, Rejection.class).stream()
            .map(ConsumerRecord::value).toList();
    }

    private static byte[] encode(final TipSerdes serdes, final Submission submission) {
        return serdes.value(Submission.class).serializer().serialize(Topics.SUBMISSIONS.name(), submission);
    }

    private static void publishReferenceData(final KafkaProducer<String, byte[]> producer, final TipSerdes serdes) {
        for (final Recommendation r : Catalogue.load().recommendations()) {
            producer.send(new ProducerRecord<>(Topics.RECOMMENDATIONS.name(), r.getId(),
                serdes.value(Recommendation.class).serializer().serialize(Topics.RECOMMENDATIONS.name(), r)));
        }
        for (final Country c : Countries.load().countries()) {
            producer.send(new ProducerRecord<>(Topics.COUNTRIES.name(), c.getIso3(),
                serdes.value(Country.class).serializer().serialize(Topics.COUNTRIES.name(), c)));
        }
        producer.flush();
    }

    private static void send(final KafkaProducer<String, byte[]> producer, final String key, final byte[] value) {
        try {
            producer.send(new ProducerRecord<>(Topics.SUBMISSIONS.name(), key, value)).get(30, TimeUnit.SECONDS);
        } catch (final Exception e) {
            throw new IllegalStateException("could not send " + key, e);
        }
    }

    private static KafkaProducer<String, byte[]> producer(final String bootstrap) {
        final Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    private static <T> T await(final String what, final java.util.function.Supplier<T> probe,
                               final java.util.function.Predicate<T> done) throws InterruptedException {
        final long deadline = System.nanoTime() + DEADLINE.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            last = probe.get();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("timed out after " + DEADLINE.toSeconds() + " s waiting for " + what
            + "; last seen: " + last);
    }
}
