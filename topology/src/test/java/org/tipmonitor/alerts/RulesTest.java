package org.tipmonitor.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tipmonitor.avro.ImplementationStatus.ALREADY_IN_PLACE;
import static org.tipmonitor.avro.ImplementationStatus.CONSIDERED_NOT_ADOPTED;
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
import org.tipmonitor.avro.AlertCategory;
import org.tipmonitor.avro.AlertSeverity;
import org.tipmonitor.avro.ComplianceRow;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.ProtocolStatus;
import org.tipmonitor.avro.Recommendation;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.avro.StatusCounts;
import org.tipmonitor.avro.TrackedCell;
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
        assertThat(RegressionRule.regainAfter(ALREADY_IN_PLACE, null, IMPLEMENTED)).as("level with it").isNull();
        assertThat(RegressionRule.regainOver(List.of(IMPLEMENTED, IN_PROGRESS, PARTIALLY_IMPLEMENTED)))
            .as("folded in date order: still below the level before the fall").isEqualTo(IMPLEMENTED);
        assertThat(RegressionRule.regainOver(List.of(IMPLEMENTED, PLANNED, IMPLEMENTED))).as("regained").isNull();
        assertThat(RegressionRule.regainOver(List.of())).isNull();
        assertThat(RegressionRule.regainAfter(ALREADY_IN_PLACE, null, PLANNED)).isEqualTo(ALREADY_IN_PLACE);
        assertThat(RegressionRule.regainAfter(IMPLEMENTED, null, CONSIDERED_NOT_ADOPTED)).as("a decision").isNull();
    }

    @Test
    void aRegressionSaysWhoFellOnWhichParagraphAndWeighsByForce() {
        assertThat(RegressionRule.draft(country("FRA"), "FRA", AlertWorld.R13, "2013.13", null, PLANNED, "s"))
            .isEmpty();
        final AlertDraft should = RegressionRule.draft(country("FRA"), "FRA", AlertWorld.R13, "2013.13",
            IMPLEMENTED, PLANNED, "s").orElseThrow();
        assertThat(should.alertId()).isEqualTo("REGRESSION|STATE|FRA|2013.13");
        assertThat(should.severity()).isEqualTo(AlertSeverity.HIGH);
        assertThat(should.region()).isEqualTo("Europe");
        assertThat(should.reason()).isEqualTo(
            "France reports that its implementation of para 13 (title of para 13) fell from implemented to planned.");
        assertThat(RegressionRule.draft(country("FRA"), "FRA", AlertWorld.R10, "2013.10", IMPLEMENTED, PLANNED,
            "s").orElseThrow().severity()).as("SHOULD_CONSIDER").isEqualTo(AlertSeverity.MEDIUM);
    }

    @Test
    void assistanceIsOneAlertPerStateListingEveryRequestWithItsChallenges() {
        assertThat(AssistanceRule.evaluate(country("FRA"), "FRA", List.of(tracked("2013.10", "lack of data", false)),
            REFERENCE, "s")).as("challenges alone are no request").isEmpty();

        final AlertDraft draft = AssistanceRule.evaluate(country("FRA"), "FRA", List.of(
            tracked("2013.13", " no shelter capacity ", true), tracked("2013.28", null, false),
            tracked("2013.10", null, true)), REFERENCE, "s").orElseThrow();

        assertThat(draft.alertId()).isEqualTo("ASSISTANCE_NEEDED|FRA");
        assertThat(draft.category()).isEqualTo(AlertCategory.CHALLENGE);
        assertThat(draft.recommendationId()).isNull();
        assertThat(draft.details()).as("paragraph order").containsExactly("request: 2013.10: no challenges named",
            "request: 2013.13: no shelter capacity");
        assertThat(draft.reason()).isEqualTo("France asks for technical assistance on 2 recommendations: para 10"
            + " (title of para 10); para 13 (title of para 13).");
    }

    @Test
    void viewsDifferCountsStepsInEitherDirectionAndSaysSoNeutrally() {
        assertThat(ViewsDifferRule.differ(IMPLEMENTED, IN_PROGRESS, 2)).isTrue();
        assertThat(ViewsDifferRule.differ(PLANNED, PARTIALLY_IMPLEMENTED, 2)).isTrue();
        assertThat(ViewsDifferRule.differ(IMPLEMENTED, PARTIALLY_IMPLEMENTED, 2)).isFalse();
        assertThat(ViewsDifferRule.differ(IMPLEMENTED, NOT_APPLICABLE, 2)).isFalse();
        assertThat(ViewsDifferRule.differ(NOT_STARTED, CONSIDERED_NOT_ADOPTED, 2)).isFalse();
        assertThat(ViewsDifferRule.differ(null, NOT_STARTED, 2)).isFalse();
        assertThat(ViewsDifferRule.differ(IMPLEMENTED, IN_PROGRESS, 3)).isFalse();
        final AlertDraft draft = ViewsDifferRule.evaluate(country("FRA"), "FRA", AlertWorld.R10, "2013.10",
            ReporterType.NHRI, IMPLEMENTED, NOT_STARTED, 2, "s").orElseThrow();
        assertThat(draft.alertId()).isEqualTo("VIEWS_DIFFER|NHRI|FRA|2013.10");
        assertThat(draft.category()).isEqualTo(AlertCategory.INFO);
        assertThat(draft.severity()).isEqualTo(AlertSeverity.LOW);
        assertThat(draft.reason()).isEqualTo("On para 10 (title of para 10) in France, the national human rights"
            + " institution reports not started, the State reports implemented.");
        assertThat(draft.reason().toLowerCase(java.util.Locale.ROOT)).doesNotContain("gap").doesNotContain("fail");
    }

    @Test
    void lowUptakeJudgesOnlyShouldParagraphsWithEnoughReportingStatesParties() {
        final Recommendation should = AlertWorld.R13;
        assertThat(LowUptakeRule.evaluate(Fixtures.recommendationRow("2013.13", 2, 7, 0), should, 10, 0.25))
            .as("nine reporting States parties").isEmpty();
        assertThat(LowUptakeRule.evaluate(Fixtures.recommendationRow("2013.13", 2, 8, 0), should, 10, 0.25))
            .isPresent();
        assertThat(LowUptakeRule.evaluate(Fixtures.recommendationRow("2013.10", 2, 8, 0), AlertWorld.R10,
            10, 0.25)).as("should consider: not an obligation of conduct").isEmpty();
        assertThat(LowUptakeRule.evaluate(Fixtures.recommendationRow("2013.28", 0, 20, 0), AlertWorld.R28,
            10, 0.25)).as("encouraged").isEmpty();
        assertThat(LowUptakeRule.evaluate(Fixtures.recommendationRow("2013.13", 3, 9, 0), should, 10, 0.25))
            .as("exactly a quarter").isEmpty();
        assertThat(LowUptakeRule.evaluate(Fixtures.recommendationRow("2013.13", 0, 0, 10), should, 10, 0.25))
            .as("no applicable report: no rate").isEmpty();
        final ComplianceRow nonParties = ComplianceRow.newBuilder(Fixtures.recommendationRow("2013.13", 2, 8, 0))
            .setReportedByParties(9).build();
        assertThat(LowUptakeRule.evaluate(nonParties, should, 10, 0.25)).as("the threshold counts States parties")
            .isEmpty();
        final AlertDraft draft = LowUptakeRule.evaluate(Fixtures.recommendationRow("2013.13", 2, 8, 5), should,
            10, 0.25).orElseThrow();
        assertThat(draft.details()).contains("reportingStatesParties: 15", "minReporters: 10", "applicable: 10",
            "implemented: 2", "implementationRate: 0.200", "rateBelow: 0.250");
        assertThat(draft.reason()).isEqualTo("Of the 10 applicable State responses on para 13 (title of para 13), 2"
            + " report it implemented (20%, below 25%), with 15 States parties reporting (at least 10 needed).");
    }

    @Test
    void alreadyInPlaceCountsAsImplementedForLowUptake() {
        final ComplianceRow row = ComplianceRow.newBuilder(Fixtures.recommendationRow("2013.13", 1, 9, 0))
            .setCounts(new StatusCounts(0, 9, 0, 0, 1, 0, 0, 2)).setReported(12).setReportedByParties(12)
            .setApplicable(12).setImplementationRate(3.0 / 12).build();
        assertThat(LowUptakeRule.evaluate(row, AlertWorld.R13, 10, 0.25)).isEmpty();
    }

    @Test
    void notReportedOwesEveryStateAddressedRecommendationOfStatesPartiesFromBeforeTheCycle() {
        assertThat(NotReportedRule.required(REFERENCE, C2016)).extracting(Recommendation::getId)
            .containsExactly("2013.10", "2013.13", "2013.28");
        assertThat(NotReportedRule.expectedToReport(country("FRA"), C2016)).isTrue();
        assertThat(NotReportedRule.expectedToReport(country("AGO"), CALENDAR.edition(2026).orElseThrow())).isFalse();
        assertThat(NotReportedRule.expectedToReport(country("AGO"), CALENDAR.edition(2028).orElseThrow())).isTrue();
        assertThat(NotReportedRule.expectedToReport(country("IRN"), C2016)).isFalse();
        assertThat(NotReportedRule.expectedToReport(country("EUU"), C2016)).as("a party, not a State party")
            .isFalse();
        final Country onTheDay = AlertWorld.country("XKX", ProtocolStatus.PARTY, LocalDate.of(2014, 6, 30));
        assertThat(NotReportedRule.expectedToReport(onTheDay, C2016)).as("a party on the day the cycle began")
            .isTrue();
        final Country undated = AlertWorld.country("XKY", ProtocolStatus.PARTY, null);
        assertThat(NotReportedRule.expectedToReport(undated, C2016)).isTrue();
    }

    @Test
    void notReportedIsMediumIfAShouldIsMissingElseLowAndListsTheMissingParagraphs() {
        final AlertDraft both = NotReportedRule.draft(country("FRA"), "FRA", C2016,
            List.of(AlertWorld.R10, AlertWorld.R13), null).orElseThrow();
        assertThat(both.severity()).isEqualTo(AlertSeverity.MEDIUM);
        assertThat(both.details()).containsExactly("missing: 2013.10", "missing: 2013.13");
        assertThat(both.reason()).isEqualTo("France sent no report in the 2016 cycle (cut-off 30 June 2016) on 2"
            + " recommendations addressed to it, from para 10 (title of para 10).");
        final AlertDraft one = NotReportedRule.draft(country("FRA"), "FRA", C2016, List.of(AlertWorld.R10), null)
            .orElseThrow();
        assertThat(one.severity()).isEqualTo(AlertSeverity.LOW);
        assertThat(one.reason()).isEqualTo(
            "France sent no report in the 2016 cycle (cut-off 30 June 2016) on para 10 (title of para 10).");
        assertThat(NotReportedRule.draft(country("FRA"), "FRA", C2016, List.of(), null)).isEmpty();
    }

    @Test
    void notReportedStrikesOffOnlyResponsesOnAMissingRecommendationFromTheCycleOnwards() {
        final Alert open = AlertLifecycle.holds(null, NotReportedRule.draft(country("FRA"), "FRA", C2016,
            List.of(AlertWorld.R10, AlertWorld.R13), null).orElseThrow(), C2016.cutoff()).orElseThrow();
        assertThat(NotReportedRule.remainingAfter(open, CALENDAR, C2016, "2013.28",
            Instant.parse("2017-01-01T00:00:00Z"), REFERENCE)).as("not missing").isEmpty();
        assertThat(NotReportedRule.remainingAfter(open, CALENDAR, C2016, "2013.13",
            Instant.parse("2014-01-01T00:00:00Z"), REFERENCE)).as("before the window").isEmpty();
        assertThat(NotReportedRule.remainingAfter(open, CALENDAR, C2016, "2013.13",
            Instant.parse("2015-01-01T00:00:00Z"), REFERENCE).orElseThrow()).as("a late in-window response")
            .containsExactly(AlertWorld.R10);
        assertThat(NotReportedRule.remainingAfter(open, CALENDAR, C2016, "2013.10",
            Instant.parse("2019-01-01T00:00:00Z"), REFERENCE).orElseThrow()).containsExactly(AlertWorld.R13);
    }

    @Test
    void staleMeansSilentSinceTheCutOffTwoCyclesBack() {
        final Cycle threshold = StaleRule.thresholdCycle(CALENDAR, C2020, 2).orElseThrow();
        assertThat(threshold.edition()).isEqualTo(2016);
        assertThat(StaleRule.thresholdCycle(CALENDAR, CALENDAR.edition(2016).orElseThrow(), 2)).isEmpty();
        final Country fra = country("FRA");
        final AlertDraft stale = StaleRule.evaluate(fra, Fixtures.countryRow("FRA", threshold.cutoff()),
            threshold, C2020).orElseThrow();
        assertThat(stale.reason()).as("at the threshold cut-off: last of the 2016 cycle").isEqualTo("France, a State"
            + " party that reported before, has sent no report since 30 June 2016, nothing in the cycles after the"
            + " 2016 cut-off up to the 2020 one.");
        assertThat(StaleRule.evaluate(fra, Fixtures.countryRow("FRA", threshold.cutoff().plusMillis(1)),
            threshold, C2020)).isEmpty();
        assertThat(StaleRule.evaluate(fra, null, threshold, C2020)).as("never reported").isEmpty();
        assertThat(StaleRule.evaluate(country("IRN"), Fixtures.countryRow("IRN", Instant.EPOCH), threshold,
            C2020)).as("not a party").isEmpty();
        assertThat(StaleRule.evaluate(country("EUU"), Fixtures.countryRow("EUU", Instant.EPOCH), threshold,
            C2020)).as("not a State").isEmpty();
        final Country recent = AlertWorld.country("XKX", ProtocolStatus.PARTY, LocalDate.of(2018, 1, 1));
        assertThat(StaleRule.evaluate(recent, Fixtures.countryRow("XKX", Instant.EPOCH), threshold, C2020))
            .as("a party only since after the threshold").isEmpty();
    }

    private static Country country(final String iso3) {
        return REFERENCE.country(iso3).orElseThrow();
    }

    private static TrackedCell tracked(final String recommendationId, final String challenges,
                                       final boolean assistance) {
        return TrackedCell.newBuilder()
            .setReporterType(ReporterType.STATE)
            .setCountry("FRA")
            .setRecommendationId(recommendationId)
            .setStatus(IN_PROGRESS)
            .setSubmissionId("s-1")
            .setSubmittedAt(Instant.parse("2026-01-01T00:00:00Z"))
            .setChallenges(challenges)
            .setTechnicalAssistanceNeeded(assistance)
            .build();
    }
}
