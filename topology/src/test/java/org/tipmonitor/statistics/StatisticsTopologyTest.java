package org.tipmonitor.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tipmonitor.avro.AgeGroup;
import org.tipmonitor.avro.GlotipRow;
import org.tipmonitor.avro.Rejection;
import org.tipmonitor.avro.RejectionReason;
import org.tipmonitor.avro.Sex;
import org.tipmonitor.avro.StatisticCell;
import org.tipmonitor.avro.StatisticForm;
import org.tipmonitor.avro.Submission;
import org.tipmonitor.cycles.GlotipCsv;
import org.tipmonitor.testing.TopologyTestBase;
import org.tipmonitor.topology.channels.StateStores;

/**
 * The statistics part in the assembled topology: {@link GlotipScenario}'s submissions, piped in their order of
 * arrival (stream time passes the 2024 cut-off with nga-3, so fra-2 and nga-4 arrive late and correct the published
 * edition), give on tip.report.glotip, read to its end, exactly the rows of the scenario's hand computation.
 */
class StatisticsTopologyTest extends TopologyTestBase {

    @BeforeEach
    void loadCountries() {
        loadReference(List.of(), GlotipScenario.REFERENCE.countries());
    }

    /** Submissions carry their submittedAt, so that stream time passes the cut-off as it would on the broker. */
    @Override
    protected Instant timestampOf(final Submission submission) {
        return submission.getSubmittedAt();
    }

    @Test
    void theFeedReadToItsEndIsExactlyTheHandComputation() throws IOException {
        GlotipScenario.submissions().forEach(this::submit);
        driver.advanceWallClockTime(Duration.ofMinutes(1));

        final Map<String, GlotipRow> feed = table(glotip.readRecordsToList());

        assertThat(csv(edition(feed, 2024))).isEqualTo(GlotipCsv.HEADER + "\r\n" + GlotipScenario.EXPECTED_2024);
        // The 2022 edition, cut as of 2022-06-30: FRA's 2020 figure only.
        assertThat(edition(feed, 2022)).singleElement().satisfies(row -> {
            assertThat(row.getIso3()).isEqualTo("FRA");
            assertThat(row.getYear()).isEqualTo(2020);
            assertThat(row.getValue()).isEqualTo(80.0);
        });
        assertThat(feed.keySet()).allMatch(key -> key.startsWith("2022|") || key.startsWith("2024|")
            || key.startsWith("2026|"));
        // Every accepted version is kept, the superseded and the later ones too (nga-4's 99, nga-3's 50).
        assertThat(versions()).hasSize(7 + 1 + 8 + 1 + 2 + 1 + 1 + 2);
    }

    @Test
    void theNgosStatisticsAndEachInvalidStatisticAreOneRejectionEachAndTheValidOnesApply() {
        GlotipScenario.submissions().forEach(this::submit);
        submit(GlotipScenario.state("civ-2", "CIV", "2025-01-01T09:00:00Z",
            GlotipScenario.victims(1999, Sex.TOTAL, AgeGroup.TOTAL, StatisticForm.TOTAL, null, 5),
            GlotipScenario.victims(2024, Sex.TOTAL, AgeGroup.TOTAL, StatisticForm.TOTAL, null, 6),
            GlotipScenario.victims(2024, Sex.TOTAL, AgeGroup.TOTAL, StatisticForm.TOTAL, "ZZZ", 7)));

        final List<Rejection> rejections = rejected.readValuesToList();

        assertThat(rejections).extracting(Rejection::getSubmissionId, Rejection::getReason).containsExactly(
            org.assertj.core.groups.Tuple.tuple("ngo-1", RejectionReason.STATISTICS_NOT_FROM_STATE),
            org.assertj.core.groups.Tuple.tuple("civ-2", RejectionReason.INVALID_VALUE),
            org.assertj.core.groups.Tuple.tuple("civ-2", RejectionReason.UNKNOWN_COUNTRY));
        assertThat(versions()).filteredOn(cell -> cell.getSubmissionId().equals("civ-2")).singleElement()
            .satisfies(cell -> assertThat(cell.getStatistic().getCount()).isEqualTo(6));
    }

    @Test
    void lateFiguresAreRepublishedOncePerStateAtTheNextFlushNotOncePerFigure() {
        GlotipScenario.submissions().stream().filter(s -> !s.getSubmissionId().equals("nga-4")).forEach(this::submit);
        driver.advanceWallClockTime(Duration.ofMinutes(1));
        glotip.readRecordsToList();

        submit(GlotipScenario.submissions().stream().filter(s -> s.getSubmissionId().equals("nga-4")).findFirst()
            .orElseThrow());
        assertThat(glotip.readRecordsToList()).as("nothing before the flush").isEmpty();
        driver.advanceWallClockTime(PublishStatisticsProcessor.FLUSH_INTERVAL);

        // nga-4's F/C/sexual 13 replaces nga-1's 12: the rows it changes in 2024 (T/T, T/C, F/T, F/C and their
        // by-form twins), once each; its F/A/sexual 99 does not stand (nga-2 is later).
        final List<TestRecord<String, GlotipRow>> changed = glotip.readRecordsToList();
        assertThat(changed).extracting(TestRecord::key).doesNotHaveDuplicates().allMatch(key -> key.startsWith("2024|NGA|")
            || key.startsWith("2026|NGA|"));
        assertThat(changed).filteredOn(record -> record.key().startsWith("2024|")).hasSize(8);
        assertThat(driver.getKeyValueStore(StateStores.STATISTICS_PENDING.name()).approximateNumEntries()).isZero();
    }

    @Test
    void aRedeliveredSubmissionChangesNothing() {
        GlotipScenario.submissions().forEach(this::submit);
        driver.advanceWallClockTime(Duration.ofMinutes(1));
        assertThat(glotip.readRecordsToList()).isNotEmpty();
        final int versions = versions().size();

        GlotipScenario.submissions().forEach(this::submit);
        driver.advanceWallClockTime(Duration.ofMinutes(1));

        assertThat(glotip.readRecordsToList()).isEmpty();
        assertThat(versions()).hasSize(versions);
    }

    private List<StatisticCell> versions() {
        final List<StatisticCell> cells = new ArrayList<>();
        final KeyValueStore<String, StatisticCell> store =
            driver.getKeyValueStore(StateStores.STATISTIC_VERSIONS.name());
        try (KeyValueIterator<String, StatisticCell> all = store.all()) {
            all.forEachRemaining(entry -> cells.add(entry.value));
        }
        return cells;
    }

    private static List<GlotipRow> edition(final Map<String, GlotipRow> feed, final int edition) {
        return feed.values().stream().filter(row -> row.getEdition() == edition)
            .sorted(GlotipStatistics.ORDER).toList();
    }

    private static String csv(final List<GlotipRow> rows) throws IOException {
        final StringWriter out = new StringWriter();
        GlotipCsv.write(rows, out, GlotipCsv.Format.countries().withDisclosureThreshold(5));
        return out.toString();
    }
}
