package org.tipmonitor.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipmonitor.avro.ImplementationStatus;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.avro.Submission;
import org.tipmonitor.json.AvroJson;
import org.tipmonitor.runtime.TipMonitorApp;

/**
 * A live alert stream client that disconnects and comes back with {@code Last-Event-ID} gets exactly the events it
 * missed, then the live ones; on the in-JVM broker.
 */
@Tag("integration")
class AlertStreamResumeIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private ApiTestCluster cluster;
    private TipMonitorApp app;

    @BeforeEach
    void start() {
        cluster = new ApiTestCluster();
        app = TipMonitorApp.start(cluster.app("stream-resume-it", dir.resolve("state")).build());
        assertThat(app.awaitRunning(ApiTestCluster.DEADLINE)).isTrue();
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aClientComingBackWithLastEventIdGetsWhatItMissedOnceThenLiveEvents() throws Exception {
        final String url = app.httpUrl() + AlertsModule.STREAM_PATH + "?kind=REGRESSION";
        final String lastId;
        try (SseTestClient first = new SseTestClient(url)) {
            first.awaitLine(": connected", WAIT);
            regressions("a", List.of("FRA", "DEU"));
            final List<SseTestClient.Event> seen = List.of(first.nextEvent(WAIT), first.nextEvent(WAIT));
            assertThat(countries(seen)).containsExactlyInAnyOrder("FRA", "DEU");
            lastId = seen.get(1).id();
        }
        regressions("b", List.of("ITA", "ESP", "NGA")); // while the client is away

        try (SseTestClient back = new SseTestClient(url, Map.of(AlertsModule.LAST_EVENT_ID, lastId))) {
            back.awaitLine(": connected, resuming after " + lastId, WAIT);
            final List<SseTestClient.Event> missed = List.of(back.nextEvent(WAIT), back.nextEvent(WAIT),
                back.nextEvent(WAIT));
            assertThat(countries(missed)).containsExactlyInAnyOrder("ITA", "ESP", "NGA");
            regressions("c", List.of("USA"));
            assertThat(countries(List.of(back.nextEvent(WAIT)))).containsExactly("USA");
        }
    }

    private static List<String> countries(final List<SseTestClient.Event> events) {
        final List<String> countries = new ArrayList<>();
        events.forEach(event -> countries.add(AvroJson.parse(event.data()).path("country").asText()));
        return countries;
    }

    /**
     * For each country: implemented, then (once that is applied: the two submissions are on different partitions
     * and could otherwise be applied in either order) only partly: one REGRESSION alert event each.
     */
    private void regressions(final String round, final List<String> countries) {
        final List<Submission> implemented = new ArrayList<>();
        final List<Submission> partly = new ArrayList<>();
        for (final String country : countries) {
            implemented.add(ApiTestCluster.submission(round + "-" + country + "-1", ReporterType.STATE, country,
                Instant.parse("2015-01-01T00:00:00Z"), "2013.10", ImplementationStatus.IMPLEMENTED));
            partly.add(ApiTestCluster.submission(round + "-" + country + "-2", ReporterType.STATE, country,
                Instant.parse("2016-01-01T00:00:00Z"), "2013.10", ImplementationStatus.PARTIALLY_IMPLEMENTED));
        }
        cluster.produce(implemented);
        final HttpTestClient http = new HttpTestClient(app.httpUrl());
        for (final String country : countries) {
            ApiTestCluster.await(country + " implemented", () -> {
                final HttpTestClient.Answer answer = http.get("/api/v1/countries/" + country
                    + "/recommendations/2013.10");
                return answer.status() == 200 ? answer.json().path("cell").path("status").asText() : answer.body();
            }, "IMPLEMENTED"::equals);
        }
        cluster.produce(partly);
    }
}
