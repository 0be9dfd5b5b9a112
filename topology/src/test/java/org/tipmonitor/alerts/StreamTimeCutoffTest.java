package org.tipmonitor.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tipmonitor.testing.Fixtures.response;
import static org.tipmonitor.testing.Fixtures.state;
import static org.tipmonitor.avro.ImplementationStatus.IMPLEMENTED;
import static org.tipmonitor.avro.ImplementationStatus.PLANNED;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tipmonitor.avro.Alert;
import org.tipmonitor.avro.AlertStatus;
import org.tipmonitor.cycles.CycleCalendar;

/**
 * A calendar from {@code tip.cycles.cutoffs} whose last cut-off falls a few minutes after the driver's wall clock,
 * so that stream time (a later record) passes it while the wall clock stands still. Record timestamps move stream
 * time, and a cell update's timestamp is its submittedAt capped at its input record's timestamp: the later
 * submission is sent by a producer whose clock has passed the cut-off, within the accepted clock skew.
 */
class StreamTimeCutoffTest extends AlertsTestBase {

    private static final Instant CUTOFF = Instant.parse("2026-06-01T12:10:00Z");
    private static final Instant AFTER = Instant.parse("2026-06-01T12:14:00Z");

    @Override
    protected Map<String, Object> settings() {
        final Map<String, Object> settings = new HashMap<>();
        settings.put(CycleCalendar.CUTOFFS, "2024-06-30T00:00:00Z, " + CUTOFF);
        // As the demo sets it: the cycle that has already passed is judged at once.
        settings.put(AlertConfig.SINCE, "2024-06-30");
        return settings;
    }

    @Test
    void streamTimePassingTheCutOffEvaluatesItWithoutTheWallClock() {
        submit(state("fra-1", "FRA", "2026-06-01T10:00:00Z", response("2013.10", IMPLEMENTED),
            response("2013.13", PLANNED), response("2013.28", PLANNED)));
        assertThat(latest().keySet()).noneMatch(id -> id.endsWith("|2026"));

        submissions.pipeInput("DEU", state("deu-after", "DEU", AFTER.toString(), response("2013.10", IMPLEMENTED)),
            AFTER);
        drain();

        assertThat(latest()).doesNotContainKey("NOT_REPORTED|FRA|2026");
        final Alert nga = latest().get("NOT_REPORTED|NGA|2026");
        assertThat(nga.getStatus()).isEqualTo(AlertStatus.OPEN);
        assertThat(nga.getOpenedAt()).isEqualTo(CUTOFF);
        assertThat(nga.getDetails()).containsExactly("missing: 2013.10", "missing: 2013.13", "missing: 2013.28");
        assertThat(latest().get("NOT_REPORTED|NGA|2024").getStatus()).as("since 2024: judged, then superseded")
            .isEqualTo(AlertStatus.SUPERSEDED);

        // DEU answered 2013.10 after the cut-off, before the cut-off was evaluated: its alert tells the same story
        // as if the cut-off had been evaluated on time (opened at the cut-off, 2013.10 struck off at its answer).
        final Alert deu = latest().get("NOT_REPORTED|DEU|2026");
        assertThat(eventsOf("NOT_REPORTED|DEU|2026")).hasSize(2);
        assertThat(eventsOf("NOT_REPORTED|DEU|2026").get(0).getDetails()).containsExactly("missing: 2013.10",
            "missing: 2013.13", "missing: 2013.28");
        assertThat(deu.getStatus()).isEqualTo(AlertStatus.OPEN);
        assertThat(deu.getDetails()).containsExactly("missing: 2013.13", "missing: 2013.28");
        assertThat(deu.getUpdatedAt()).isEqualTo(AFTER);
    }

    @Test
    void theWallClockAloneDoesNotPassACutOffThatIsStillAhead() {
        advanceWallClock(java.time.Duration.ofMinutes(5));
        assertThat(latest().keySet()).as("2024 has passed, 2026 at 12:10 has not")
            .contains("NOT_REPORTED|NGA|2024").noneMatch(id -> id.endsWith("|2026"));
    }
}
