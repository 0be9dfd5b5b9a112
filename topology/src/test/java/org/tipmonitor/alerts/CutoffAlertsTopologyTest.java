package org.tipmonitor.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tipmonitor.testing.Fixtures.response;
import static org.tipmonitor.testing.Fixtures.state;
import static org.tipmonitor.avro.ImplementationStatus.IMPLEMENTED;
import static org.tipmonitor.avro.ImplementationStatus.PLANNED;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tipmonitor.avro.Alert;
import org.tipmonitor.avro.AlertCategory;
import org.tipmonitor.avro.AlertKind;
import org.tipmonitor.avro.AlertSeverity;
import org.tipmonitor.avro.AlertStatus;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.testing.Fixtures;

/**
 * NOT_REPORTED and STALE with the default calendar (cut-offs 30 June of even years) and the default
 * {@code tip.alerts.since}: the first cut-off after the first start. The driver's wall clock starts on 1 June 2026,
 * a month before the 2026 cut-off, so 2026 is the first cut-off judged; the tests move the clock past it.
 */
class CutoffAlertsTopologyTest extends AlertsTestBase {

    private static final Instant CUTOFF_2026 = Instant.parse("2026-06-30T00:00:00Z");
    private static final Instant CUTOFF_2028 = Instant.parse("2028-06-30T00:00:00Z");
    private static final Duration PAST_THE_2026_CUTOFF = Duration.ofDays(30);
    private static final Duration PAST_THE_2028_CUTOFF = Duration.ofDays(731);

    @Test
    void atTheCutOffEachStatePartyThatMissedARecommendationGetsOneAlertListingTheMissingParagraphs() {
        submit(state("fra-1", "FRA", "2026-01-10T09:00:00Z", response("2013.10", IMPLEMENTED),
            response("2013.28", PLANNED)));
        submit(state("deu-1", "DEU", "2026-02-01T09:00:00Z", response("2013.10", IMPLEMENTED),
            response("2013.13", PLANNED), response("2013.28", PLANNED)));
        assertThat(latest().keySet()).as("the 2026 cut-off has not passed").noneMatch(id -> id.endsWith("|2026"));

        advanceWallClock(PAST_THE_2026_CUTOFF);

        final Alert fra = latest().get("NOT_REPORTED|FRA|2026");
        assertThat(fra.getStatus()).isEqualTo(AlertStatus.OPEN);
        assertThat(fra.getKind()).isEqualTo(AlertKind.NOT_REPORTED);
        assertThat(fra.getCategory()).isEqualTo(AlertCategory.GAP);
        assertThat(fra.getSeverity()).as("2013.13 is a SHOULD").isEqualTo(AlertSeverity.MEDIUM);
        assertThat(fra.getDetails()).containsExactly("missing: 2013.13");
        assertThat(fra.getReason()).isEqualTo(
            "France sent no report in the 2026 cycle (cut-off 30 June 2026) on para 13 (title of para 13).");
        assertThat(fra.getCycle()).isEqualTo("2026");
        assertThat(fra.getCountry()).isEqualTo("FRA");
        assertThat(fra.getRegion()).isEqualTo("Europe");
        assertThat(fra.getOpenedAt()).isEqualTo(CUTOFF_2026);
        assertThat(fra.getCausedBySubmissionId()).isNull();

        assertThat(latest()).as("DEU answered all three; 2013.6 (UNODC) is never a State's")
            .doesNotContainKey("NOT_REPORTED|DEU|2026");
        assertThat(latest()).as("not a party").doesNotContainKey("NOT_REPORTED|IRN|2026");
        assertThat(latest()).as("a party, but not a State party").doesNotContainKey("NOT_REPORTED|EUU|2026");
        assertThat(latest()).as("a party only since 2025, after the 2026 cycle began")
            .doesNotContainKey("NOT_REPORTED|AGO|2026");
    }

    @Test
    void cutOffsBeforeSinceAreNotJudgedAndAPartyThatNeverReportedGetsOneAlertForTheJudgedCycle() {
        advanceWallClock(Duration.ofMinutes(1));
        assertThat(events).as("2014-2024 passed before the first start: not judged").isEmpty();

        advanceWallClock(PAST_THE_2026_CUTOFF);

        final Alert nga = latest().get("NOT_REPORTED|NGA|2026");
        assertThat(nga.getStatus()).isEqualTo(AlertStatus.OPEN);
        assertThat(nga.getDetails()).containsExactly("missing: 2013.10", "missing: 2013.13", "missing: 2013.28");
        assertThat(nga.getReason()).isEqualTo("Nigeria sent no report in the 2026 cycle (cut-off 30 June 2026) on 3"
            + " recommendations addressed to it, from para 10 (title of para 10).");
        assertThat(latest().keySet()).as("the 12 States parties of before the cycle, once each")
            .filteredOn(id -> id.startsWith("NOT_REPORTED|")).hasSize(12).allMatch(id -> id.endsWith("|2026"));
    }

    @Test
    void theNextJudgedCutOffSupersedesTheOpenAlertSoAtMostOneIsOpenPerStateParty() {
        advanceWallClock(PAST_THE_2026_CUTOFF);
        assertThat(latest().get("NOT_REPORTED|NGA|2026").getStatus()).isEqualTo(AlertStatus.OPEN);

        advanceWallClock(PAST_THE_2028_CUTOFF);

        final Alert superseded = latest().get("NOT_REPORTED|NGA|2026");
        assertThat(superseded.getStatus()).isEqualTo(AlertStatus.SUPERSEDED);
        assertThat(superseded.getResolvedAt()).isEqualTo(CUTOFF_2028);
        assertThat(superseded.getResolution()).contains("2028");
        assertThat(stored("NOT_REPORTED|NGA|2026")).isEqualTo(superseded);
        final Alert next = latest().get("NOT_REPORTED|NGA|2028");
        assertThat(next.getStatus()).isEqualTo(AlertStatus.OPEN);
        assertThat(next.getOpenedAt()).isEqualTo(CUTOFF_2028);
        assertThat(latest().get("NOT_REPORTED|AGO|2028").getStatus()).as("a party since before the 2028 cycle")
            .isEqualTo(AlertStatus.OPEN);

        final Map<String, Long> openPerCountry = latest().values().stream()
            .filter(a -> a.getKind() == AlertKind.NOT_REPORTED && a.getStatus() == AlertStatus.OPEN)
            .collect(Collectors.groupingBy(Alert::getCountry, Collectors.counting()));
        assertThat(openPerCountry).hasSize(13).allSatisfy((country, open) -> assertThat(open).isEqualTo(1L));
    }

    @Test
    void eachCutOffIsJudgedOnceHoweverOftenEitherClockPassesIt() {
        advanceWallClock(PAST_THE_2026_CUTOFF);
        assertThat(eventsOf("NOT_REPORTED|NGA|2026")).hasSize(1);
        submit(state("nga-1", "NGA", driverNow().minusSeconds(600).toString(), response("2013.10", PLANNED),
            response("2013.13", PLANNED), response("2013.28", PLANNED)));
        assertThat(latest().get("NOT_REPORTED|NGA|2026").getStatus()).isEqualTo(AlertStatus.RESOLVED);
        final int afterCatchingUp = events.size();

        advanceWallClock(Duration.ofMinutes(5));
        advanceWallClock(Duration.ofDays(1));
        submit(Fixtures.submission("unodc-1", ReporterType.UNODC, "UNODC", driverNow().minusSeconds(60)
            .toString(), response("2013.6", PLANNED)));

        assertThat(events.subList(afterCatchingUp, events.size())).as("no cut-off judged again").isEmpty();
        assertThat(eventsOf("NOT_REPORTED|NGA|2026")).extracting(Alert::getStatus)
            .containsExactly(AlertStatus.OPEN, AlertStatus.OPEN, AlertStatus.OPEN, AlertStatus.RESOLVED);
    }

    @Test
    void anAlertLosesEachParagraphAnsweredAfterTheCutOffAndResolvesWhenNoneIsLeft() {
        advanceWallClock(PAST_THE_2026_CUTOFF);

        final Instant first = driverNow().minusSeconds(600);
        submit(state("nga-1", "NGA", first.toString(), response("2013.13", PLANNED)));
        final Alert changed = latest().get("NOT_REPORTED|NGA|2026");
        assertThat(changed.getStatus()).isEqualTo(AlertStatus.OPEN);
        assertThat(changed.getDetails()).containsExactly("missing: 2013.10", "missing: 2013.28");
        assertThat(changed.getSeverity()).as("no SHOULD is left").isEqualTo(AlertSeverity.LOW);
        assertThat(changed.getOpenedAt()).isEqualTo(CUTOFF_2026);
        assertThat(changed.getCausedBySubmissionId()).isEqualTo("nga-1");

        final Instant second = driverNow().minusSeconds(300);
        submit(state("nga-2", "NGA", second.toString(), response("2013.10", PLANNED), response("2013.28", PLANNED)));
        final Alert resolved = latest().get("NOT_REPORTED|NGA|2026");
        assertThat(resolved.getStatus()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(resolved.getResolvedAt()).isEqualTo(second);
        assertThat(resolved.getResolvedBySubmissionId()).isEqualTo("nga-2");
        assertThat(stored("NOT_REPORTED|NGA|2026")).isEqualTo(resolved);
        assertThat(latest().get("NOT_REPORTED|FRA|2026").getStatus()).as("another State's")
            .isEqualTo(AlertStatus.OPEN);
    }

    @Test
    void aResponseOfTheCycleThatArrivesAfterTheCutOffWasJudgedStrikesItsParagraphOff() {
        advanceWallClock(PAST_THE_2026_CUTOFF);
        submit(state("esp-late", "ESP", "2026-03-01T09:00:00Z", response("2013.13", PLANNED)));

        final Alert changed = latest().get("NOT_REPORTED|ESP|2026");
        assertThat(changed.getDetails()).containsExactly("missing: 2013.10", "missing: 2013.28");
        assertThat(changed.getUpdatedAt()).as("never before the alert opened").isEqualTo(CUTOFF_2026);
    }

    @Test
    void aStatePartySilentForTwoWholeCyclesIsStaleInsteadOfNotReportedUntilItSubmitsAgain() {
        submit(state("fra-old", "FRA", "2021-05-01T09:00:00Z", response("2013.10", IMPLEMENTED)));
        submit(state("deu-1", "DEU", "2026-01-10T09:00:00Z", response("2013.10", IMPLEMENTED)));

        advanceWallClock(PAST_THE_2026_CUTOFF);
        final Alert stale = latest().get("STALE|FRA");
        assertThat(stale.getStatus()).isEqualTo(AlertStatus.OPEN);
        assertThat(stale.getKind()).isEqualTo(AlertKind.STALE);
        assertThat(stale.getSeverity()).isEqualTo(AlertSeverity.LOW);
        assertThat(stale.getOpenedAt()).isEqualTo(CUTOFF_2026);
        assertThat(stale.getCycle()).isEqualTo("2026");
        assertThat(stale.getReason()).startsWith("France, a State party that reported before, has sent no report"
            + " since 1 May 2021");
        assertThat(stale.getDetails()).contains("lastSubmittedAt: 2021-05-01T09:00:00Z",
            "silent since cut-off: 2022-06-30T00:00:00Z");
        assertThat(latest()).as("no overlap: STALE says it").doesNotContainKey("NOT_REPORTED|FRA|2026");
        assertThat(latest()).as("reported in the 2026 cycle").doesNotContainKey("STALE|DEU");
        assertThat(latest()).as("never reported: NOT_REPORTED's business").doesNotContainKey("STALE|NGA");
        assertThat(latest().get("NOT_REPORTED|NGA|2026").getStatus()).isEqualTo(AlertStatus.OPEN);

        final Instant again = driverNow().minusSeconds(60);
        submit(state("fra-new", "FRA", again.toString(), response("2013.13", PLANNED)));
        final Alert resolved = latest().get("STALE|FRA");
        assertThat(resolved.getStatus()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(resolved.getResolvedAt()).isEqualTo(again);
    }

    @Test
    void aStateWhoseOnlyReportIsOldIsStaleWhetherThatReportCameBeforeOrAfterTheCutOffWasJudged() {
        advanceWallClock(PAST_THE_2026_CUTOFF);
        assertThat(latest().get("NOT_REPORTED|JPN|2026").getStatus()).isEqualTo(AlertStatus.OPEN);

        submit(state("jpn-old", "JPN", "2020-01-15T09:00:00Z", response("2013.10", IMPLEMENTED)));
        final Alert stale = latest().get("STALE|JPN");
        assertThat(stale).as("judged as if the report had been in at the cut-off").isNotNull();
        assertThat(stale.getStatus()).isEqualTo(AlertStatus.OPEN);
        assertThat(stale.getOpenedAt()).as("a back-dated report does not move the alert into the past")
            .isAfterOrEqualTo(CUTOFF_2026);
        assertThat(latest().get("NOT_REPORTED|JPN|2026").getStatus()).as("never both")
            .isEqualTo(AlertStatus.SUPERSEDED);
    }

    @Test
    void aStaleStateThatReportsAgainIsJudgedForWhatItStillOwesInTheJudgedCycle() {
        // Judged while only the State's old report was in, as happens when a backlog arrives after a cut-off.
        submit(state("fra-old", "FRA", "2021-05-01T09:00:00Z", response("2013.10", IMPLEMENTED)));
        advanceWallClock(PAST_THE_2026_CUTOFF);
        assertThat(latest().get("STALE|FRA").getStatus()).isEqualTo(AlertStatus.OPEN);

        // Its report of the 2026 cycle arrives: no longer STALE, and it answered 2013.13 only.
        submit(state("fra-2025", "FRA", "2025-09-01T09:00:00Z", response("2013.13", PLANNED)));
        assertThat(latest().get("STALE|FRA").getStatus()).isEqualTo(AlertStatus.RESOLVED);
        final Alert owed = latest().get("NOT_REPORTED|FRA|2026");
        assertThat(owed).as("before: the STALE resolved and nothing said what France still owed").isNotNull();
        assertThat(owed.getStatus()).isEqualTo(AlertStatus.OPEN);
        assertThat(owed.getDetails()).containsExactly("missing: 2013.10", "missing: 2013.28");
    }

    @Test
    void responsesOfTheEuropeanUnionAreRejectedAndRaiseNothing() {
        submissions.pipeInput("EUU", state("euu-1", "EUU", "2026-01-10T09:00:00Z", response("2013.10", IMPLEMENTED)),
            driverNow());
        assertThat(rejected.readValuesToList()).singleElement().satisfies(rejection ->
            assertThat(rejection.getMessage()).contains("EUU").contains("not a State"));
        advanceWallClock(PAST_THE_2026_CUTOFF);
        assertThat(latest().keySet()).noneMatch(id -> id.contains("EUU"));
    }
}
