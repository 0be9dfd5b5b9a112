package org.tipmonitor.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tipmonitor.testing.Fixtures.response;
import static org.tipmonitor.testing.Fixtures.state;
import static org.tipmonitor.avro.ImplementationStatus.IMPLEMENTED;
import static org.tipmonitor.avro.ImplementationStatus.PLANNED;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tipmonitor.avro.Alert;
import org.tipmonitor.avro.AlertCategory;
import org.tipmonitor.avro.AlertKind;
import org.tipmonitor.avro.AlertSeverity;
import org.tipmonitor.avro.AlertStatus;

/**
 * OVERDUE and STALE with the default calendar (cut-offs 30 June of even years). The driver's wall clock starts
 * on 1 June 2026, a month before the 2026 cut-off; the tests move it past the cut-off.
 */
class CutoffAlertsTopologyTest extends AlertsTestBase {

    private static final Instant CUTOFF_2026 = Instant.parse("2026-06-30T00:00:00Z");
    private static final Duration PAST_THE_2026_CUTOFF = Duration.ofDays(30);

    @Test
    void atTheCutOffEachPartyThatMissedARequiredRecommendationGetsOneAlertListingWhatIsMissing() {
        submit(state("fra-1", "FRA", "2026-01-10T09:00:00Z", response("2013.10", IMPLEMENTED)));
        submit(state("deu-1", "DEU", "2026-02-01T09:00:00Z", response("2013.10", IMPLEMENTED),
            response("2013.13", PLANNED)));
        assertThat(latest().keySet()).as("the 2026 cut-off has not passed").noneMatch(id -> id.endsWith("|2026"));

        advanceWallClock(PAST_THE_2026_CUTOFF);

        final Alert fra = latest().get("OVERDUE|FRA|2026");
        assertThat(fra.getStatus()).isEqualTo(AlertStatus.OPEN);
        assertThat(fra.getKind()).isEqualTo(AlertKind.OVERDUE);
        assertThat(fra.getCategory()).isEqualTo(AlertCategory.GAP);
        assertThat(fra.getSeverity()).as("2013.13 is a SHOULD").isEqualTo(AlertSeverity.HIGH);
        assertThat(fra.getDetails()).containsExactly("2013.13");
        assertThat(fra.getCycle()).isEqualTo("2026");
        assertThat(fra.getCountry()).isEqualTo("FRA");
        assertThat(fra.getOpenedAt()).isEqualTo(CUTOFF_2026);
        assertThat(fra.getCausedBySubmissionId()).isNull();

        assertThat(latest()).as("DEU answered both; 2013.28 (ENCOURAGED) and 2013.6 (UNODC) are never owed")
            .doesNotContainKey("OVERDUE|DEU|2026");
        assertThat(latest()).as("not a party").doesNotContainKey("OVERDUE|IRN|2026");
        assertThat(latest()).as("a party only since 2025, after the 2026 cycle began")
            .doesNotContainKey("OVERDUE|AGO|2026");
    }

    @Test
    void aPartyThatNeverSubmittedAnythingIsOverdueOnEveryRequiredRecommendation() {
        advanceWallClock(PAST_THE_2026_CUTOFF);

        final Alert nga = latest().get("OVERDUE|NGA|2026");
        assertThat(nga.getStatus()).isEqualTo(AlertStatus.OPEN);
        assertThat(nga.getDetails()).containsExactly("2013.10", "2013.13");
        assertThat(nga.getSeverity()).isEqualTo(AlertSeverity.HIGH);
        assertThat(latest().get("OVERDUE|NGA|2014").getDetails()).as("every passed cycle, the first one too")
            .containsExactly("2013.10", "2013.13");
        final List<String> ngaCycles = latest().keySet().stream().filter(id -> id.startsWith("OVERDUE|NGA|"))
            .toList();
        assertThat(ngaCycles).containsExactlyInAnyOrder("OVERDUE|NGA|2014", "OVERDUE|NGA|2016", "OVERDUE|NGA|2018",
            "OVERDUE|NGA|2020", "OVERDUE|NGA|2022", "OVERDUE|NGA|2024", "OVERDUE|NGA|2026");
        assertThat(latest().keySet()).as("the late party owes nothing for cycles that began before it joined")
            .noneMatch(id -> id.startsWith("OVERDUE|AGO|"));
        assertThat(latest().keySet()).as("12 parties x 7 cycles").filteredOn(id -> id.startsWith("OVERDUE|"))
            .hasSize(84);
    }

    @Test
    void eachCutOffIsEvaluatedOnceHoweverOftenEitherClockPassesIt() {
        advanceWallClock(PAST_THE_2026_CUTOFF);
        assertThat(eventsOf("OVERDUE|NGA|2026")).hasSize(1);
        // NGA catches up: a second evaluation of any passed cut-off would open its alerts again.
        submit(state("nga-1", "NGA", driverNow().minusSeconds(600).toString(), response("2013.10", PLANNED),
            response("2013.13", PLANNED)));
        assertThat(latest().get("OVERDUE|NGA|2026").getStatus()).isEqualTo(AlertStatus.RESOLVED);
        final int afterCatchingUp = events.size();

        advanceWallClock(Duration.ofMinutes(5));
        advanceWallClock(Duration.ofDays(1));
        submit(state("jpn-1", "JPN", driverNow().minusSeconds(60).toString(), response("2013.28", PLANNED)));

        assertThat(events.subList(afterCatchingUp, events.size())).as("2013.28 resolves nothing; no cut-off again")
            .isEmpty();
        // Opened at the cut-off, one recommendation struck off, resolved at the second: nothing after.
        assertThat(eventsOf("OVERDUE|NGA|2026")).extracting(Alert::getStatus)
            .containsExactly(AlertStatus.OPEN, AlertStatus.OPEN, AlertStatus.RESOLVED);
        assertThat(eventsOf("OVERDUE|NGA|2014")).extracting(Alert::getStatus)
            .containsExactly(AlertStatus.OPEN, AlertStatus.OPEN, AlertStatus.RESOLVED);
    }

    @Test
    void anOverdueAlertLosesEachRecommendationAnsweredAfterTheCutOffAndResolvesWhenNoneIsLeft() {
        advanceWallClock(PAST_THE_2026_CUTOFF);
        assertThat(latest().get("OVERDUE|NGA|2026").getSeverity()).isEqualTo(AlertSeverity.HIGH);

        final Instant first = driverNow().minusSeconds(600);
        submit(state("nga-1", "NGA", first.toString(), response("2013.13", PLANNED)));
        final Alert changed = latest().get("OVERDUE|NGA|2026");
        assertThat(changed.getStatus()).isEqualTo(AlertStatus.OPEN);
        assertThat(changed.getDetails()).containsExactly("2013.10");
        assertThat(changed.getSeverity()).as("only a SHOULD_CONSIDER is left").isEqualTo(AlertSeverity.MEDIUM);
        assertThat(changed.getOpenedAt()).isEqualTo(CUTOFF_2026);
        assertThat(changed.getCausedBySubmissionId()).isEqualTo("nga-1");

        final Instant second = driverNow().minusSeconds(300);
        submit(state("nga-2", "NGA", second.toString(), response("2013.10", PLANNED)));
        final Alert resolved = latest().get("OVERDUE|NGA|2026");
        assertThat(resolved.getStatus()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(resolved.getResolvedAt()).isEqualTo(second);
        assertThat(resolved.getResolvedBySubmissionId()).isEqualTo("nga-2");
        assertThat(resolved.getDetails()).as("what was missing last").containsExactly("2013.10");
        assertThat(stored("OVERDUE|NGA|2026")).isEqualTo(resolved);
        assertThat(latest().get("OVERDUE|NGA|2014").getStatus()).as("catching up answers older cycles too")
            .isEqualTo(AlertStatus.RESOLVED);
        assertThat(latest().get("OVERDUE|FRA|2026").getStatus()).as("another State's").isEqualTo(AlertStatus.OPEN);
    }

    @Test
    void aResponseOfTheCycleThatArrivesAfterTheCutOffWasEvaluatedStrikesItsRecommendationOff() {
        advanceWallClock(PAST_THE_2026_CUTOFF);
        assertThat(latest().get("OVERDUE|ESP|2026").getDetails()).containsExactly("2013.10", "2013.13");

        submit(state("esp-late", "ESP", "2026-03-01T09:00:00Z", response("2013.13", PLANNED)));

        final Alert changed = latest().get("OVERDUE|ESP|2026");
        assertThat(changed.getDetails()).containsExactly("2013.10");
        assertThat(latest().get("OVERDUE|ESP|2024").getDetails()).as("a 2026-cycle response is later than 2024's")
            .containsExactly("2013.10");
        assertThat(latest().get("OVERDUE|ESP|2026").getUpdatedAt()).as("never before the alert opened")
            .isEqualTo(CUTOFF_2026);
    }

    @Test
    void aStatePartySilentForTwoWholeCyclesIsStaleUntilItSubmitsAgain() {
        submit(state("fra-old", "FRA", "2021-05-01T09:00:00Z", response("2013.10", IMPLEMENTED)));
        submit(state("deu-1", "DEU", "2026-01-10T09:00:00Z", response("2013.10", IMPLEMENTED)));
        assertThat(latest().keySet()).as("up to the 2024 cut-off FRA reported after the 2020 one")
            .noneMatch(id -> id.startsWith("STALE|"));

        advanceWallClock(PAST_THE_2026_CUTOFF);
        final Alert stale = latest().get("STALE|FRA");
        assertThat(stale.getStatus()).isEqualTo(AlertStatus.OPEN);
        assertThat(stale.getKind()).isEqualTo(AlertKind.STALE);
        assertThat(stale.getSeverity()).isEqualTo(AlertSeverity.LOW);
        assertThat(stale.getCategory()).isEqualTo(AlertCategory.GAP);
        assertThat(stale.getOpenedAt()).isEqualTo(CUTOFF_2026);
        assertThat(stale.getCycle()).isEqualTo("2026");
        assertThat(stale.getDetails()).contains("lastSubmittedAt: 2021-05-01T09:00:00Z",
            "silent since cut-off: 2022-06-30T00:00:00Z");
        assertThat(latest()).as("reported in the 2026 cycle").doesNotContainKey("STALE|DEU");
        assertThat(latest()).as("never reported: OVERDUE's business").doesNotContainKey("STALE|NGA");

        final Instant again = driverNow().minusSeconds(60);
        submit(state("fra-new", "FRA", again.toString(), response("2013.13", PLANNED)));
        final Alert resolved = latest().get("STALE|FRA");
        assertThat(resolved.getStatus()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(resolved.getResolvedAt()).isEqualTo(again);
    }

    @Test
    void aFirstReportThatIsAlreadyOldIsFoundStaleWithoutWaitingForTheNextCutOff() {
        advanceWallClock(PAST_THE_2026_CUTOFF);
        submit(state("jpn-old", "JPN", "2020-01-15T09:00:00Z", response("2013.10", IMPLEMENTED)));
        final Alert stale = latest().get("STALE|JPN");
        assertThat(stale.getStatus()).isEqualTo(AlertStatus.OPEN);
        assertThat(stale.getOpenedAt()).as("judged by the latest cut-off, so not opened in the past")
            .isEqualTo(CUTOFF_2026);
    }
}
