package org.tipmonitor.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipmonitor.avro.ImplementationStatus;
import org.tipmonitor.avro.Reporter;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.avro.Response;
import org.tipmonitor.avro.Submission;
import org.tipmonitor.cycles.CycleCalendar;
import org.tipmonitor.runtime.TipMonitorApp;

/**
 * The dashboard in a real headless Chromium (the system's {@code chromium}, driven by {@code playwright-core} from
 * {@code src/test/browser/dashboard.test.mjs}) against one instance holding a small known dataset: every page loads
 * without a console error or a failed request, the tables and the matrix show the expected rows and columns,
 * navigation works by clicking, the submission form refuses invalid input next to the field and a valid submission
 * appears on an open country page without a reload. Screenshots of every page go to {@code target/screenshots/}.
 */
@Tag("integration")
class DashboardBrowserIT {

    static final Path SUITE_DIR = Path.of("src", "test", "browser");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final long SUITE_TIMEOUT_SECONDS = 120;
    private static final String TOKENS = TestTokens.file(TestTokens.entry("tok-fra", "STATE", "FRA", "MinInt", null));

    @TempDir
    static Path dir;

    private static ApiTestCluster cluster;
    private static TipMonitorApp app;
    private static HttpTestClient http;

    @BeforeAll
    static void start() throws IOException {
        cluster = new ApiTestCluster();
        final Path tokens = Files.writeString(dir.resolve("tokens.json"), TOKENS);
        // One passed cycle (2016) and the current one (2030), so the cycles page and the coverage have something.
        app = ApiTestCluster.startReady(cluster.app("dashboard-it", dir.resolve("state")).tokensFile(tokens)
            .streamsOverrides(Map.of(CycleCalendar.CUTOFFS, "2016-06-30T00:00:00Z,2030-06-30T00:00:00Z")).build());
        http = new HttpTestClient(app.httpUrl());

        // The known dataset: three States (two in Europe, one in Africa), FRA's 2013.10 revised once, a
        // civil-society and an NHRI view of France, and a request for assistance that opens an alert.
        cluster.produce(List.of(
            state("fra-2015", "FRA", "2015-01-01T00:00:00Z", false,
                response("2013.10", ImplementationStatus.PLANNED)),
            state("deu-2016", "DEU", "2016-03-01T00:00:00Z", false,
                response("2013.10", ImplementationStatus.PARTIALLY_IMPLEMENTED),
                response("2013.11", ImplementationStatus.NOT_STARTED)),
            state("fra-2017", "FRA", "2017-03-01T00:00:00Z", false,
                response("2013.10", ImplementationStatus.IMPLEMENTED),
                response("2013.23", ImplementationStatus.IN_PROGRESS)),
            state("ken-2018", "KEN", "2018-05-01T00:00:00Z", true,
                response("2013.10", ImplementationStatus.NOT_STARTED)),
            ApiTestCluster.submission("fra-cso-2018", ReporterType.CIVIL_SOCIETY, "FRA",
                Instant.parse("2018-06-01T00:00:00Z"), "2013.10", ImplementationStatus.PARTIALLY_IMPLEMENTED),
            ApiTestCluster.submission("fra-nhri-2018", ReporterType.NHRI, "FRA",
                Instant.parse("2018-07-01T00:00:00Z"), "2013.23", ImplementationStatus.PLANNED)));
        ApiTestCluster.await("the dataset in the stores", () -> List.of(
                http.get("/api/v1/matrix").json().path("count").asInt(),
                http.get("/api/v1/matrix?reporterType=CIVIL_SOCIETY").json().path("count").asInt(),
                http.get("/api/v1/matrix?reporterType=NHRI").json().path("count").asInt(),
                http.get("/api/v1/countries/FRA").json().path("compliance").path("reported").asInt(),
                http.get("/api/v1/recommendations/2013.10").json().path("compliance").path("reported").asInt(),
                http.get("/api/v1/alerts?status=OPEN&country=KEN&kind=ASSISTANCE_NEEDED").json().path("count").asInt()),
            counts -> counts.equals(List.of(5, 1, 1, 2, 3, 1)));
    }

    @AfterAll
    static void stop() {
        ApiTestCluster.closeBoth(app, cluster);
    }

    @Test
    void everyPageWorksInARealBrowser() throws Exception {
        final String chromium = executable("chromium");
        assertThat(chromium).as("the browser suite needs the Debian chromium package "
            + "(apt-get install -y --no-install-recommends chromium)").isNotNull();
        final String node = executable("node");
        assertThat(node).as("the browser suite needs Node.js (node)").isNotNull();
        if (!Files.isDirectory(SUITE_DIR.resolve("node_modules").resolve("playwright-core"))) {
            run(List.of("npm", "ci", "--no-audit", "--no-fund"), SUITE_DIR, Map.of(), 300);
        }
        Files.createDirectories(SCREENSHOTS);
        try (var old = Files.list(SCREENSHOTS)) {
            for (final Path png : old.filter(file -> file.toString().endsWith(".png")).toList()) {
                Files.delete(png);
            }
        }
        final JsonNode recommendations = http.get("/api/v1/recommendations").json();
        final long started = System.nanoTime();
        final Map<String, String> env = Map.of(
            "BASE_URL", app.httpUrl(),
            "CHROMIUM", chromium,
            "SCREENSHOTS", SCREENSHOTS.toAbsolutePath().toString(),
            "RECOMMENDATIONS", Integer.toString(recommendations.path("count").asInt()),
            "COUNTRIES", Integer.toString(http.get("/api/v1/countries").json().path("count").asInt()));
        final Result result = run(List.of(node, "dashboard.test.mjs"), SUITE_DIR, env, SUITE_TIMEOUT_SECONDS);
        System.out.printf("[measure] browser suite: %d ms%n",
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        System.out.println(result.output());
        assertThat(result.exitCode()).as("browser suite output:%n%s", result.output()).isZero();
        assertThat(result.output()).contains("browser suite passed");
        for (final String page : List.of("overview", "recommendations", "recommendation", "countries", "country",
            "cell", "matrix", "alerts", "cycles", "submit", "overview-phone", "country-phone", "matrix-phone",
            "alerts-phone", "submit-phone")) {
            assertThat(SCREENSHOTS.resolve(page + ".png")).as("screenshot of " + page).isNotEmptyFile();
        }
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(final List<String> command, final Path workDir, final Map<String, String> env,
                              final long timeoutSeconds) throws IOException, InterruptedException {
        final ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
            .redirectErrorStream(true);
        builder.environment().putAll(env);
        final Path log = Files.createTempFile(dir, "browser", ".log");
        builder.redirectOutput(log.toFile());
        final Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            return new Result(-1, Files.readString(log, StandardCharsets.UTF_8) + "\n(timed out after "
                + timeoutSeconds + " s)");
        }
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /** The program on the PATH, or null. */
    private static String executable(final String name) {
        for (final String directory : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            final Path candidate = Path.of(directory, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    private static Response response(final String recommendationId, final ImplementationStatus status) {
        return Response.newBuilder().setRecommendationId(recommendationId).setStatus(status)
            .setNarrative("Known dataset of the browser suite.").build();
    }

    private static Submission state(final String id, final String country, final String submittedAt,
                                    final boolean assistance, final Response... responses) {
        final List<Response> all = new ArrayList<>();
        for (final Response response : responses) {
            response.setTechnicalAssistanceNeeded(assistance);
            all.add(response);
        }
        return Submission.newBuilder()
            .setSubmissionId(id)
            .setReporter(Reporter.newBuilder().setType(ReporterType.STATE).setCountry(country).build())
            .setSubmittedAt(Instant.parse(submittedAt))
            .setResponses(all)
            .build();
    }
}
