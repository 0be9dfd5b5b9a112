package org.tipmonitor.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.Recommendation;
import org.tipmonitor.compliance.TipSerdes;
import org.tipmonitor.reference.Catalogue;
import org.tipmonitor.reference.Countries;
import org.tipmonitor.topology.channels.Topics;

@Tag("integration")
class ReferencePublisherIT {

    private static EmbeddedKafkaBroker broker;
    private static ReferencePublisher publisher;

    @BeforeAll
    static void start() {
        broker = EmbeddedKafkaBroker.builder().build().start();
        try (Admin admin = broker.admin()) {
            KafkaTopics.ensure(admin, KafkaTopics.all(3));
        }
        publisher = new ReferencePublisher(broker.clientConfig(),
            TipSerdes.create(Map.of("schema.registry.url", "mock://reference-publisher-it")));
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void publishesEverythingOnceThenOnlyWhatChanged() {
        final Catalogue catalogue = Catalogue.load();
        final Countries countries = Countries.load();

        final ReferencePublisher.Result first = publisher.publish(catalogue, countries);
        assertThat(first.recommendations()).isEqualTo(
            new ReferencePublisher.Counts(Topics.RECOMMENDATIONS.name(), catalogue.size(), 0, 0));
        assertThat(first.countries()).isEqualTo(
            new ReferencePublisher.Counts(Topics.COUNTRIES.name(), countries.size(), 0, 0));

        final ReferencePublisher.Result second = publisher.publish(catalogue, countries);
        assertThat(second.recommendations()).isEqualTo(
            new ReferencePublisher.Counts(Topics.RECOMMENDATIONS.name(), 0, catalogue.size(), 0));
        assertThat(second.countries()).isEqualTo(
            new ReferencePublisher.Counts(Topics.COUNTRIES.name(), 0, countries.size(), 0));
        assertThat(rawRecords(Topics.RECOMMENDATIONS.name())).hasSize(catalogue.size());

        // One recommendation reworded: exactly one record, carrying the new wording.
        final Map<String, Recommendation> reworded = new LinkedHashMap<>();
        catalogue.recommendations().forEach(r -> reworded.put(r.getId(), r));
        reworded.put("2013.10", Recommendation.newBuilder(reworded.get("2013.10"))
            .setSummaryEn("States parties should consider reviewing their legislation (reworded)").build());
        final ReferencePublisher.Counts third =
            publisher.publish(Topics.RECOMMENDATIONS.name(), Recommendation.class, reworded);
        assertThat(third).isEqualTo(new ReferencePublisher.Counts(Topics.RECOMMENDATIONS.name(), 1, catalogue.size() - 1, 0));
        final List<ConsumerRecord<String, byte[]>> afterChange = rawRecords(Topics.RECOMMENDATIONS.name());
        assertThat(afterChange).hasSize(catalogue.size() + 1);
        final ConsumerRecord<String, byte[]> last = afterChange.stream()
            .filter(r -> r.key().equals("2013.10")).reduce((a, b) -> b.offset() > a.offset() ? b : a).orElseThrow();
        final TipSerdes serdes = TipSerdes.create(Map.of("schema.registry.url", "mock://reference-publisher-it"));
        assertThat(serdes.value(Recommendation.class).deserializer().deserialize(Topics.RECOMMENDATIONS.name(), last.value())
            .getSummaryEn()).endsWith("(reworded)");

        // One country gone from the data: one tombstone, and publishing the full data again brings it back.
        final Map<String, Country> withoutFrance = new LinkedHashMap<>();
        countries.countries().forEach(c -> withoutFrance.put(c.getIso3(), c));
        withoutFrance.remove("FRA");
        assertThat(publisher.publish(Topics.COUNTRIES.name(), Country.class, withoutFrance))
            .isEqualTo(new ReferencePublisher.Counts(Topics.COUNTRIES.name(), 0, countries.size() - 1, 1));
        assertThat(rawRecords(Topics.COUNTRIES.name())).filteredOn(r -> r.key().equals("FRA"))
            .extracting(r -> r.value() == null).containsExactly(false, true);
        assertThat(publisher.publish(catalogue, countries).countries())
            .isEqualTo(new ReferencePublisher.Counts(Topics.COUNTRIES.name(), 1, countries.size() - 1, 0));
    }

    private static List<ConsumerRecord<String, byte[]>> rawRecords(final String topic) {
        final Map<String, Object> config = new HashMap<>(broker.clientConfig());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, byte[]> consumer =
                 new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertThat(System.nanoTime()).as("read %s to its end within 30 s", topic).isLessThan(deadline);
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            records.sort((a, b) -> Long.compare(a.offset(), b.offset()));
            return records;
        }
    }
}
