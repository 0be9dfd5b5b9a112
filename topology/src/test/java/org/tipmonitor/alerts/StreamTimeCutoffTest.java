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
 * A calendar from {@code tip.cycles.cutoffs} whose last cut-off falls a few hours after the driver's wall clock, so
 * that stream time (a later submission) passes it while the wall clock stands still.
 */
class StreamTimeCutoffTest extends AlertsTestBase {

    private static final Instant CUTOFF = Instant.parse("2026-06-01T18:00:00Z");

    @Override
    protected Map<String, Object> settings() {
        final Map<String, Object> settings = new HashMap<>();
        settings.put(CycleCalendar.CUTOFFS, "2024-06-30T00:00:00Z, " + CUTOFF);
        return settings;
    }

    @Test
    void streamTimePassingTheCutOffEvaluatesItWithoutTheWallClock() {
        submit(state("fra-1", "FRA", "2026-06-01T10:00:00Z", response("2013.10", IMPLEMENTED),
            response("2013.13", PLANNED)));
        assertThat(latest().keySet()).noneMatch(id -> id.endsWith("|2026"));

        submit(state("deu-after", "DEU", "2026-06-02T08:00:00Z", response("2013.10", IMPLEMENTED)));

        assertThat(latest()).doesNotContainKey("OVERDUE|FRA|2026");
        final Alert nga = latest().get("OVERDUE|NGA|2026");
        assertThat(nga.getStatus()).isEqualTo(AlertStatus.OPEN);
        assertThat(nga.getOpenedAt()).isEqualTo(CUTOFF);
        assertThat(nga.getDetails()).containsExactly("2013.10", "2013.13");
        assertThat(latest().keySet()).as("only the two configured cycles")
            .filteredOn(id -> id.startsWith("OVERDUE|NGA|")).containsExactlyInAnyOrder("OVERDUE|NGA|2024",
                "OVERDUE|NGA|2026");

        // DEU answered 2013.10 after the cut-off, before the cut-off was evaluated: its alert tells the same story
        // as if the cut-off had been evaluated on time (opened at the cut-off, 2013.10 struck off at its answer).
        final Alert deu = latest().get("OVERDUE|DEU|2026");
        assertThat(eventsOf("OVERDUE|DEU|2026")).hasSize(2);
        assertThat(eventsOf("OVERDUE|DEU|2026").get(0).getDetails()).containsExactly("2013.10", "2013.13");
        assertThat(deu.getStatus()).isEqualTo(AlertStatus.OPEN);
        assertThat(deu.getDetails()).containsExactly("2013.13");
        assertThat(deu.getUpdatedAt()).isEqualTo(Instant.parse("2026-06-02T08:00:00Z"));
    }

    @Test
    void theWallClockAloneDoesNotPassACutOffThatIsStillAhead() {
        advanceWallClock(java.time.Duration.ofHours(1));
        assertThat(latest().keySet()).as("2024 has passed, 2026 at 18:00 has not")
            .contains("OVERDUE|NGA|2024").noneMatch(id -> id.endsWith("|2026"));
    }
}
