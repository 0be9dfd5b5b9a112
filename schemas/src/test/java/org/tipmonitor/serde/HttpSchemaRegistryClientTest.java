package org.tipmonitor.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tipmonitor.avro.RejectionReason;
import org.tipmonitor.avro.Submission;

/** The HTTP client against a local HTTP endpoint that records what it is sent. */
class HttpSchemaRegistryClientTest {

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startRecordingEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(final HttpExchange exchange) throws IOException {
        final String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()
                + " auth=" + exchange.getRequestHeaders().getFirst("Authorization")
                + " type=" + exchange.getRequestHeaders().getFirst("Content-Type")
                + " schemaField=" + body.startsWith("{\"schema\":"));
        final boolean known = exchange.getRequestURI().getPath().startsWith("/subjects/");
        final byte[] answer = (known ? "{\"id\":7}" : "{\"error_code\":40403,\"message\":\"Schema not found\"}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", HttpSchemaRegistryClient.CONTENT_TYPE);
        exchange.sendResponseHeaders(known ? 200 : 404, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    private String serverUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void registersWithConfluentContentTypeAndCachesTheId() {
        final HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(SerdeConfig.from(
                Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, serverUrl())));

        assertThat(client.register("tip.submissions-value", Submission.getClassSchema())).isEqualTo(7);
        assertThat(client.register("tip.submissions-value", Submission.getClassSchema())).isEqualTo(7);
        // The registering call also taught the client the schema of id 7.
        assertThat(client.getById(7)).isEqualTo(Submission.getClassSchema());

        assertThat(requests).containsExactly("POST /subjects/tip.submissions-value/versions auth=null"
                + " type=application/vnd.schemaregistry.v1+json schemaField=true");
    }

    @Test
    void sendsBasicAuthFromUserInfo() {
        final HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(SerdeConfig.from(Map.of(
                SerdeConfig.SCHEMA_REGISTRY_URL, serverUrl(),
                SerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "user_info",
                SerdeConfig.BASIC_AUTH_USER_INFO, "alice:s3cret")));

        client.lookupId("s", Submission.getClassSchema());

        assertThat(requests).singleElement().asString().contains("auth=Basic YWxpY2U6czNjcmV0");
    }

    @Test
    void sendsBasicAuthFromTheUrlAndStripsItFromTheRequest() {
        final HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(SerdeConfig.from(Map.of(
                SerdeConfig.SCHEMA_REGISTRY_URL, serverUrl().replace("http://", "http://alice:s3cret@"))));

        client.lookupId("s", Submission.getClassSchema());

        assertThat(requests).singleElement().asString().startsWith("POST /subjects/s auth=Basic YWxpY2U6czNjcmV0");
        assertThat(client.toString()).doesNotContain("s3cret");
    }

    @Test
    void triesTheNextUrlWhenOneCannotBeReached() throws IOException {
        final HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(SerdeConfig.from(Map.of(
                SerdeConfig.SCHEMA_REGISTRY_URL, "http://127.0.0.1:" + closedPort() + ", " + serverUrl())));

        assertThat(client.register("tip.cells-value", Submission.getClassSchema())).isEqualTo(7);
        assertThat(requests).hasSize(1);
    }

    @Test
    void answers404ToAnIdAsUnknownSchemaId() {
        final HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(SerdeConfig.from(
                Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, serverUrl())));

        assertThatThrownBy(() -> client.getById(99))
                .isInstanceOf(UnknownSchemaIdException.class)
                .hasMessage("Schema id 99 is not known to the schema registry at " + serverUrl() + ".");
    }

    @Test
    void aClosedPortIsUnreachableAndNamesTheUrl() throws IOException {
        final String url = "http://127.0.0.1:" + closedPort();
        final Map<String, Object> config = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, url,
                SerdeConfig.REQUEST_TIMEOUT_MS, 2000);

        assertThatThrownBy(() -> AvroSerdes.value(Submission.class, config).deserializer()
                .deserialize("tip.submissions", new byte[] {0, 0, 0, 0, 1, 2}))
                .isInstanceOf(SchemaRegistryUnreachableException.class)
                .hasMessageStartingWith("The schema registry at " + url + " could not be reached: ")
                .satisfies(e -> assertThat(((AvroSerdeException) e).reason()).isEqualTo(RejectionReason.OTHER));
        assertThatThrownBy(() -> AvroSerdes.value(Submission.class, config).serializer()
                .serialize("tip.submissions", SampleRecords.submission()))
                .isInstanceOf(SchemaRegistryUnreachableException.class)
                .hasMessageContaining(url);
    }
}
