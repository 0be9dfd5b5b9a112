package org.tipmonitor.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.tipmonitor.compliance.ComplianceConfig;
import org.tipmonitor.avro.Submission;
import org.tipmonitor.compliance.SubmissionValidator;
import org.tipmonitor.compliance.TipSerdes;
import org.tipmonitor.cycles.CycleCalendar;
import org.tipmonitor.json.AvroJson;
import org.tipmonitor.statistics.StatisticsConfig;

/**
 * The server's protection, on a server whose stores are not bound (as before Streams starts): guards, limits, the
 * one error shape for every status and origin (handler, Javalin, Jetty), and the gateway's refusals, each of which
 * must leave the producer untouched.
 */
class ApiHardeningTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final String SECRET = "a-shared-secret-of-instances";
    private static final String TOKENS = TestTokens.file(TestTokens.entry("fra", "STATE", "FRA"),
        TestTokens.entry("limited", "STATE", "DEU"));
    private static final String VALID = "{\"submissionId\": \"fra-1\", \"responses\": ["
        + "{\"recommendationId\": \"2013.10\", \"status\": \"IN_PROGRESS\"}]}";
    private static final int RATE = 5;

    private PrometheusMeterRegistry metrics;
    private MockProducer<String, Submission> producer;
    private ApiServer server;
    private HttpTestClient http;
    private AlertFanOut feed;
    private String base;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private ListAppender<ILoggingEvent> log;

    @BeforeEach
    void start() {
        start(ApiSettings.defaults().withInternalSecret(SECRET).withRequestsPerMinute(10_000));
    }

    private void start(final ApiSettings settings) {
        metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        final TipSerdes serdes = TipSerdes.create(Map.of("schema.registry.url", "mock://hard-" + UUID.randomUUID()));
        producer = new MockProducer<>(true, null, new StringSerializer(), serdes.value(Submission.class).serializer());
        final BearerTokens tokens = TestTokens.at(TOKENS, NOW);
        final SubmissionGateway gateway = new SubmissionGateway(tokens, producer, Clock.fixed(NOW, ZoneOffset.UTC),
            Duration.ofSeconds(5), settings, new SubmissionValidator(ComplianceConfig.defaults().submittedAtRange()), new SubmissionOutcomes());
        final List<ApiModule> modules = new ArrayList<>(List.of(new SystemModule(metrics), gateway));
        feed = new AlertFanOut(AlertFanOut.DEFAULT_CLIENT_QUEUE);
        modules.addAll(ApiModules.standard(CycleCalendar.defaults(), StatisticsConfig.defaults(), feed,
            Clock.fixed(NOW, ZoneOffset.UTC)));
        final InternalSecret secret = InternalSecret.of(SECRET);
        server = ApiServer.create(new StoreQueries(ComplianceStores.ALL, secret), modules, metrics,
            new ApiServer.Protection(settings, secret, tokens)).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + server.port();
        http = new HttpTestClient(base);
        log = new ListAppender<>();
        log.start();
        ((Logger) LoggerFactory.getLogger(ApiErrors.class)).addAppender(log);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(ApiErrors.class)).detachAppender(log);
        feed.close();
        server.close();
        metrics.close();
    }

    @Test
    void internalEndpointsAnswerOnlyTheInstancesSharedSecret() throws Exception {
        final String path = "/internal/v1/stores/compliance-by-country/rows";
        assertError(get(path, Map.of()), 401);
        assertError(get(path, Map.of(InternalSecret.HEADER, "guess")), 401);
        assertError(get(path, Map.of(InternalSecret.HEADER, SECRET.substring(1))), 401);
        assertError(post(path.replace("rows", "versions"), "{\"keys\": []}", "application/json", Map.of()), 401);
        // With the secret the request passes the guard: the unbound stores answer 503.
        assertThat(get(path, Map.of(InternalSecret.HEADER, SECRET)).statusCode()).isEqualTo(503);
    }

    @Test
    void internalEndpointsCanHaveAPortOfTheirOwnThatServesNothingElse() throws Exception {
        stop();
        start(ApiSettings.from(Map.of(ApiSettings.INTERNAL_SECRET, SECRET, ApiSettings.INTERNAL_PORT, "0",
            ApiSettings.REQUESTS_PER_MINUTE, "10000")));
        assertThat(server.internalPort()).isNotEqualTo(server.port());
        final String path = "/internal/v1/stores/compliance-by-country/rows";
        // The public port no longer serves the internal channel, even to a caller holding the secret.
        assertError(get(path, Map.of(InternalSecret.HEADER, SECRET)), 404);
        final String internal = "http://127.0.0.1:" + server.internalPort();
        assertError(send(internal + path, Map.of()), 401);
        assertThat(send(internal + path, Map.of(InternalSecret.HEADER, SECRET)).statusCode()).isEqualTo(503);
        // And the internal port serves nothing but the internal channel.
        assertError(send(internal + "/api/v1/recommendations", Map.of(InternalSecret.HEADER, SECRET)), 404);
        assertThat(get("/api/v1/recommendations", Map.of()).statusCode()).isNotEqualTo(404);
        assertThat(server.routes()).contains(new ApiServer.Route("GET", "/internal/v1/stores/{store}/rows"));
    }

    @Test
    void anInternalPortOutOfRangeIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> ApiSettings.from(Map.of(ApiSettings.INTERNAL_PORT, "70000")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(ApiSettings.INTERNAL_PORT);
    }

    private HttpResponse<String> send(final String url, final Map<String, String> headers) throws Exception {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        headers.forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aBodyOverTheLimitIs413EvenWithoutAContentLength() throws Exception {
        final byte[] big = new byte[ApiSettings.DEFAULT_MAX_BODY_BYTES + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        assertError(post(SubmissionGateway.PATH, new String(big, StandardCharsets.US_ASCII), "application/json",
            Map.of("Authorization", "Bearer fra")), 413);
        // Chunked: no Content-Length to refuse it by, the guard counts the bytes.
        final HttpResponse<String> chunked = client.send(HttpRequest.newBuilder(URI.create(base + SubmissionGateway.PATH))
            .header("Content-Type", "application/json").header("Authorization", "Bearer fra")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build(),
            HttpResponse.BodyHandlers.ofString());
        assertError(chunked, 413);
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void tenThousandResponsesAre400NamingTheLimitAndNothingIsWritten() throws Exception {
        final StringBuilder body = new StringBuilder("{\"submissionId\": \"many\", \"responses\": [");
        for (int i = 0; i < 10_000; i++) {
            body.append(i == 0 ? "" : ",").append("{\"recommendationId\": \"x").append(i)
                .append("\", \"status\": \"PLANNED\"}");
        }
        body.append("]}");
        final HttpResponse<String> answer = post(SubmissionGateway.PATH, body.toString(), "application/json",
            Map.of("Authorization", "Bearer fra"));
        final JsonNode error = assertError(answer, 400);
        assertThat(error.path("field").asText()).isEqualTo("responses");
        assertThat(error.path("error").asText()).contains("at most 200 responses").contains(ApiSettings.MAX_RESPONSES)
            .contains("10000");
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void aTokenOverItsRateGets429WithRetryAfterAndOtherTokensAreUnaffected() throws Exception {
        stop();
        start(ApiSettings.defaults().withInternalSecret(SECRET).withRequestsPerMinute(RATE));
        for (int i = 0; i < RATE; i++) {
            assertThat(http.post(SubmissionGateway.PATH, VALID.replace("fra-1", "deu-" + i), "limited").status())
                .isEqualTo(202);
        }
        final HttpResponse<String> limited = post(SubmissionGateway.PATH, VALID, "application/json",
            Map.of("Authorization", "Bearer limited"));
        assertError(limited, 429);
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
        assertThat(producer.history()).hasSize(RATE);
        assertThat(http.post(SubmissionGateway.PATH, VALID, "fra").status()).isEqualTo(202);
    }

    @Test
    void onlyJsonIsAccepted() throws Exception {
        for (final String type : List.of("text/plain", "application/x-www-form-urlencoded", "application/json-seq",
            "application/json; charset=iso-8859-1")) {
            final JsonNode error = assertError(post(SubmissionGateway.PATH, VALID, type,
                Map.of("Authorization", "Bearer fra")), 415);
            assertThat(error.path("field").asText()).isEqualTo("Content-Type");
        }
        assertThat(post(SubmissionGateway.PATH, VALID, "Application/JSON; charset=UTF-8",
            Map.of("Authorization", "Bearer fra")).statusCode()).isEqualTo(202);
    }

    @Test
    void invalidUtf8AndNulCharactersAreRefusedNotReplaced() throws Exception {
        final byte[] latin1 = VALID.replace("fra-1", "fra-\u00e9").getBytes(StandardCharsets.ISO_8859_1);
        assertError(client.send(HttpRequest.newBuilder(URI.create(base + SubmissionGateway.PATH))
            .header("Content-Type", "application/json").header("Authorization", "Bearer fra")
            .POST(HttpRequest.BodyPublishers.ofByteArray(latin1)).build(), HttpResponse.BodyHandlers.ofString()), 400);
        assertError(post(SubmissionGateway.PATH, VALID.replace("fra-1", "fra-\u00001"), "application/json",
            Map.of("Authorization", "Bearer fra")), 400);
        final JsonNode escaped = assertError(post(SubmissionGateway.PATH, VALID.replace("fra-1", "fra-\\u00001"),
            "application/json", Map.of("Authorization", "Bearer fra")), 400);
        assertThat(escaped.path("field").asText()).isEqualTo("submissionId");
        assertError(get("/api/v1/matrix?reporterType=STATE%00", Map.of()), 400);
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void deepNestingIsRefusedBeforeParsingWithoutNamingTheParser() throws Exception {
        final String deep = "{\"submissionId\": \"d\", \"x\": " + "[".repeat(5000) + "]".repeat(5000) + "}";
        final JsonNode error = assertError(post(SubmissionGateway.PATH, deep, "application/json",
            Map.of("Authorization", "Bearer fra")), 400);
        assertThat(error.path("error").asText()).contains("nested deeper than 16");
    }

    @Test
    void outOfRangeInstantsAre400NotServerErrors() throws Exception {
        final JsonNode submitted = assertError(post(SubmissionGateway.PATH,
            VALID.replace("{\"submissionId\"", "{\"submittedAt\": \"+300000000-01-01T00:00:00Z\", \"submissionId\""),
            "application/json", Map.of("Authorization", "Bearer fra")), 400);
        assertThat(submitted.path("field").asText()).isEqualTo("submittedAt");
        final JsonNode asOf = assertError(get("/api/v1/matrix?asOf=%2B300000000-01-01T00:00:00Z", Map.of()), 400);
        assertThat(asOf.path("field").asText()).isEqualTo("asOf");
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void jettyAndJavalinErrorsHaveTheSameJsonShape() throws Exception {
        assertError(get("/no/such/endpoint", Map.of()), 404);
        assertError(get("/api/v1/" + "x".repeat(20_000), Map.of()), 414);
        final String badRequestLine = raw("GET /api/v1/matrix HTTP/1.1 extra\r\nHost: x\r\n\r\n");
        assertRawError(badRequestLine, 400);
        final String hugeHeader = raw("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "y".repeat(20_000)
            + "\r\n\r\n");
        assertRawError(hugeHeader, 431);
    }

    @Test
    void everyErrorCarriesARequestIdThatIsAlsoLogged() throws Exception {
        final HttpResponse<String> answer = post(SubmissionGateway.PATH, "{not json", "application/json",
            Map.of("Authorization", "Bearer fra"));
        final JsonNode error = assertError(answer, 400);
        final String id = error.path("requestId").asText();
        assertThat(answer.headers().firstValue(ApiErrors.REQUEST_ID_HEADER)).contains(id);
        assertThat(log.list).anyMatch(event -> event.getFormattedMessage().contains(id)
            && event.getFormattedMessage().contains("400"));
    }

    @Test
    void corsIsOffByDefault() throws Exception {
        final HttpResponse<String> answer = get("/health", Map.of("Origin", "https://evil.example"));
        assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void readAuthProtectsTheReadEndpointsButNotHealthOrTheApiDocument() throws Exception {
        stop();
        start(ApiSettings.defaults().withInternalSecret(SECRET).withReadAuth(true));
        assertError(get("/api/v1/countries", Map.of()), 401);
        assertError(get("/api/v1/countries", Map.of("Authorization", "Bearer wrong")), 401);
        // With a token the request reaches the (unbound) stores.
        assertThat(get("/api/v1/countries", Map.of("Authorization", "Bearer fra")).statusCode()).isEqualTo(503);
        assertThat(get("/health", Map.of()).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/openapi.json", Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    void readsArePublicByDefault() throws Exception {
        assertThat(get("/api/v1/countries", Map.of()).statusCode()).isEqualTo(503);
    }

    @Test
    void personalDataInAnyFreeTextFieldIsRefusedNamingTheField() throws Exception {
        final List<String> samples = List.of("write to maria.lopez@example.org", "call +33 6 12 34 56 78",
            "her passport no. 12AB34567 was kept", "passport X1234567 confiscated", "tel. 06 12 34 56 78",
            "Maria Lopez (born 12/03/1990) testified");
        final List<String> fields = List.of("narrative", "challenges");
        int n = 0;
        for (final String sample : samples) {
            for (final String field : fields) {
                final String body = "{\"submissionId\": \"pd-" + n++ + "\", \"responses\": [{\"recommendationId\":"
                    + " \"2013.10\", \"status\": \"PLANNED\", \"" + field + "\": \"" + sample + "\"}]}";
                final JsonNode error = assertError(post(SubmissionGateway.PATH, body, "application/json",
                    Map.of("Authorization", "Bearer fra")), 400);
                assertThat(error.path("field").asText()).as(sample).isEqualTo("responses[0]." + field);
                assertThat(error.path("error").asText()).as(sample).contains("personal data")
                    .doesNotContain(sample.substring(sample.length() - 8));
            }
            final String evidence = "{\"submissionId\": \"pd-" + n++ + "\", \"responses\": [{\"recommendationId\":"
                + " \"2013.10\", \"status\": \"PLANNED\", \"evidence\": [\"Law 2013-711\", \"" + sample + "\"],"
                + " \"exploitationForms\": [{\"form\": \"OTHER\", \"description\": \"" + sample + "\"}]}]}";
            final JsonNode error = assertError(post(SubmissionGateway.PATH, evidence, "application/json",
                Map.of("Authorization", "Bearer fra")), 400);
            assertThat(error.path("error").asText()).as(sample)
                .contains("responses[0].exploitationForms[0].description").contains("responses[0].evidence[1]");
        }
        assertThat(producer.history()).isEmpty();
    }

    private HttpResponse<String> get(final String path, final Map<String, String> headers) throws Exception {
        return send(base + path, headers);
    }

    private HttpResponse<String> post(final String path, final String body, final String type,
                                      final Map<String, String> headers) throws Exception {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", type)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Asserts the status and the one error shape; returns the body. */
    private static JsonNode assertError(final HttpResponse<String> answer, final int status) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
            assertThat(type).startsWith("application/json"));
        return assertShape(answer.body());
    }

    private static JsonNode assertShape(final String body) {
        final JsonNode json = AvroJson.parse(body);
        assertThat(json.path("error").asText()).isNotBlank();
        assertThat(json.has("field")).as(body).isTrue();
        assertThat(json.path("requestId").asText()).as(body).matches("[0-9a-f]{16}");
        assertThat(body).doesNotContain("Exception").doesNotContain("org.").doesNotContain("java.")
            .doesNotContain("Constraints").doesNotContain("\tat ").doesNotContain("<html");
        return json;
    }

    private static void assertRawError(final String response, final int status) {
        assertThat(response).startsWith("HTTP/1.1 " + status);
        assertThat(response.toLowerCase(java.util.Locale.ROOT)).contains("content-type: application/json");
        assertShape(response.substring(response.indexOf("\r\n\r\n") + 4));
    }

    /** A request written byte for byte, as a client no library would let us be. */
    private String raw(final String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            final OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            final InputStream in = socket.getInputStream();
            final byte[] buffer = new byte[65_536];
            final StringBuilder answer = new StringBuilder();
            int read;
            while ((read = in.read(buffer)) > 0) {
                answer.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                final int headerEnd = answer.indexOf("\r\n\r\n");
                if (headerEnd > 0 && answer.toString().toLowerCase(java.util.Locale.ROOT).contains("content-length:")) {
                    final String head = answer.substring(0, headerEnd).toLowerCase(java.util.Locale.ROOT);
                    final int at = head.indexOf("content-length:") + "content-length:".length();
                    final int end = head.indexOf("\r\n", at) < 0 ? head.length() : head.indexOf("\r\n", at);
                    final int length = Integer.parseInt(head.substring(at, end).trim());
                    if (answer.length() - headerEnd - 4 >= length) {
                        break;
                    }
                }
            }
            return answer.toString();
        }
    }
}
