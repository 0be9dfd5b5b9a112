package org.tipmonitor.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipmonitor.avro.Addressee;
import org.tipmonitor.avro.ImplementationStatus;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.avro.Submission;
import org.tipmonitor.reference.Catalogue;
import org.tipmonitor.runtime.EmbeddedKafkaBroker;
import org.tipmonitor.serde.ApicurioRegistryServer;
import org.tipmonitor.topology.channels.Topics;

/**
 * Two instances of {@code tip-monitor run} as separate processes, sharing the work with one standby each
 * ({@code --instances 2}); one is killed with SIGKILL. The survivor must answer for every country and recommendation
 * row within the session timeout ({@value #SESSION_TIMEOUT_MS} ms), that is before the group even notices (from its
 * standbys), then take the partitions over and process what comes in alone; the killed instance, restarted on its
 * state directory, must rejoin with the tables unchanged: nothing counted twice. The broker and a real registry (Apicurio, shared by the processes) run in or beside this JVM.
 */
@Tag("integration")
class StandbyFailoverIT {

    private static final String APPLICATION_ID = "standby-failover-it";
    private static final int SESSION_TIMEOUT_MS = 6_000;
    private static final List<String> COUNTRIES =
        List.of("ARG", "BRA", "CHN", "DEU", "FRA", "IND", "JPN", "MEX", "NGA", "PHL", "THA", "USA");
    private static final int RECOMMENDATIONS_PER_COUNTRY = 4;
    private static final Instant START = Instant.parse("2015-01-01T00:00:00Z");
    /** The statuses a response may carry (UNKNOWN, the enum's fallback, is refused). */
    private static final ImplementationStatus[] STATUSES = {ImplementationStatus.NOT_STARTED,
        ImplementationStatus.PLANNED, ImplementationStatus.IN_PROGRESS, ImplementationStatus.PARTIALLY_IMPLEMENTED,
        ImplementationStatus.IMPLEMENTED, ImplementationStatus.NOT_APPLICABLE};

    @TempDir
    static Path dir;

    private static ApicurioRegistryServer registry;
    private static ApiTestCluster cluster;
    private static List<String> recommendations;

    private final List<Instance> instances = new ArrayList<>();

    @BeforeAll
    static void startClusterAndRegistry() throws Exception {
        // The registry (a JVM of its own) and the broker start side by side: each takes seconds.
        final ExecutorService starter = Executors.newSingleThreadExecutor();
        try {
            final Future<ApicurioRegistryServer> startingRegistry = starter.submit(ApicurioRegistryServer::start);
            // A SIGKILLed instance may leave a transaction open; have the coordinator abort it soon after it times out.
            final EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder()
                .brokerConfig("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000")
                .build().start();
            try {
                registry = startingRegistry.get(2, TimeUnit.MINUTES);
            } catch (final ExecutionException | TimeoutException e) {
                broker.close();
                throw e;
            }
            cluster = new ApiTestCluster(broker, registry.confluentApiUrl());
        } finally {
            starter.shutdown();
        }
        recommendations = Catalogue.load().recommendations().stream()
            .filter(rec -> rec.getAddressees().contains(Addressee.STATES)
                || rec.getAddressees().contains(Addressee.STATES_PARTIES))
            .limit(RECOMMENDATIONS_PER_COUNTRY).map(rec -> rec.getId()).toList();
    }

    @AfterAll
    static void stopClusterAndRegistry() throws InterruptedException {
        if (cluster != null) {
            cluster.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    @AfterEach
    void stopInstances() throws InterruptedException {
        for (final Instance instance : instances) {
            instance.kill();
        }
    }

    @Test
    void theSurvivorAnswersForEveryKeyAndTheKilledInstanceRejoinsWithoutDoubleCounting() throws Exception {
        final Path config = Files.writeString(dir.resolve("instance.properties"), String.join("\n",
            "session.timeout.ms=" + SESSION_TIMEOUT_MS,
            "heartbeat.interval.ms=1000",
            "commit.interval.ms=100",
            "statestore.cache.max.bytes=0",
            "num.stream.threads=1",
            // Instances answer for each other only when they share the internal endpoints' secret.
            ApiSettings.INTERNAL_SECRET + "=standby-failover-it-secret",
            ""));
        final Instance a = new Instance("a", freePort(), config);
        final Instance b = new Instance("b", freePort(), config);
        instances.add(a);
        instances.add(b);
        a.start();
        b.start();
        awaitReady(a);
        awaitReady(b);

        // Two revisions of every cell; the latest wins.
        final List<Submission> first = new ArrayList<>();
        for (int revision = 0; revision < 2; revision++) {
            first.addAll(revision(revision));
        }
        cluster.produce(first);
        final Expected expectedFirst = Expected.of(first);
        awaitAnswersEverything(a, expectedFirst);
        awaitAnswersEverything(b, expectedFirst);
        final List<Integer> assignment = awaitAssignmentSizes(2);
        assertThat(assignment).as("both instances own tasks before the kill").allMatch(size -> size > 0);

        final long killNanos = System.nanoTime();
        b.kill();
        awaitAnswersEverything(a, expectedFirst);
        final long failoverMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killNanos);
        System.out.printf("[measure] SIGKILL of one of two instances -> the other answers every key: %d ms"
            + " (session.timeout.ms %d)%n", failoverMs, SESSION_TIMEOUT_MS);
        // Before the group notices the crash, the survivor answers the dead owner's keys from its standbys.
        assertThat(failoverMs).as("time until the survivor answered every key").isLessThan(SESSION_TIMEOUT_MS);
        assertThat(awaitAssignmentSizes(1)).as("the survivor owns every task").singleElement()
            .satisfies(size -> assertThat(size).isPositive());

        // The survivor alone processes a third revision of every cell.
        final List<Submission> all = new ArrayList<>(first);
        final List<Submission> third = revision(2);
        all.addAll(third);
        cluster.produce(third);
        final Expected expectedAll = Expected.of(all);
        awaitAnswersEverything(a, expectedAll);

        final long restartNanos = System.nanoTime();
        b.start();
        awaitReady(b);
        final List<Integer> rejoined = awaitAssignmentSizes(2);
        awaitAnswersEverything(b, expectedAll);
        System.out.printf("[measure] restarted instance ready and answering every key: %d ms%n",
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restartNanos));
        assertThat(rejoined).as("the restarted instance owns tasks again").allMatch(size -> size > 0);
        // Unchanged on both, row for row: the rejoin counted nothing twice.
        assertAnswersEverything(a, expectedAll);
        assertAnswersEverything(b, expectedAll);
    }

    /** One submission per cell: revision r of every (country, recommendation), an hour after revision r - 1. */
    private static List<Submission> revision(final int revision) {
        final List<Submission> submissions = new ArrayList<>();
        for (int c = 0; c < COUNTRIES.size(); c++) {
            for (int r = 0; r < recommendations.size(); r++) {
                final String iso3 = COUNTRIES.get(c);
                submissions.add(ApiTestCluster.submission(iso3 + "-" + recommendations.get(r) + "-r" + revision,
                    ReporterType.STATE, iso3, START.plusSeconds(3600L * revision + c * 60L + r),
                    recommendations.get(r), STATUSES[(c + 2 * r + 3 * revision) % STATUSES.length]));
            }
        }
        return submissions;
    }

    /** The rows expected from the submissions, computed here from the documented rule: latest submittedAt wins. */
    private record Expected(Map<String, Map<ImplementationStatus, Integer>> countries,
                            Map<String, Map<ImplementationStatus, Integer>> recommendations) {

        static Expected of(final List<Submission> submissions) {
            final Map<String, Submission> latest = new HashMap<>();
            for (final Submission submission : submissions) {
                final String cell = submission.getReporter().getCountry() + "|"
                    + submission.getResponses().get(0).getRecommendationId();
                latest.merge(cell, submission, (old, candidate) ->
                    candidate.getSubmittedAt().isAfter(old.getSubmittedAt()) ? candidate : old);
            }
            final Map<String, Map<ImplementationStatus, Integer>> byCountry = new HashMap<>();
            final Map<String, Map<ImplementationStatus, Integer>> byRecommendation = new HashMap<>();
            for (final Submission submission : latest.values()) {
                final ImplementationStatus status = submission.getResponses().get(0).getStatus();
                count(byCountry, submission.getReporter().getCountry(), status);
                count(byRecommendation, submission.getResponses().get(0).getRecommendationId(), status);
            }
            return new Expected(byCountry, byRecommendation);
        }

        private static void count(final Map<String, Map<ImplementationStatus, Integer>> rows, final String key,
                                  final ImplementationStatus status) {
            rows.computeIfAbsent(key, k -> new EnumMap<>(ImplementationStatus.class)).merge(status, 1, Integer::sum);
        }
    }

    /** Null when the instance answers every country and recommendation row as expected, else what differs. */
    private static String differences(final HttpTestClient http, final Expected expected) {
        final List<String> differences = new ArrayList<>();
        expected.countries().forEach((iso3, counts) ->
            compare(http, "/api/v1/countries/" + iso3, counts, differences));
        expected.recommendations().forEach((id, counts) ->
            compare(http, "/api/v1/recommendations/" + id, counts, differences));
        return differences.isEmpty() ? null : String.join("; ", differences);
    }

    private static void compare(final HttpTestClient http, final String path,
                                final Map<ImplementationStatus, Integer> counts, final List<String> differences) {
        final HttpTestClient.Answer answer = http.get(path);
        if (answer.status() != 200) {
            differences.add(path + " answered " + answer.status());
            return;
        }
        final JsonNode row = answer.json().path("compliance");
        final int reported = counts.values().stream().mapToInt(Integer::intValue).sum();
        if (row.path("reported").asInt(-1) != reported) {
            differences.add(path + " reported " + row.path("reported") + ", expected " + reported);
        }
        for (final ImplementationStatus status : STATUSES) {
            final int count = counts.getOrDefault(status, 0);
            if (row.path("counts").path(status.name()).asInt(0) != count) {
                differences.add(path + " " + status + " " + row.path("counts").path(status.name())
                    + ", expected " + count);
            }
        }
    }

    private static void awaitAnswersEverything(final Instance instance, final Expected expected) {
        ApiTestCluster.await("instance " + instance.name + " answers every row as expected",
            () -> String.valueOf(differences(instance.http(), expected)), "null"::equals);
    }

    private static void assertAnswersEverything(final Instance instance, final Expected expected) {
        assertThat(differences(instance.http(), expected)).as("instance " + instance.name).isNull();
    }

    private static void awaitReady(final Instance instance) {
        ApiTestCluster.await("instance " + instance.name + " /ready", () -> {
            instance.requireAlive();
            return instance.http().get("/ready").status();
        }, status -> status == 200);
    }

    /** Waits until the group has {@code members} members, all with tasks; returns each member's partition count. */
    private static List<Integer> awaitAssignmentSizes(final int members) {
        try (Admin admin = Admin.create(cluster.clientConfig())) {
            return ApiTestCluster.await("a stable group of " + members, () -> {
                try {
                    final ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(APPLICATION_ID))
                        .describedGroups().get(APPLICATION_ID).get(10, TimeUnit.SECONDS);
                    final List<Integer> sizes = new ArrayList<>();
                    for (final MemberDescription member : group.members()) {
                        sizes.add((int) member.assignment().topicPartitions().stream()
                            .filter(partition -> partition.topic().equals(Topics.SUBMISSIONS.name())).count());
                    }
                    return sizes;
                } catch (final Exception e) {
                    throw new IllegalStateException(e);
                }
            }, sizes -> sizes.size() == members && sizes.stream().mapToInt(Integer::intValue).sum()
                == ApiTestCluster.PARTITIONS);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One {@code tip-monitor run} process: the CLI's main class on this test's class path. */
    private static final class Instance {
        private final String name;
        private final int port;
        private final Path config;
        private Process process;

        Instance(final String name, final int port, final Path config) {
            this.name = name;
            this.port = port;
            this.config = config;
        }

        void start() throws IOException {
            final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            final Path log = logFile();
            process = new ProcessBuilder(java, "-Xmx384m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                "org.tipmonitor.cli.TipMonitor", "run",
                "--bootstrap-servers", cluster.bootstrapServers(),
                "--schema-registry-url", cluster.registryUrl(),
                "--application-id", APPLICATION_ID,
                "--http-port", Integer.toString(port),
                "--state-dir", dir.resolve("state-" + name).toString(),
                "--instances", "2",
                "--config", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
            System.out.printf("instance %s: pid %d, http port %d, log %s%n", name, process.pid(), port, log);
        }

        /** Under target/, kept after the run (the state directories are temporary). */
        Path logFile() {
            try {
                return Files.createDirectories(Path.of("target", "standby-failover-it"))
                    .resolve("instance-" + name + ".log").toAbsolutePath();
            } catch (final IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        HttpTestClient http() {
            return new HttpTestClient("http://127.0.0.1:" + port);
        }

        void requireAlive() {
            if (!process.isAlive()) {
                throw new AssertionError("instance " + name + " exited with " + process.exitValue()
                    + "; see " + logFile());
            }
        }

        /** SIGKILL: no shutdown hook runs, the group is not left, nothing is flushed. */
        void kill() throws InterruptedException {
            if (process != null && process.isAlive()) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
