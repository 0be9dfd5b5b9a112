package org.tipmonitor.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tipmonitor.statistics.StatisticsConfig;
import org.tipmonitor.cycles.CycleCalendar;
import org.tipmonitor.json.AvroJson;

/** The dashboard is served, and reads only routes the API documents. */
class DashboardModuleTest {

    private PrometheusMeterRegistry metrics;
    private ApiServer server;
    private HttpTestClient http;

    @BeforeEach
    void start() {
        metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        final List<ApiModule> modules = new ArrayList<>(List.of(new SystemModule(metrics)));
        modules.addAll(ApiModules.standard(CycleCalendar.defaults(), StatisticsConfig.defaults(),
            new AlertFanOut(AlertFanOut.DEFAULT_CLIENT_QUEUE),
            Clock.systemUTC()));
        server = ApiServer.create(new StoreQueries(ComplianceStores.ALL), modules, metrics).start("127.0.0.1", 0);
        http = new HttpTestClient("http://127.0.0.1:" + server.port());
    }

    @AfterEach
    void stop() {
        server.close();
        metrics.close();
    }

    @Test
    void theDashboardIsServedAtTheRootWithoutNeedingTheStores() {
        final HttpTestClient.Answer answer = http.get("/");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type").orElse("")).startsWith("text/html");
        assertThat(answer.body()).contains("<title>tip-monitor").contains("EventSource");
    }

    @Test
    void everyApiPathThePageReadsIsADocumentedRoute() {
        final String page = http.get("/").body();
        final Set<String> read = new HashSet<>();
        final Matcher calls = Pattern.compile("(?:json\\(|API \\+ )\"(/[^\"?]+)").matcher(page);
        while (calls.find()) {
            read.add("/api/v1" + calls.group(1));
        }
        assertThat(read).contains("/api/v1/recommendations", "/api/v1/matrix", "/api/v1/tables/region",
            "/api/v1/alerts", "/api/v1/alerts/stream");

        final JsonNode paths = AvroJson.parse(SystemModule.openApiDocument()).path("paths");
        for (final String path : read) {
            final boolean documented = paths.has(path)
                || path.startsWith("/api/v1/tables/") && paths.has("/api/v1/tables/{dimension}");
            assertThat(documented).as("%s is read by the dashboard but not a documented route", path).isTrue();
        }
    }
}
