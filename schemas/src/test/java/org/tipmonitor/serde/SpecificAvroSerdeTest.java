package org.tipmonitor.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tipmonitor.avro.ImplementationStatus;
import org.tipmonitor.avro.RejectionReason;
import org.tipmonitor.avro.Submission;

class SpecificAvroSerdeTest {

    private static final String TOPIC = "tip.submissions";

    private final String scope = "serde-test-" + UUID.randomUUID();
    private final Map<String, Object> config = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, SerdeConfig.MOCK_URL_PREFIX + scope);

    @AfterEach
    void dropScope() {
        InMemorySchemaRegistry.dropScope(scope);
    }

    static List<SpecificRecord> allRecordTypes() {
        return SampleRecords.all();
    }

    @ParameterizedTest
    @MethodSource("allRecordTypes")
    void roundTripsEveryTopLevelRecordTypeThroughSeparatelyConfiguredSerdes(final SpecificRecord record) {
        final byte[] bytes = serde(record).serializer().serialize(TOPIC, record);
        // A second serde configured with the same mock:// URL must see the schema the first registered.
        final SpecificRecord read = serde(record).deserializer().deserialize(TOPIC, bytes);

        assertThat(read).isEqualTo(record);
        assertThat(InMemorySchemaRegistry.forScope(scope).latest(TOPIC + "-value").schema())
                .isEqualTo(record.getSchema());
    }

    @SuppressWarnings("unchecked")
    private <T extends SpecificRecord> Serde<T> serde(final T record) {
        return AvroSerdes.value((Class<T>) record.getClass(), config);
    }

    @Test
    void writesMagicByteZeroThenTheSchemaIdBigEndianThenAvro() {
        final InMemorySchemaRegistry registry = InMemorySchemaRegistry.forScope(scope);
        // Push the next id past one byte so that the byte order of the id shows.
        for (int i = 0; i < 300; i++) {
            registry.register("filler-" + i, SchemaBuilder.record("Filler" + i).fields().requiredInt("n").endRecord());
        }
        final byte[] bytes = AvroSerdes.value(Submission.class, config).serializer()
                .serialize(TOPIC, SampleRecords.submission());

        assertThat(registry.lookupId(TOPIC + "-value", Submission.getClassSchema())).isEqualTo(301);
        assertThat(Arrays.copyOfRange(bytes, 0, 5)).containsExactly(0, 0, 0, 0x01, 0x2D);
        assertThat(bytes.length).isGreaterThan(5);
    }

    @Test
    void keySerdesRegisterUnderTheKeySubject() {
        final Serde<Submission> keySerde = AvroSerdes.key(Submission.class, config);
        final byte[] bytes = keySerde.serializer().serialize(TOPIC, SampleRecords.submission());

        assertThat(InMemorySchemaRegistry.forScope(scope).latest(TOPIC + "-key").id())
                .isEqualTo(ConfluentWireFormat.schemaId(bytes));
        assertThatThrownBy(() -> InMemorySchemaRegistry.forScope(scope).latest(TOPIC + "-value"))
                .isInstanceOf(SchemaNotRegisteredException.class);
    }

    @Test
    void oneSerdeIsSharedSafelyByManyThreads() throws InterruptedException, ExecutionException {
        final Serde<Submission> serde = AvroSerdes.value(Submission.class, config);
        final ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            final List<Future<Integer>> results = new ArrayList<>();
            for (int task = 0; task < 8; task++) {
                final int taskNumber = task;
                results.add(pool.submit(() -> {
                    int matches = 0;
                    for (int i = 0; i < 200; i++) {
                        final Submission sent = Submission.newBuilder(SampleRecords.submission())
                                .setSubmissionId("sub-" + taskNumber + "-" + i).build();
                        final String topic = TOPIC + "." + (i % 3);
                        if (serde.deserializer().deserialize(topic, serde.serializer().serialize(topic, sent)).equals(sent)) {
                            matches++;
                        }
                    }
                    return matches;
                }));
            }
            for (final Future<Integer> result : results) {
                assertThat(result.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        // Three topics, one schema: one id, registered under three subjects.
        assertThat(InMemorySchemaRegistry.forScope(scope).latest(TOPIC + ".2-value").id()).isEqualTo(1);
    }

    @Test
    void nullRecordsAndNullBytesAreTombstones() {
        final Serde<Submission> serde = AvroSerdes.value(Submission.class, config);

        assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
        assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
    }

    @Test
    void garbageBytesAreNotConfluentFramed() {
        final byte[] garbage = "{\"submissionId\":\"x\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        assertThatThrownBy(() -> deserialize(garbage))
                .isInstanceOf(UnknownMagicByteException.class)
                .hasMessageContaining("magic byte")
                .satisfies(e -> assertThat(((AvroSerdeException) e).reason()).isEqualTo(RejectionReason.NOT_CONFLUENT_FRAMED));
    }

    @Test
    void magicByteOneIsRejected() {
        final byte[] framed = AvroSerdes.value(Submission.class, config).serializer().serialize(TOPIC, SampleRecords.submission());
        framed[0] = 1;

        assertThatThrownBy(() -> deserialize(framed))
                .isInstanceOf(UnknownMagicByteException.class)
                .hasMessage("The payload starts with byte 1 instead of the Confluent magic byte 0.");
    }

    @Test
    void payloadsShorterThanTheFrameAreNotConfluentFramed() {
        assertThatThrownBy(() -> deserialize(new byte[] {0, 0, 1}))
                .isInstanceOf(UnknownMagicByteException.class)
                .hasMessageContaining("3 bytes")
                .satisfies(e -> assertThat(((AvroSerdeException) e).reason()).isEqualTo(RejectionReason.NOT_CONFLUENT_FRAMED));
    }

    @Test
    void unknownSchemaIdIsNamed() {
        assertThatThrownBy(() -> deserialize(new byte[] {0, 0, 0, 0x30, 0x39, 2, 4}))
                .isInstanceOf(UnknownSchemaIdException.class)
                .hasMessageContaining("Schema id 12345 ")
                .satisfies(e -> {
                    assertThat(((UnknownSchemaIdException) e).schemaId()).isEqualTo(12345);
                    assertThat(((AvroSerdeException) e).reason()).isEqualTo(RejectionReason.UNKNOWN_SCHEMA_ID);
                });
    }

    @Test
    void truncatedAvroIsMalformed() {
        final byte[] framed = AvroSerdes.value(Submission.class, config).serializer().serialize(TOPIC, SampleRecords.submission());
        final byte[] truncated = Arrays.copyOf(framed, 12);

        assertThatThrownBy(() -> deserialize(truncated))
                .isInstanceOf(MalformedAvroException.class)
                .hasMessageContaining("as a Submission written with schema id 1")
                .satisfies(e -> assertThat(((AvroSerdeException) e).reason()).isEqualTo(RejectionReason.MALFORMED_AVRO));
    }

    @Test
    void bytesOfAnotherRecordTypeAreMalformedForThisType() {
        final byte[] countryBytes = AvroSerdes.value(org.tipmonitor.avro.Country.class, config).serializer()
                .serialize("tip.countries", SampleRecords.country());

        assertThatThrownBy(() -> deserialize(countryBytes))
                .isInstanceOf(MalformedAvroException.class)
                .hasMessageContaining("org.tipmonitor.avro.Country")
                .hasMessageContaining("cannot be read as org.tipmonitor.avro.Submission");
    }

    @Test
    void incompatibleRegistrationNamesTheSubjectAndTheField() {
        final InMemorySchemaRegistry registry = InMemorySchemaRegistry.forScope(scope);
        registry.register("tip.recommendations-value", org.tipmonitor.avro.Recommendation.getClassSchema());
        final Schema paragraphAsString = new Schema.Parser().parse(org.tipmonitor.avro.Recommendation.getClassSchema()
                .toString().replace("{\"name\":\"paragraph\",\"type\":\"int\"", "{\"name\":\"paragraph\",\"type\":\"string\""));

        assertThat(registry.isCompatible("tip.recommendations-value", paragraphAsString)).isFalse();
        assertThatThrownBy(() -> registry.register("tip.recommendations-value", paragraphAsString))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining("subject 'tip.recommendations-value'")
                .hasMessageContaining("field 'paragraph' changed type");
    }

    @Test
    void withoutAutoRegistrationTheSerializerOnlyLooksUp() {
        final Map<String, Object> lookupOnly = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, SerdeConfig.MOCK_URL_PREFIX + scope,
                SerdeConfig.AUTO_REGISTER_SCHEMAS, "false");
        final Serde<Submission> serde = AvroSerdes.value(Submission.class, lookupOnly);

        assertThatThrownBy(() -> serde.serializer().serialize(TOPIC, SampleRecords.submission()))
                .isInstanceOf(SchemaNotRegisteredException.class)
                .hasMessageContaining("subject 'tip.submissions-value'");

        final int id = InMemorySchemaRegistry.forScope(scope).register(TOPIC + "-value", Submission.getClassSchema());
        assertThat(ConfluentWireFormat.schemaId(serde.serializer().serialize(TOPIC, SampleRecords.submission())))
                .isEqualTo(id);
    }

    @Test
    void useLatestVersionWritesWithTheLatestIdWhenItIsTheRecordsLayout() {
        // Registered without the avro.java.string property that the generated class carries.
        final Schema plain = new Schema.Parser().parse(Submission.getClassSchema().toString()
                .replace(",\"avro.java.string\":\"String\"", ""));
        final int id = InMemorySchemaRegistry.forScope(scope).register(TOPIC + "-value", plain);
        final Map<String, Object> latest = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, SerdeConfig.MOCK_URL_PREFIX + scope,
                SerdeConfig.AUTO_REGISTER_SCHEMAS, false, SerdeConfig.USE_LATEST_VERSION, true);

        final byte[] bytes = AvroSerdes.value(Submission.class, latest).serializer().serialize(TOPIC, SampleRecords.submission());

        assertThat(plain).isNotEqualTo(Submission.getClassSchema());
        assertThat(ConfluentWireFormat.schemaId(bytes)).isEqualTo(id);
        assertThat(deserialize(bytes)).isEqualTo(SampleRecords.submission());
    }

    @Test
    void bytesWrittenWithContractVersionOneAreReadByTheCurrentClass() throws IOException {
        final Schema v1 = new Schema.Parser().parse(Path.of("history/Submission/v1.avsc").toFile());
        final int v1Id = InMemorySchemaRegistry.forScope(scope).register(TOPIC + "-value", v1);
        final GenericRecord written = submissionV1(v1);

        final Submission read = deserialize(frame(v1Id, v1, written));

        assertThat(v1.getField("responses").schema().getElementType().getField("evidence")).isNull();
        assertThat(read.getSubmissionId()).isEqualTo("sub-v1");
        assertThat(read.getResponses()).hasSize(1);
        assertThat(read.getResponses().get(0).getRecommendationId()).isEqualTo("2013.12");
        assertThat(read.getResponses().get(0).getStatus()).isEqualTo(ImplementationStatus.IMPLEMENTED);
        assertThat(read.getResponses().get(0).getEvidence()).isEmpty();
        // The current class registers as version 2 on top of version 1: the contract is BACKWARD compatible.
        assertThat(InMemorySchemaRegistry.forScope(scope).register(TOPIC + "-value", Submission.getClassSchema()))
                .isNotEqualTo(v1Id);
        assertThat(InMemorySchemaRegistry.forScope(scope).latest(TOPIC + "-value").version()).isEqualTo(2);
    }

    static GenericRecord submissionV1(final Schema v1) {
        final Schema responseSchema = v1.getField("responses").schema().getElementType();
        final Schema reporterSchema = v1.getField("reporter").schema();
        final GenericRecord reporter = new GenericData.Record(reporterSchema);
        reporter.put("type", new GenericData.EnumSymbol(reporterSchema.getField("type").schema(), "STATE"));
        reporter.put("country", "AUT");
        final GenericRecord response = new GenericData.Record(responseSchema);
        response.put("recommendationId", "2013.12");
        response.put("status", new GenericData.EnumSymbol(responseSchema.getField("status").schema(), "IMPLEMENTED"));
        response.put("measures", List.of());
        response.put("technicalAssistanceNeeded", false);
        response.put("exploitationForms", List.of());
        final GenericRecord submission = new GenericData.Record(v1);
        submission.put("submissionId", "sub-v1");
        submission.put("reporter", reporter);
        submission.put("submittedAt", SampleRecords.SUBMITTED_AT.toEpochMilli());
        submission.put("language", "de");
        submission.put("responses", List.of(response));
        return submission;
    }

    static byte[] frame(final int id, final Schema writerSchema, final GenericRecord record) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(id).array());
        final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(writerSchema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private Submission deserialize(final byte[] bytes) {
        return AvroSerdes.value(Submission.class, config).deserializer().deserialize(TOPIC, bytes);
    }
}
