package org.tipmonitor.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipmonitor.avro.ImplementationStatus;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.reference.Catalogue;
import org.tipmonitor.reference.Countries;
import org.tipmonitor.runtime.TipMonitorApp;

/**
 * One instance on the in-JVM broker: submissions through the gateway and through Kafka change the tables. The tests
 * share the instance, so each reports on countries of its own (FRA and DEU; PHL; MEX) and recommendations whose
 * themes do not overlap with another test's.
 */
@Tag("integration")
class GatewayAndTablesIT {

    private static final String TOKENS = TestTokens.file(
        TestTokens.entry("tok-fra", "STATE", "FRA", "MinInt", null),
        TestTokens.entry("tok-phl", "STATE", "PHL", "IACAT", null),
        TestTokens.entry("tok-mex", "STATE", "MEX"));

    @TempDir
    static Path dir;

    private static ApiTestCluster cluster;
    private static TipMonitorApp app;
    private static HttpTestClient http;

    @BeforeAll
    static void start() throws Exception {
        cluster = new ApiTestCluster();
        final Path tokens = Files.writeString(dir.resolve("tokens.json"), TOKENS);
        final long startNanos = System.nanoTime();
        app = TipMonitorApp.start(cluster.app("tables-it", dir.resolve("state")).tokensFile(tokens).build());
        assertThat(app.awaitRunning(ApiTestCluster.DEADLINE)).isTrue();
        System.out.printf("[measure] start() to RUNNING: %d ms%n",
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
        http = new HttpTestClient(app.httpUrl());
        ApiTestCluster.await("/ready", () -> http.get("/ready").status(), status -> status == 200);
        System.out.printf("[measure] start() to /ready 200: %d ms%n",
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
            app.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void submissionsThroughTheGatewayAndThroughKafkaChangeTheTables() {
        final JsonNode before = http.get("/api/v1/countries/FRA").json();
        assertThat(before.path("iso3").asText()).isEqualTo("FRA");
        assertThat(before.path("compliance").isNull()).isTrue();

        final HttpTestClient.Answer accepted = http.post("/api/v1/submissions", "{\"submissionId\": \"gw-fra-1\","
            + " \"submittedAt\": \"2014-03-01T10:00:00Z\", \"responses\": ["
            + "{\"recommendationId\": \"2013.10\", \"status\": \"IN_PROGRESS\"}]}", "tok-fra");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.json().path("submissionId").asText()).isEqualTo("gw-fra-1");

        cluster.produce(List.of(ApiTestCluster.submission("kafka-deu-1", ReporterType.STATE, "DEU",
            Instant.parse("2014-04-01T10:00:00Z"), "2013.10", ImplementationStatus.IMPLEMENTED)));

        final JsonNode france = ApiTestCluster.await("FRA counted", () -> http.get("/api/v1/countries/FRA").json(),
            body -> body.path("compliance").path("reported").asInt() == 1);
        assertThat(france.path("compliance").path("counts").path("IN_PROGRESS").asInt()).isEqualTo(1);
        assertThat(france.path("compliance").path("dimension").asText()).isEqualTo("COUNTRY");
        ApiTestCluster.await("DEU counted", () -> http.get("/api/v1/countries/DEU").json(),
            body -> body.path("compliance").path("reported").asInt() == 1);

        final JsonNode rec10 = ApiTestCluster.await("2013.10 counted twice",
            () -> http.get("/api/v1/recommendations/2013.10").json(),
            body -> body.path("compliance").path("reported").asInt() == 2);
        assertThat(rec10.path("paragraph").asInt()).isEqualTo(10);
        assertThat(rec10.path("compliance").path("counts").path("IMPLEMENTED").asInt()).isEqualTo(1);

        final JsonNode europe = http.get("/api/v1/regions/150").json();
        assertThat(europe.path("level").asText()).isEqualTo("REGION");
        assertThat(europe.path("compliance").path("reported").asInt()).isEqualTo(2);
        assertThat(http.get("/api/v1/regions/155").json().path("level").asText()).isEqualTo("SUBREGION");
        assertThat(http.get("/api/v1/themes/consent").json().path("compliance").path("reported").asInt()).isEqualTo(2);

        final JsonNode matrix = http.get("/api/v1/matrix").json();
        final List<String> european = new ArrayList<>();
        matrix.path("cells").forEach(cell -> {
            if (Set.of("FRA", "DEU").contains(cell.path("country").asText())) {
                european.add(cell.path("country").asText() + " " + cell.path("recommendationId").asText() + " "
                    + cell.path("status").asText() + " " + cell.path("submissionId").asText());
            }
        });
        assertThat(european).containsExactly("DEU 2013.10 IMPLEMENTED kafka-deu-1", "FRA 2013.10 IN_PROGRESS gw-fra-1");
        assertThat(matrix.path("count").asInt()).isEqualTo(matrix.path("cells").size());

        final JsonNode countries = http.get("/api/v1/countries").json();
        assertThat(countries.path("count").asInt()).isEqualTo(Countries.load().size());
        final JsonNode recommendations = http.get("/api/v1/recommendations").json();
        assertThat(recommendations.path("count").asInt()).isEqualTo(Catalogue.load().size());
        assertThat(recommendations.path("items").get(0).path("id").asText()).isEqualTo("2013.5");
        final List<String> counted = new ArrayList<>();
        recommendations.path("items").forEach(item -> {
            if (!item.path("compliance").isNull()) {
                counted.add(item.path("id").asText());
            }
        });
        assertThat(counted).contains("2013.10").doesNotContain("2013.5", "2013.11");

        final JsonNode table = http.get("/api/v1/tables/country").json();
        assertThat(table.path("rows").findValuesAsText("key")).contains("DEU", "FRA").isSorted();
        assertThat(table.path("count").asInt()).isEqualTo(table.path("rows").size());
        // Civil society's view is a table of its own: nothing reported there yet.
        assertThat(http.get("/api/v1/tables/country?reporterType=civil_society").json().path("count").asInt())
            .isZero();
    }

    @Test
    void aRevisedCellKeepsItsHistoryNewestFirst() {
        for (final String[] revision : new String[][] {
            {"gw-fra-h1", "2015-01-01T00:00:00Z", "PLANNED"}, {"gw-fra-h2", "2016-01-01T00:00:00Z", "IMPLEMENTED"}}) {
            final HttpTestClient.Answer answer = http.post("/api/v1/submissions", "{\"submissionId\": \"" + revision[0]
                + "\", \"submittedAt\": \"" + revision[1] + "\", \"responses\": [{\"recommendationId\": \"2013.16\","
                + " \"status\": \"" + revision[2] + "\"}]}", "tok-phl");
            assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        }

        final JsonNode cell = ApiTestCluster.await("two versions of PHL 2013.16",
            () -> http.get("/api/v1/countries/phl/recommendations/2013.16").json(),
            body -> body.path("history").size() == 2);
        assertThat(cell.path("cell").path("status").asText()).isEqualTo("IMPLEMENTED");
        assertThat(cell.path("cell").path("organisation").asText()).isEqualTo("IACAT");
        assertThat(cell.path("history").findValuesAsText("validFrom"))
            .containsExactly("2016-01-01T00:00:00Z", "2015-01-01T00:00:00Z");
        assertThat(cell.path("history").get(1).path("validTo").asText()).isEqualTo("2016-01-01T00:00:00Z");
        assertThat(cell.path("history").get(1).path("cell").path("status").asText()).isEqualTo("PLANNED");

        final JsonNode asOf2015 = http.get("/api/v1/countries/PHL/recommendations/2013.16?asOf=2015-06-01T00:00:00Z")
            .json();
        assertThat(asOf2015.path("cell").path("status").asText()).isEqualTo("PLANNED");
        assertThat(http.get("/api/v1/countries/PHL/recommendations/2013.16?asOf=2014-06-01T00:00:00Z").json()
            .path("cell").isNull()).isTrue();
        // Known country and recommendation, never reported: an empty cell, not an error.
        final JsonNode empty = http.get("/api/v1/countries/PHL/recommendations/2013.14").json();
        assertThat(empty.path("cell").isNull()).isTrue();
        assertThat(empty.path("history").size()).isZero();
    }

    @Test
    void gatewayRefusalsNeverReachKafka() {
        final String body = "{\"submissionId\": \"refused-1\", \"submittedAt\": \"2014-03-01T10:00:00Z\","
            + " \"responses\": [{\"recommendationId\": \"2013.8\", \"status\": \"PLANNED\"}]}";
        assertThat(http.post("/api/v1/submissions", body, null).status()).isEqualTo(401);
        assertThat(http.post("/api/v1/submissions", body, "tok-unknown").status()).isEqualTo(401);
        assertThat(http.post("/api/v1/submissions",
            body.replace("\"responses\"", "\"reporter\": {\"country\": \"USA\"}, \"responses\""), "tok-mex").status())
            .isEqualTo(403);
        final HttpTestClient.Answer bad = http.post("/api/v1/submissions", body.replace("PLANNED", "ALMOST"),
            "tok-mex");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("error").asText()).startsWith("responses[0].status");

        // A later accepted submission is visible; none of the refused ones ever is.
        assertThat(http.post("/api/v1/submissions", body.replace("refused-1", "accepted-after")
            .replace("2013.8", "2013.9"), "tok-mex").status()).isEqualTo(202);
        ApiTestCluster.await("MEX 2013.9", () -> http.get("/api/v1/countries/MEX/recommendations/2013.9").json(),
            cell -> !cell.path("cell").isNull());
        assertThat(http.get("/api/v1/countries/MEX/recommendations/2013.8").json().path("cell").isNull()).isTrue();
    }

    @Test
    void unknownIdsAre404WithAMessage() {
        for (final String path : List.of("/api/v1/countries/XYZ", "/api/v1/recommendations/2013.99",
            "/api/v1/countries/FRA/recommendations/2013.99", "/api/v1/countries/XYZ/recommendations/2013.10",
            "/api/v1/regions/999", "/api/v1/themes/NOTATHEME", "/api/v1/tables/galaxy")) {
            final HttpTestClient.Answer answer = http.get(path);
            assertThat(answer.status()).as(path).isEqualTo(404);
            assertThat(answer.json().path("error").asText()).as(path).isNotBlank();
        }
    }

    @Test
    void metricsIncludeKafkaStreamsAndJvmMeters() {
        final String metrics = http.get("/metrics").body();
        assertThat(metrics).contains("kafka_stream_").contains("jvm_memory_used_bytes")
            .contains("http_server_requests_seconds_count");
    }

    @Test
    void measureQueryLatency() {
        ApiTestCluster.await("ready", () -> http.get("/ready").status(), status -> status == 200);
        for (final String path : List.of("/api/v1/countries/FRA", "/api/v1/countries", "/api/v1/matrix")) {
            for (int i = 0; i < 20; i++) {
                http.get(path);
            }
            final int rounds = 100;
            final long started = System.nanoTime();
            for (int i = 0; i < rounds; i++) {
                assertThat(http.get(path).status()).isEqualTo(200);
            }
            final double micros = (System.nanoTime() - started) / 1_000.0 / rounds;
            System.out.printf("[measure] GET %s: %.0f us per request (mean of %d, one instance)%n",
                path, micros, rounds);
        }
    }
}
