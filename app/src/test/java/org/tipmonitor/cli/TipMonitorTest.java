package org.tipmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tipmonitor.avro.ImplementationStatus;
import org.tipmonitor.avro.Reporter;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.avro.Response;
import org.tipmonitor.avro.Submission;
import org.tipmonitor.compliance.TipSerdes;
import org.tipmonitor.json.AvroJson;
import org.tipmonitor.reference.Catalogue;
import org.tipmonitor.topology.TipMonitorConfig;
import org.tipmonitor.topology.TipMonitorTopology;

class TipMonitorTest {

    /** Output of one run of the command line. */
    record Run(int exitCode, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    static Run run(final String... args) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int code = TipMonitor.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void anUnknownOptionIsABadUsageWithOneLineOnStderr() {
        final Run run = run("catalogue", "--colour");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString()
            .contains("Unknown option: '--colour'").contains("tip-monitor catalogue --help");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void noCommandIsABadUsageNamingTheCommands() {
        final Run run = run();
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString().contains("a command is required").contains("submit");
    }

    @Test
    void anUnknownCommandIsABadUsage() {
        final Run run = run("frobnicate");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(1);
    }

    @Test
    void submitNeedsExactlyOneTarget() {
        final Run none = run("submit", "file.jsonl");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.errLines()).singleElement().asString().contains("--gateway").contains("--bootstrap-servers");

        final Run both = run("submit", "file.jsonl", "--gateway", "http://127.0.0.1:1", "--token", "t",
            "--bootstrap-servers", "127.0.0.1:1", "--schema-registry-url", "mock://x");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.errLines()).singleElement().asString().contains("mutually exclusive");

        final Run half = run("submit", "file.jsonl", "--gateway", "http://127.0.0.1:1");
        assertThat(half.exitCode()).isEqualTo(2);
        assertThat(half.errLines()).singleElement().asString().contains("--token");
    }

    @Test
    void aNonNumericPortIsABadUsage() {
        final Run run = run("load-reference", "--bootstrap-servers", "x:1", "--schema-registry-url", "mock://x",
            "--partitions", "many");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString().contains("'many'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo", "run", "catalogue", "topology", "submit", "load-reference"})
    void everyCommandHasHelp(final String command) {
        final Run run = run(command, "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: tip-monitor " + command).contains("-h, --help");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void topLevelHelpListsTheCommands() {
        final Run run = run("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("demo", "run", "catalogue", "topology", "submit", "load-reference");
    }

    @Test
    void catalogueprintsTheSummaryTable() {
        final Run run = run("catalogue");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo(Catalogue.load().summary().toTable() + System.lineSeparator());
        assertThat(run.out()).contains("STATES_PARTIES", "UNODC");
    }

    @Test
    void topologyPrintsTheDescriptionOfTheAssembledTopology() {
        final Run run = run("topology");
        assertThat(run.exitCode()).isZero();
        // Same JVM, so the same iteration order of the stores' sets as the CLI saw (see TopologyDescriptionTest).
        assertThat(run.out()).isEqualTo(TipMonitorTopology.build(TipMonitorConfig.defaults(),
            TipSerdes.create(Map.of("schema.registry.url", "mock://describe"))).describe().toString());
        assertThat(run.out()).contains("Sub-topology", "tip.submissions", "tip.compliance.by-country");
    }

    @Test
    void runWithoutKafkaOrRegistryIsABadUsage() {
        final Run noKafka = run("run", "--schema-registry-url", "mock://x");
        assertThat(noKafka.exitCode()).isEqualTo(2);
        assertThat(noKafka.errLines()).singleElement().asString().contains("--bootstrap-servers");

        final Run noRegistry = run("run", "--bootstrap-servers", "127.0.0.1:1");
        assertThat(noRegistry.exitCode()).isEqualTo(2);
        assertThat(noRegistry.errLines()).singleElement().asString().contains("--schema-registry-url");
    }

    @Test
    void demoRefusesAnHttpPortInUseBeforeStartingAnything() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            final Run run = run("demo", "--no-sample", "--http-port", Integer.toString(taken.getLocalPort()));
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.errLines()).singleElement().asString()
                .contains("HTTP port " + taken.getLocalPort()).contains("already in use").contains("--http-port");
        }
    }

    @Test
    void demoSampleOptionsAreExclusive() {
        final Run run = run("demo", "--no-sample", "--submissions", "x.jsonl");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString().contains("mutually exclusive");
    }

    @Test
    void aMissingFileIsARuntimeFailureInOneLine(@TempDir final Path dir) {
        final Run run = run("submit", dir.resolve("absent.jsonl").toString(),
            "--gateway", "http://127.0.0.1:1", "--token", "t");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).singleElement().asString().startsWith("tip-monitor submit: ").contains("absent.jsonl");
    }

    @Test
    void submitThroughTheGatewayPostsEachValidLineWithTheTokenAndReportsEachStatus(@TempDir final Path dir)
        throws IOException {
        final List<String> bodies = Collections.synchronizedList(new ArrayList<>());
        final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
        final HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/submissions", exchange -> {
            final String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            bodies.add(body);
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            final boolean refused = body.contains("\"DEU-1\"");
            final byte[] answer = (refused ? "{\"error\": \"recommendation 2013.44 is not addressed to STATE\"}"
                : "{\"status\": \"accepted\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(refused ? 422 : 202, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        try {
            final Path file = dir.resolve("s.jsonl");
            Files.write(file, List.of(
                "# two good lines, one the server refuses, one bad",
                AvroJson.toJsonString(submission("FRA-1", "FRA")),
                "{\"submissionId\": \"broken\"}",
                AvroJson.toJsonString(submission("DEU-1", "DEU")),
                AvroJson.toJsonString(submission("NGA-1", "NGA"))), StandardCharsets.UTF_8);

            final Run run = run("submit", file.toString(),
                "--gateway", "http://127.0.0.1:" + server.getAddress().getPort() + "/", "--token", "secret-fra");

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(bodies).hasSize(3);
            assertThat(AvroJson.fromJson(bodies.get(0), Submission.class)).isEqualTo(submission("FRA-1", "FRA"));
            assertThat(authorizations).containsOnly("Bearer secret-fra");
            assertThat(run.out()).contains("line 2: FRA-1 202", "line 5: NGA-1 202")
                .contains("4 submissions, 2 sent, 1 invalid, 1 failed");
            assertThat(run.errLines()).hasSize(2);
            assertThat(run.errLines().get(0)).startsWith("line 3: ").contains("reporter");
            assertThat(run.errLines().get(1)).startsWith("line 4: DEU-1 refused, HTTP 422").contains("not addressed");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void submitToAGatewayThatIsNotThereFailsInOneLine(@TempDir final Path dir) throws IOException {
        final int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        final Path file = dir.resolve("s.jsonl");
        Files.write(file, List.of(AvroJson.toJsonString(submission("FRA-1", "FRA"))), StandardCharsets.UTF_8);

        final Run run = run("submit", file.toString(), "--gateway", "http://127.0.0.1:" + closedPort, "--token", "t");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).singleElement().asString().contains("cannot reach").contains("is tip-monitor running");
    }

    static Submission submission(final String id, final String country) {
        return Submission.newBuilder()
            .setSubmissionId(id)
            .setReporter(new Reporter(ReporterType.STATE, country, null))
            .setSubmittedAt(Instant.parse("2018-05-02T09:30:00Z"))
            .setResponses(List.of(Response.newBuilder()
                .setRecommendationId("2013.10").setStatus(ImplementationStatus.PLANNED).build()))
            .build();
    }
}
