package org.tipmonitor.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tipmonitor.avro.Recommendation;
import org.tipmonitor.avro.RejectionReason;
import org.tipmonitor.avro.Submission;

/** The HTTP client and the serde against a real Confluent-API registry (Apicurio Registry 3.0.9). */
@Tag("integration")
class ApicurioRegistryIT {

    private static ApicurioRegistryServer registry;

    private final String topic = "tip.submissions." + UUID.randomUUID();
    private final String subject = topic + "-value";

    @BeforeAll
    static void startRegistry() throws IOException, InterruptedException {
        registry = ApicurioRegistryServer.start();
    }

    @AfterAll
    static void stopRegistry() throws InterruptedException {
        if (registry != null) {
            registry.close();
        }
    }

    private Map<String, Object> config(final boolean autoRegister) {
        return Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.confluentApiUrl(),
                SerdeConfig.AUTO_REGISTER_SCHEMAS, autoRegister);
    }

    private HttpSchemaRegistryClient client() {
        return new HttpSchemaRegistryClient(SerdeConfig.from(config(true)));
    }

    @Test
    void registersAndRoundTripsASubmission() {
        final Serde<Submission> writerSide = AvroSerdes.value(Submission.class, config(true));
        final Serde<Submission> readerSide = AvroSerdes.value(Submission.class, config(true));

        final byte[] bytes = writerSide.serializer().serialize(topic, SampleRecords.submission());
        final Submission read = readerSide.deserializer().deserialize(topic, bytes);

        assertThat(read).isEqualTo(SampleRecords.submission());
        final RegisteredSchema latest = client().latest(subject);
        assertThat(ConfluentWireFormat.schemaId(bytes)).isEqualTo(latest.id());
        assertThat(latest.version()).isEqualTo(1);
        assertThat(SchemaNormalization.toParsingForm(client().getById(latest.id())))
                .isEqualTo(SchemaNormalization.toParsingForm(Submission.getClassSchema()));
    }

    @Test
    void readsBytesWrittenWithContractVersionOne() throws IOException {
        final Schema v1 = new Schema.Parser().parse(Path.of("history/Submission/v1.avsc").toFile());
        final int v1Id = client().register(subject, v1);
        final byte[] bytes = SpecificAvroSerdeTest.frame(v1Id, v1, SpecificAvroSerdeTest.submissionV1(v1));

        // A fresh serde knows nothing of id v1Id: it must fetch the writer schema from the registry.
        final Submission read = AvroSerdes.value(Submission.class, config(true)).deserializer().deserialize(topic, bytes);

        assertThat(read.getSubmissionId()).isEqualTo("sub-v1");
        assertThat(read.getResponses().get(0).getEvidence()).isEmpty();
        assertThat(client().isCompatible(subject, Submission.getClassSchema())).isTrue();
    }

    @Test
    void withoutAutoRegistrationTheSerializerLooksTheSchemaUp() {
        final Serde<Submission> lookupOnly = AvroSerdes.value(Submission.class, config(false));

        assertThatThrownBy(() -> lookupOnly.serializer().serialize(topic, SampleRecords.submission()))
                .isInstanceOf(SchemaNotRegisteredException.class)
                .hasMessageContaining("subject '" + subject + "'");

        final int id = client().register(subject, Submission.getClassSchema());
        final Serde<Submission> afterRegistration = AvroSerdes.value(Submission.class, config(false));
        assertThat(ConfluentWireFormat.schemaId(afterRegistration.serializer().serialize(topic, SampleRecords.submission())))
                .isEqualTo(id);
        assertThat(client().lookupId(subject, Submission.getClassSchema())).isEqualTo(id);
    }

    @Test
    void anUnknownSchemaIdIsNamed() {
        final Serde<Submission> serde = AvroSerdes.value(Submission.class, config(true));

        assertThatThrownBy(() -> serde.deserializer().deserialize(topic, new byte[] {0, 0x3B, (byte) 0x9A, (byte) 0xC9, 0x07, 2}))
                .isInstanceOf(UnknownSchemaIdException.class)
                .hasMessage("Schema id 999999751 is not known to the schema registry at " + registry.confluentApiUrl() + ".")
                .satisfies(e -> assertThat(((AvroSerdeException) e).reason()).isEqualTo(RejectionReason.UNKNOWN_SCHEMA_ID));
    }

    @Test
    void aBreakingChangeIsRefusedUnderBackwardCompatibility() throws IOException, InterruptedException {
        final String recommendations = "tip.recommendations." + UUID.randomUUID() + "-value";
        final HttpSchemaRegistryClient client = client();
        client.register(recommendations, Recommendation.getClassSchema());
        setCompatibility(recommendations, "BACKWARD");
        final Schema paragraphAsString = new Schema.Parser().parse(Recommendation.getClassSchema().toString()
                .replace("{\"name\":\"paragraph\",\"type\":\"int\"", "{\"name\":\"paragraph\",\"type\":\"string\""));

        assertThat(client.isCompatible(recommendations, paragraphAsString)).isFalse();
        assertThatThrownBy(() -> client.register(recommendations, paragraphAsString))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageStartingWith("The schema is incompatible with the latest version registered under subject '"
                        + recommendations + "'")
                .satisfies(e -> assertThat(((IncompatibleSchemaException) e).subject()).isEqualTo(recommendations));
    }

    private static void setCompatibility(final String subject, final String level) throws IOException, InterruptedException {
        final HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(registry.confluentApiUrl() + "/config/" + subject))
                .header("Content-Type", HttpSchemaRegistryClient.CONTENT_TYPE)
                .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"" + level + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("PUT /config/%s answered %s", subject, response.body()).isEqualTo(200);
    }
}
