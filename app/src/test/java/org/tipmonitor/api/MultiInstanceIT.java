package org.tipmonitor.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipmonitor.avro.ComplianceRow;
import org.tipmonitor.avro.ImplementationStatus;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.avro.Submission;
import org.tipmonitor.compliance.CellKey;
import org.tipmonitor.runtime.AppConfig;
import org.tipmonitor.runtime.TipMonitorApp;
import org.tipmonitor.topology.channels.StateStores;

/**
 * Two instances of one application (same id, own state directories and ports) on topics of two partitions: they
 * split the partitions, each answers for keys the other owns, tables merge both halves, and an instance restarted
 * on its state directory gives the same answers as before.
 */
@Tag("integration")
class MultiInstanceIT {

    private static final String APPLICATION_ID = "multi-it";
    private static final List<String> COUNTRIES =
        List.of("ARG", "BRA", "CHN", "DEU", "FRA", "IND", "JPN", "MEX", "NGA", "PHL", "THA", "USA");

    @TempDir
    static Path dir;

    private static ApiTestCluster cluster;
    private final List<TipMonitorApp> started = new ArrayList<>();

    @BeforeAll
    static void startCluster() {
        cluster = new ApiTestCluster();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @AfterEach
    void stopApps() {
        started.forEach(TipMonitorApp::close);
    }

    @Test
    void twoInstancesShareTheWorkAnswerForEachOtherAndRestoreAfterARestart() {
        final AppConfig configA = cluster.app(APPLICATION_ID, dir.resolve("a")).build();
        final AppConfig configB = cluster.app(APPLICATION_ID, dir.resolve("b")).build();
        final TipMonitorApp a = start(configA);
        TipMonitorApp b = start(configB);
        final HttpTestClient httpA = new HttpTestClient(a.httpUrl());
        HttpTestClient httpB = new HttpTestClient(b.httpUrl());
        awaitReady(httpA);
        awaitReady(httpB);

        produceOneCellPerCountry();

        final JsonNode tableViaA = awaitCountryTable(httpA);
        final JsonNode tableViaB = awaitCountryTable(httpB);
        assertThat(tableViaA).isEqualTo(tableViaB);
        final JsonNode matrix = httpA.get("/api/v1/matrix").json();
        assertThat(matrix.path("count").asInt()).isEqualTo(COUNTRIES.size());
        assertThat(httpB.get("/api/v1/matrix").json()).isEqualTo(matrix);

        // Both instances own part of each table, and each answers for the other's keys.
        awaitBothOwnKeys(a, b);
        final HostInfo hostA = a.queries().self().orElseThrow();
        final HostInfo hostB = b.queries().self().orElseThrow();
        assertAnswersForKeysOwnedBy(hostB, a, httpA);
        assertAnswersForKeysOwnedBy(hostA, b, httpB);
        // The typed query service agrees whichever instance it runs on.
        for (final String iso3 : COUNTRIES) {
            final String key = CellKey.rowKey(ReporterType.STATE, iso3);
            final Optional<ComplianceRow> rowA = a.queries().get(ComplianceStores.BY_COUNTRY, key);
            assertThat(rowA).isPresent();
            assertThat(b.queries().get(ComplianceStores.BY_COUNTRY, key)).isEqualTo(rowA);
        }
        final Map<String, JsonNode> answersBefore = countryAnswers(httpB);

        // Restart B on its state directory: meanwhile A answers for everything, then B answers as before.
        b.close();
        ApiTestCluster.await("A alone serves the whole table", () -> countryTable(httpA),
            table -> table.equals(tableViaA));

        final long restartNanos = System.nanoTime();
        b = start(configB);
        httpB = new HttpTestClient(b.httpUrl());
        assertReadinessGuard(b, httpB);
        assertThat(b.awaitRunning(ApiTestCluster.DEADLINE)).isTrue();
        System.out.printf("[measure] restart on existing state dir to RUNNING: %d ms%n",
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restartNanos));
        awaitReady(httpB);
        final HttpTestClient restartedB = httpB;
        ApiTestCluster.await("restarted B serves the same table", () -> countryTable(restartedB),
            table -> table.equals(tableViaA));
        assertThat(countryAnswers(restartedB)).isEqualTo(answersBefore);
        assertThat(restartedB.get("/api/v1/matrix").json()).isEqualTo(matrix);
        awaitBothOwnKeys(a, b);
        assertAnswersForKeysOwnedBy(a.queries().self().orElseThrow(), b, restartedB);
    }

    @Test
    void instancesAnswerForEachOtherOnAnInternalPortOfTheirOwn() {
        // tip.api.internal-port: the internal channel moves to its own listener, which application.server names.
        final AppConfig configA = cluster.app(APPLICATION_ID + "-internal-port", dir.resolve("ia"))
            .streamsOverrides(Map.of(ApiSettings.INTERNAL_PORT, 0)).build();
        final AppConfig configB = cluster.app(APPLICATION_ID + "-internal-port", dir.resolve("ib"))
            .streamsOverrides(Map.of(ApiSettings.INTERNAL_PORT, 0)).build();
        final TipMonitorApp a = start(configA);
        final TipMonitorApp b = start(configB);
        final HttpTestClient httpA = new HttpTestClient(a.httpUrl());
        final HttpTestClient httpB = new HttpTestClient(b.httpUrl());
        awaitReady(httpA);
        awaitReady(httpB);
        produceOneCellPerCountry(); // the same submissions as the other test's, if it ran first: nothing doubles
        awaitCountryTable(httpA);
        awaitBothOwnKeys(a, b);
        final HostInfo hostA = a.queries().self().orElseThrow();
        final HostInfo hostB = b.queries().self().orElseThrow();
        assertThat(hostA.port()).as("A advertises its internal port").isNotEqualTo(a.httpPort());
        assertThat(hostB.port()).as("B advertises its internal port").isNotEqualTo(b.httpPort());
        assertAnswersForKeysOwnedBy(hostB, a, httpA);
        assertAnswersForKeysOwnedBy(hostA, b, httpB);
        assertThat(new HttpTestClient("http://" + hostA.host() + ":" + hostA.port())
            .get("/internal/v1/stores/compliance-by-country/rows").status())
            .as("the internal port still wants the instances' secret").isEqualTo(401);
    }

    private void produceOneCellPerCountry() {
        final List<Submission> submissions = new ArrayList<>();
        for (int i = 0; i < COUNTRIES.size(); i++) {
            final String iso3 = COUNTRIES.get(i);
            submissions.add(ApiTestCluster.submission("multi-" + iso3, ReporterType.STATE, iso3,
                Instant.parse("2014-01-01T00:00:00Z").plusSeconds(3600L * i), "2013.10",
                ImplementationStatus.values()[i % 5]));
        }
        cluster.produce(submissions);
    }

    private TipMonitorApp start(final AppConfig config) {
        final TipMonitorApp app = TipMonitorApp.start(config);
        started.add(app);
        return app;
    }

    private static void awaitReady(final HttpTestClient http) {
        ApiTestCluster.await("/ready", () -> http.get("/ready").status(), status -> status == 200);
    }

    private static JsonNode countryTable(final HttpTestClient http) {
        final HttpTestClient.Answer answer = http.get("/api/v1/tables/country");
        if (answer.status() != 200) {
            throw new IllegalStateException(answer.status() + " " + answer.body());
        }
        return answer.json();
    }

    private static JsonNode awaitCountryTable(final HttpTestClient http) {
        return ApiTestCluster.await("a row per country", () -> countryTable(http),
            table -> table.path("count").asInt() == COUNTRIES.size());
    }

    private static Map<String, JsonNode> countryAnswers(final HttpTestClient http) {
        final Map<String, JsonNode> answers = new HashMap<>();
        for (final String iso3 : COUNTRIES) {
            final HttpTestClient.Answer country = http.get("/api/v1/countries/" + iso3);
            final HttpTestClient.Answer cell = http.get("/api/v1/countries/" + iso3 + "/recommendations/2013.10");
            assertThat(country.status()).as(country.body()).isEqualTo(200);
            assertThat(cell.status()).as(cell.body()).isEqualTo(200);
            answers.put(iso3, country.json());
            answers.put(iso3 + "/2013.10", cell.json());
        }
        return answers;
    }

    /** The owner as the API locates it: by the store's placement (cells and country rows by country). */
    private static HostInfo owner(final TipMonitorApp app, final String store, final String key) {
        final KeyQueryMetadata metadata = app.queries().local().metadataForKey(store, key);
        return metadata.activeHost();
    }

    /** Waits until the assignment has settled with each instance active for some country rows and some cells. */
    private static void awaitBothOwnKeys(final TipMonitorApp a, final TipMonitorApp b) {
        ApiTestCluster.await("both instances own rows and cells", () -> {
            final List<HostInfo> owners = new ArrayList<>();
            for (final String iso3 : COUNTRIES) {
                owners.add(owner(a, StateStores.COMPLIANCE_BY_COUNTRY.name(), CellKey.rowKey(ReporterType.STATE, iso3)));
                owners.add(owner(a, StateStores.CELLS.name(), new CellKey(ReporterType.STATE, iso3, "2013.10").asString()));
            }
            return owners;
        }, owners -> a.streams().state() == KafkaStreams.State.RUNNING && b.streams().state() == KafkaStreams.State.RUNNING
            && owners.contains(a.queries().self().orElseThrow()) && owners.contains(b.queries().self().orElseThrow()));
    }

    /** Asks {@code asked} for a country row and a cell that {@code owner} holds, and checks the answers. */
    private static void assertAnswersForKeysOwnedBy(final HostInfo owner, final TipMonitorApp asked,
                                                    final HttpTestClient http) {
        assertThat(asked.queries().self()).isNotEqualTo(Optional.of(owner));
        int rowsChecked = 0;
        int cellsChecked = 0;
        for (int i = 0; i < COUNTRIES.size(); i++) {
            final String iso3 = COUNTRIES.get(i);
            final String status = ImplementationStatus.values()[i % 5].name();
            if (owner.equals(owner(asked, StateStores.COMPLIANCE_BY_COUNTRY.name(), CellKey.rowKey(ReporterType.STATE, iso3)))) {
                final JsonNode row = awaitOk(http, "/api/v1/countries/" + iso3).path("compliance");
                assertThat(row.path("key").asText()).isEqualTo(iso3);
                assertThat(row.path("reported").asInt()).isEqualTo(1);
                assertThat(row.path("counts").path(status).asInt()).as(iso3).isEqualTo(1);
                rowsChecked++;
            }
            if (owner.equals(owner(asked, StateStores.CELLS.name(), new CellKey(ReporterType.STATE, iso3, "2013.10").asString()))) {
                final JsonNode cell = awaitOk(http, "/api/v1/countries/" + iso3 + "/recommendations/2013.10");
                assertThat(cell.path("cell").path("status").asText()).as(iso3).isEqualTo(status);
                assertThat(cell.path("history").size()).isEqualTo(1);
                cellsChecked++;
            }
        }
        assertThat(rowsChecked).as("country rows owned by the other instance").isPositive();
        assertThat(cellsChecked).as("cells owned by the other instance").isPositive();
    }

    private static JsonNode awaitOk(final HttpTestClient http, final String path) {
        // A rebalance may still be settling: 503 is the documented answer then, and the client retries.
        return ApiTestCluster.await(path, () -> http.get(path), answer -> answer.status() == 200).json();
    }

    /**
     * Right after start the instance cannot be RUNNING yet (it still has to join the group): whenever Streams was
     * not RUNNING before and after a request, /ready and the queries must have answered 503 with Retry-After.
     */
    private static void assertReadinessGuard(final TipMonitorApp app, final HttpTestClient http) {
        int observed = 0;
        for (int i = 0; i < 20; i++) {
            final KafkaStreams.State before = app.streams().state();
            final HttpTestClient.Answer ready = http.get("/ready");
            final HttpTestClient.Answer query = http.get("/api/v1/countries/FRA");
            final KafkaStreams.State after = app.streams().state();
            if (before != KafkaStreams.State.RUNNING && after != KafkaStreams.State.RUNNING) {
                assertThat(ready.status()).isEqualTo(503);
                assertThat(query.status()).isEqualTo(503);
                assertThat(ready.header("Retry-After")).contains("2");
                assertThat(query.header("Retry-After")).contains("2");
                observed++;
            }
        }
        System.out.printf("[measure] readiness guard observed 503 on %d of 20 probes during restart%n", observed);
    }
}
