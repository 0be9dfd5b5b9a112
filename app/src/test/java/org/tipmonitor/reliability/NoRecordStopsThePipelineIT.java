package org.tipmonitor.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tipmonitor.avro.ImplementationStatus.IMPLEMENTED;
import static org.tipmonitor.avro.ImplementationStatus.IN_PROGRESS;
import static org.tipmonitor.avro.ImplementationStatus.NOT_STARTED;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipmonitor.avro.Cell;
import org.tipmonitor.avro.ComplianceRow;
import org.tipmonitor.avro.Rejection;
import org.tipmonitor.topology.channels.Topics;
import org.tipmonitor.runtime.TipMonitorApp;

/**
 * Hostile records on a real broker, each of which once stopped the pipeline or lost a submission silently (issue
 * 9, "No record stops the pipeline"). Every test ends with a valid submission that must still be applied.
 */
@Tag("integration")
class NoRecordStopsThePipelineIT {

    private static final String ROW = "STATE|2013.10";

    @TempDir
    Path stateDir;

    private PipelineWorld world;
    private TipMonitorApp app;

    @BeforeEach
    void startBroker() {
        world = new PipelineWorld(1);
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        world.close();
    }

    private TipMonitorApp start(final Map<String, ?> settings) {
        app = TipMonitorApp.start(world.app("hostile-" + System.nanoTime(), stateDir, settings).build());
        assertThat(app.awaitRunning(PipelineWorld.DEADLINE)).as("Streams RUNNING").isTrue();
        return app;
    }

    @Test
    void submissionDatedHoursAheadIsRejectedAndTheRecordTimestampsAreNotTheClients() {
        world.publishReferenceData();
        start(Map.of());
        final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        world.submit(PipelineWorld.state("fra-ahead", "FRA", now.plus(Duration.ofHours(3)), "2013.10", IMPLEMENTED));
        world.submit(PipelineWorld.state("gbr-slightly-ahead", "GBR", now.plus(Duration.ofMinutes(10)), "2013.10",
            NOT_STARTED));
        world.submit(PipelineWorld.state("deu-now", "DEU", now, "2013.10", IN_PROGRESS));

        final ComplianceRow row = PipelineWorld.await("GBR and DEU counted",
            () -> world.table(Topics.COMPLIANCE_BY_RECOMMENDATION.name(), ComplianceRow.class).get(ROW),
            r -> r != null && r.getReported() == 2);
        assertThat(row.getCounts().getIMPLEMENTED()).isZero();
        final List<Rejection> rejections = rejections();
        assertThat(rejections).extracting(r -> r.getSubmissionId() + ":" + r.getReason())
            .containsExactly("fra-ahead:SUBMITTED_IN_FUTURE");
        // The Kafka timestamps of the results are the input's, never the client's submittedAt: a client cannot
        // push a record past the broker's limit (log.message.timestamp.after.max.ms) or stream time ahead.
        final List<ConsumerRecord<String, Cell>> cells = world.readAll(Topics.CELLS.name(), Cell.class);
        assertThat(cells).hasSize(2);
        assertThat(cells).allSatisfy(r -> assertThat(r.timestamp()).isLessThanOrEqualTo(Instant.now().toEpochMilli()));
        assertThat(cells).extracting(r -> r.value().getSubmittedAt())
            .contains(now.plus(Duration.ofMinutes(10)));
        assertThat(app.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
    }

    @Test
    void undecodableReferenceRecordsAreDeadLetteredAtStartAndWhileRunning() {
        world.publishReferenceData();
        world.send(Topics.RECOMMENDATIONS.name(), "2013.99", "not avro".getBytes(StandardCharsets.UTF_8));
        world.send(Topics.COUNTRIES.name(), "XXX", new byte[] {0, 0, 0, 0, 42, 1, 2, 3});
        start(Map.of());
        world.submit(PipelineWorld.state("fra-1", "FRA", Instant.now(), "2013.10", IMPLEMENTED));
        PipelineWorld.await("FRA counted",
            () -> world.table(Topics.COMPLIANCE_BY_RECOMMENDATION.name(), ComplianceRow.class).get(ROW),
            r -> r != null && r.getReported() == 1);

        world.send(Topics.RECOMMENDATIONS.name(), "2013.98", new byte[] {0, 0, 0, 0, 1, (byte) 0xff});
        world.submit(PipelineWorld.state("deu-1", "DEU", Instant.now(), "2013.10", IN_PROGRESS));
        PipelineWorld.await("DEU counted after a bad reference record arrived",
            () -> world.table(Topics.COMPLIANCE_BY_RECOMMENDATION.name(), ComplianceRow.class).get(ROW),
            r -> r != null && r.getReported() == 2);
        final List<Rejection> global = PipelineWorld.await("the bad reference records dead-lettered",
            () -> rejections().stream().filter(r -> !Topics.SUBMISSIONS.name().equals(r.getSourceTopic())).toList(),
            r -> r.size() >= 3);
        assertThat(global).extracting(Rejection::getSourceTopic)
            .contains(Topics.RECOMMENDATIONS.name(), Topics.COUNTRIES.name());
        assertThat(global).anySatisfy(r ->
            assertThat(new String(r.getRawValue().array(), StandardCharsets.UTF_8)).isEqualTo("not avro"));
        assertThat(app.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);

        // A restart reads the reference topics again, bad records included, and must get to RUNNING.
        final var config = app.config();
        app.close();
        app = TipMonitorApp.start(config);
        assertThat(app.awaitRunning(PipelineWorld.DEADLINE)).as("RUNNING after a restart").isTrue();
        world.submit(PipelineWorld.state("gbr-1", "GBR", Instant.now(), "2013.10", NOT_STARTED));
        PipelineWorld.await("GBR counted after the restart",
            () -> world.table(Topics.COMPLIANCE_BY_RECOMMENDATION.name(), ComplianceRow.class).get(ROW),
            r -> r != null && r.getReported() == 3);
    }

    @Test
    void submissionIdsAreOwnedByTheirReporter() {
        world.publishReferenceData();
        start(Map.of());
        final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        world.submit(PipelineWorld.state("DEU-2027-r1", "FRA", now, "2013.10", IMPLEMENTED));
        world.submit(PipelineWorld.state("DEU-2027-r1", "DEU", now, "2013.10", IN_PROGRESS));
        world.submit(PipelineWorld.state("DEU-2027-r1", "DEU", now, "2013.10", IN_PROGRESS)); // a redelivery
        world.submit(PipelineWorld.state("DEU-2027-r1", "FRA", now, "2013.10", NOT_STARTED)); // a true conflict
        world.submit(PipelineWorld.state("gbr-last", "GBR", now, "2013.10", NOT_STARTED));

        final ComplianceRow row = PipelineWorld.await("FRA, DEU and GBR counted",
            () -> world.table(Topics.COMPLIANCE_BY_RECOMMENDATION.name(), ComplianceRow.class).get(ROW),
            r -> r != null && r.getReported() == 3);
        assertThat(row.getCounts().getIMPLEMENTED()).isEqualTo(1);
        assertThat(row.getCounts().getINPROGRESS()).isEqualTo(1);
        final List<Rejection> rejections = PipelineWorld.await("the conflict rejected", this::rejections,
            r -> !r.isEmpty());
        assertThat(rejections).extracting(r -> r.getCountry() + ":" + r.getReason())
            .containsExactly("FRA:DUPLICATE_ID_CONFLICT");
    }

    @Test
    void datesOutsideTheStoresReachAreRejectedWithTheirOwnReason() {
        world.publishReferenceData();
        start(Map.of("tip.cells.history-retention", "P30D"));
        final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        world.submit(PipelineWorld.state("fra-now", "FRA", now, "2013.10", IMPLEMENTED));
        world.submit(PipelineWorld.state("deu-old", "DEU", now.minus(Duration.ofDays(60)), "2013.10", IN_PROGRESS));
        world.submit(PipelineWorld.state("gbr-1960", "GBR", Instant.parse("1960-01-01T00:00:00Z"), "2013.10",
            IN_PROGRESS));
        world.submit(PipelineWorld.state("ita-now", "ITA", now, "2013.10", NOT_STARTED));

        final List<Rejection> rejections = PipelineWorld.await("the old submissions rejected", this::rejections,
            r -> r.size() >= 2);
        assertThat(rejections).extracting(r -> r.getSubmissionId() + ":" + r.getReason())
            .containsExactlyInAnyOrder("deu-old:SUBMITTED_TOO_EARLY", "gbr-1960:SUBMITTED_TOO_EARLY");
        final ComplianceRow row = PipelineWorld.await("FRA and ITA counted",
            () -> world.table(Topics.COMPLIANCE_BY_RECOMMENDATION.name(), ComplianceRow.class).get(ROW),
            r -> r != null && r.getReported() >= 2);
        assertThat(row.getReported()).as("nothing counted that the cell store does not keep").isEqualTo(2);
    }

    private List<Rejection> rejections() {
        return world.readAll(Topics.REJECTED.name(), Rejection.class).stream().map(ConsumerRecord::value).toList();
    }
}
