package org.tipmonitor.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.tipmonitor.avro.ImplementationStatus.ALREADY_IN_PLACE;
import static org.tipmonitor.avro.ImplementationStatus.CONSIDERED_NOT_ADOPTED;
import static org.tipmonitor.avro.ImplementationStatus.IMPLEMENTED;
import static org.tipmonitor.avro.ImplementationStatus.PLANNED;
import static org.tipmonitor.testing.Fixtures.response;
import static org.tipmonitor.testing.Fixtures.state;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tipmonitor.avro.ComplianceRow;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.Force;
import org.tipmonitor.avro.ProtocolStatus;
import org.tipmonitor.avro.Rejection;
import org.tipmonitor.avro.RejectionReason;
import org.tipmonitor.testing.Fixtures;
import org.tipmonitor.testing.TopologyTestBase;
import org.tipmonitor.topology.channels.StateStores;

/**
 * Who the tables expect: the States parties at the instant (entity type a State, status PARTY, party since on or
 * before it), never the European Union, which is a party to the Protocol but not a State party; and how the force
 * of a recommendation's wording shows in its row.
 */
class StatesPartiesTest extends TopologyTestBase {

    @Test
    void expectedOfAStatesPartiesRecommendationRowIsTheNumberOfStatePartiesWithoutTheEuropeanUnion() {
        loadReference(ComplianceWorld.WORLD);
        submit(state("fra-1", "FRA", "2026-01-10T09:00:00Z", response("2013.10", IMPLEMENTED)));

        final ComplianceRow r10 = table(byRecommendation).get("STATE|2013.10");
        final long stateParties = ComplianceWorld.COUNTRIES.stream()
            .filter(c -> Expectations.isStateParty(c, NOW)).count();
        assertThat(stateParties).as("FRA DEU NGA JPN; not IRN (no party), not EUU (not a State)").isEqualTo(4);
        assertThat(r10.getExpected()).isEqualTo(4);
        assertThat(r10.getCoverage()).isEqualTo(0.25);
        assertThat(storedRow(StateStores.COMPLIANCE_BY_THEME.name(), "STATE|CONSENT").getExpected()).as("4 x 2")
            .isEqualTo(8);
    }

    @Test
    void aStateWhosePartyDateHasNotComeIsNotExpectedYet() {
        final Country joiningLater = Country.newBuilder(Fixtures.country("AGO", "Angola", ComplianceWorld.AFRICA,
            ComplianceWorld.SUB_SAHARAN, ProtocolStatus.PARTY)).setProtocolPartySince(LocalDate.of(2030, 1, 1)).build();
        loadReference(ComplianceWorld.RECOMMENDATIONS, List.of(ComplianceWorld.FRA, ComplianceWorld.DEU, ComplianceWorld.EUU, joiningLater));
        submit(state("ago-1", "AGO", "2026-01-10T09:00:00Z", response("2013.10", PLANNED)));

        final ComplianceRow r10 = table(byRecommendation).get("STATE|2013.10");
        assertThat(r10.getExpected()).as("FRA DEU at the wall clock of 2026").isEqualTo(2);
        assertThat(r10.getReportedByParties()).as("a party only from 2030").isZero();
        assertThat(storedRow(StateStores.COMPLIANCE_BY_REGION.name(), "STATE|002").getExpected()).isZero();
    }

    @Test
    void aStateCountsFromItsPartyDateOnceTheWallClockPassesItWithoutAnyReferenceChange() {
        final Country joiningTomorrow = Country.newBuilder(Fixtures.country("AGO", "Angola", ComplianceWorld.AFRICA,
            ComplianceWorld.SUB_SAHARAN, ProtocolStatus.PARTY)).setProtocolPartySince(LocalDate.of(2026, 6, 2)).build();
        loadReference(ComplianceWorld.RECOMMENDATIONS,
            List.of(ComplianceWorld.FRA, ComplianceWorld.DEU, ComplianceWorld.EUU, joiningTomorrow));
        submit(state("ago-1", "AGO", "2026-01-10T09:00:00Z", response("2013.10", PLANNED)));
        final ComplianceRow r10Before = table(byRecommendation).get("STATE|2013.10");
        assertThat(r10Before.getExpected()).as("FRA DEU on %s", NOW).isEqualTo(2);
        assertThat(r10Before.getReportedByParties()).isZero();
        assertThat(r10Before.getCoverage()).isEqualTo(0.0);
        assertThat(table(byCountry).get("STATE|AGO").getReportedByParties()).isZero();
        assertThat(table(byRegion).get("STATE|002").getExpected()).isZero();

        advanceWallClock(Duration.ofHours(1));
        assertThat(byRecommendation.isEmpty()).as("the party date has not come: nothing to reconcile").isTrue();

        advanceWallClock(Duration.ofDays(1)); // past 2026-06-02T00:00Z; no reference record changes
        final ComplianceRow r10 = table(byRecommendation).get("STATE|2013.10");
        assertThat(r10.getExpected()).as("FRA DEU AGO").isEqualTo(3);
        assertThat(r10.getReportedByParties()).isEqualTo(1);
        assertThat(r10.getCoverage()).isCloseTo(1.0 / 3, within(1e-12));
        final ComplianceRow ago = storedRow(StateStores.COMPLIANCE_BY_COUNTRY.name(), "STATE|AGO");
        assertThat(ago.getReportedByParties()).isEqualTo(1);
        assertThat(ago.getExpected()).as("a country row expects the recommendations addressed to it, party or not")
            .isEqualTo(4);
        final ComplianceRow africa = storedRow(StateStores.COMPLIANCE_BY_REGION.name(), "STATE|002");
        assertThat(africa.getExpected()).as("1 State party in Africa x 4").isEqualTo(4);
        assertThat(africa.getCoverage()).isEqualTo(0.25);

        advanceWallClock(Duration.ofDays(1));
        assertThat(byRecommendation.isEmpty()).as("no later party date: nothing more to reconcile").isTrue();
    }

    @Test
    void aSubmissionAboutTheEuropeanUnionIsRejectedWithItsReasonAndCountsNowhere() {
        loadReference(ComplianceWorld.WORLD);
        submit(state("euu-1", "EUU", "2026-01-10T09:00:00Z", response("2013.10", IMPLEMENTED),
            response("2013.13", PLANNED)));

        final List<Rejection> rejections = rejected.readValuesToList();
        assertThat(rejections).hasSize(2).allSatisfy(rejection -> {
            assertThat(rejection.getReason()).isEqualTo(RejectionReason.NOT_ADDRESSED_TO_REPORTER);
            assertThat(rejection.getMessage()).contains("EUU (European Union) is not a State");
        });
        assertThat(table(byRecommendation)).isEmpty();
        assertThat(table(cells)).isEmpty();
    }

    @Test
    void aRecommendationRowSaysItsForceAndEveryRowSplitsItsCountsByForceGroup() {
        loadReference(ComplianceWorld.WORLD);
        submit(state("fra-1", "FRA", "2026-01-10T09:00:00Z", response("2013.13", ALREADY_IN_PLACE),
            response("2013.10", CONSIDERED_NOT_ADOPTED), response("2013.28", PLANNED)));

        final java.util.Map<String, ComplianceRow> recommendations = table(byRecommendation);
        assertThat(recommendations.get("STATE|2013.13").getForce()).isEqualTo(Force.SHOULD);
        assertThat(recommendations.get("STATE|2013.10").getForce()).isEqualTo(Force.SHOULD_CONSIDER);
        final ComplianceRow r10 = recommendations.get("STATE|2013.10");
        assertThat(r10.getReported()).isEqualTo(1);
        assertThat(r10.getApplicable()).as("considered and not adopted: the ask is met").isZero();
        assertThat(r10.getImplementationRate()).isNull();

        final ComplianceRow fra = table(byCountry).get("STATE|FRA");
        assertThat(fra.getForce()).isNull();
        assertThat(fra.getReported()).isEqualTo(3);
        assertThat(fra.getApplicable()).isEqualTo(2);
        assertThat(fra.getImplementationRate()).as("ALREADY_IN_PLACE counts as implemented").isEqualTo(0.5);
        assertThat(fra.getByForce().getShould().getReported()).isEqualTo(1);
        assertThat(fra.getByForce().getShould().getImplemented()).isEqualTo(1);
        assertThat(fra.getByForce().getShould().getCounts().getALREADYINPLACE()).isEqualTo(1);
        assertThat(fra.getByForce().getOther().getReported()).isEqualTo(2);
        assertThat(fra.getByForce().getOther().getApplicable()).isEqualTo(1);
        assertThat(fra.getByForce().getOther().getImplementationRate()).isEqualTo(0.0);
    }
}
