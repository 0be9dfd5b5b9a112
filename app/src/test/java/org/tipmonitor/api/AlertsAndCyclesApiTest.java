package org.tipmonitor.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tipmonitor.avro.GlotipRow;
import org.tipmonitor.cycles.CycleCalendar;
import org.tipmonitor.cycles.GlotipCsv;
import org.tipmonitor.json.AvroJson;

/** The alerts and cycles endpoints without Kafka: the live stream, parameter checks, cycles, CSV headers. */
class AlertsAndCyclesApiTest {

    /** Between the 2016 cut-off and the 2018 one. */
    private static final Instant NOW = Instant.parse("2017-03-01T00:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(10);

    private PrometheusMeterRegistry metrics;
    private AlertFanOut feed;
    private ApiServer server;
    private HttpTestClient http;
    private String base;

    @BeforeEach
    void start() {
        metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        feed = new AlertFanOut(AlertFanOut.DEFAULT_CLIENT_QUEUE);
        final List<ApiModule> modules = List.of(new ComplianceApi(), new AlertsModule(feed, Duration.ofMillis(200)),
            new CyclesModule(CycleCalendar.defaults(), Clock.fixed(NOW, ZoneOffset.UTC)));
        server = ApiServer.create(new StoreQueries(ComplianceStores.ALL), modules, metrics).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + server.port();
        http = new HttpTestClient(base);
    }

    @AfterEach
    void stop() {
        feed.close();
        server.close();
        metrics.close();
    }

    @Test
    void theStreamSendsMatchingAlertEventsWithKeepAlives() throws Exception {
        try (SseTestClient france = new SseTestClient(base + "/api/v1/alerts/stream?country=fra");
             SseTestClient everything = new SseTestClient(base + "/api/v1/alerts/stream")) {
            assertThat(france.response().statusCode()).isEqualTo(200);
            assertThat(france.response().headers().firstValue("Content-Type").orElse(""))
                .startsWith("text/event-stream");
            france.awaitLine(": connected", WAIT);
            everything.awaitLine(": connected", WAIT);
            assertThat(feed.subscribers()).isEqualTo(2);

            feed.publish(new AlertEvent(TestAlerts.regression("DEU", "2013.10", NOW), AlertPositions.of(Map.of(0, 8L))));
            feed.publish(new AlertEvent(TestAlerts.regression("FRA", "2013.11", NOW), AlertPositions.of(Map.of(0, 9L))));

            final SseTestClient.Event event = france.nextEvent(WAIT);
            assertThat(event.event()).isEqualTo("alert");
            // The id says where the stream stood after the event, for Last-Event-ID.
            assertThat(event.id()).isEqualTo("0-9");
            final JsonNode alert = AvroJson.parse(event.data());
            assertThat(alert.path("alertId").asText()).isEqualTo("REGRESSION|STATE|FRA|2013.11");
            assertThat(alert.path("country").asText()).isEqualTo("FRA");
            assertThat(alert.path("openedAt").asText()).isEqualTo(NOW.toString());
            assertThat(everything.nextEvent(WAIT).id()).isEqualTo("0-8");
            assertThat(everything.nextEvent(WAIT).id()).isEqualTo("0-9");
            // Nothing else for France, but keep-alive comments keep coming.
            france.awaitLine(": keep-alive", WAIT);
        }
    }

    @Test
    void aClientThatDisconnectsIsRemoved() throws Exception {
        final SseTestClient client = new SseTestClient(base + "/api/v1/alerts/stream");
        client.awaitLine(": connected", WAIT);
        assertThat(feed.subscribers()).isEqualTo(1);

        client.close();

        // Noticed at the next write at the latest: the keep-alive every 200 ms here.
        final long deadline = System.nanoTime() + WAIT.toNanos();
        while (feed.subscribers() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(feed.subscribers()).isZero();
    }

    @Test
    void badFiltersAndMissingAcceptAreRefusedBeforeTheStreamStarts() {
        final HttpTestClient.Answer plain = http.get("/api/v1/alerts/stream");
        assertThat(plain.status()).isEqualTo(406);
        assertThat(plain.json().path("error").asText()).contains("text/event-stream");

        final HttpTestClient.Answer badKind = http.get("/api/v1/alerts?kind=GOSSIP");
        assertThat(badKind.status()).isEqualTo(400);
        assertThat(badKind.json().path("error").asText()).startsWith("kind:").contains("GOSSIP");
        final HttpTestClient.Answer badAsOf = http.get("/api/v1/alerts?asOf=yesterday");
        assertThat(badAsOf.status()).isEqualTo(400);
        assertThat(badAsOf.json().path("error").asText()).startsWith("asOf");
        assertThat(http.get("/api/v1/alerts?status=OPEN&asOf=2016-01-01T00:00:00Z").status()).isEqualTo(400);
        for (final String badLimit : new String[] {"0", "-3", "ten", "10001", "99999999999"}) {
            final HttpTestClient.Answer answer = http.get("/api/v1/alerts?limit=" + badLimit);
            assertThat(answer.status()).as("limit=%s", badLimit).isEqualTo(400);
            assertThat(answer.json().path("error").asText()).startsWith("limit:");
        }
        // A good request needs the stores, which never started here.
        assertThat(http.get("/api/v1/alerts?status=open").status()).isEqualTo(503);
        assertThat(http.get("/api/v1/alerts?status=open&limit=10000").status()).isEqualTo(503);
    }

    @Test
    void cyclesListTheCalendarAndTellPassedFromOpen() {
        final JsonNode cycles = http.get("/api/v1/cycles").json();
        assertThat(cycles.path("count").asInt()).isEqualTo(CycleCalendar.defaults().cycles().size());
        final JsonNode first = cycles.path("items").get(0);
        assertThat(first.path("edition").asInt()).isEqualTo(2014);
        assertThat(first.path("begins").asText()).isEqualTo("2013-11-08T00:00:00Z");
        assertThat(first.path("cutoff").asText()).isEqualTo("2014-06-30T00:00:00Z");
        assertThat(cycles.path("items").findValuesAsText("passed").subList(0, 3))
            .containsExactly("true", "true", "false");
    }

    @Test
    void unknownOpenOrMalformedEditionsAndBadAsOfAreRefusedBeforeTheStores() {
        for (final String path : List.of("/api/v1/cycles/2015", "/api/v1/cycles/2015/glotip.csv")) {
            final HttpTestClient.Answer answer = http.get(path);
            assertThat(answer.status()).as(path).isEqualTo(404);
            assertThat(answer.json().path("error").asText()).contains("2016");
        }
        for (final String path : List.of("/api/v1/cycles/2018", "/api/v1/cycles/2018/glotip.csv")) {
            final HttpTestClient.Answer answer = http.get(path);
            assertThat(answer.status()).as(path).isEqualTo(409);
            assertThat(answer.json().path("error").asText()).contains("2018-06-30T00:00:00Z");
        }
        assertThat(http.get("/api/v1/cycles/latest").status()).isEqualTo(400);
        assertThat(http.get("/api/v1/cycles/2016?reporterType=KING").status()).isEqualTo(400);
        assertThat(http.get("/api/v1/cycles/2016").status()).isEqualTo(503);
        for (final String path : List.of("/api/v1/countries", "/api/v1/recommendations/2013.10", "/api/v1/matrix",
            "/api/v1/tables/country", "/api/v1/regions/150", "/api/v1/themes/consent")) {
            final HttpTestClient.Answer answer = http.get(path + "?asOf=not-a-date");
            assertThat(answer.status()).as(path).isEqualTo(400);
            assertThat(answer.json().path("error").asText()).as(path).startsWith("asOf");
        }
    }

    @Test
    void theCsvIsAnAttachmentNamedForItsEditionInUtf8WithoutABomUnlessAskedFor() {
        final GlotipRow row = GlotipRow.newBuilder().setEdition(2016).setIso3("CIV").setCountry("Côte d'Ivoire")
            .setRegion("Africa").setSubregion("Sub-Saharan Africa").setIndicator("Detected trafficking victims")
            .setDimension("Total").setCategory("Total").setSex("Total").setAge("Total").setYear(2015)
            .setUnit("Counts").setValue(3.0).setSource("National authorities (tip-monitor submission civ-1)").build();
        final Javalin app = Javalin.create(config -> config.showJavalinBanner = false)
            .get("/csv", ctx -> CyclesModule.sendCsv(ctx, "glotip-2016", List.of(row),
                GlotipCsv.Format.countries().withDisclosureThreshold(5)))
            .get("/bom", ctx -> CyclesModule.sendCsv(ctx, "glotip-2016", List.of(row),
                GlotipCsv.Format.countries().withBom()))
            .start("127.0.0.1", 0);
        try {
            final HttpTestClient client = new HttpTestClient("http://127.0.0.1:" + app.port());
            final HttpTestClient.Answer answer = client.get("/csv");
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.header("Content-Type")).contains("text/csv; charset=utf-8");
            assertThat(answer.header("Content-Disposition")).contains("attachment; filename=\"glotip-2016.csv\"");
            assertThat(answer.body()).isEqualTo(GlotipCsv.HEADER + "\r\n"
                + "CIV,Côte d'Ivoire,Africa,Sub-Saharan Africa,Detected trafficking victims,"
                + "Total,Total,Total,Total,2015,Counts,<5,National authorities (tip-monitor submission civ-1)\r\n");
            assertThat(client.get("/bom").raw().body().getBytes(StandardCharsets.UTF_8)).startsWith(0xEF, 0xBB, 0xBF);
        } finally {
            app.stop();
        }
    }
}
