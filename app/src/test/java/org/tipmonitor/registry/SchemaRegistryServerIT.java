package org.tipmonitor.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tipmonitor.api.SchemaRegistryServer;
import org.tipmonitor.avro.Recommendation;
import org.tipmonitor.reference.Catalogue;
import org.tipmonitor.runtime.EmbeddedKafkaBroker;
import org.tipmonitor.serde.AvroSerdes;
import org.tipmonitor.serde.ConfluentWireFormat;
import org.tipmonitor.serde.HttpSchemaRegistryClient;
import org.tipmonitor.serde.IncompatibleSchemaException;
import org.tipmonitor.serde.KafkaTopicSchemaRegistry;
import org.tipmonitor.serde.RegisteredSchema;
import org.tipmonitor.serde.SchemaNotRegisteredException;
import org.tipmonitor.serde.SerdeConfig;
import org.tipmonitor.serde.UnknownSchemaIdException;

/**
 * The demo's registry over the Confluent REST API, driven by the project's own HTTP client (the one tested against
 * Apicurio) and by raw requests for Confluent's answer shapes and error codes; schemas kept on a real broker.
 */
@Tag("integration")
class SchemaRegistryServerIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static EmbeddedKafkaBroker broker;

    private final HttpClient http = HttpClient.newHttpClient();
    private final Schema v1 = SchemaBuilder.record("Thing").fields().requiredString("name").endRecord();
    private final Schema v2 = SchemaBuilder.record("Thing").fields().requiredString("name")
        .name("size").type().intType().intDefault(0).endRecord();
    private final Schema withoutDefault = SchemaBuilder.record("Thing").fields().requiredString("name")
        .requiredInt("size").endRecord();
    /** Cannot read data written with v2: its size is a string. */
    private final Schema sizeAsText = SchemaBuilder.record("Thing").fields().requiredString("name")
        .requiredString("size").endRecord();
    private KafkaTopicSchemaRegistry registry;
    private SchemaRegistryServer server;
    private String url;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.builder().build().start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @BeforeEach
    void serve() {
        registry = KafkaTopicSchemaRegistry.unshared("_schemas-" + UUID.randomUUID(), broker.clientConfig());
        server = SchemaRegistryServer.create(registry).start("127.0.0.1", 0);
        url = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stopServing() {
        server.close();
        registry.close();
    }

    private HttpSchemaRegistryClient client() {
        return new HttpSchemaRegistryClient(SerdeConfig.from(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, url)));
    }

    @Test
    void theProjectsHttpClientRegistersLooksUpAndChecksCompatibility() {
        final HttpSchemaRegistryClient client = client();
        final int id1 = client.register("a-value", v1);
        final int id2 = client.register("a-value", v2);

        assertThat(id2).isNotEqualTo(id1);
        assertThat(client.register("a-value", v1)).isEqualTo(id1);
        assertThat(client().getById(id1)).isEqualTo(v1);
        assertThat(client().latest("a-value")).isEqualTo(new RegisteredSchema(id2, 2, v2));
        assertThat(client().lookupId("a-value", v2)).isEqualTo(id2);
        assertThat(client().isCompatible("a-value", sizeAsText)).isFalse();
        assertThat(client().isCompatible("new-value", sizeAsText)).isTrue();
        assertThatThrownBy(() -> client().register("a-value", sizeAsText))
            .isInstanceOf(IncompatibleSchemaException.class);
        assertThatThrownBy(() -> client().lookupId("b-value", v1)).isInstanceOf(SchemaNotRegisteredException.class);
        assertThatThrownBy(() -> client().latest("b-value")).isInstanceOf(SchemaNotRegisteredException.class);
        assertThatThrownBy(() -> client().getById(id2 + 1000)).isInstanceOf(UnknownSchemaIdException.class);
        // What went in over HTTP is in the topic: the registry itself has the same ids.
        assertThat(registry.latest("a-value").id()).isEqualTo(id2);
    }

    @Test
    void aSerdeOutsideTheJvmWritesWithTheIdsTheApplicationReads() {
        final Serde<Recommendation> outside = AvroSerdes.value(Recommendation.class,
            Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, url));
        final Recommendation recommendation = Catalogue.load().recommendations().get(0);
        final byte[] bytes = outside.serializer().serialize("tip.recommendations", recommendation);

        assertThat(registry.getById(ConfluentWireFormat.schemaId(bytes))).isEqualTo(Recommendation.getClassSchema());
    }

    @Test
    void answersHaveConfluentsShapes() throws Exception {
        final Answer registered = post("/subjects/a-value/versions", body(v1));
        assertThat(registered.status).isEqualTo(200);
        assertThat(registered.contentType).startsWith("application/vnd.schemaregistry.v1+json");
        final int id = registered.json.get("id").asInt();
        post("/subjects/a-value/versions", body(v2));

        assertThat(get("/subjects").json.toString()).isEqualTo("[\"a-value\"]");
        assertThat(get("/subjects/a-value/versions").json.toString()).isEqualTo("[1,2]");
        final JsonNode first = get("/subjects/a-value/versions/1").json;
        assertThat(first.get("subject").asText()).isEqualTo("a-value");
        assertThat(first.get("version").asInt()).isEqualTo(1);
        assertThat(first.get("id").asInt()).isEqualTo(id);
        assertThat(new Schema.Parser().parse(first.get("schema").asText())).isEqualTo(v1);
        assertThat(get("/subjects/a-value/versions/latest").json.get("version").asInt()).isEqualTo(2);
        assertThat(new Schema.Parser().parse(get("/schemas/ids/" + id).json.get("schema").asText())).isEqualTo(v1);
        final JsonNode found = post("/subjects/a-value", body(v1)).json;
        assertThat(found.get("id").asInt()).isEqualTo(id);
        assertThat(found.get("version").asInt()).isEqualTo(1);
        assertThat(post("/compatibility/subjects/a-value/versions/latest", body(v2)).json.toString())
            .isEqualTo("{\"is_compatible\":true}");
        assertThat(post("/compatibility/subjects/a-value/versions/1?verbose=true", body(withoutDefault))
            .json.get("is_compatible").asBoolean()).isFalse();
        assertThat(get("/config").json.get("compatibilityLevel").asText()).isEqualTo("BACKWARD");
    }

    @Test
    void refusalsCarryConfluentsErrorCodes() throws Exception {
        post("/subjects/a-value/versions", body(v1));

        assertError(get("/subjects/nope/versions"), 404, 40401);
        assertError(get("/subjects/nope/versions/latest"), 404, 40401);
        assertError(get("/subjects/a-value/versions/7"), 404, 40402);
        assertError(get("/subjects/a-value/versions/zero"), 422, 42202);
        assertError(get("/schemas/ids/999"), 404, 40403);
        assertError(post("/subjects/nope", body(v1)), 404, 40401);
        assertError(post("/subjects/a-value", body(v2)), 404, 40403);
        assertError(post("/subjects/a-value/versions", body(withoutDefault)), 409, 409);
        assertError(post("/subjects/a-value/versions", "{\"schema\":\"{not avro\"}"), 422, 42201);
        assertError(post("/subjects/a-value/versions", "{\"schema\":\"{}\",\"schemaType\":\"PROTOBUF\"}"), 422, 42201);
        assertError(post("/subjects/a-value/versions", "[1,"), 422, 422);
        assertError(post("/compatibility/subjects/nope/versions/latest", body(v1)), 404, 40401);
        assertThat(registry.versions("a-value")).containsExactly(1);
    }

    private static void assertError(final Answer answer, final int status, final int code) {
        assertThat(answer.status).as(answer.json.toString()).isEqualTo(status);
        assertThat(answer.json.get("error_code").asInt()).isEqualTo(code);
        assertThat(answer.json.get("message").asText()).isNotBlank();
    }

    private static String body(final Schema schema) throws IOException {
        return JSON.writeValueAsString(Map.of("schema", schema.toString()));
    }

    private record Answer(int status, String contentType, JsonNode json) {
    }

    private Answer get(final String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url + path)).GET().build());
    }

    private Answer post(final String path, final String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url + path))
            .header("Content-Type", "application/vnd.schemaregistry.v1+json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    private Answer send(final HttpRequest request) throws IOException, InterruptedException {
        final HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
            JSON.readTree(response.body()));
    }
}
