package org.tipmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipmonitor.api.HttpTestClient;

/**
 * {@code tip-monitor demo --state-dir DIR} as a user runs it, in its own JVM: loads the sample, is killed (SIGKILL,
 * no shutdown hook runs), starts again on the same directory, and answers exactly as before; with an in-memory
 * registry every answer after the restart was HTTP 500 "Schema id … is not known".
 */
@Tag("integration")
class DemoRestartIT {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration ANSWER_TIMEOUT = Duration.ofMinutes(2);
    private static final Pattern HTTP_API = Pattern.compile("HTTP API\\s+(http://127\\.0\\.0\\.1:\\d+)");
    /** The catalogue with its rows, a country, a whole table, and every cell. */
    private static final List<String> QUERIES = List.of("/api/v1/recommendations", "/api/v1/countries/FRA",
        "/api/v1/tables/region", "/api/v1/matrix");

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() throws InterruptedException {
        for (final Process process : started) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aKilledDemoStartsAgainOnItsStateDirAndGivesTheSameAnswers(@TempDir final Path dir) throws Exception {
        final Path state = dir.resolve("state");
        final Demo first = Demo.start(state, dir.resolve("first.out"), started);
        final Map<String, String> before = answers(first.url);
        // The sample was applied: France reported, and the matrix holds many cells.
        assertThat(before.get("/api/v1/countries/FRA")).containsPattern("\"reported\":[1-9]");
        assertThat(before.get("/api/v1/matrix").length()).isGreaterThan(5_000);
        // The demo judges the current cycle (tip.alerts.since at the latest passed cut-off): States parties that
        // sent nothing in it have their NOT_REPORTED. A demo whose alert window was dropped raised none.
        assertThat(awaitAlertKind(first.url, "NOT_REPORTED")).as("alerts summary of the demo")
            .containsPattern("\"NOT_REPORTED\":[1-9][0-9]");

        first.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(first.process.isAlive()).isFalse();

        final Demo second = Demo.start(state, dir.resolve("second.out"), started, "--no-sample");
        final HttpTestClient client = new HttpTestClient(second.url);
        for (final String query : QUERIES) {
            final long deadline = System.nanoTime() + ANSWER_TIMEOUT.toNanos();
            HttpTestClient.Answer answer = client.get(query);
            while ((answer.status() != 200 || !answer.body().equals(before.get(query)))
                && System.nanoTime() < deadline) {
                Thread.sleep(250);
                answer = client.get(query);
            }
            assertThat(answer.status()).as("GET %s after the restart: %s", query, answer.body()).isEqualTo(200);
            assertThat(answer.body()).as("GET %s after the restart", query).isEqualTo(before.get(query));
        }
    }

    /** The alert summary once it counts {@code kind}, or as it is after ANSWER_TIMEOUT. */
    private static String awaitAlertKind(final String url, final String kind) throws InterruptedException {
        final HttpTestClient client = new HttpTestClient(url);
        final long deadline = System.nanoTime() + ANSWER_TIMEOUT.toNanos();
        String summary = client.get("/api/v1/alerts/summary").body();
        while (!summary.contains("\"" + kind + "\"") && System.nanoTime() < deadline) {
            Thread.sleep(500);
            summary = client.get("/api/v1/alerts/summary").body();
        }
        return summary;
    }

    private static Map<String, String> answers(final String url) {
        final HttpTestClient client = new HttpTestClient(url);
        final Map<String, String> answers = new LinkedHashMap<>();
        for (final String query : QUERIES) {
            final HttpTestClient.Answer answer = client.get(query);
            assertThat(answer.status()).as("GET %s: %s", query, answer.body()).isEqualTo(200);
            answers.put(query, answer.body());
        }
        return answers;
    }

    /** One {@code tip-monitor demo} JVM, started and waited for until it says it is ready. */
    private record Demo(Process process, String url) {

        static Demo start(final Path stateDir, final Path output, final List<Process> started, final String... more)
            throws IOException, InterruptedException {
            final List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=org.tipmonitor.avro", "-Xmx768m",
                "-cp", System.getProperty("java.class.path"), TipMonitor.class.getName(),
                "demo", "--state-dir", stateDir.toString(), "--http-port", "0", "--schema-registry-port", "0"));
            command.addAll(List.of(more));
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            started.add(process);
            final CompletableFuture<String> url = new CompletableFuture<>();
            final CompletableFuture<Void> ready = new CompletableFuture<>();
            final Thread pump = new Thread(() -> copyOutput(process, output, url, ready), "demo-output");
            pump.setDaemon(true);
            pump.start();
            try {
                ready.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                return new Demo(process, url.getNow(null));
            } catch (final java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new AssertionError("the demo did not get ready; its output:\n" + Files.readString(output), e);
            }
        }

        private static void copyOutput(final Process process, final Path output, final CompletableFuture<String> url,
                                       final CompletableFuture<Void> ready) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    Files.writeString(output, line + System.lineSeparator(), StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                    final Matcher matcher = HTTP_API.matcher(line);
                    if (matcher.find()) {
                        url.complete(matcher.group(1));
                    }
                    if (line.contains("Ctrl-C stops the demo.")) {
                        ready.complete(null);
                    }
                }
                ready.completeExceptionally(new IllegalStateException("the demo exited with "
                    + process.waitFor()));
            } catch (final IOException | InterruptedException e) {
                ready.completeExceptionally(e);
            }
        }
    }
}
