package org.tipmonitor.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tipmonitor.alerts.AlertSummary;
import org.tipmonitor.json.AvroJson;

class AlertDigestTest {

    private HttpServer receiver;
    private final List<String> digests = new CopyOnWriteArrayList<>();
    private final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
    private URI url;

    @BeforeEach
    void listen() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            digests.add(exchange.getRequestHeaders().getFirst(AlertDigest.DIGEST_HEADER));
            bodies.add(AvroJson.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        url = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    @Test
    void theDigestIsTheSummaryOfTheOpenAlertsPostedWithItsHeader() {
        final AlertSummary summary = AlertSummary.of(List.of(TestAlerts.regression("FRA", "2013.10",
            Instant.parse("2026-07-01T00:00:00Z"))));
        try (AlertDigest digest = AlertDigest.start(url, Duration.ofDays(1), () -> summary, Duration.ofSeconds(5))) {
            assertThat(digest.sendOnce()).isTrue();
        }
        assertThat(digests).containsExactly("daily");
        final JsonNode body = bodies.get(0);
        assertThat(body.path("total").asInt()).isEqualTo(1);
        assertThat(body.path("statuses").get(0).asText()).isEqualTo("OPEN");
        assertThat(body.path("byKind").path("REGRESSION").asInt()).isEqualTo(1);
        assertThat(body.path("byRecommendation").path("2013.10").asInt()).isEqualTo(1);
    }

    @Test
    void onlyDailyOrNoneIsAccepted() {
        assertThat(AlertDigest.interval(Map.of())).isEmpty();
        assertThat(AlertDigest.interval(Map.of(AlertDigest.DIGEST, "none"))).isEmpty();
        assertThat(AlertDigest.interval(Map.of(AlertDigest.DIGEST, "Daily"))).contains(Duration.ofDays(1));
        assertThatThrownBy(() -> AlertDigest.interval(Map.of(AlertDigest.DIGEST, "hourly")))
            .hasMessageContaining(AlertDigest.DIGEST);
    }
}
