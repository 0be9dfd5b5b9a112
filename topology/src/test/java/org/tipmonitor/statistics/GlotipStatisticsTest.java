package org.tipmonitor.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tipmonitor.avro.GlotipRow;
import org.tipmonitor.avro.RejectionReason;
import org.tipmonitor.avro.StatisticCell;
import org.tipmonitor.avro.Submission;
import org.tipmonitor.cycles.Cycle;
import org.tipmonitor.cycles.CycleCalendar;
import org.tipmonitor.cycles.GlotipCsv;

/** The Global Report rows of {@link GlotipScenario}, against its hand computation. */
class GlotipStatisticsTest {

    private static final Cycle EDITION_2024 = CycleCalendar.defaults().edition(2024).orElseThrow();
    private static final Cycle EDITION_2022 = CycleCalendar.defaults().edition(2022).orElseThrow();
    private static final StatisticsConfig CONFIG = StatisticsConfig.defaults();

    @Test
    void theEdition2024IsExactlyTheHandComputation() throws IOException {
        final GlotipStatistics.Edition edition = GlotipStatistics.rows(EDITION_2024, acceptedCells(),
            GlotipScenario.REFERENCE, CONFIG);

        assertThat(csv(edition.rows())).isEqualTo(GlotipCsv.HEADER + "\r\n" + GlotipScenario.EXPECTED_2024);
    }

    @Test
    void theOrderOfArrivalDoesNotMatter() {
        final List<StatisticCell> cells = acceptedCells();
        final List<StatisticCell> reversed = new ArrayList<>(cells);
        java.util.Collections.reverse(reversed);

        assertThat(GlotipStatistics.rows(EDITION_2024, reversed, GlotipScenario.REFERENCE, CONFIG).rows())
            .isEqualTo(GlotipStatistics.rows(EDITION_2024, cells, GlotipScenario.REFERENCE, CONFIG).rows());
    }

    @Test
    void anEarlierEditionIsCutAsOfItsOwnCutOff() {
        final List<GlotipRow> rows = GlotipStatistics.rows(EDITION_2022, acceptedCells(), GlotipScenario.REFERENCE,
            CONFIG).rows();

        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.getIso3()).isEqualTo("FRA");
            assertThat(row.getYear()).isEqualTo(2020);
            assertThat(row.getValue()).isEqualTo(80.0);
            assertThat(row.getEdition()).isEqualTo(2022);
        });
    }

    @Test
    void theDataLagDecidesTheLastDataYear() {
        final List<GlotipRow> rows = GlotipStatistics.rows(EDITION_2024, acceptedCells(), GlotipScenario.REFERENCE,
            new StatisticsConfig(0, 5)).rows();

        assertThat(rows).filteredOn(row -> row.getYear() == 2024).singleElement()
            .satisfies(row -> assertThat(row.getValue()).isEqualTo(20.0));
    }

    @Test
    void aStateTotalItsOwnBreakdownsContradictStandsAndIsReported() {
        final GlotipStatistics.Edition edition = GlotipStatistics.rows(EDITION_2024, acceptedCells(),
            GlotipScenario.REFERENCE, CONFIG);

        assertThat(edition.mismatches()).containsExactly(
            "FRA VICTIMS_DETECTED 2023 (sex TOTAL, age TOTAL, form TOTAL): stated total 100, its parts by sex add up"
                + " to 98",
            "FRA VICTIMS_DETECTED 2023 (sex TOTAL, age TOTAL, form TOTAL): stated total 100, its parts by form add up"
                + " to 95");
    }

    @Test
    void regionalAggregatesSumTheirStatesRows() throws IOException {
        final List<GlotipRow> countries = GlotipStatistics.rows(EDITION_2024, acceptedCells(),
            GlotipScenario.REFERENCE, CONFIG).rows();

        final List<GlotipRow> areas = RegionalAggregates.of(countries, GlotipScenario.REFERENCE);

        // Africa, victims 2023, Total/Total/Total: CIV 12 + NGA 69.
        assertThat(areas).filteredOn(row -> row.getIso3().equals("002")
                && row.getIndicator().equals("Detected trafficking victims") && row.getDimension().equals("Total")
                && row.getSex().equals("Total") && row.getAge().equals("Total"))
            .singleElement().satisfies(row -> {
                assertThat(row.getValue()).isEqualTo(81.0);
                assertThat(row.getCountry()).isEqualTo("Africa");
                assertThat(row.getRegion()).isEqualTo("Africa");
                assertThat(row.getSubregion()).isEmpty();
                assertThat(row.getSource()).isEqualTo(
                    "National authorities of 2 States (CIV, NGA), summed by tip-monitor");
            });
        assertThat(areas).extracting(GlotipRow::getIso3).containsOnly("002", "202", "150", "155");
        final StringWriter out = new StringWriter();
        GlotipCsv.write(areas, out, GlotipCsv.Format.areas());
        assertThat(out.toString()).startsWith("M49_code,Area,Region,Subregion,")
            .contains("\r\n202,Sub-Saharan Africa,Africa,Sub-Saharan Africa,Persons convicted,Total,Total,Total,"
                + "Total,2023,Counts,9,");
    }

    @Test
    void everyStatisticFormHasACategoryName() {
        for (final org.tipmonitor.avro.StatisticForm form : org.tipmonitor.avro.StatisticForm.values()) {
            assertThat(GlotipVocabulary.form(form)).isNotBlank();
        }
    }

    /** Each submission through the validator, as the topology does; the NGO's statistics are refused. */
    static List<StatisticCell> acceptedCells() {
        final StatisticsValidator validator = new StatisticsValidator();
        final List<StatisticCell> cells = new ArrayList<>();
        for (final Submission submission : GlotipScenario.submissions()) {
            final StatisticsValidator.Outcome outcome = validator.validate(submission, GlotipScenario.REFERENCE,
                Optional.empty(), GlotipScenario.NOW.toEpochMilli());
            if (submission.getSubmissionId().equals("ngo-1")) {
                assertThat(outcome.rejected()).singleElement().extracting(StatisticsValidator.RejectedStatistic::reason)
                    .isEqualTo(RejectionReason.STATISTICS_NOT_FROM_STATE);
            } else {
                assertThat(outcome.rejected()).isEmpty();
            }
            cells.addAll(outcome.accepted());
        }
        return cells;
    }

    private static String csv(final List<GlotipRow> rows) throws IOException {
        final StringWriter out = new StringWriter();
        GlotipCsv.write(rows, out, GlotipCsv.Format.countries().withDisclosureThreshold(5));
        return out.toString();
    }
}
