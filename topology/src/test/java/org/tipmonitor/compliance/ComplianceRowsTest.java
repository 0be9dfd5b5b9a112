package org.tipmonitor.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tipmonitor.avro.ComplianceDelta;
import org.tipmonitor.avro.ComplianceRow;
import org.tipmonitor.avro.Contribution;
import org.tipmonitor.avro.Dimension;
import org.tipmonitor.avro.ImplementationStatus;
import org.tipmonitor.avro.NetContribution;
import org.tipmonitor.avro.ReporterType;

/** The counting rules of the new statuses and the force groups, on the row arithmetic alone (docs/tables.md). */
class ComplianceRowsTest {

    private static final Instant AT = Instant.parse("2026-01-10T09:00:00Z");

    @Test
    void theWorkedExampleOfTheForceGroups() {
        ComplianceRow row = null;
        row = add(row, ImplementationStatus.IMPLEMENTED, true);
        row = add(row, ImplementationStatus.CONSIDERED_NOT_ADOPTED, true);
        row = add(row, ImplementationStatus.ALREADY_IN_PLACE, true);
        row = add(row, ImplementationStatus.CONSIDERED_NOT_ADOPTED, false);
        row = add(row, ImplementationStatus.PLANNED, false);

        assertThat(row.getByForce().getShould().getReported()).isEqualTo(3);
        assertThat(row.getByForce().getShould().getApplicable()).isEqualTo(3);
        assertThat(row.getByForce().getShould().getImplemented()).isEqualTo(2);
        assertThat(row.getByForce().getShould().getImplementationRate()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(row.getByForce().getShould().getProgressScore()).isCloseTo(8.0 / 12, within(1e-12));
        assertThat(row.getByForce().getOther().getReported()).isEqualTo(2);
        assertThat(row.getByForce().getOther().getApplicable()).isEqualTo(1);
        assertThat(row.getByForce().getOther().getImplementationRate()).isEqualTo(0.0);
        assertThat(row.getByForce().getOther().getProgressScore()).isEqualTo(0.25);
        assertThat(row.getReported()).isEqualTo(5);
        assertThat(row.getApplicable()).isEqualTo(4);
        assertThat(row.getImplementationRate()).isEqualTo(0.5);
        assertThat(row.getProgressScore()).isEqualTo(9.0 / 16);
        assertThat(row.getCounts().getCONSIDEREDNOTADOPTED()).isEqualTo(2);
        assertThat(row.getCounts().getALREADYINPLACE()).isEqualTo(1);
        assertThat(ComplianceRows.implemented(row.getCounts())).isEqualTo(2);
    }

    @Test
    void aCellCountedBeforeForceGroupsMovesIntoItsGroupWhenReResolved() {
        final ComplianceRow before = add(null, ImplementationStatus.IMPLEMENTED, null);
        assertThat(before.getReported()).isEqualTo(1);
        assertThat(before.getByForce().getShould().getReported() + before.getByForce().getOther().getReported())
            .as("in neither group").isZero();

        final ComplianceRow after = apply(before, contribution(ImplementationStatus.IMPLEMENTED, null),
            contribution(ImplementationStatus.IMPLEMENTED, true));

        assertThat(after.getReported()).isEqualTo(1);
        assertThat(after.getByForce().getShould().getReported()).isEqualTo(1);
        assertThat(after.getImplementationRate()).isEqualTo(1.0);
    }

    @Test
    void takingTheLastCellOutEmptiesTheRow() {
        final ComplianceRow one = add(null, ImplementationStatus.CONSIDERED_NOT_ADOPTED, false);
        assertThat(one.getApplicable()).isZero();
        assertThat(one.getImplementationRate()).isNull();
        assertThat(apply(one, contribution(ImplementationStatus.CONSIDERED_NOT_ADOPTED, false), null)).isNull();
    }

    /**
     * A row's cells change in random sequences (new cells, revisions, cells counted before the force groups,
     * reporters that stop being expected). Each cell's changes come from one task, in order, as in the topology
     * (a cell lives in its country's task, {@code Placement.BY_COUNTRY}); the tasks' deltas are combined in random
     * runs and the runs of different tasks interleave at random. The row ends as it does when every change is
     * applied one by one.
     */
    @Test
    void combiningEachTasksDeltasInRandomRunsGivesTheRowOfApplyingThemOneByOne() {
        final Random random = new Random(20131107L);
        // The eight statuses a row counts; validation rejects UNKNOWN before it reaches a row.
        final ImplementationStatus[] statuses = Arrays.stream(ImplementationStatus.values())
            .filter(status -> status != ImplementationStatus.UNKNOWN).toArray(ImplementationStatus[]::new);
        final Boolean[] forces = {true, false, null};
        final int tasks = 3;
        for (int world = 0; world < 300; world++) {
            final List<ComplianceDelta> inOrder = new ArrayList<>();
            final List<List<ComplianceDelta>> perTask = new ArrayList<>();
            for (int t = 0; t < tasks; t++) {
                perTask.add(new ArrayList<>());
            }
            final Map<Integer, Contribution> cells = new HashMap<>();
            for (int i = 0; i < 1 + random.nextInt(40); i++) {
                final int cell = random.nextInt(8);
                final Contribution plus = new Contribution(statuses[random.nextInt(statuses.length)],
                    random.nextBoolean(), AT.plusSeconds(random.nextInt(1_000_000)), forces[random.nextInt(3)]);
                final ComplianceDelta delta = delta(cells.put(cell, plus), plus,
                    random.nextInt(4) == 0 ? null : "France " + i);
                inOrder.add(delta);
                perTask.get(cell % tasks).add(delta);
            }
            ComplianceRow oneByOne = null;
            for (final ComplianceDelta delta : inOrder) {
                oneByOne = ComplianceRows.apply(oneByOne, delta, 4, null, AT.toEpochMilli());
            }

            final List<ArrayDeque<ComplianceDelta>> runs = new ArrayList<>();
            for (final List<ComplianceDelta> task : perTask) {
                final ArrayDeque<ComplianceDelta> taskRuns = new ArrayDeque<>();
                ComplianceDelta run = null;
                for (final ComplianceDelta delta : task) {
                    run = run == null ? delta : ComplianceRows.combine(run, delta);
                    if (random.nextInt(3) == 0) {
                        taskRuns.add(run);
                        run = null;
                    }
                }
                if (run != null) {
                    taskRuns.add(run);
                }
                runs.add(taskRuns);
            }
            ComplianceRow combined = null;
            while (runs.stream().anyMatch(taskRuns -> !taskRuns.isEmpty())) {
                final ArrayDeque<ComplianceDelta> next = runs.get(random.nextInt(tasks));
                if (!next.isEmpty()) {
                    combined = ComplianceRows.apply(combined, next.poll(), 4, null, AT.toEpochMilli());
                }
            }

            assertThat(withoutLabel(combined)).as("world %d: %d deltas", world, inOrder.size())
                .isEqualTo(withoutLabel(oneByOne));
        }
    }

    /**
     * A status name this version does not know (a newer writer during a rolling upgrade) counts as a contribution
     * of a status it does not know does, which Avro reads as UNKNOWN: no exception stops the row's task.
     */
    @Test
    void aStatusNameWrittenByANewerVersionCountsAsAnUnknownContributionWould() {
        final ComplianceDelta oneByOne = ComplianceRows.combine(
            delta(null, contribution(ImplementationStatus.IMPLEMENTED, true), "France"),
            delta(null, contribution(ImplementationStatus.UNKNOWN, true), "France"));
        final ComplianceDelta fromNewer = delta(null, null, "France");
        fromNewer.setNet(NetContribution.newBuilder().setCells(Map.of("IMPLEMENTED", 1, "SUPERSEDED_BY_LAW", 1))
            .setShouldCells(Map.of("IMPLEMENTED", 1, "SUPERSEDED_BY_LAW", 1)).setOtherCells(Map.of())
            .setReportedByParties(2).setLastSubmittedAt(AT).setChanges(2).build());

        final ComplianceRow row = ComplianceRows.apply(null, fromNewer, 4, null, AT.toEpochMilli());

        assertThat(row).isEqualTo(ComplianceRows.apply(null, oneByOne, 4, null, AT.toEpochMilli()));
        assertThat(row.getCounts().getIMPLEMENTED()).isEqualTo(1);
        assertThat(row.getReportedByParties()).isEqualTo(2);
    }

    /** The label of a combined delta is the last one given, in the order combined; the figures are what count. */
    private static ComplianceRow withoutLabel(final ComplianceRow row) {
        return row == null ? null : ComplianceRow.newBuilder(row).setLabel(null).build();
    }

    private static ComplianceDelta delta(final Contribution minus, final Contribution plus, final String label) {
        return ComplianceDelta.newBuilder().setDimension(Dimension.COUNTRY).setReporterType(ReporterType.STATE)
            .setKey("FRA").setLabel(label).setMinus(minus).setPlus(plus).build();
    }

    private static ComplianceRow add(final ComplianceRow row, final ImplementationStatus status,
                                     final Boolean should) {
        return apply(row, null, contribution(status, should));
    }

    private static ComplianceRow apply(final ComplianceRow row, final Contribution minus, final Contribution plus) {
        return ComplianceRows.apply(row, ComplianceDelta.newBuilder().setDimension(Dimension.COUNTRY)
            .setReporterType(ReporterType.STATE).setKey("FRA").setLabel("France").setMinus(minus).setPlus(plus)
            .build(), 4, null, AT.toEpochMilli());
    }

    private static Contribution contribution(final ImplementationStatus status, final Boolean should) {
        return new Contribution(status, true, AT, should);
    }
}
