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
    void theDashboardAndItsAssetsAreServedWithoutNeedingTheStores() {
        final HttpTestClient.Answer page = http.get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("<title>tip-monitor").contains("/dashboard/app.js")
            .contains("/dashboard/app.css").contains("href=\"/favicon.ico\"");
        final HttpTestClient.Answer script = http.get("/dashboard/app.js");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.header("Content-Type").orElse("")).startsWith("text/javascript");
        assertThat(script.body()).contains("EventSource");
        assertThat(http.get("/dashboard/app.css").header("Content-Type").orElse("")).startsWith("text/css");
        final HttpTestClient.Answer icon = http.get("/favicon.ico");
        assertThat(icon.status()).isEqualTo(200);
        assertThat(icon.header("Content-Type").orElse("")).startsWith("image/svg+xml");
        // Only the listed assets: nothing else of the class path can be named.
        assertThat(http.get("/dashboard/index.html").status()).isEqualTo(404);
    }

    @Test
    void everyApiPathTheScriptReadsIsADocumentedRoute() {
        final String script = http.get("/dashboard/app.js").body();
        // api("/path"), apiText("/path") and sse("/path"), with literal paths or template literals such as
        // `/countries/${iso3}`.
        final Set<String> read = new HashSet<>();
        final Matcher calls = Pattern.compile("\\b(?:api|apiText|sse)\\([\"`](/[^\"`?]*)[\"`]").matcher(script);
        while (calls.find()) {
            read.add("/api/v1" + calls.group(1).replaceAll("\\$\\{[^}]*}", "{}"));
        }
        assertThat(read).contains("/api/v1/recommendations", "/api/v1/matrix", "/api/v1/tables/region",
            "/api/v1/alerts", "/api/v1/alerts/stream", "/api/v1/countries/{}/recommendations/{}",
            "/api/v1/cycles/{}", "/api/v1/cycles/{}/glotip.csv", "/api/v1/openapi.json");

        final JsonNode paths = AvroJson.parse(SystemModule.openApiDocument()).path("paths");
        // A documented template such as /api/v1/tables/{dimension} covers /api/v1/tables/region and /tables/{}.
        final List<Pattern> documented = new ArrayList<>();
        paths.fieldNames().forEachRemaining(path -> documented.add(Pattern.compile(
            Pattern.quote(path).replaceAll("\\{[^}]*}", "\\\\E[^/]+\\\\Q"))));
        for (final String path : read) {
            assertThat(documented.stream().anyMatch(route -> route.matcher(path).matches()))
                .as("%s is read by the dashboard but not a documented route", path).isTrue();
        }
        // Routes newer than this instance are read only through optionalApi, which asks the OpenAPI document first.
        final Matcher optional = Pattern.compile("\\boptionalApi\\(\"(/[^\"?]*)\"").matcher(script);
        while (optional.find()) {
            assertThat(script).contains("documented(\"" + optional.group(1) + "\")");
        }
    }
}
