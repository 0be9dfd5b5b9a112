package org.tipmonitor.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipmonitor.api.HttpTestClient;
import org.tipmonitor.topology.channels.Topics;
import org.tipmonitor.runtime.TipMonitorApp;

/**
 * Stream threads that keep failing for a reason that is not the record's (here: the schema registry cannot be
 * reached, so no record can be decoded): the instance says so on /ready while it replaces threads, counts the
 * replacements, stops replacing after a bounded number and then reports DOWN on /health. Before, threads were
 * replaced forever while /health said UP and /ready READY.
 */
@Tag("integration")
class ReadinessTellsTheTruthIT {

    @TempDir
    Path stateDir;

    private PipelineWorld world;
    private TipMonitorApp app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        if (world != null) {
            world.close();
        }
    }

    @Test
    void failingThreadsMakeTheInstanceUnreadyThenDown() throws Exception {
        world = new PipelineWorld(1);
        final int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        // A replaced thread rejoins once the dead one's session has expired: keep the session short.
        app = TipMonitorApp.start(world.app("unready-" + System.nanoTime(), stateDir, Map.of(
                "tip.streams.thread-replacements.max", "1",
                "tip.streams.thread-replacements.window", "PT10M",
                "session.timeout.ms", "6000"))
            .schemaRegistryUrl("http://127.0.0.1:" + closedPort)
            .build());
        assertThat(app.awaitRunning(PipelineWorld.DEADLINE)).isTrue();
        final HttpTestClient http = new HttpTestClient(app.httpUrl());
        PipelineWorld.await("ready before any failure", () -> http.get("/ready").status(), s -> s == 200);

        // Confluent framing, schema id 1: decoding needs the registry, which is down.
        world.send(Topics.SUBMISSIONS.name(), "FRA", new byte[] {0, 0, 0, 0, 1, 2, 4, 6});

        PipelineWorld.await("/ready 503 while the stream thread fails", () -> http.get("/ready").status(),
            s -> s == 503);
        PipelineWorld.await("the instance gives up after 1 replacement", () -> app.streams().state(),
            s -> s == KafkaStreams.State.ERROR);
        final HttpTestClient.Answer health = http.get("/health");
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.json().get("status").asText()).isEqualTo("DOWN");
        assertThat(http.get("/ready").status()).isEqualTo(503);
        assertThat(http.get("/metrics").body())
            .containsPattern("tip_stream_thread_replacements_total\\{[^}]*\\} 1\\.0");
    }
}
