package org.tipmonitor.compliance;

import org.tipmonitor.topology.channels.StateStores;
import org.tipmonitor.topology.channels.Topics;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.tipmonitor.avro.ImplementationStatus.IMPLEMENTED;
import static org.tipmonitor.avro.ImplementationStatus.IN_PROGRESS;
import static org.tipmonitor.avro.ImplementationStatus.NOT_APPLICABLE;
import static org.tipmonitor.avro.ImplementationStatus.NOT_STARTED;
import static org.tipmonitor.avro.ImplementationStatus.PARTIALLY_IMPLEMENTED;
import static org.tipmonitor.avro.ImplementationStatus.PLANNED;
import static org.tipmonitor.testing.Fixtures.response;
import static org.tipmonitor.testing.Fixtures.state;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.VersionedKeyValueStore;
import org.apache.kafka.streams.state.VersionedRecord;
import org.junit.jupiter.api.Test;
import org.tipmonitor.avro.Cell;
import org.tipmonitor.avro.ComplianceRow;
import org.tipmonitor.avro.Dimension;
import org.tipmonitor.avro.ProtocolStatus;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.avro.Submission;
import org.tipmonitor.testing.Fixtures;
import org.tipmonitor.testing.TopologyTestBase;

/** The semantics of the compliance tables, rule by rule. */
class ComplianceTopologyTest extends TopologyTestBase {

    @Test
    void firstSubmissionFillsEveryTableWithTheFormulasOfTheContract() {
        loadReference(ComplianceWorld.WORLD);
        submit(state("fra-1", "FRA", "2026-01-10T09:00:00Z",
            response("2013.10", IMPLEMENTED), response("2013.13", IN_PROGRESS)));

        assertThat(table(cells)).containsOnlyKeys("STATE|FRA|2013.10", "STATE|FRA|2013.13");
        assertThat(table(rejected)).isEmpty();

        final ComplianceRow r10 = table(byRecommendation).get("STATE|2013.10");
        assertThat(r10.getDimension()).isEqualTo(Dimension.RECOMMENDATION);
        assertThat(r10.getExpected()).as("States parties: FRA DEU NGA JPN (EUU is a party, not a State)")
            .isEqualTo(4);
        assertThat(r10.getReported()).isEqualTo(1);
        assertThat(r10.getReportedByParties()).isEqualTo(1);
        assertThat(r10.getCounts().getIMPLEMENTED()).isEqualTo(1);
        assertThat(r10.getApplicable()).isEqualTo(1);
        assertThat(r10.getImplementationRate()).isEqualTo(1.0);
        assertThat(r10.getProgressScore()).isEqualTo(1.0);
        assertThat(r10.getCoverage()).isEqualTo(0.25);

        final ComplianceRow fra = table(byCountry).get("STATE|FRA");
        assertThat(fra.getExpected()).as("State-addressed: 10 13 28 37").isEqualTo(4);
        assertThat(fra.getReported()).isEqualTo(2);
        assertThat(fra.getImplementationRate()).isEqualTo(0.5);
        assertThat(fra.getProgressScore()).as("(4 + 2) / (4 x 2)").isEqualTo(0.75);
        assertThat(fra.getCoverage()).isEqualTo(0.5);
        assertThat(fra.getLastSubmittedAt()).isEqualTo(Instant.parse("2026-01-10T09:00:00Z"));
        assertThat(fra.getLabel()).isEqualTo("France");

        final Map<String, ComplianceRow> regions = table(byRegion);
        assertThat(regions).containsOnlyKeys("STATE|150", "STATE|155");
        assertThat(regions.get("STATE|150").getExpected()).as("2 parties in Europe x 4").isEqualTo(8);
        assertThat(regions.get("STATE|150").getCoverage()).isEqualTo(0.25);
        assertThat(regions.get("STATE|155").getDimension()).isEqualTo(Dimension.SUBREGION);

        final Map<String, ComplianceRow> themes = table(byTheme);
        assertThat(themes).containsOnlyKeys("STATE|CONSENT", "STATE|LEGISLATION", "STATE|TRAINING");
        assertThat(themes.get("STATE|CONSENT").getExpected()).as("4 States parties x 2 consent paragraphs")
            .isEqualTo(8);
        assertThat(themes.get("STATE|CONSENT").getReported()).isEqualTo(2);
        assertThat(themes.get("STATE|LEGISLATION").getCounts().getIMPLEMENTED()).isEqualTo(1);
    }

    @Test
    void aRevisionMovesTheCellFromOneCountToAnother() {
        loadReference(ComplianceWorld.WORLD);
        submit(state("fra-1", "FRA", "2026-01-10T09:00:00Z", response("2013.10", IMPLEMENTED)));
        submit(state("fra-2", "FRA", "2026-02-10T09:00:00Z", response("2013.10", PARTIALLY_IMPLEMENTED)));

        final ComplianceRow r10 = table(byRecommendation).get("STATE|2013.10");
        assertThat(r10.getReported()).isEqualTo(1);
        assertThat(r10.getCounts().getIMPLEMENTED()).isZero();
        assertThat(r10.getCounts().getPARTIALLYIMPLEMENTED()).isEqualTo(1);
        assertThat(r10.getProgressScore()).isEqualTo(0.75);
        assertThat(table(cells).get("STATE|FRA|2013.10").getSubmissionId()).isEqualTo("fra-2");
        assertThat(storedRow(StateStores.COMPLIANCE_BY_COUNTRY.name(), "STATE|FRA").getLastSubmittedAt())
            .isEqualTo(Instant.parse("2026-02-10T09:00:00Z"));
    }

    @Test
    void aLateOlderSubmissionChangesNoTableButStaysInTheCellHistory() {
        loadReference(ComplianceWorld.WORLD);
        submit(state("fra-new", "FRA", "2026-02-10T09:00:00Z", response("2013.10", IMPLEMENTED)));
        final List<ComplianceRow> before = byRecommendation.readValuesToList();
        cells.readRecordsToList();
        submit(state("fra-old", "FRA", "2026-01-10T09:00:00Z", response("2013.10", PLANNED)));

        assertThat(before).hasSize(1);
        assertThat(byRecommendation.isEmpty()).as("no table changes").isTrue();
        assertThat(byCountry.readValuesToList()).hasSize(1).as("only the first submission's row");
        assertThat(cells.isEmpty()).isTrue();
        final VersionedKeyValueStore<String, Cell> history = driver.getVersionedKeyValueStore(StateStores.CELLS.name());
        assertThat(history.get("STATE|FRA|2013.10").value().getSubmissionId()).isEqualTo("fra-new");
        final VersionedRecord<Cell> january = history.get("STATE|FRA|2013.10",
            Instant.parse("2026-01-20T00:00:00Z").toEpochMilli());
        assertThat(january.value().getSubmissionId()).isEqualTo("fra-old");
        assertThat(january.value().getStatus()).isEqualTo(PLANNED);
    }

    @Test
    void atTheSameInstantTheGreaterSubmissionIdWinsWhicheverArrivesFirst() {
        loadReference(ComplianceWorld.WORLD);
        submit(state("b", "FRA", "2026-01-10T09:00:00Z", response("2013.10", IMPLEMENTED)));
        submit(state("a", "FRA", "2026-01-10T09:00:00Z", response("2013.10", NOT_STARTED)));
        submit(state("x", "DEU", "2026-01-10T09:00:00Z", response("2013.10", NOT_STARTED)));
        submit(state("y", "DEU", "2026-01-10T09:00:00Z", response("2013.10", IMPLEMENTED)));

        final Map<String, Cell> latest = table(cells);
        assertThat(latest.get("STATE|FRA|2013.10").getSubmissionId()).isEqualTo("b");
        assertThat(latest.get("STATE|DEU|2013.10").getSubmissionId()).isEqualTo("y");
        final ComplianceRow r10 = table(byRecommendation).get("STATE|2013.10");
        assertThat(r10.getCounts().getIMPLEMENTED()).isEqualTo(2);
        assertThat(r10.getCounts().getNOTSTARTED()).isZero();
    }

    @Test
    void anIdenticalRedeliveryIsANoOp() {
        loadReference(ComplianceWorld.WORLD);
        final Submission submission = state("fra-1", "FRA", "2026-01-10T09:00:00Z", response("2013.10", IMPLEMENTED));
        submit(submission);
        submit(submission);
        submissions.pipeInput("fra-1", submission, NOW); // and once more under another key

        assertThat(cells.readValuesToList()).hasSize(1);
        assertThat(byRecommendation.readValuesToList()).hasSize(1);
        assertThat(rejected.isEmpty()).isTrue();
    }

    @Test
    void theSameIdWithOtherContentIsRejectedAndTheFirstStands() {
        loadReference(ComplianceWorld.WORLD);
        submit(state("fra-1", "FRA", "2026-01-10T09:00:00Z", response("2013.10", IMPLEMENTED)));
        submit(state("fra-1", "FRA", "2026-03-10T09:00:00Z", response("2013.10", NOT_STARTED)));

        final var rejections = rejected.readValuesToList();
        assertThat(rejections).hasSize(1);
        assertThat(rejections.get(0).getReason().name()).isEqualTo("DUPLICATE_ID_CONFLICT");
        assertThat(rejections.get(0).getSubmissionId()).isEqualTo("fra-1");
        assertThat(rejections.get(0).getSourceTopic()).isEqualTo(Topics.SUBMISSIONS.name());
        assertThat(table(cells).get("STATE|FRA|2013.10").getStatus()).isEqualTo(IMPLEMENTED);
    }

    @Test
    void notApplicableStandsOutsideTheRatesAndARateOverNothingIsNull() {
        loadReference(ComplianceWorld.WORLD);
        submit(state("fra-1", "FRA", "2026-01-10T09:00:00Z", response("2013.28", NOT_APPLICABLE)));
        submit(state("deu-1", "DEU", "2026-01-10T09:00:00Z",
            response("2013.28", NOT_APPLICABLE), response("2013.10", PLANNED)));

        final ComplianceRow r28 = table(byRecommendation).get("STATE|2013.28");
        assertThat(r28.getReported()).isEqualTo(2);
        assertThat(r28.getApplicable()).isZero();
        assertThat(r28.getImplementationRate()).isNull();
        assertThat(r28.getProgressScore()).isNull();
        assertThat(r28.getCoverage()).isEqualTo(0.5);
        final ComplianceRow deu = storedRow(StateStores.COMPLIANCE_BY_COUNTRY.name(), "STATE|DEU");
        assertThat(deu.getApplicable()).isEqualTo(1);
        assertThat(deu.getProgressScore()).isEqualTo(0.25);
    }

    @Test
    void civilSocietyAndNhriCellsHaveTheirOwnRowsAndNeverMixWithStateFigures() {
        loadReference(ComplianceWorld.WORLD);
        submit(state("fra-1", "FRA", "2026-01-10T09:00:00Z", response("2013.10", IMPLEMENTED)));
        submit(Fixtures.submission("ngo-1", ReporterType.CIVIL_SOCIETY, "FRA", Instant.parse("2026-01-11T00:00:00Z"),
            response("2013.10", NOT_STARTED)));
        submit(Fixtures.submission("nhri-1", ReporterType.NHRI, "FRA", Instant.parse("2026-01-12T00:00:00Z"),
            response("2013.10", IN_PROGRESS)));

        final Map<String, ComplianceRow> rows = table(byRecommendation);
        assertThat(rows).containsOnlyKeys("STATE|2013.10", "CIVIL_SOCIETY|2013.10", "NHRI|2013.10");
        assertThat(rows.get("STATE|2013.10").getReported()).isEqualTo(1);
        assertThat(rows.get("STATE|2013.10").getCounts().getIMPLEMENTED()).isEqualTo(1);
        assertThat(rows.get("CIVIL_SOCIETY|2013.10").getCounts().getNOTSTARTED()).isEqualTo(1);
        assertThat(rows.get("CIVIL_SOCIETY|2013.10").getExpected()).isEqualTo(4);
        assertThat(table(byCountry)).containsKeys("STATE|FRA", "CIVIL_SOCIETY|FRA", "NHRI|FRA");
    }

    @Test
    void unodcReportsOnWhatIsAddressedToItUnderItsOwnName() {
        loadReference(ComplianceWorld.WORLD);
        submit(Fixtures.submission("unodc-1", ReporterType.UNODC, null, Instant.parse("2026-01-10T00:00:00Z"),
            response("2013.6", IN_PROGRESS), response("2013.37", IMPLEMENTED)));

        assertThat(table(cells)).containsOnlyKeys("UNODC|UNODC|2013.6", "UNODC|UNODC|2013.37");
        final ComplianceRow r6 = table(byRecommendation).get("UNODC|2013.6");
        assertThat(r6.getExpected()).isEqualTo(1);
        assertThat(r6.getCoverage()).isEqualTo(1.0);
        final ComplianceRow unodc = table(byCountry).get("UNODC|UNODC");
        assertThat(unodc.getExpected()).as("2013.6 and 2013.37").isEqualTo(2);
        assertThat(unodc.getReported()).isEqualTo(2);
        assertThat(table(byRegion)).isEmpty();
    }

    @Test
    void aNonPartyCountsAsReportedButNotTowardsCoverageUntilItBecomesAParty() {
        loadReference(ComplianceWorld.WORLD);
        submit(state("irn-1", "IRN", "2026-01-10T09:00:00Z", response("2013.10", IMPLEMENTED)));
        ComplianceRow r10 = table(byRecommendation).get("STATE|2013.10");
        assertThat(r10.getReported()).isEqualTo(1);
        assertThat(r10.getReportedByParties()).isZero();
        assertThat(r10.getCoverage()).isEqualTo(0.0);

        countries.pipeInput("IRN", org.tipmonitor.avro.Country.newBuilder(ComplianceWorld.IRN)
            .setProtocolStatus(ProtocolStatus.PARTY).build());
        advanceWallClock(config().compliance().reconcileInterval());

        r10 = table(byRecommendation).get("STATE|2013.10");
        assertThat(r10.getExpected()).isEqualTo(5);
        assertThat(r10.getReportedByParties()).isEqualTo(1);
        assertThat(r10.getCoverage()).isCloseTo(1.0 / 5, within(1e-12));
        assertThat(storedRow(StateStores.COMPLIANCE_BY_REGION.name(), "STATE|142").getExpected()).isEqualTo(8);
    }

    @Test
    void aRemovedRecommendationLeavesTheTables() {
        loadReference(ComplianceWorld.WORLD);
        submit(state("fra-1", "FRA", "2026-01-10T09:00:00Z",
            response("2013.10", IMPLEMENTED), response("2013.13", IN_PROGRESS)));
        table(byRecommendation);
        table(byCountry);

        recommendations.pipeInput("2013.13", null);
        advanceWallClock(config().compliance().reconcileInterval());

        final var changes = byRecommendation.readRecordsToList();
        assertThat(changes).anySatisfy(r -> {
            assertThat(r.key()).isEqualTo("STATE|2013.13");
            assertThat(r.value()).isNull();
        });
        assertThat(storedRow(StateStores.COMPLIANCE_BY_RECOMMENDATION.name(), "STATE|2013.13")).isNull();
        final ComplianceRow fra = storedRow(StateStores.COMPLIANCE_BY_COUNTRY.name(), "STATE|FRA");
        assertThat(fra.getReported()).isEqualTo(1);
        assertThat(fra.getExpected()).as("10 28 37 are left").isEqualTo(3);
        assertThat(storedRow(StateStores.COMPLIANCE_BY_THEME.name(), "STATE|TRAINING")).isNull();
        assertThat(storedRow(StateStores.COMPLIANCE_BY_THEME.name(), "STATE|CONSENT").getReported()).isEqualTo(1);
    }

    @Test
    void aRemovedCountryLeavesTheTablesAndComesBackWhenRestored() {
        loadReference(ComplianceWorld.WORLD);
        submit(state("nga-1", "NGA", "2026-01-10T09:00:00Z", response("2013.10", PLANNED)));
        countries.pipeInput("NGA", null);
        advanceWallClock(config().compliance().reconcileInterval());
        assertThat(storedRow(StateStores.COMPLIANCE_BY_COUNTRY.name(), "STATE|NGA")).isNull();
        assertThat(storedRow(StateStores.COMPLIANCE_BY_REGION.name(), "STATE|002")).isNull();

        countries.pipeInput("NGA", ComplianceWorld.NGA);
        advanceWallClock(config().compliance().reconcileInterval());
        assertThat(storedRow(StateStores.COMPLIANCE_BY_COUNTRY.name(), "STATE|NGA").getCounts().getPLANNED()).isEqualTo(1);
    }

    @Test
    void nothingHappensBetweenReconciliationsWhenTheReferenceDataDidNotChange() {
        loadReference(ComplianceWorld.WORLD);
        submit(state("fra-1", "FRA", "2026-01-10T09:00:00Z", response("2013.10", IMPLEMENTED)));
        table(byRecommendation);
        advanceWallClock(Duration.ofMinutes(5));
        assertThat(byRecommendation.isEmpty()).isTrue();
        assertThat(byCountry.readValuesToList()).hasSize(1);
    }
}
