package org.tipmonitor.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipmonitor.api.HttpTestClient;
import org.tipmonitor.avro.Addressee;
import org.tipmonitor.avro.Cell;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.ImplementationStatus;
import org.tipmonitor.avro.ProtocolStatus;
import org.tipmonitor.avro.Recommendation;
import org.tipmonitor.avro.Rejection;
import org.tipmonitor.avro.Reporter;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.avro.Response;
import org.tipmonitor.avro.Submission;
import org.tipmonitor.topology.channels.Topics;
import org.tipmonitor.reference.Catalogue;
import org.tipmonitor.reference.Countries;
import org.tipmonitor.runtime.TipMonitorApp;

/**
 * Poison mixed into ordinary input on a real broker: about 1% corrupt bytes, unknown schema ids, tombstones, a
 * record close to the broker's size limit, and invalid responses. The instance keeps running without replacing a
 * thread, and every response sent is accounted for: accepted (its cell is on tip.cells: each valid response here
 * has a cell of its own) or rejected (a record on the dead-letter topic), never both, never neither.
 */
@Tag("integration")
class PoisonInputAccountedIT {

    private static final int SUBMISSIONS = 600;

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
    void acceptedPlusRejectedEqualsSent() {
        world = new PipelineWorld(2);
        world.publishReferenceData();
        app = TipMonitorApp.start(world.app("poison-" + System.nanoTime(), stateDir, Map.of()).build());
        assertThat(app.awaitRunning(PipelineWorld.DEADLINE)).isTrue();

        final Random random = new Random(42);
        final List<String> freeCells = freeCells(random);
        final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        int sent = 0;
        int poison = 0;
        for (int i = 0; i < SUBMISSIONS; i++) {
            final int dice = random.nextInt(100);
            if (dice == 0) {
                final byte[] junk = new byte[1 + random.nextInt(30)];
                random.nextBytes(junk);
                junk[0] = 0x7f;
                world.send(Topics.SUBMISSIONS.name(), "junk", junk);
                sent++;
                poison++;
            } else if (dice == 1) {
                world.send(Topics.SUBMISSIONS.name(), "unknown-id", new byte[] {0, 0, 1, 0, 0, 2, 4});
                sent++;
                poison++;
            } else if (dice == 2) {
                world.send(Topics.SUBMISSIONS.name(), "FRA", null);
                sent++;
                poison++;
            } else {
                final List<Response> responses = new ArrayList<>();
                String country = null;
                for (int r = 0; r < 1 + random.nextInt(3); r++) {
                    final boolean invalid = random.nextInt(10) == 0;
                    final String[] cell = invalid ? null : freeCells.remove(freeCells.size() - 1).split("\\|");
                    if (country == null) {
                        country = invalid ? "FRA" : cell[0];
                    }
                    // Every response of a submission has the submission's country: a valid response whose cell
                    // belongs to another country becomes an invalid one (unknown recommendation).
                    final String recommendation = invalid || !cell[0].equals(country) ? "2013.99" : cell[1];
                    responses.add(Response.newBuilder().setRecommendationId(recommendation)
                        .setStatus(ImplementationStatus.values()[random.nextInt(5)]).build());
                }
                world.submit(submission(country + "-" + i, country, now, responses));
                sent += responses.size();
            }
        }
        // A record close to the broker's limit (1 MB): one valid response with a large narrative.
        final String[] big = freeCells.remove(freeCells.size() - 1).split("\\|");
        world.submit(submission("big", big[0], now, List.of(Response.newBuilder().setRecommendationId(big[1])
            .setStatus(ImplementationStatus.PLANNED).setNarrative("x".repeat(1_000_000)).build())));
        sent++;
        final int expected = sent;
        assertThat(poison).as("about 3% poison").isGreaterThan(5);

        final int[] counted = new int[2];
        PipelineWorld.await("accepted + rejected = " + expected, () -> {
            counted[0] = world.table(Topics.CELLS.name(), Cell.class).size();
            counted[1] = world.readAll(Topics.REJECTED.name(), Rejection.class).size();
            return counted[0] + counted[1];
        }, total -> total >= expected);
        assertThat(counted[0] + counted[1]).as("accepted %d + rejected %d", counted[0], counted[1])
            .isEqualTo(expected);
        final List<Rejection> rejections = world.readAll(Topics.REJECTED.name(), Rejection.class).stream()
            .map(ConsumerRecord::value).toList();
        assertThat(rejections).extracting(r -> r.getReason().name())
            .doesNotContain("PROCESSING_FAILED", "PRODUCTION_FAILED");
        assertThat(app.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
        assertThat(new HttpTestClient(app.httpUrl()).get("/metrics").body())
            .containsPattern("tip_stream_thread_replacements_total\\{[^}]*\\} 0\\.0");
    }

    private static Submission submission(final String id, final String country, final Instant at,
                                         final List<Response> responses) {
        return Submission.newBuilder().setSubmissionId(id)
            .setReporter(Reporter.newBuilder().setType(ReporterType.STATE).setCountry(country).build())
            .setSubmittedAt(at).setResponses(responses).build();
    }

    /** country|recommendation pairs a State may answer, shuffled. */
    private static List<String> freeCells(final Random random) {
        final List<String> recommendations = Catalogue.load().recommendations().stream()
            .filter(r -> r.getAddressees().contains(Addressee.STATES_PARTIES)
                || r.getAddressees().contains(Addressee.STATES))
            .map(Recommendation::getId).toList();
        final List<String> cells = new ArrayList<>();
        for (final Country c : Countries.load().countries()) {
            if (c.getProtocolStatus() == ProtocolStatus.PARTY) {
                recommendations.forEach(r -> cells.add(c.getIso3() + "|" + r));
            }
        }
        java.util.Collections.shuffle(cells, random);
        return cells;
    }
}
