package org.tipmonitor.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipmonitor.avro.ImplementationStatus;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.avro.Submission;
import org.tipmonitor.topology.channels.Topics;
import org.tipmonitor.cycles.CycleCalendar;
import org.tipmonitor.runtime.AppConfig;
import org.tipmonitor.runtime.TipMonitorApp;

/**
 * Two instances and one webhook receiver on the in-JVM broker: every alert event reaches the receiver once (by its
 * idempotency key), not once per instance, and none is missing across a restart of either instance, including the
 * events written while one of them was down.
 */
@Tag("integration")
class AlertWebhookOnceIT {

    private static final String APPLICATION_ID = "webhook-once-it";
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final List<String> COUNTRIES = List.of("FRA", "DEU", "ITA", "ESP", "NGA", "GBR", "BRA", "CAN",
        "MEX", "IND", "ARG", "KEN");

    @TempDir
    Path dir;

    private ApiTestCluster cluster;
    private HttpServer receiver;
    private final List<String> keys = new CopyOnWriteArrayList<>();
    private final TipMonitorApp[] instances = new TipMonitorApp[2];
    private int starts;

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            keys.add(String.valueOf(exchange.getRequestHeaders().getFirst(AlertWebhook.IDEMPOTENCY_KEY_HEADER)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        cluster = new ApiTestCluster();
    }

    @AfterEach
    void stop() {
        for (final TipMonitorApp instance : instances) {
            if (instance != null) {
                instance.close();
            }
        }
        if (cluster != null) {
            cluster.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    private TipMonitorApp startInstance() {
        final AppConfig base = cluster.app(APPLICATION_ID, dir.resolve("state-" + starts++)).build();
        final Map<String, Object> overrides = new HashMap<>(base.streamsOverrides());
        overrides.put(WebhookConfig.URL, "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
        overrides.put(WebhookConfig.INITIAL_BACKOFF, "PT0.1S");
        // One cycle, its cut-off far ahead: only the REGRESSION alerts of the test, no cut-off alerts.
        overrides.put(CycleCalendar.CUTOFFS, "2099-06-30T00:00:00Z");
        final TipMonitorApp app = TipMonitorApp.start(base.toBuilder().streamsOverrides(overrides).topology(null)
            .build());
        assertThat(app.awaitRunning(ApiTestCluster.DEADLINE)).isTrue();
        return app;
    }

    @Test
    void eachAlertEventArrivesOnceAndNoneIsLostAcrossRestarts() {
        instances[0] = startInstance();
        instances[1] = startInstance();
        awaitWebhookGroupOfTwo();

        regressions("a", COUNTRIES.subList(0, 4));
        final Set<String> firstEvents = awaitAllDelivered(4);
        // Both instances running, nothing restarted: exactly one POST per event, not one per instance.
        assertThat(keys).hasSameSizeAs(firstEvents);

        instances[0].close();
        instances[0] = null;
        regressions("b", COUNTRIES.subList(4, 8)); // while the first instance is down
        instances[0] = startInstance();
        awaitAllDelivered(8);

        instances[1].close();
        instances[1] = null;
        regressions("c", COUNTRIES.subList(8, 12)); // while the second instance is down
        instances[1] = startInstance();
        final Set<String> all = awaitAllDelivered(12);

        assertThat(new TreeSet<>(keys)).isEqualTo(all);
    }

    private TipMonitorApp running() {
        return instances[0] != null ? instances[0] : instances[1];
    }

    /** Until the webhook feeds of both instances share the partitions: no rebalance during the first round. */
    private void awaitWebhookGroupOfTwo() {
        try (Admin admin = Admin.create(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            ApiTestCluster.await("the webhook group has both instances", () -> {
                try {
                    final ConsumerGroupDescription group = admin.describeConsumerGroups(
                        List.of(APPLICATION_ID + "-alert-webhook")).all().get().get(APPLICATION_ID + "-alert-webhook");
                    return group.groupState() == GroupState.STABLE ? group.members().size() : 0;
                } catch (final InterruptedException | ExecutionException e) {
                    throw new IllegalStateException(e);
                }
            }, members -> members == 2);
        }
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
        final HttpTestClient http = new HttpTestClient(running().httpUrl());
        for (final String country : countries) {
            ApiTestCluster.await(country + " implemented", () -> {
                final HttpTestClient.Answer answer = http.get("/api/v1/countries/" + country
                    + "/recommendations/2013.10");
                return answer.status() == 200 ? answer.json().path("cell").path("status").asText() : answer.body();
            }, "IMPLEMENTED"::equals);
        }
        cluster.produce(partly);
    }

    /**
     * Waits until at least this many REGRESSION alerts are on tip.alerts and the receiver has a key for every event
     * there and no other; returns the events' keys.
     */
    private Set<String> awaitAllDelivered(final int regressions) {
        final long deadline = System.nanoTime() + WAIT.toNanos();
        String last = "nothing yet";
        while (System.nanoTime() < deadline) {
            final Set<String> events = alertEvents();
            final Set<String> received = new TreeSet<>(keys);
            final long opened = events.stream().filter(key -> key.startsWith("REGRESSION|")).count();
            if (opened >= regressions && received.equals(events)) {
                return events;
            }
            final Set<String> missing = new TreeSet<>(events);
            missing.removeAll(received);
            final Set<String> extra = new TreeSet<>(received);
            extra.removeAll(events);
            last = opened + " regressions, " + events.size() + " events, " + keys.size() + " POSTs; missing "
                + missing + "; not on the topic " + extra;
            sleep(200);
        }
        throw new AssertionError("timed out after " + WAIT.toSeconds() + " s waiting for " + regressions
            + " regressions delivered; last seen: " + last);
    }

    private static void sleep(final long millis) {
        try {
            Thread.sleep(millis);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The idempotency key every committed event of tip.alerts should arrive with. */
    private Set<String> alertEvents() {
        final Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
            new ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(Topics.ALERTS.name()).stream()
                .map(p -> new TopicPartition(Topics.ALERTS.name(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            final Set<String> events = new TreeSet<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (record.value() != null) {
                        events.add(record.key() + "@" + record.partition() + "-" + record.offset());
                    }
                });
            }
            return events.stream().collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
