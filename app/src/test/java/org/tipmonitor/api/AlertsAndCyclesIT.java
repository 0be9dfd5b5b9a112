package org.tipmonitor.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.state.VersionedRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.tipmonitor.avro.Cell;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.ExploitationForm;
import org.tipmonitor.avro.ExploitationReport;
import org.tipmonitor.avro.ImplementationStatus;
import org.tipmonitor.avro.ProtocolStatus;
import org.tipmonitor.avro.Recommendation;
import org.tipmonitor.avro.Reporter;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.avro.Response;
import org.tipmonitor.avro.Submission;
import org.tipmonitor.cli.ExportCommandAccess;
import org.tipmonitor.compliance.Addressing;
import org.tipmonitor.compliance.Expectations;
import org.tipmonitor.cycles.CycleCalendar;
import org.tipmonitor.cycles.GlotipCsv;
import org.tipmonitor.reference.Catalogue;
import org.tipmonitor.reference.Countries;
import org.tipmonitor.runtime.TipMonitorApp;

/**
 * One instance on the in-JVM broker with a single reporting cycle (edition 2016, cut-off 2016-06-30) and a webhook
 * receiver that refuses its first request: submissions on both sides of the cut-off, then the cycle endpoints, the
 * CSV (over HTTP and with the export command), the alert list, the live stream, the webhook and asOf answers.
 */
@Tag("integration")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertsAndCyclesIT {

    private static final Instant CUTOFF = Instant.parse("2016-06-30T00:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;

    private static ApiTestCluster cluster;
    private static TipMonitorApp app;
    private static HttpTestClient http;
    private static HttpServer receiver;
    private static final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private static final AtomicInteger refusals = new AtomicInteger(1);

    @BeforeAll
    static void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            final String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (refusals.getAndDecrement() > 0) {
                exchange.sendResponseHeaders(503, -1);
            } else {
                received.add(org.tipmonitor.json.AvroJson.parse(body));
                exchange.sendResponseHeaders(204, -1);
            }
            exchange.close();
        });
        receiver.start();

        cluster = new ApiTestCluster();
        app = ApiTestCluster.startReady(cluster.app("alerts-cycles-it", dir.resolve("state"))
            .streamsOverrides(Map.of(CycleCalendar.CUTOFFS, CUTOFF.toString(),
                WebhookConfig.URL, "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                WebhookConfig.INITIAL_BACKOFF, "PT0.1S"))
            .build());
        http = new HttpTestClient(app.httpUrl());
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    @Order(1)
    void cycleReportsAlertsStreamWebhookAndAsOf() throws Exception {
        assertThat(app.config().topology().cycles().cycles()).hasSize(1);
        // Before the cut-off: FRA implemented 2013.10, DEU partly; ITA asks for assistance on 2013.11.
        cluster.produce(List.of(
            submission("it-fra-1", "FRA", "2015-01-01T00:00:00Z", "2013.10", ImplementationStatus.IMPLEMENTED,
                false, ExploitationForm.FORCED_BEGGING),
            submission("it-deu-1", "DEU", "2016-03-01T00:00:00Z", "2013.10",
                ImplementationStatus.PARTIALLY_IMPLEMENTED, false, ExploitationForm.DEBT_BONDAGE,
                ExploitationForm.FORCED_BEGGING),
            submission("it-ita-1", "ITA", "2016-05-01T00:00:00Z", "2013.11", ImplementationStatus.IN_PROGRESS,
                true)));
        ApiTestCluster.await("FRA, DEU and ITA in the tables", () -> http.get("/api/v1/tables/country").json(),
            table -> table.path("rows").findValuesAsText("key").containsAll(List.of("FRA", "DEU", "ITA")));
        // After the cut-off, FRA falls back: a REGRESSION, outside the 2016 tables.
        cluster.produce(List.of(submission("it-fra-2", "FRA", "2017-01-01T00:00:00Z", "2013.10",
            ImplementationStatus.PARTIALLY_IMPLEMENTED, false)));
        final JsonNode open = ApiTestCluster.await("REGRESSION and ASSISTANCE_NEEDED open",
            () -> http.get("/api/v1/alerts?status=OPEN").json(),
            body -> body.path("items").findValuesAsText("alertId").containsAll(List.of(
                "REGRESSION|STATE|FRA|2013.10", "ASSISTANCE_NEEDED|ITA")));
        assertThat(open.path("count").asInt()).isEqualTo(open.path("items").size());
        assertThat(open.path("items").findValuesAsText("status")).containsOnly("OPEN");
        // A page: the first alerts in the list's order, and how many match in all.
        final JsonNode first = http.get("/api/v1/alerts?status=OPEN&limit=1").json();
        assertThat(first.path("count").asInt()).isEqualTo(open.path("count").asInt()).isGreaterThan(1);
        assertThat(first.path("limit").asInt()).isEqualTo(1);
        assertThat(first.path("items")).hasSize(1);
        assertThat(first.path("items").get(0)).isEqualTo(open.path("items").get(0));
        final JsonNode regression = alert(open, "REGRESSION|STATE|FRA|2013.10");
        assertThat(regression.path("severity").asText()).as("2013.10 says 'should consider'").isEqualTo("MEDIUM");
        assertThat(regression.path("reason").asText()).startsWith("France reports that its implementation of para 10");
        // The summary counts the same open alerts the list returns.
        final JsonNode summary = http.get("/api/v1/alerts/summary").json();
        assertThat(summary.path("total").asInt()).isEqualTo(open.path("count").asInt());
        for (final String breakdown : List.of("byKind", "bySeverity", "byRegion", "byRecommendation")) {
            int sum = 0;
            for (final JsonNode count : summary.path(breakdown)) {
                sum += count.asInt();
            }
            assertThat(sum).as(breakdown).isEqualTo(open.path("count").asInt());
        }
        assertThat(summary.path("byKind").path("REGRESSION").asInt()).isEqualTo(1);
        assertThat(summary.path("byKindAndSeverity").path("REGRESSION").path("MEDIUM").asInt()).isEqualTo(1);
        assertThat(summary.path("byRegion").path("Europe").asInt()).isEqualTo(open.path("count").asInt());
        assertThat(regression.path("causedBySubmissionId").asText()).isEqualTo("it-fra-2");
        assertThat(http.get("/api/v1/alerts?kind=regression&country=fra").json().path("items")
            .findValuesAsText("alertId")).containsExactly("REGRESSION|STATE|FRA|2013.10");

        // The cycles.
        final JsonNode cycles = http.get("/api/v1/cycles").json();
        assertThat(cycles.path("count").asInt()).isEqualTo(1);
        assertThat(cycles.path("items").get(0).path("edition").asInt()).isEqualTo(2016);
        assertThat(cycles.path("items").get(0).path("passed").asBoolean()).isTrue();

        final JsonNode report = http.get("/api/v1/cycles/2016").json();
        assertThat(report.path("cutoff").asText()).isEqualTo(CUTOFF.toString());
        final JsonNode france2016 = row(report.path("tables").path("country"), "FRA");
        assertThat(france2016.path("counts").path("IMPLEMENTED").asInt()).isEqualTo(1);
        assertThat(france2016.path("counts").path("PARTIALLY_IMPLEMENTED").asInt()).isZero();
        // DEU has not changed since: its figures at the cut-off are the live ones.
        final JsonNode germanyLive = http.get("/api/v1/countries/DEU").json().path("compliance");
        assertSameFigures(row(report.path("tables").path("country"), "DEU"), germanyLive);
        // The cycle's tables are the tables as of the cut-off.
        final JsonNode countryAsOfCutoff = http.get("/api/v1/tables/country?asOf=" + CUTOFF).json();
        assertThat(countryAsOfCutoff.path("asOf").asText()).isEqualTo(CUTOFF.toString());
        assertThat(countryAsOfCutoff.path("rows")).isEqualTo(report.path("tables").path("country"));
        assertThat(row(report.path("tables").path("recommendation"), "2013.10").path("reported").asInt())
            .isEqualTo(2);

        final JsonNode exploitation = report.path("exploitation");
        assertThat(formsOf(exploitation.path("byCountry"), "iso3", "FRA")).containsExactly("Forced begging=1");
        assertThat(formsOf(exploitation.path("byRegion"), "m49", "150"))
            .contains("Forced begging=2", "Debt bondage=1");
        assertThat(formsOf(exploitation.path("bySubregion"), "m49", "155")).contains("Forced begging=2");
        final List<String> openAtCutoff = report.path("alerts").path("items").findValuesAsText("alertId");
        assertThat(openAtCutoff).contains("ASSISTANCE_NEEDED|ITA")
            .doesNotContain("REGRESSION|STATE|FRA|2013.10");

        // Our implementation indicators, in their own file; the Global Report feed (no statistics here) with the
        // export command.
        final HttpTestClient.Answer csv = http.get("/api/v1/cycles/2016/implementation.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).contains("text/csv; charset=utf-8");
        assertThat(csv.header("Content-Disposition")).contains("attachment; filename=\"implementation-2016.csv\"");
        final List<List<String>> records = parseCsv(csv.body());
        assertThat(String.join(",", records.get(0))).isEqualTo(
            "Iso3_code,Country,Region,Subregion,Indicator,Dimension,Category,Sex,Age,Year,Unit of measurement,VALUE,"
                + "Source");
        assertThat(records.subList(1, records.size())).allSatisfy(record -> assertThat(record).hasSize(13));
        assertThat(records.subList(1, records.size())).as("State rows only: Iso3_code is always an ISO3 code")
            .allSatisfy(record -> assertThat(record.get(0)).matches("[A-Z]{3}"));
        final List<List<String>> areaRecords = parseCsv(http.get("/api/v1/cycles/2016/implementation-regions.csv").body());
        assertThat(String.join(",", areaRecords.get(0))).startsWith("M49_code,Area,Region,Subregion,Indicator,");
        assertThat(areaRecords.subList(1, areaRecords.size())).isNotEmpty()
            .allSatisfy(record -> assertThat(record.get(0)).matches("[0-9]{3}"));
        assertThat(records).anySatisfy(record -> assertThat(record.subList(0, 12)).containsExactly("FRA", "France",
            "Europe", "Western Europe", "tip-monitor: Recommendations implemented", "Total", "Total", "Total", "Total", "2016",
            "Number", "1"));
        final Path exported = dir.resolve("glotip-2016.csv");
        final StringWriter err = new StringWriter();
        assertThat(ExportCommandAccess.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "glotip",
            "--edition", "2016", "--out", exported.toString(), "--url", app.httpUrl())).as(err.toString()).isZero();
        assertThat(Files.readString(exported, StandardCharsets.UTF_8))
            .isEqualTo(http.get("/api/v1/cycles/2016/glotip.csv").body())
            .isEqualTo(GlotipCsv.HEADER + "\r\n");
        assertThat(ExportCommandAccess.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "glotip",
            "--edition", "2015", "--out", exported.toString(), "--url", app.httpUrl())).isEqualTo(1);
        assertThat(err.toString()).contains("unknown edition 2015");
        final Path areasExported = dir.resolve("implementation-regions-2016.csv");
        assertThat(ExportCommandAccess.run(new PrintWriter(new StringWriter()), new PrintWriter(err),
            "implementation-regions", "--edition", "2016", "--out", areasExported.toString(), "--url", app.httpUrl()))
            .as(err.toString()).isZero();
        assertThat(Files.readString(areasExported, StandardCharsets.UTF_8))
            .isEqualTo(http.get("/api/v1/cycles/2016/implementation-regions.csv").body());

        // asOf before and after the revision.
        final JsonNode before = http.get("/api/v1/countries/FRA?asOf=2016-12-31T00:00:00Z").json();
        final JsonNode after = http.get("/api/v1/countries/FRA?asOf=2017-01-01T00:00:00Z").json();
        assertThat(before.path("compliance").path("counts").path("IMPLEMENTED").asInt()).isEqualTo(1);
        assertThat(after.path("compliance").path("counts").path("IMPLEMENTED").asInt()).isZero();
        assertThat(after.path("compliance").path("counts").path("PARTIALLY_IMPLEMENTED").asInt()).isEqualTo(1);
        assertSameFigures(after.path("compliance"), http.get("/api/v1/countries/FRA").json().path("compliance"));
        assertThat(http.get("/api/v1/countries/FRA?asOf=2014-01-01T00:00:00Z").json().path("compliance").isNull())
            .isTrue();
        assertThat(matrixStatus("2016-12-31T00:00:00Z", "FRA")).isEqualTo("IMPLEMENTED");
        assertThat(matrixStatus("2017-06-01T00:00:00Z", "FRA")).isEqualTo("PARTIALLY_IMPLEMENTED");
        assertThat(http.get("/api/v1/recommendations/2013.10?asOf=2016-12-31T00:00:00Z").json()
            .path("compliance").path("counts").path("IMPLEMENTED").asInt()).isEqualTo(1);
        assertThat(http.get("/api/v1/countries?asOf=June").status()).isEqualTo(400);

        // A new alert reaches a connected stream client and the webhook (which refused its first request).
        try (SseTestClient stream = new SseTestClient(app.httpUrl()
            + "/api/v1/alerts/stream?country=esp&kind=ASSISTANCE_NEEDED")) {
            stream.awaitLine(": connected", WAIT);
            cluster.produce(List.of(submission("it-esp-1", "ESP", "2017-02-01T00:00:00Z", "2013.11",
                ImplementationStatus.PLANNED, true)));
            final SseTestClient.Event event = stream.nextEvent(WAIT);
            assertThat(event.event()).isEqualTo("alert");
            assertThat(AlertPositions.parse(event.id())).isPresent();
            assertThat(org.tipmonitor.json.AvroJson.parse(event.data()).path("alertId").asText())
                .isEqualTo("ASSISTANCE_NEEDED|ESP");
            assertThat(org.tipmonitor.json.AvroJson.parse(event.data()).path("causedBySubmissionId").asText())
                .isEqualTo("it-esp-1");
        }
        ApiTestCluster.await("the webhook receives the ESP alert", () -> List.copyOf(received),
            bodies -> bodies.stream().anyMatch(body ->
                "ASSISTANCE_NEEDED|ESP".equals(body.path("alertId").asText())));
        assertThat(refusals.get()).isNegative();
    }

    @Test
    @Order(2)
    void measureCycleReportOverThousandsOfCells() {
        final List<String> recommendations = Catalogue.load().recommendations().stream()
            .filter(Addressing::isStateAddressed).map(Recommendation::getId).limit(20).toList();
        final List<String> countries = Countries.load().countries().stream()
            .filter(country -> country.getProtocolStatus() == ProtocolStatus.PARTY)
            .filter(Expectations::isState) // the EU is a party, not a State: its answers are rejected
            .map(Country::getIso3)
            .filter(iso3 -> !Set.of("FRA", "DEU", "ITA", "ESP").contains(iso3))
            .limit(150).toList();
        final List<Submission> bulk = new ArrayList<>();
        for (int i = 0; i < countries.size(); i++) {
            final List<Response> responses = new ArrayList<>();
            for (int j = 0; j < recommendations.size(); j++) {
                responses.add(Response.newBuilder().setRecommendationId(recommendations.get(j))
                    .setStatus(ImplementationStatus.values()[(i + j) % 5]).build());
            }
            bulk.add(Submission.newBuilder().setSubmissionId("bulk-" + countries.get(i))
                .setReporter(Reporter.newBuilder().setType(ReporterType.STATE).setCountry(countries.get(i)).build())
                .setSubmittedAt(Instant.parse("2015-06-01T00:00:00Z").plusSeconds(i)).setResponses(responses)
                .build());
        }
        final int before = http.get("/api/v1/matrix").json().path("count").asInt();
        cluster.produce(bulk);
        // Every bulk response is valid and opens a new cell: wait for all of them (a "count stopped moving" test
        // was fooled by pauses of a loaded machine).
        final int expectedCells = before + countries.size() * recommendations.size();
        final JsonNode matrix = ApiTestCluster.await("the bulk cells", () -> {
            sleep(500);
            return http.get("/api/v1/matrix").json();
        }, body -> body.path("count").asInt() >= expectedCells);
        final int cells = matrix.path("count").asInt();

        for (int i = 0; i < 2; i++) {
            http.get("/api/v1/cycles/2016"); // warm-up
        }
        final int rounds = 5;
        long started = System.nanoTime();
        JsonNode report = null;
        for (int i = 0; i < rounds; i++) {
            final HttpTestClient.Answer answer = http.get("/api/v1/cycles/2016");
            assertThat(answer.status()).isEqualTo(200);
            report = answer.json();
        }
        final long reportMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) / rounds;
        // Every State with a cell stood at the cut-off except ESP, whose only cell came after it. (Compared with the
        // cell index, which is complete once the matrix settled; the aggregated live tables may still lag.)
        final List<String> cutoffKeys = report.path("tables").path("country").findValuesAsText("key");
        final List<String> statesWithCells = matrix.path("cells").findValuesAsText("country").stream()
            .distinct().sorted().toList();
        assertThat(statesWithCells).contains("ESP");
        assertThat(cutoffKeys).containsExactlyElementsOf(
            statesWithCells.stream().filter(key -> !"ESP".equals(key)).toList());

        started = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            assertThat(http.get("/api/v1/cycles/2016/implementation.csv").status()).isEqualTo(200);
        }
        final long csvMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) / rounds;

        started = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            assertThat(http.get("/api/v1/tables/country?asOf=" + CUTOFF).status()).isEqualTo(200);
        }
        final long asOfMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) / rounds;

        // The batched read against one routed read per key, both through the query service.
        final AsOfService asOf = new AsOfService(app.queries());
        final List<String> keys = asOf.cellKeys(ReporterType.STATE);
        started = System.nanoTime();
        final Map<String, VersionedRecord<Cell>> batched = app.queries().getAsOf(ComplianceStores.CELLS, keys, CUTOFF);
        final long batchedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        started = System.nanoTime();
        int found = 0;
        for (final String key : keys) {
            if (app.queries().getAsOf(ComplianceStores.CELLS, key, CUTOFF).isPresent()) {
                found++;
            }
        }
        final long perKeyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(batched).hasSize(found);

        System.out.printf("[measure] %d State cells (one instance): GET /api/v1/cycles/2016 %d ms, implementation.csv %d ms,"
                + " /tables/country?asOf %d ms; as-of read of %d keys batched %d ms, one query per key %d ms%n",
            cells, reportMillis, csvMillis, asOfMillis, keys.size(), batchedMillis, perKeyMillis);
    }

    private static void sleep(final long millis) {
        try {
            Thread.sleep(millis);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Submission submission(final String id, final String country, final String submittedAt,
                                         final String recommendationId, final ImplementationStatus status,
                                         final boolean assistance, final ExploitationForm... forms) {
        final List<ExploitationReport> reports = new ArrayList<>();
        for (final ExploitationForm form : forms) {
            reports.add(ExploitationReport.newBuilder().setForm(form).build());
        }
        return Submission.newBuilder()
            .setSubmissionId(id)
            .setReporter(Reporter.newBuilder().setType(ReporterType.STATE).setCountry(country).build())
            .setSubmittedAt(Instant.parse(submittedAt))
            .setResponses(List.of(Response.newBuilder().setRecommendationId(recommendationId).setStatus(status)
                .setTechnicalAssistanceNeeded(assistance).setExploitationForms(reports).build()))
            .build();
    }

    private static JsonNode alert(final JsonNode listing, final String alertId) {
        for (final JsonNode item : listing.path("items")) {
            if (alertId.equals(item.path("alertId").asText())) {
                return item;
            }
        }
        throw new AssertionError("no alert " + alertId);
    }

    private static JsonNode row(final JsonNode rows, final String key) {
        for (final JsonNode row : rows) {
            if (key.equals(row.path("key").asText())) {
                return row;
            }
        }
        throw new AssertionError("no row " + key + " in " + rows.findValuesAsText("key"));
    }

    private static List<String> formsOf(final JsonNode items, final String codeField, final String code) {
        final List<String> forms = new ArrayList<>();
        for (final JsonNode item : items) {
            if (code.equals(item.path(codeField).asText())) {
                forms.add(item.path("form").asText() + "=" + item.path("states").asInt());
            }
        }
        return forms;
    }

    /** The figures of two rows, without the instants that differ by nature (updatedAt, lastSubmittedAt). */
    private static void assertSameFigures(final JsonNode actual, final JsonNode expected) {
        for (final String field : List.of("key", "reporterType", "dimension", "counts", "reported", "applicable",
            "implementationRate", "progressScore")) {
            assertThat(actual.path(field)).as(field).isEqualTo(expected.path(field));
        }
    }

    private static String matrixStatus(final String asOf, final String country) {
        for (final JsonNode cell : http.get("/api/v1/matrix?asOf=" + asOf).json().path("cells")) {
            if (country.equals(cell.path("country").asText())
                && "2013.10".equals(cell.path("recommendationId").asText())) {
                return cell.path("status").asText();
            }
        }
        return null;
    }

    /** RFC 4180 records of the CSV (which has no byte order mark). */
    private static List<List<String>> parseCsv(final String text) {
        assertThat(text).doesNotStartWith(String.valueOf(GlotipCsv.BOM));
        final List<List<String>> records = new ArrayList<>();
        for (final String line : text.split("\r\n")) {
            final List<String> fields = new ArrayList<>();
            final StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                final char c = line.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        field.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                } else {
                    field.append(c);
                }
            }
            fields.add(field.toString());
            records.add(fields);
        }
        return records;
    }
}
