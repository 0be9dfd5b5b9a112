package org.tipmonitor.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tipmonitor.avro.Recommendation;
import org.tipmonitor.reference.Catalogue;
import org.tipmonitor.runtime.EmbeddedKafkaBroker;
import org.tipmonitor.serde.AvroSerdes;
import org.tipmonitor.serde.ConfluentWireFormat;
import org.tipmonitor.serde.IncompatibleSchemaException;
import org.tipmonitor.serde.KafkaTopicSchemaRegistry;
import org.tipmonitor.serde.RegisteredSchema;
import org.tipmonitor.serde.SerdeConfig;
import org.tipmonitor.serde.UnknownSchemaIdException;

/** The registry kept in a compacted topic, on a real broker: durable, shared between processes, never colliding. */
@Tag("integration")
class KafkaTopicSchemaRegistryIT {

    private static EmbeddedKafkaBroker broker;

    private final String topic = "_schemas-" + UUID.randomUUID();

    @BeforeAll
    static void start() {
        broker = EmbeddedKafkaBroker.builder().build().start();
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    private static Schema thing(final int fields) {
        SchemaBuilder.FieldAssembler<Schema> assembler = SchemaBuilder.record("Thing").fields().requiredString("name");
        for (int i = 1; i < fields; i++) {
            assembler = assembler.name("f" + i).type().intType().intDefault(0);
        }
        return assembler.endRecord();
    }

    private static Schema other(final int n) {
        return SchemaBuilder.record("Other" + n).fields().requiredLong("value").endRecord();
    }

    @Test
    void whatWasRegisteredIsReadBackByAFreshRegistryWithTheSameIds() {
        final int id1;
        final int id2;
        try (KafkaTopicSchemaRegistry first = KafkaTopicSchemaRegistry.unshared(topic, broker.clientConfig())) {
            id1 = first.register("a-value", thing(1));
            id2 = first.register("a-value", thing(2));
            assertThat(first.register("b-value", thing(2))).isEqualTo(id2);
        }

        try (KafkaTopicSchemaRegistry restarted = KafkaTopicSchemaRegistry.unshared(topic, broker.clientConfig())) {
            assertThat(restarted.getById(id1)).isEqualTo(thing(1));
            assertThat(restarted.getById(id2)).isEqualTo(thing(2));
            assertThat(restarted.latest("a-value")).isEqualTo(new RegisteredSchema(id2, 2, thing(2)));
            assertThat(restarted.latest("b-value")).isEqualTo(new RegisteredSchema(id2, 1, thing(2)));
            assertThat(restarted.subjects()).containsExactly("a-value", "b-value");
            assertThat(restarted.versions("a-value")).containsExactly(1, 2);
            assertThat(restarted.register("a-value", thing(1))).isEqualTo(id1);
            assertThat(restarted.lookupId("a-value", thing(2))).isEqualTo(id2);
            assertThatThrownBy(() -> restarted.getById(id2 + 100)).isInstanceOf(UnknownSchemaIdException.class);
        }
    }

    @Test
    void theTopicIsCompactedAndHoldsOneConfluentStyleRecordPerSubjectVersion() throws Exception {
        try (KafkaTopicSchemaRegistry registry = KafkaTopicSchemaRegistry.unshared(topic, broker.clientConfig());
             Admin admin = broker.admin()) {
            registry.register("a-value", thing(1));
            registry.register("a-value", thing(1));
            final ConfigEntry policy = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC,
                topic))).all().get().values().iterator().next().get(TopicConfig.CLEANUP_POLICY_CONFIG);
            assertThat(policy.value()).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
            assertThat(admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()).hasSize(1);
        }
        final List<String> keys = TopicRecords.keys(broker, topic);
        assertThat(keys).containsExactly("{\"keytype\":\"SCHEMA\",\"subject\":\"a-value\",\"version\":1,\"magic\":1}");
    }

    @Test
    void anotherProcessSeesNewIdsWhenItMeetsThem() {
        try (KafkaTopicSchemaRegistry writer = KafkaTopicSchemaRegistry.unshared(topic, broker.clientConfig());
             KafkaTopicSchemaRegistry reader = KafkaTopicSchemaRegistry.unshared(topic, broker.clientConfig())) {
            reader.catchUp();
            final int id = writer.register("late-value", other(1));

            assertThat(reader.getById(id)).isEqualTo(other(1));
            assertThat(reader.latest("late-value").id()).isEqualTo(id);
        }
    }

    @Test
    void twoProcessesRegisteringAtOnceNeverGiveOneIdTwoSchemas() throws Exception {
        final int schemas = 8;
        final Map<Schema, Integer> idsSeenByA = new HashMap<>();
        final Map<Schema, Integer> idsSeenByB = new HashMap<>();
        final ExecutorService pool = Executors.newFixedThreadPool(2);
        try (KafkaTopicSchemaRegistry a = KafkaTopicSchemaRegistry.unshared(topic, broker.clientConfig());
             KafkaTopicSchemaRegistry b = KafkaTopicSchemaRegistry.unshared(topic, broker.clientConfig())) {
            final List<Callable<Void>> work = new ArrayList<>();
            work.add(() -> registerAll(a, schemas, idsSeenByA));
            work.add(() -> registerAll(b, schemas, idsSeenByB));
            for (final Future<Void> done : pool.invokeAll(work)) {
                done.get();
            }
            assertThat(idsSeenByA).isEqualTo(idsSeenByB);
            assertThat(new HashSet<>(idsSeenByA.values())).hasSize(2 * schemas);
            for (final Map.Entry<Schema, Integer> entry : idsSeenByA.entrySet()) {
                assertThat(a.getById(entry.getValue())).isEqualTo(entry.getKey());
                assertThat(b.getById(entry.getValue())).isEqualTo(entry.getKey());
            }
            assertThat(a.versions("shared-value")).isEqualTo(b.versions("shared-value")).hasSize(schemas);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Void registerAll(final KafkaTopicSchemaRegistry registry, final int count,
                                    final Map<Schema, Integer> ids) {
        for (int i = 1; i <= count; i++) {
            // New schemas under subjects of their own (clashing ids) and versions of one subject (clashing versions).
            ids.put(other(i), registry.register("other-" + i + "-value", other(i)));
            ids.put(thing(i), registry.register("shared-value", thing(i)));
        }
        return null;
    }

    @Test
    void incompatibleVersionsAreRefusedAndNotWritten() {
        final Schema withoutDefault = SchemaBuilder.record("Thing").fields().requiredString("name")
            .requiredInt("size").endRecord();
        try (KafkaTopicSchemaRegistry registry = KafkaTopicSchemaRegistry.unshared(topic, broker.clientConfig())) {
            registry.register("a-value", thing(1));
            assertThat(registry.isCompatible("a-value", withoutDefault)).isFalse();
            assertThatThrownBy(() -> registry.register("a-value", withoutDefault))
                .isInstanceOf(IncompatibleSchemaException.class);
        }
        assertThat(TopicRecords.keys(broker, topic)).hasSize(1);
    }

    @Test
    void registerAllWritesEveryMissingSubjectInOneTransactionWithTheIdsOneByOneWouldGive() throws Exception {
        final Schema withoutDefault = SchemaBuilder.record("Thing").fields().requiredString("name")
            .requiredInt("size").endRecord();
        final Map<String, Schema> batch = new LinkedHashMap<>();
        batch.put("a-value", thing(1));
        batch.put("b-value", thing(1));
        batch.put("c-value", thing(2));
        batch.put("d-value", thing(2));
        batch.put("e-value", other(1));
        batch.put("f-value", withoutDefault);
        final int known;
        final Map<String, Integer> ids;
        try (KafkaTopicSchemaRegistry registry = KafkaTopicSchemaRegistry.unshared(topic, broker.clientConfig());
             Admin admin = broker.admin()) {
            known = registry.register("a-value", thing(1));
            registry.register("f-value", thing(1));
            final long endBefore = endOffset(admin);

            ids = registry.registerAll(batch);

            // Four new subject versions and one commit marker: one transaction, not one per subject.
            assertThat(endOffset(admin) - endBefore).isEqualTo(5);
            assertThat(registry.registerAll(batch)).isEqualTo(ids);
            assertThat(endOffset(admin) - endBefore).isEqualTo(5);
        }
        assertThat(ids).containsOnlyKeys("a-value", "b-value", "c-value", "d-value", "e-value");
        assertThat(ids.get("a-value")).isEqualTo(known);
        assertThat(ids.get("b-value")).isEqualTo(known);
        assertThat(ids.get("c-value")).isEqualTo(ids.get("d-value")).isNotIn(known, ids.get("e-value"));
        try (KafkaTopicSchemaRegistry restarted = KafkaTopicSchemaRegistry.unshared(topic, broker.clientConfig())) {
            for (final String subject : ids.keySet()) {
                assertThat(restarted.register(subject, batch.get(subject))).isEqualTo(ids.get(subject));
            }
            assertThat(restarted.getById(ids.get("e-value"))).isEqualTo(other(1));
            assertThat(restarted.versions("f-value")).containsExactly(1);
        }
    }

    private long endOffset(final Admin admin) throws Exception {
        final TopicPartition partition = new TopicPartition(topic, 0);
        return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition).get().offset();
    }

    @Test
    void foreignRecordsInTheTopicAreIgnoredNotObeyed() {
        final int id;
        try (KafkaTopicSchemaRegistry registry = KafkaTopicSchemaRegistry.unshared(topic, broker.clientConfig())) {
            id = registry.register("a-value", thing(1));
        }
        final Map<String, Object> settings = new HashMap<>(broker.clientConfig());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(settings, new ByteArraySerializer(),
            new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, bytes("not json"), bytes("\u0000garbage")));
            // Claims the id already given to thing(1) for another schema: a reader must keep the first claim.
            producer.send(new ProducerRecord<>(topic,
                bytes("{\"keytype\":\"SCHEMA\",\"subject\":\"b-value\",\"version\":1,\"magic\":1}"),
                bytes("{\"subject\":\"b-value\",\"version\":1,\"id\":" + id + ",\"schema\":"
                    + "\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"Forged\\\",\\\"fields\\\":[]}\"}")));
            producer.send(new ProducerRecord<>(topic, bytes("{\"keytype\":\"NOOP\",\"magic\":0}"), null));
            producer.flush();
        }
        try (KafkaTopicSchemaRegistry registry = KafkaTopicSchemaRegistry.unshared(topic, broker.clientConfig())) {
            assertThat(registry.getById(id)).isEqualTo(thing(1));
            assertThat(registry.subjects()).containsExactly("a-value");
            final int next = registry.register("b-value", other(1));
            assertThat(next).isNotEqualTo(id);
            assertThat(registry.latest("b-value")).isEqualTo(new RegisteredSchema(next, 1, other(1)));
        }
    }

    @Test
    void serdesConfiguredWithAKafkaUrlShareTheTopicAndItsIds() {
        final Map<String, Object> config = new HashMap<>(broker.clientConfig());
        config.put(SerdeConfig.SCHEMA_REGISTRY_URL, KafkaTopicSchemaRegistry.URL_PREFIX + topic);
        final Serde<Recommendation> serde = AvroSerdes.value(Recommendation.class, config);
        final Recommendation recommendation = Catalogue.load().recommendations().get(0);

        final byte[] bytes = serde.serializer().serialize("tip.recommendations", recommendation);

        try (KafkaTopicSchemaRegistry other = KafkaTopicSchemaRegistry.unshared(topic, broker.clientConfig())) {
            assertThat(other.latest("tip.recommendations-value").id()).isEqualTo(ConfluentWireFormat.schemaId(bytes));
        }
        assertThat(serde.deserializer().deserialize("tip.recommendations", bytes)).isEqualTo(recommendation);
        KafkaTopicSchemaRegistry.shared(topic, broker.clientConfig()).close();
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
