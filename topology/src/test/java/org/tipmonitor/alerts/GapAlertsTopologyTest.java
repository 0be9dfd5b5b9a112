package org.tipmonitor.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tipmonitor.testing.Fixtures.response;
import static org.tipmonitor.testing.Fixtures.state;
import static org.tipmonitor.testing.Fixtures.submission;
import static org.tipmonitor.avro.ImplementationStatus.IMPLEMENTED;
import static org.tipmonitor.avro.ImplementationStatus.IN_PROGRESS;
import static org.tipmonitor.avro.ImplementationStatus.NOT_APPLICABLE;
import static org.tipmonitor.avro.ImplementationStatus.NOT_STARTED;
import static org.tipmonitor.avro.ImplementationStatus.PARTIALLY_IMPLEMENTED;
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
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.avro.Response;
import org.tipmonitor.topology.channels.StateStores;

/**
 * The cell- and row-driven rules on the whole topology: REGRESSION, ASSISTANCE_NEEDED, VIEWS_DIFFER and LOW_UPTAKE,
 * each opening and resolving. (Cut-off driven rules: {@link CutoffAlertsTopologyTest}.)
 */
class GapAlertsTopologyTest extends AlertsTestBase {

    private static final String FRA_REGRESSION = "REGRESSION|STATE|FRA|2013.10";

    @Test
    void aRegressionStaysOpenUntilTheLevelBeforeTheFallIsRegainedAndReopensUnderTheSameId() {
        submit(state("fra-1", "FRA", "2026-01-10T09:00:00Z", response("2013.10", IMPLEMENTED)));
        assertThat(eventsOf(FRA_REGRESSION)).as("a first status is no fall").isEmpty();

        submit(state("fra-2", "FRA", "2026-02-10T09:00:00Z", response("2013.10", PARTIALLY_IMPLEMENTED)));
        final Alert opened = latest().get(FRA_REGRESSION);
        assertThat(opened.getStatus()).isEqualTo(AlertStatus.OPEN);
        assertThat(opened.getKind()).isEqualTo(AlertKind.REGRESSION);
        assertThat(opened.getSeverity()).as("2013.10 is a SHOULD_CONSIDER").isEqualTo(AlertSeverity.MEDIUM);
        assertThat(opened.getCategory()).isEqualTo(AlertCategory.GAP);
        assertThat(opened.getCountry()).isEqualTo("FRA");
        assertThat(opened.getRecommendationId()).isEqualTo("2013.10");
        assertThat(opened.getReporterType()).isEqualTo(ReporterType.STATE);
        assertThat(opened.getCausedBySubmissionId()).isEqualTo("fra-2");
        assertThat(opened.getOpenedAt()).isEqualTo(Instant.parse("2026-02-10T09:00:00Z"));
        assertThat(opened.getResolvedAt()).isNull();
        assertThat(opened.getReason()).isEqualTo("France reports that its implementation of para 10 (title of para 10)"
            + " fell from implemented to partially implemented.");

        submit(state("fra-3", "FRA", "2026-03-10T09:00:00Z", response("2013.10", IN_PROGRESS)));
        submit(state("fra-4", "FRA", "2026-04-10T09:00:00Z", response("2013.10", PARTIALLY_IMPLEMENTED)));
        final Alert stillOpen = latest().get(FRA_REGRESSION);
        assertThat(stillOpen.getStatus()).as("PARTIALLY_IMPLEMENTED is below IMPLEMENTED, the level before the fall")
            .isEqualTo(AlertStatus.OPEN);
        assertThat(stillOpen.getOpenedAt()).isEqualTo(opened.getOpenedAt());
        assertThat(stillOpen.getDetails()).containsExactly("before the fall: IMPLEMENTED",
            "now: PARTIALLY_IMPLEMENTED");
        assertThat(stillOpen.getCausedBySubmissionId()).isEqualTo("fra-4");

        submit(state("fra-5", "FRA", "2026-05-10T09:00:00Z", response("2013.10", IMPLEMENTED)));
        final Alert resolved = latest().get(FRA_REGRESSION);
        assertThat(resolved.getStatus()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(resolved.getOpenedAt()).isEqualTo(opened.getOpenedAt());
        assertThat(resolved.getResolvedAt()).isEqualTo(Instant.parse("2026-05-10T09:00:00Z"));
        assertThat(resolved.getResolvedBySubmissionId()).isEqualTo("fra-5");
        assertThat(resolved.getResolution()).isNotBlank();

        submit(state("fra-6", "FRA", "2026-05-20T09:00:00Z", response("2013.10", PLANNED)));
        final Alert reopened = latest().get(FRA_REGRESSION);
        assertThat(reopened.getStatus()).isEqualTo(AlertStatus.OPEN);
        assertThat(reopened.getOpenedAt()).isEqualTo(Instant.parse("2026-05-20T09:00:00Z"));
        assertThat(reopened.getResolvedAt()).isNull();
        assertThat(reopened.getResolution()).isNull();
        assertThat(reopened.getResolvedBySubmissionId()).isNull();
        assertThat(stored(FRA_REGRESSION)).isEqualTo(reopened);
        assertThat(eventsOf(FRA_REGRESSION)).extracting(Alert::getStatus).containsExactly(AlertStatus.OPEN,
            AlertStatus.OPEN, AlertStatus.OPEN, AlertStatus.RESOLVED, AlertStatus.OPEN);
    }

    @Test
    void aRegressionFollowsTheDatesOfTheReportsNotTheOrderTheyArriveIn() {
        // By date France fell from IMPLEMENTED (January) to PARTIALLY_IMPLEMENTED (February); the reports arrive
        // newest first, as they can when they come through different partitions. The alert must not depend on it.
        submit(state("fra-feb", "FRA", "2026-02-10T09:00:00Z", response("2013.10", PARTIALLY_IMPLEMENTED)));
        submit(state("fra-jan", "FRA", "2026-01-10T09:00:00Z", response("2013.10", IMPLEMENTED)));
        final Alert opened = latest().get(FRA_REGRESSION);
        assertThat(opened).as("the fall of February, told by a report that arrived last").isNotNull();
        assertThat(opened.getStatus()).isEqualTo(AlertStatus.OPEN);
        assertThat(opened.getDetails()).containsExactly("before the fall: IMPLEMENTED", "now: PARTIALLY_IMPLEMENTED");
        assertThat(opened.getCausedBySubmissionId()).as("the latest report").isEqualTo("fra-feb");
        assertThat(opened.getOpenedAt()).isEqualTo(Instant.parse("2026-02-10T09:00:00Z"));

        // A report dated between two others is judged in its place: March regains February's fall from January.
        submit(state("deu-jan", "DEU", "2026-01-10T09:00:00Z", response("2013.10", IMPLEMENTED)));
        submit(state("deu-mar", "DEU", "2026-03-10T09:00:00Z", response("2013.10", IMPLEMENTED)));
        submit(state("deu-feb", "DEU", "2026-02-10T09:00:00Z", response("2013.10", PLANNED)));
        assertThat(latest().get("REGRESSION|STATE|DEU|2013.10")).as("no fall is open at the latest date").satisfiesAnyOf(
            alert -> assertThat(alert).isNull(), alert -> assertThat(alert.getStatus()).isEqualTo(AlertStatus.RESOLVED));
    }

    @Test
    void aCellKeepsAtMostItsLatestVersionsSoAFallOlderThanThemIsNoLongerJudged() {
        submit(state("fra-0", "FRA", "2026-01-01T00:00:00Z", response("2013.10", IMPLEMENTED)));
        final Instant first = Instant.parse("2026-01-02T00:00:00Z");
        for (int i = 1; i < AlertEngineProcessor.MAX_STATE_VERSIONS; i++) {
            submit(state("fra-" + i, "FRA", first.plusSeconds(60L * i).toString(), response("2013.10", PLANNED)));
        }
        assertThat(latest().get(FRA_REGRESSION).getStatus()).as("the fall from IMPLEMENTED is among the kept versions")
            .isEqualTo(AlertStatus.OPEN);

        submit(state("fra-last", "FRA", "2026-03-01T00:00:00Z", response("2013.10", PLANNED)));
        assertThat(latest().get(FRA_REGRESSION).getStatus()).as("one more: the IMPLEMENTED version is dropped")
            .isEqualTo(AlertStatus.RESOLVED);
    }

    @Test
    void movingToOrFromNotApplicableIsNeverAFallAndEndsAnOpenRegression() {
        submit(state("deu-1", "DEU", "2026-01-10T09:00:00Z", response("2013.10", IMPLEMENTED)));
        submit(state("deu-2", "DEU", "2026-02-10T09:00:00Z", response("2013.10", NOT_APPLICABLE)));
        submit(state("deu-3", "DEU", "2026-03-10T09:00:00Z", response("2013.10", PLANNED)));
        assertThat(eventsOf("REGRESSION|STATE|DEU|2013.10")).isEmpty();

        submit(state("deu-4", "DEU", "2026-04-10T09:00:00Z", response("2013.10", NOT_STARTED)));
        assertThat(latest().get("REGRESSION|STATE|DEU|2013.10").getStatus()).isEqualTo(AlertStatus.OPEN);
        submit(state("deu-5", "DEU", "2026-05-10T09:00:00Z", response("2013.10", NOT_APPLICABLE)));
        assertThat(latest().get("REGRESSION|STATE|DEU|2013.10").getStatus()).isEqualTo(AlertStatus.RESOLVED);
    }

    @Test
    void aRegressionIsOnlyOfTheStatesOwnReports() {
        submit(submission("cs-1", ReporterType.CIVIL_SOCIETY, "FRA", "2026-01-10T09:00:00Z",
            response("2013.10", IMPLEMENTED)));
        submit(submission("cs-2", ReporterType.CIVIL_SOCIETY, "FRA", "2026-02-10T09:00:00Z",
            response("2013.10", NOT_STARTED)));
        assertThat(latest().keySet()).noneMatch(id -> id.startsWith("REGRESSION|"));
    }

    @Test
    void assistanceNeededIsOneAlertPerStateThatListsEveryRequestWithItsChallengesAndResolvesWhenNoneIsLeft() {
        final String id = "ASSISTANCE_NEEDED|NGA";
        submit(state("nga-0", "NGA", "2026-01-01T09:00:00Z",
            Response.newBuilder(response("2013.13", IN_PROGRESS)).setChallenges("no shelter capacity").build()));
        assertThat(eventsOf(id)).as("challenges without a request for assistance").isEmpty();

        submit(state("nga-1", "NGA", "2026-01-10T09:00:00Z",
            Response.newBuilder(response("2013.13", IN_PROGRESS)).setChallenges("no shelter capacity")
                .setTechnicalAssistanceNeeded(true).build()));
        final Alert opened = latest().get(id);
        assertThat(opened.getStatus()).isEqualTo(AlertStatus.OPEN);
        assertThat(opened.getSeverity()).isEqualTo(AlertSeverity.MEDIUM);
        assertThat(opened.getCategory()).isEqualTo(AlertCategory.CHALLENGE);
        assertThat(opened.getRecommendationId()).isNull();
        assertThat(opened.getDetails()).containsExactly("request: 2013.13: no shelter capacity");
        assertThat(opened.getReason()).isEqualTo("Nigeria asks for technical assistance on para 13 (title of para 13).");
        assertThat(opened.getCausedBySubmissionId()).isEqualTo("nga-1");

        submit(state("nga-2", "NGA", "2026-02-10T09:00:00Z",
            Response.newBuilder(response("2013.10", PLANNED)).setTechnicalAssistanceNeeded(true).build()));
        final Alert grown = latest().get(id);
        assertThat(grown.getStatus()).isEqualTo(AlertStatus.OPEN);
        assertThat(grown.getOpenedAt()).isEqualTo(opened.getOpenedAt());
        assertThat(grown.getDetails()).containsExactly("request: 2013.10: no challenges named",
            "request: 2013.13: no shelter capacity");
        assertThat(latest().keySet()).as("one alert per State, not per cell")
            .filteredOn(alertId -> alertId.startsWith("ASSISTANCE_NEEDED|")).containsExactly(id);

        submit(state("nga-3", "NGA", "2026-03-10T09:00:00Z", response("2013.13", PARTIALLY_IMPLEMENTED)));
        assertThat(latest().get(id).getDetails()).containsExactly("request: 2013.10: no challenges named");
        submit(state("nga-4", "NGA", "2026-03-20T09:00:00Z", response("2013.10", IN_PROGRESS)));
        final Alert resolved = latest().get(id);
        assertThat(resolved.getStatus()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(resolved.getResolvedAt()).isEqualTo(Instant.parse("2026-03-20T09:00:00Z"));
        assertThat(resolved.getResolvedBySubmissionId()).isEqualTo("nga-4");
        assertThat(stored(id)).isEqualTo(resolved);
    }

    @Test
    void viewsDifferOfTwoStepsOrMoreOpensAsInformationPerReporterKindAndResolvesWhenTheyNarrow() {
        final String civil = "VIEWS_DIFFER|CIVIL_SOCIETY|FRA|2013.10";
        final String nhri = "VIEWS_DIFFER|NHRI|FRA|2013.10";
        submit(state("fra-1", "FRA", "2026-01-10T09:00:00Z", response("2013.10", IMPLEMENTED)));
        submit(submission("cs-1", ReporterType.CIVIL_SOCIETY, "FRA", "2026-01-11T09:00:00Z",
            response("2013.10", PARTIALLY_IMPLEMENTED)));
        assertThat(eventsOf(civil)).as("one step apart").isEmpty();

        submit(submission("cs-2", ReporterType.CIVIL_SOCIETY, "FRA", "2026-01-12T09:00:00Z",
            response("2013.10", IN_PROGRESS)));
        final Alert opened = latest().get(civil);
        assertThat(opened.getStatus()).isEqualTo(AlertStatus.OPEN);
        assertThat(opened.getKind()).isEqualTo(AlertKind.VIEWS_DIFFER);
        assertThat(opened.getSeverity()).isEqualTo(AlertSeverity.LOW);
        assertThat(opened.getCategory()).isEqualTo(AlertCategory.INFO);
        assertThat(opened.getReporterType()).isEqualTo(ReporterType.CIVIL_SOCIETY);
        assertThat(opened.getReason()).isEqualTo("On para 10 (title of para 10) in France, civil society reports in"
            + " progress, the State reports implemented.");
        assertThat(opened.getDetails()).containsExactly("STATE: IMPLEMENTED", "CIVIL_SOCIETY: IN_PROGRESS",
            "stepsApart: 2");

        submit(submission("cs-3", ReporterType.CIVIL_SOCIETY, "FRA", "2026-01-13T09:00:00Z",
            response("2013.10", PARTIALLY_IMPLEMENTED)));
        assertThat(latest().get(civil).getStatus()).isEqualTo(AlertStatus.RESOLVED);

        submit(submission("nhri-1", ReporterType.NHRI, "FRA", "2026-01-14T09:00:00Z",
            response("2013.10", NOT_STARTED)));
        assertThat(latest().get(nhri).getStatus()).isEqualTo(AlertStatus.OPEN);
        assertThat(latest().get(civil).getStatus()).as("the civil-society view is unaffected")
            .isEqualTo(AlertStatus.RESOLVED);

        submit(state("fra-2", "FRA", "2026-01-15T09:00:00Z", response("2013.10", NOT_APPLICABLE)));
        final Alert resolved = latest().get(nhri);
        assertThat(resolved.getStatus()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(resolved.getResolvedBySubmissionId()).isEqualTo("fra-2");
        assertThat(latest().keySet()).noneMatch(alertId -> alertId.startsWith("DIVERGENCE|"));
    }

    @Test
    void viewsDifferAreFoundWhicheverSideReportsFirst() {
        submit(submission("cs-1", ReporterType.CIVIL_SOCIETY, "DEU", "2026-01-10T09:00:00Z",
            response("2013.13", PLANNED)));
        assertThat(eventsOf("VIEWS_DIFFER|CIVIL_SOCIETY|DEU|2013.13")).as("no State view yet").isEmpty();
        submit(state("deu-1", "DEU", "2026-01-11T09:00:00Z", response("2013.13", IMPLEMENTED)));
        final Alert opened = latest().get("VIEWS_DIFFER|CIVIL_SOCIETY|DEU|2013.13");
        assertThat(opened.getStatus()).isEqualTo(AlertStatus.OPEN);
        assertThat(opened.getCausedBySubmissionId()).isEqualTo("deu-1");
        assertThat(opened.getDetails()).contains("stepsApart: 3");
    }

    @Test
    void lowUptakeNeedsTenReportingStatesAndResolvesWhenTheRateReachesAQuarter() {
        final String id = "LOW_UPTAKE|2013.13";
        final List<String> parties = AlertWorld.PARTIES;
        for (int i = 0; i < 9; i++) {
            submit(state("s-" + i, parties.get(i), "2026-01-10T09:0" + i + ":00Z",
                response("2013.13", i < 2 ? IMPLEMENTED : PLANNED)));
        }
        assertThat(eventsOf(id)).as("nine reporters are not enough").isEmpty();

        submit(state("s-9", parties.get(9), "2026-01-10T09:09:00Z", response("2013.13", PLANNED)));
        final Alert opened = latest().get(id);
        assertThat(opened.getStatus()).isEqualTo(AlertStatus.OPEN);
        assertThat(opened.getKind()).isEqualTo(AlertKind.LOW_UPTAKE);
        assertThat(opened.getCategory()).isEqualTo(AlertCategory.PRIORITY);
        assertThat(opened.getSeverity()).isEqualTo(AlertSeverity.MEDIUM);
        assertThat(opened.getRecommendationId()).isEqualTo("2013.13");
        assertThat(opened.getCountry()).isNull();
        assertThat(opened.getDetails()).contains("reportingStatesParties: 10", "implemented: 2",
            "implementationRate: 0.200");

        submit(state("s-10", parties.get(10), "2026-01-10T09:10:00Z", response("2013.13", PLANNED)));
        assertThat(latest().get(id).getStatus()).as("2 of 11").isEqualTo(AlertStatus.OPEN);
        assertThat(latest().get(id).getOpenedAt()).isEqualTo(opened.getOpenedAt());

        submit(state("s-2b", parties.get(2), "2026-02-10T09:00:00Z", response("2013.13", IMPLEMENTED)));
        final Alert resolved = latest().get(id);
        assertThat(resolved.getStatus()).as("3 of 11 is 27%").isEqualTo(AlertStatus.RESOLVED);
        assertThat(resolved.getResolvedAt()).isEqualTo(Instant.parse("2026-02-10T09:00:00Z"));
    }

    @Test
    void lowUptakeIsNeverRaisedOnARecommendationThatIsNotWordedShould() {
        final List<String> parties = AlertWorld.PARTIES;
        for (int i = 0; i < parties.size(); i++) {
            submit(state("s-" + i, parties.get(i), "2026-01-10T09:" + (10 + i) + ":00Z",
                response("2013.10", PLANNED), response("2013.28", NOT_STARTED)));
        }
        assertThat(latest().keySet()).as("2013.10 should consider, 2013.28 encouraged: none implemented, no alert")
            .noneMatch(alertId -> alertId.startsWith("LOW_UPTAKE|"));
    }

    @Test
    void alertsOfRetiredKindsAreClosedAsSupersededOnTheFirstRunAfterTheUpgrade() {
        final Alert overdue = Alert.newBuilder().setAlertId("OVERDUE|FRA|2016").setKind(AlertKind.OVERDUE)
            .setSeverity(AlertSeverity.HIGH).setCategory(AlertCategory.GAP).setStatus(AlertStatus.OPEN)
            .setCountry("FRA").setCycle("2016").setReason("old").setDetails(List.of("2013.10"))
            .setOpenedAt(Instant.parse("2016-06-30T00:00:00Z")).setUpdatedAt(Instant.parse("2016-06-30T00:00:00Z"))
            .build();
        final Alert divergence = Alert.newBuilder(overdue).setAlertId("DIVERGENCE|NHRI|FRA|2013.10")
            .setKind(AlertKind.DIVERGENCE).setCycle(null).build();
        final Alert perCell = Alert.newBuilder(overdue).setAlertId("ASSISTANCE_NEEDED|STATE|FRA|2013.10")
            .setKind(AlertKind.ASSISTANCE_NEEDED).setCycle(null).build();
        final Alert resolvedOld = Alert.newBuilder(overdue).setAlertId("OVERDUE|FRA|2014")
            .setStatus(AlertStatus.RESOLVED).setResolvedAt(Instant.parse("2017-01-01T00:00:00Z")).build();
        final Alert regression = Alert.newBuilder(overdue).setAlertId("REGRESSION|STATE|FRA|2013.10")
            .setKind(AlertKind.REGRESSION).setCycle(null).build();
        final org.apache.kafka.streams.state.KeyValueStore<String, Alert> store =
            driver.getKeyValueStore(StateStores.ALERTS.name());
        for (final Alert alert : List.of(overdue, divergence, perCell, resolvedOld, regression)) {
            store.put(alert.getAlertId(), alert);
        }

        advanceWallClock(Duration.ofSeconds(30));

        for (final String retired : List.of("OVERDUE|FRA|2016", "DIVERGENCE|NHRI|FRA|2013.10",
            "ASSISTANCE_NEEDED|STATE|FRA|2013.10")) {
            final Alert closed = latest().get(retired);
            assertThat(closed.getStatus()).as(retired).isEqualTo(AlertStatus.SUPERSEDED);
            assertThat(closed.getResolution()).as(retired).startsWith("superseded");
            assertThat(stored(retired)).isEqualTo(closed);
        }
        assertThat(latest()).as("closed ones and current kinds are left alone")
            .doesNotContainKeys("OVERDUE|FRA|2014", "REGRESSION|STATE|FRA|2013.10");

        advanceWallClock(Duration.ofSeconds(30));
        assertThat(events).as("closed once").hasSize(3);
    }

    @Test
    void unodcReportsRaiseNoAlert() {
        submit(submission("unodc-1", ReporterType.UNODC, "UNODC", "2026-01-10T09:00:00Z",
            Response.newBuilder(response("2013.6", IMPLEMENTED)).setTechnicalAssistanceNeeded(true).build()));
        submit(submission("unodc-2", ReporterType.UNODC, "UNODC", "2026-02-10T09:00:00Z",
            response("2013.6", NOT_STARTED)));
        assertThat(latest().keySet()).noneMatch(id -> id.contains("UNODC"));
    }

    @Test
    void everyEventIsKeyedByItsAlertIdAndTheStoreHoldsTheLatest() {
        submit(state("fra-1", "FRA", "2026-01-10T09:00:00Z", response("2013.10", IMPLEMENTED)));
        submit(state("fra-2", "FRA", "2026-02-10T09:00:00Z", response("2013.10", PLANNED)));
        advanceWallClock(Duration.ofMinutes(1));
        assertThat(events).isNotEmpty();
        latest().forEach((alertId, alert) -> assertThat(stored(alertId)).isEqualTo(alert));
    }
}
