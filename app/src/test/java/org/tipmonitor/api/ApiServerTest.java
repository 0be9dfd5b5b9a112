package org.tipmonitor.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tipmonitor.statistics.StatisticsConfig;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.avro.Submission;
import org.tipmonitor.compliance.TipSerdes;
import org.tipmonitor.cycles.CycleCalendar;
import org.tipmonitor.json.AvroJson;
import org.tipmonitor.topology.channels.Topics;

/** The HTTP server without Kafka: readiness guard, error format, gateway checks, metrics, OpenAPI coverage. */
class ApiServerTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final String TOKENS = "{\"tokens\": ["
        + "{\"token\": \"fra\", \"reporterType\": \"STATE\", \"country\": \"FRA\"},"
        + "{\"token\": \"cso\", \"reporterType\": \"CIVIL_SOCIETY\", \"country\": \"NGA\", \"organisation\": \"NGO\"}]}";
    private static final String VALID = "{\"submissionId\": \"fra-1\", \"responses\": ["
        + "{\"recommendationId\": \"2013.10\", \"status\": \"IN_PROGRESS\"}]}";

    private PrometheusMeterRegistry metrics;
    private MockProducer<String, Submission> producer;
    private ApiServer server;
    private HttpTestClient http;
    private AlertFanOut feed;

    @BeforeEach
    void start() {
        metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        final TipSerdes serdes = TipSerdes.create(Map.of("schema.registry.url", "mock://api-" + UUID.randomUUID()));
        producer = new MockProducer<>(true, null, new StringSerializer(), serdes.value(Submission.class).serializer());
        final SubmissionGateway gateway = new SubmissionGateway(GatewayTokens.parse(TOKENS), producer,
            Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(5));
        final List<ApiModule> modules = new ArrayList<>(List.of(new SystemModule(metrics), gateway));
        feed = new AlertFanOut(AlertFanOut.DEFAULT_CLIENT_QUEUE);
        modules.addAll(ApiModules.standard(CycleCalendar.defaults(), StatisticsConfig.defaults(),
            feed, Clock.fixed(NOW, ZoneOffset.UTC)));
        // Never bound to a KafkaStreams: the state of an instance whose Streams has not started yet.
        server = ApiServer.create(new StoreQueries(ComplianceStores.ALL), modules, metrics).start("127.0.0.1", 0);
        http = new HttpTestClient("http://127.0.0.1:" + server.port());
    }

    @AfterEach
    void stop() {
        feed.close();
        server.close();
        metrics.close();
    }

    @Test
    void healthIsUpWhileStoresAreNotYetQueryable() {
        assertThat(http.get("/health").status()).isEqualTo(200);

        for (final String path : List.of("/ready", "/api/v1/countries", "/api/v1/recommendations/2013.10",
            "/api/v1/countries/FRA/recommendations/2013.10", "/api/v1/matrix", "/api/v1/tables/country",
            "/internal/v1/stores/compliance-by-country/rows")) {
            final HttpTestClient.Answer answer = http.get(path);
            assertThat(answer.status()).as(path).isEqualTo(503);
            assertThat(answer.header("Retry-After")).as(path).contains("2");
            assertThat(answer.json().path("error").asText()).as(path).isNotBlank();
        }
    }

    @Test
    void gatewayRefusesMissingAndUnknownTokens() {
        assertThat(http.post(SubmissionGateway.PATH, VALID, null).status()).isEqualTo(401);
        final HttpTestClient.Answer wrong = http.post(SubmissionGateway.PATH, VALID, "nope");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.header("WWW-Authenticate")).contains("Bearer");
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void gatewayRefusesAnotherCountryAndNamesTheFieldOfABadBody() {
        final HttpTestClient.Answer otherCountry = http.post(SubmissionGateway.PATH,
            "{\"submissionId\": \"x\", \"reporter\": {\"type\": \"STATE\", \"country\": \"DEU\"}, \"responses\": []}",
            "fra");
        assertThat(otherCountry.status()).isEqualTo(403);
        assertThat(otherCountry.json().path("error").asText()).contains("FRA").contains("DEU");

        final HttpTestClient.Answer badStatus = http.post(SubmissionGateway.PATH,
            VALID.replace("IN_PROGRESS", "SOMEWHAT"), "fra");
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.json().path("error").asText()).startsWith("responses[0].status");

        assertThat(http.post(SubmissionGateway.PATH, "{not json", "fra").status()).isEqualTo(400);
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void gatewayWritesTheStampedSubmissionKeyedBySubmissionIdAndAnswers202() {
        final HttpTestClient.Answer answer = http.post(SubmissionGateway.PATH,
            VALID.replace("fra-1", "nga-cso-1"), "cso");

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.json().path("submissionId").asText()).isEqualTo("nga-cso-1");
        assertThat(producer.history()).hasSize(1);
        final ProducerRecord<String, Submission> written = producer.history().get(0);
        assertThat(written.topic()).isEqualTo(Topics.SUBMISSIONS.name());
        assertThat(written.key()).isEqualTo("nga-cso-1");
        assertThat(written.value().getReporter().getType()).isEqualTo(ReporterType.CIVIL_SOCIETY);
        assertThat(written.value().getReporter().getCountry()).isEqualTo("NGA");
        assertThat(written.value().getReporter().getOrganisation()).isEqualTo("NGO");
        assertThat(written.value().getSubmittedAt()).isEqualTo(NOW);
    }

    @Test
    void gatewayAnswers503AndClaimsNothingWhenKafkaDoesNotAcknowledge() {
        producer.sendException = new TimeoutException("broker gone");

        final HttpTestClient.Answer answer = http.post(SubmissionGateway.PATH, VALID, "fra");

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.json().path("error").asText()).contains("not accepted").contains("fra-1");
        assertThat(answer.json().has("submissionId")).isFalse();
    }

    @Test
    void errorsAreJsonAndUnknownParametersAreNamed() {
        // The parameter is checked before the stores: a bad request is a 400 whatever the stores' state.
        final HttpTestClient.Answer answer = http.get("/api/v1/matrix?reporterType=KING");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("error").asText()).contains("reporterType").contains("KING");
    }

    @Test
    void metricsCountRequestsByRouteTemplateAndStatus() {
        http.get("/health");
        http.get("/api/v1/countries/FRA");

        final HttpTestClient.Answer answer = http.get("/metrics");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(answer.body()).containsPattern(
            "http_server_requests_seconds_count\\{[^}]*route=\"/health\"[^}]*status=\"200\"[^}]*} 1");
        assertThat(answer.body()).containsPattern(
            "http_server_requests_seconds_count\\{[^}]*route=\"/api/v1/countries/\\{iso3}\"[^}]*status=\"503\"");
    }

    @Test
    void everyRegisteredRouteIsDescribedInTheOpenApiDocumentAndNothingElse() {
        final HttpTestClient.Answer answer = http.get("/api/v1/openapi.json");
        assertThat(answer.status()).isEqualTo(200);
        final JsonNode document = answer.json();
        assertThat(document.path("openapi").asText()).startsWith("3.");

        final Set<String> documented = new HashSet<>();
        final Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            final Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(method ->
                documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey()));
        }
        final Set<String> registered = new HashSet<>();
        server.routes().forEach(route -> registered.add(route.method() + " " + route.path()));

        assertThat(registered).contains("GET /api/v1/countries/{iso3}/recommendations/{id}",
            "POST /api/v1/submissions", "GET /metrics");
        assertThat(documented).containsExactlyInAnyOrderElementsOf(registered);
        // The same document the server serves is the resource the build ships.
        assertThat(AvroJson.parse(SystemModule.openApiDocument())).isEqualTo(document);
    }
}
