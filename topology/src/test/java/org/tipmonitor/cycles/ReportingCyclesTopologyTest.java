package org.tipmonitor.cycles;

import org.tipmonitor.topology.channels.StateStores;
import static org.assertj.core.api.Assertions.assertThat;
import static org.tipmonitor.avro.ExploitationForm.DEBT_BONDAGE;
import static org.tipmonitor.avro.ExploitationForm.FORCED_BEGGING;
import static org.tipmonitor.avro.ExploitationForm.SERFDOM;
import static org.tipmonitor.avro.ExploitationForm.SEX_TOURISM;
import static org.tipmonitor.avro.ImplementationStatus.IMPLEMENTED;
import static org.tipmonitor.avro.ImplementationStatus.IN_PROGRESS;
import static org.tipmonitor.avro.ImplementationStatus.NOT_APPLICABLE;
import static org.tipmonitor.avro.ImplementationStatus.PLANNED;
import static org.tipmonitor.testing.Fixtures.response;
import static org.tipmonitor.testing.Fixtures.state;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.tipmonitor.avro.GlotipRow;
import org.tipmonitor.compliance.ComplianceConfig;
import org.tipmonitor.topology.TipMonitorConfig;
import org.tipmonitor.topology.TipMonitorTopology;

/** The snapshot of a reporting cycle on tip.report.implementation, on the assembled topology. */
class ReportingCyclesTopologyTest extends CycleTopologyTestBase {

    /** Passed by the wall clock at the start ({@link #NOW} is 2026-06-01T12:00Z). */
    static final Instant CUTOFF_2025 = Instant.parse("2025-12-31T00:00:00Z");
    /** Not passed by the wall clock, but by a submission made at 15:00 (within the accepted clock skew). */
    static final Instant CUTOFF_2026 = Instant.parse("2026-06-01T14:00:00Z");
    static final Instant CUTOFF_2027 = Instant.parse("2027-06-30T00:00:00Z");

    static final CycleCalendar CALENDAR = CycleCalendar.of(CycleCalendar.DEFAULT_FIRST_BEGINS,
        List.of(CUTOFF_2025, CUTOFF_2026, CUTOFF_2027), SNAPSHOT_INTERVAL);

    @Override
    protected CycleCalendar calendar() {
        return CALENDAR;
    }

    @Test
    void theSnapshotProcessorRunsInTheSubTopologyOfTheCellStores() {
        final TopologyDescription description = TipMonitorTopology
            .build(new TipMonitorConfig(ComplianceConfig.defaults(), org.tipmonitor.alerts.AlertConfig.defaults(), CALENDAR,
                org.tipmonitor.statistics.StatisticsConfig.defaults()), serdes).describe();
        final TopologyDescription.Subtopology cellsTask = description.subtopologies().stream()
            .filter(s -> s.nodes().stream().anyMatch(n -> n.name().equals("apply-cell-updates")))
            .findFirst().orElseThrow();
        assertThat(cellsTask.nodes()).extracting(TopologyDescription.Node::name).contains("take-cycle-snapshots");
        assertThat(description.subtopologies()).filteredOn(s -> s.nodes().stream()
                .anyMatch(n -> n.name().equals("aggregate-cycle-snapshots")))
            .singleElement().satisfies(s -> assertThat(s).isNotEqualTo(cellsTask));
    }

    @Test
    void aSubmissionExactlyAtTheCutoffIsInTheCycleOneMillisecondLaterInTheNext() {
        // The wall clock reaches the cut-off itself: submissions more than the clock skew ahead are rejected.
        advanceWallClock(Duration.between(NOW, CUTOFF_2026));
        submit(state("fra-1", "FRA", "2026-06-01T14:00:00Z", response("2013.10", IMPLEMENTED, FORCED_BEGGING)));
        assertThat(emitted()).as("the cut-off instant itself has not passed").isEmpty();
        submit(state("deu-1", "DEU", "2026-06-01T14:00:00.001Z", response("2013.10", PLANNED, SEX_TOURISM)));

        final Map<String, GlotipRow> rows = table(emitted());
        assertThat(rows.keySet()).allMatch(key -> key.startsWith("2026|"));
        assertThat(rows).containsKeys("2026|FRA|tip-monitor: Recommendations reported on|Total",
            "2026|FRA|tip-monitor: States reporting non-Protocol exploitation|Forced begging",
            "2026|150|tip-monitor: States reporting non-Protocol exploitation|Forced begging");
        assertThat(rows.get("2026|FRA|tip-monitor: Recommendations reported on|Total").getValue()).isEqualTo(1.0);
        assertThat(rows.keySet()).noneMatch(key -> key.contains("|DEU|") || key.contains("Sex tourism"));
        assertThat(rows.get("2026|150|tip-monitor: States reporting non-Protocol exploitation|Forced begging").getValue())
            .isEqualTo(1.0);

        final Cycle next = CALENDAR.edition(2027).orElseThrow();
        assertThat(CALENDAR.cycleOf(Instant.parse("2026-06-01T14:00:00.001Z"))).contains(next);
        assertThat(CycleSnapshots.rows(next, cellsOfCycle(next), cellsOfCycle(next), CycleWorld.REFERENCE))
            .extracting(GlotipRows::key)
            .contains("2027|DEU|tip-monitor: States reporting non-Protocol exploitation|Sex tourism")
            .doesNotContain("2027|FRA|tip-monitor: States reporting non-Protocol exploitation|Forced begging");
    }

    @Test
    void streamTimePassingTheCutoffEmitsTheSnapshotOnce() {
        submit(state("fra-1", "FRA", "2026-03-01T09:00:00Z",
            response("2013.10", IMPLEMENTED), response("2013.13", IN_PROGRESS)));
        submit(state("deu-1", "DEU", "2026-04-01T09:00:00Z",
            response("2013.10", NOT_APPLICABLE, DEBT_BONDAGE), response("2013.28", PLANNED)));
        assertThat(emitted()).as("stream time passed 2025 with no cell: nothing to say").isEmpty();
        assertThat(storeContents(StateStores.CYCLE_SNAPSHOTS_TAKEN.name())).containsOnlyKeys("2025");

        submit(state("nga-1", "NGA", "2026-06-01T15:00:00Z", response("2013.10", IMPLEMENTED)));
        final List<TestRecord<String, GlotipRow>> first = emitted();
        final Map<String, GlotipRow> rows = table(first);
        assertThat(first).as("each row once").hasSize(rows.size());
        assertThat(storeContents(StateStores.CYCLE_SNAPSHOTS_TAKEN.name()))
            .containsEntry("2026", CUTOFF_2026.toEpochMilli());

        assertThat(value(rows, "FRA", GlotipRows.REPORTED_ON)).isEqualTo(2.0);
        assertThat(value(rows, "FRA", GlotipRows.IMPLEMENTED)).isEqualTo(1.0);
        assertThat(value(rows, "FRA", GlotipRows.APPLICABLE)).isEqualTo(2.0);
        assertThat(value(rows, "FRA", GlotipRows.IMPLEMENTATION_RATE)).isEqualTo(0.5);
        assertThat(value(rows, "FRA", GlotipRows.PROGRESS_SCORE)).as("(4 + 2) / (4 x 2)").isEqualTo(0.75);
        assertThat(value(rows, "DEU", GlotipRows.APPLICABLE)).isEqualTo(1.0);
        assertThat(value(rows, "DEU", GlotipRows.IMPLEMENTATION_RATE)).isEqualTo(0.0);
        assertThat(value(rows, "DEU", GlotipRows.PROGRESS_SCORE)).as("1 / (4 x 1)").isEqualTo(0.25);
        assertThat(rows.keySet()).noneMatch(key -> key.contains("|NGA|"));
        final GlotipRow region = rows.get("2026|155|tip-monitor: States reporting non-Protocol exploitation|Debt bondage");
        assertThat(region.getCountry()).isEqualTo("Western Europe");
        assertThat(region.getRegion()).isEqualTo("Europe");
        assertThat(region.getSubregion()).isEqualTo("Western Europe");
        assertThat(region.getValue()).isEqualTo(1.0);
        assertThat(region.getSource()).isEqualTo("tip-monitor, reporting cycle 2026 (cut-off 2026-06-01T14:00:00Z)");

        // The same rows as an export computed from the versioned cell store (the API's way).
        final Cycle cycle = CALENDAR.edition(2026).orElseThrow();
        assertThat(rows.values()).containsExactlyInAnyOrderElementsOf(
            CycleSnapshots.rows(cycle, cellsOfCycle(cycle), cellsOfCycle(cycle), CycleWorld.REFERENCE));

        // Neither later wall-clock checks nor later stream time take it again.
        for (int i = 0; i < 5; i++) {
            advanceWallClock(SNAPSHOT_INTERVAL);
        }
        submit(state("fra-2", "FRA", "2026-06-01T16:00:00Z", response("2013.37", IMPLEMENTED)));
        assertThat(emitted()).isEmpty();
        assertThat(storeContents(StateStores.CYCLE_SNAPSHOT_CELLS.name())).as("FRA x2, DEU x2")
            .hasSize(4).allSatisfy((key, cell) -> assertThat(key).startsWith("2026|"));
    }

    @Test
    void theWallClockPassingTheCutoffEmitsTheSnapshotOnceWhenNoLaterSubmissionComes() {
        submit(state("fra-1", "FRA", "2025-03-01T09:00:00Z", response("2013.10", IMPLEMENTED, FORCED_BEGGING)));
        submit(state("deu-1", "DEU", "2025-12-30T09:00:00Z", response("2013.13", PLANNED)));
        assertThat(emitted()).as("stream time is before the cut-off").isEmpty();

        advanceWallClock(SNAPSHOT_INTERVAL);
        final List<TestRecord<String, GlotipRow>> first = emitted();
        final Map<String, GlotipRow> rows = table(first);
        assertThat(first).hasSize(rows.size());
        assertThat(rows.keySet()).allMatch(key -> key.startsWith("2025|"));
        assertThat(value(rows, "FRA", GlotipRows.IMPLEMENTATION_RATE)).isEqualTo(1.0);
        assertThat(value(rows, "DEU", GlotipRows.PROGRESS_SCORE)).isEqualTo(0.25);
        assertThat(rows).containsKey("2025|FRA|tip-monitor: States reporting non-Protocol exploitation|Forced begging");
        assertThat(storeContents(StateStores.CYCLE_SNAPSHOTS_TAKEN.name())).containsOnlyKeys("2025");

        advanceWallClock(SNAPSHOT_INTERVAL.multipliedBy(10));
        assertThat(emitted()).isEmpty();
    }

    @Test
    void aStateReportedOnAsOfTheCutoffButSilentInTheCycleHasNoExploitationForms() {
        submit(state("fra-1", "FRA", "2025-03-01T09:00:00Z", response("2013.10", IMPLEMENTED, FORCED_BEGGING)));
        submit(state("deu-1", "DEU", "2026-02-01T09:00:00Z", response("2013.10", PLANNED, SERFDOM)));
        submit(state("nga-1", "NGA", "2026-06-01T15:00:00Z", response("2013.10", IMPLEMENTED)));

        final Map<String, GlotipRow> rows = table(emitted());
        assertThat(value(rows, "FRA", GlotipRows.REPORTED_ON, 2025)).isEqualTo(1.0);
        assertThat(rows).containsKey("2025|FRA|tip-monitor: States reporting non-Protocol exploitation|Forced begging");
        assertThat(rows.keySet()).filteredOn(key -> key.startsWith("2025|DEU|")).isEmpty();

        assertThat(value(rows, "FRA", GlotipRows.REPORTED_ON, 2026)).isEqualTo(1.0);
        assertThat(value(rows, "FRA", GlotipRows.IMPLEMENTED, 2026)).isEqualTo(1.0);
        assertThat(formsOf(rows, "2026|FRA|")).isEmpty();
        assertThat(formsOf(rows, "2026|DEU|")).containsExactly("Serfdom");
        assertThat(rows.get("2026|150|tip-monitor: States reporting non-Protocol exploitation|Forced begging")).isNull();
        assertThat(rows.get("2026|150|tip-monitor: States reporting non-Protocol exploitation|Serfdom").getValue())
            .isEqualTo(1.0);
    }

    @Test
    void aLateStateCellCorrectsATakenSnapshotWithTheRowsItChanges() {
        submit(state("fra-1", "FRA", "2026-03-01T09:00:00Z", response("2013.10", IMPLEMENTED, FORCED_BEGGING)));
        submit(state("nga-1", "NGA", "2026-06-01T15:00:00Z", response("2013.10", IMPLEMENTED)));
        final Map<String, GlotipRow> before = table(emitted());
        assertThat(before).containsKey("2026|150|tip-monitor: States reporting non-Protocol exploitation|Forced begging");

        // Submitted before the cut-off, delivered after the snapshot.
        submit(state("deu-1", "DEU", "2026-05-20T09:00:00Z", response("2013.10", PLANNED, FORCED_BEGGING)));
        assertThat(emitted()).as("corrections soon after an emission wait for the flush").isEmpty();
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        final List<TestRecord<String, GlotipRow>> corrections = emitted();
        assertThat(corrections).extracting(TestRecord::key).containsExactlyInAnyOrder(
            "2026|DEU|tip-monitor: Recommendations reported on|Total",
            "2026|DEU|tip-monitor: Recommendations implemented|Total",
            "2026|DEU|tip-monitor: Recommendations applicable|Total",
            "2026|DEU|tip-monitor: Implementation rate|Total",
            "2026|DEU|tip-monitor: Implementation progress score|Total",
            "2026|DEU|tip-monitor: States reporting non-Protocol exploitation|Forced begging",
            "2026|150|tip-monitor: States reporting non-Protocol exploitation|Forced begging",
            "2026|155|tip-monitor: States reporting non-Protocol exploitation|Forced begging");
        assertThat(table(corrections).get("2026|150|tip-monitor: States reporting non-Protocol exploitation|Forced begging")
            .getValue()).isEqualTo(2.0);
        final Cycle cycle = CALENDAR.edition(2026).orElseThrow();
        final Map<String, GlotipRow> merged = new java.util.HashMap<>(before);
        merged.putAll(table(corrections));
        assertThat(merged.values()).containsExactlyInAnyOrderElementsOf(
            CycleSnapshots.rows(cycle, cellsOfCycle(cycle), cellsOfCycle(cycle), CycleWorld.REFERENCE));
    }

    @Test
    void aRetakenShareChangesNothingOnTheTopic() {
        submit(state("fra-1", "FRA", "2026-03-01T09:00:00Z", response("2013.10", IMPLEMENTED, FORCED_BEGGING)));
        submit(state("nga-1", "NGA", "2026-06-01T15:00:00Z", response("2013.10", IMPLEMENTED)));
        assertThat(emitted()).isNotEmpty();

        // As after a crash between forwarding the share and committing the taken mark: the share comes again.
        driver.getKeyValueStore(StateStores.CYCLE_SNAPSHOTS_TAKEN.name()).delete("2026");
        submit(state("civ-1", "CIV", "2026-06-01T16:00:00Z", response("2013.10", IMPLEMENTED)));
        assertThat(storeContents(StateStores.CYCLE_SNAPSHOTS_TAKEN.name())).containsKey("2026");
        assertThat(emitted()).as("idempotent: same versions, same rows, nothing re-emitted").isEmpty();
    }

    private static Double value(final Map<String, GlotipRow> rows, final String iso3, final String indicator) {
        return value(rows, iso3, indicator, 2026 - (rows.keySet().iterator().next().startsWith("2025|") ? 1 : 0));
    }

    private static Double value(final Map<String, GlotipRow> rows, final String iso3, final String indicator,
                                final int edition) {
        final GlotipRow row = rows.get(edition + "|" + iso3 + "|" + indicator + "|" + GlotipRows.TOTAL);
        assertThat(row).as(edition + " " + iso3 + " " + indicator).isNotNull();
        return row.getValue();
    }

    private static List<String> formsOf(final Map<String, GlotipRow> rows, final String prefix) {
        return rows.entrySet().stream()
            .filter(e -> e.getKey().startsWith(prefix)
                && e.getValue().getIndicator().equals(GlotipRows.NON_PROTOCOL_EXPLOITATION))
            .map(e -> e.getValue().getCategory())
            .collect(Collectors.toList());
    }
}
