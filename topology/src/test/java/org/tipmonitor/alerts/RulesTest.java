package org.tipmonitor.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tipmonitor.avro.ImplementationStatus.IMPLEMENTED;
import static org.tipmonitor.avro.ImplementationStatus.IN_PROGRESS;
import static org.tipmonitor.avro.ImplementationStatus.NOT_APPLICABLE;
import static org.tipmonitor.avro.ImplementationStatus.NOT_STARTED;
import static org.tipmonitor.avro.ImplementationStatus.PARTIALLY_IMPLEMENTED;
import static org.tipmonitor.avro.ImplementationStatus.PLANNED;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tipmonitor.avro.Alert;
import org.tipmonitor.avro.AlertSeverity;
import org.tipmonitor.avro.Cell;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.ProtocolStatus;
import org.tipmonitor.avro.Recommendation;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.compliance.ReferenceData;
import org.tipmonitor.cycles.Cycle;
import org.tipmonitor.cycles.CycleCalendar;
import org.tipmonitor.testing.Fixtures;

/** The rules on their own, without Kafka. */
class RulesTest {

    private static final CycleCalendar CALENDAR = CycleCalendar.defaults();
    private static final Cycle C2016 = CALENDAR.edition(2016).orElseThrow();
    private static final Cycle C2020 = CALENDAR.edition(2020).orElseThrow();
    private static final ReferenceData REFERENCE = ReferenceData.of(AlertWorld.RECOMMENDATIONS,
        AlertWorld.countries());

    @Test
    void regressionRemembersTheLevelBeforeTheFallUntilItIsRegained() {
        assertThat(RegressionRule.regainAfter(null, null, NOT_STARTED)).isNull();
        assertThat(RegressionRule.regainAfter(PLANNED, null, IN_PROGRESS)).as("a rise").isNull();
        assertThat(RegressionRule.regainAfter(IMPLEMENTED, null, PARTIALLY_IMPLEMENTED)).isEqualTo(IMPLEMENTED);
        assertThat(RegressionRule.regainAfter(PARTIALLY_IMPLEMENTED, IMPLEMENTED, IN_PROGRESS))
            .as("a further fall keeps the first level").isEqualTo(IMPLEMENTED);
        assertThat(RegressionRule.regainAfter(IN_PROGRESS, IMPLEMENTED, PARTIALLY_IMPLEMENTED))
            .as("a partial recovery").isEqualTo(IMPLEMENTED);
        assertThat(RegressionRule.regainAfter(PARTIALLY_IMPLEMENTED, IMPLEMENTED, IMPLEMENTED)).isNull();
        assertThat(RegressionRule.regainAfter(IMPLEMENTED, null, NOT_APPLICABLE)).isNull();
        assertThat(RegressionRule.regainAfter(NOT_APPLICABLE, null, NOT_STARTED)).isNull();
        assertThat(RegressionRule.regainAfter(PLANNED, IMPLEMENTED, NOT_APPLICABLE)).isNull();
        assertThat(RegressionRule.draft("FRA", "2013.10", null, PLANNED, "s")).isEmpty();
        assertThat(RegressionRule.draft("FRA", "2013.10", IMPLEMENTED, PLANNED, "s").orElseThrow().alertId())
            .isEqualTo("REGRESSION|STATE|FRA|2013.10");
    }

    @Test
    void assistanceIsNeededWhenChallengesAreNamedOrHelpIsAskedFor() {
        final Cell plain = cell(null, false);
        assertThat(AssistanceRule.evaluate(plain)).isEmpty();
        assertThat(AssistanceRule.evaluate(cell(" \t", false))).isEmpty();
        assertThat(AssistanceRule.evaluate(cell(" lack of data ", false)).orElseThrow().details())
            .containsExactly("challenges: lack of data");
        assertThat(AssistanceRule.evaluate(cell("lack of data", true)).orElseThrow().details())
            .containsExactly("challenges: lack of data", "technical assistance requested");
    }

    @Test
    void divergenceCountsStepsInEitherDirectionAndNeedsBothSidesInTheOrder() {
        assertThat(DivergenceRule.diverges(IMPLEMENTED, IN_PROGRESS, 2)).isTrue();
        assertThat(DivergenceRule.diverges(PLANNED, PARTIALLY_IMPLEMENTED, 2)).isTrue();
        assertThat(DivergenceRule.diverges(IMPLEMENTED, PARTIALLY_IMPLEMENTED, 2)).isFalse();
        assertThat(DivergenceRule.diverges(IMPLEMENTED, NOT_APPLICABLE, 2)).isFalse();
        assertThat(DivergenceRule.diverges(null, NOT_STARTED, 2)).isFalse();
        assertThat(DivergenceRule.diverges(IMPLEMENTED, IN_PROGRESS, 3)).isFalse();
        assertThat(DivergenceRule.evaluate("FRA", "2013.10", ReporterType.NHRI, IMPLEMENTED, NOT_STARTED, 2, "s")
            .orElseThrow().alertId()).isEqualTo("DIVERGENCE|NHRI|FRA|2013.10");
    }

    @Test
    void lowUptakeNeedsEnoughReportersAndARateBelowTheThreshold() {
        assertThat(LowUptakeRule.evaluate(Fixtures.recommendationRow("2013.13", 2, 7, 0), 10, 0.25))
            .as("nine reporters").isEmpty();
        assertThat(LowUptakeRule.evaluate(Fixtures.recommendationRow("2013.13", 2, 8, 0), 10, 0.25))
            .isPresent();
        assertThat(LowUptakeRule.evaluate(Fixtures.recommendationRow("2013.13", 3, 9, 0), 10, 0.25))
            .as("exactly a quarter").isEmpty();
        assertThat(LowUptakeRule.evaluate(Fixtures.recommendationRow("2013.13", 0, 0, 10), 10, 0.25))
            .as("no applicable report: no rate").isEmpty();
        assertThat(LowUptakeRule.evaluate(Fixtures.recommendationRow("2013.13", 2, 8, 5), 10, 0.25)
            .orElseThrow().details()).contains("reported: 15", "applicable: 10");
    }

    @Test
    void overdueOwesStateAddressedShouldAndShouldConsiderRecommendationsOfPartiesFromBeforeTheCycle() {
        assertThat(OverdueRule.required(REFERENCE, C2016)).extracting(Recommendation::getId)
            .containsExactly("2013.10", "2013.13");
        assertThat(OverdueRule.expectedToReport(country("FRA"), C2016)).isTrue();
        assertThat(OverdueRule.expectedToReport(country("AGO"), CALENDAR.edition(2026).orElseThrow())).isFalse();
        assertThat(OverdueRule.expectedToReport(country("AGO"), CALENDAR.edition(2028).orElseThrow())).isTrue();
        assertThat(OverdueRule.expectedToReport(country("IRN"), C2016)).isFalse();
        final Country onTheDay = AlertWorld.country("XKX", ProtocolStatus.PARTY, LocalDate.of(2014, 6, 30));
        assertThat(OverdueRule.expectedToReport(onTheDay, C2016)).as("a party on the day the cycle began").isTrue();
        final Country undated = AlertWorld.country("XKY", ProtocolStatus.PARTY, null);
        assertThat(OverdueRule.expectedToReport(undated, C2016)).isTrue();
    }

    @Test
    void overdueSeverityFollowsTheStrongestMissingForce() {
        assertThat(OverdueRule.draft("FRA", C2016, List.of(AlertWorld.R10, AlertWorld.R13), null)
            .orElseThrow().severity()).isEqualTo(AlertSeverity.HIGH);
        assertThat(OverdueRule.draft("FRA", C2016, List.of(AlertWorld.R10), null).orElseThrow().severity())
            .isEqualTo(AlertSeverity.MEDIUM);
        assertThat(OverdueRule.draft("FRA", C2016, List.of(), null)).isEmpty();
    }

    @Test
    void overdueStrikesOffOnlyResponsesOnAMissingRecommendationFromTheCycleOnwards() {
        final Alert open = AlertLifecycle.holds(null, OverdueRule.draft("FRA", C2016,
            List.of(AlertWorld.R10, AlertWorld.R13), null).orElseThrow(), C2016.cutoff()).orElseThrow();
        assertThat(OverdueRule.remainingAfter(open, CALENDAR, C2016, "2013.28", Instant.parse("2017-01-01T00:00:00Z"),
            REFERENCE)).as("not missing").isEmpty();
        assertThat(OverdueRule.remainingAfter(open, CALENDAR, C2016, "2013.13", Instant.parse("2014-01-01T00:00:00Z"),
            REFERENCE)).as("before the window").isEmpty();
        assertThat(OverdueRule.remainingAfter(open, CALENDAR, C2016, "2013.13", Instant.parse("2015-01-01T00:00:00Z"),
            REFERENCE).orElseThrow()).as("a late in-window response").containsExactly(AlertWorld.R10);
        assertThat(OverdueRule.remainingAfter(open, CALENDAR, C2016, "2013.10", Instant.parse("2019-01-01T00:00:00Z"),
            REFERENCE).orElseThrow()).containsExactly(AlertWorld.R13);
    }

    @Test
    void staleMeansSilentSinceTheCutOffTwoCyclesBack() {
        final Cycle threshold = StaleRule.thresholdCycle(CALENDAR, C2020, 2).orElseThrow();
        assertThat(threshold.edition()).isEqualTo(2016);
        assertThat(StaleRule.thresholdCycle(CALENDAR, CALENDAR.edition(2016).orElseThrow(), 2)).isEmpty();
        final Country fra = country("FRA");
        assertThat(StaleRule.evaluate(fra, Fixtures.countryRow("FRA", threshold.cutoff()), threshold, C2020))
            .as("at the threshold cut-off: last of the 2016 cycle").isPresent();
        assertThat(StaleRule.evaluate(fra, Fixtures.countryRow("FRA", threshold.cutoff().plusMillis(1)),
            threshold, C2020)).isEmpty();
        assertThat(StaleRule.evaluate(fra, null, threshold, C2020)).as("never reported").isEmpty();
        assertThat(StaleRule.evaluate(country("IRN"), Fixtures.countryRow("IRN", Instant.EPOCH), threshold,
            C2020)).as("not a party").isEmpty();
        final Country recent = AlertWorld.country("XKX", ProtocolStatus.PARTY, LocalDate.of(2018, 1, 1));
        assertThat(StaleRule.evaluate(recent, Fixtures.countryRow("XKX", Instant.EPOCH), threshold, C2020))
            .as("a party only since after the threshold").isEmpty();
    }

    private static Country country(final String iso3) {
        return REFERENCE.country(iso3).orElseThrow();
    }

    private static Cell cell(final String challenges, final boolean assistance) {
        return Cell.newBuilder()
            .setReporterType(ReporterType.STATE)
            .setCountry("FRA")
            .setRecommendationId("2013.10")
            .setStatus(IN_PROGRESS)
            .setSubmissionId("s-1")
            .setSubmittedAt(Instant.parse("2026-01-01T00:00:00Z"))
            .setChallenges(challenges)
            .setTechnicalAssistanceNeeded(assistance)
            .build();
    }
}
