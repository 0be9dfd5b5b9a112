package org.tipmonitor.compliance;

import java.util.EnumMap;
import java.util.Map;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.tipmonitor.avro.Cell;
import org.tipmonitor.avro.ComplianceDelta;
import org.tipmonitor.avro.ComplianceRow;
import org.tipmonitor.avro.Rejection;
import org.tipmonitor.avro.StatisticCell;
import org.tipmonitor.topology.channels.ComplianceTable;
import org.tipmonitor.topology.channels.Repartitions;
import org.tipmonitor.topology.channels.StateStores;
import org.tipmonitor.topology.channels.Store;
import org.tipmonitor.topology.channels.Topics;
import org.tipmonitor.topology.channels.Unpack;

/**
 * The compliance part of the topology: from tip.submissions and the reference topics to the cells and the four
 * compliance tables. Each step that needs records of one key together starts after a repartition, so each is its
 * own sub-topology (see docs/tables.md):
 *
 * <ol>
 *   <li><b>screening</b>: submissions are screened and re-keyed by reporter and submissionId
 *       ({@link SubmissionKey}), then placed by the reporter's country (repartition {@code submissions-by-country},
 *       {@link org.tipmonitor.topology.channels.Placement#BY_COUNTRY});</li>
 *   <li><b>a country's submissions, cells and row</b>: submissions are de-duplicated (a redelivery meets its first
 *       copy in the same task) and validated, and the rejections go to tip.submissions.rejected; each valid
 *       response is a cell update for the versioned cell store, which keeps every version of a cell. A version
 *       that becomes the cell's latest goes to tip.cells and moves the cell between rows, as deltas. The deltas of
 *       one row are combined for a short while ({@link CombineDeltasProcessor}); the per-country rows are applied
 *       here, in the task that holds the country's cells, and the other tables' deltas cross one repartition per
 *       table ({@code compliance-by-<table>-deltas});</li>
 *   <li><b>one sub-topology per other table</b>: each applies its deltas to its rows incrementally and writes its
 *       topic.</li>
 * </ol>
 *
 * A submission thus reaches its per-country row across one repartition, and so one transaction boundary under
 * exactly-once, after the input. Processors whose outcome holds several record types forward it to typed children
 * ({@link Unpack}), so every stream carries one type. Reference data are global stores.
 */
public final class ComplianceTopology {

    private ComplianceTopology() {
    }

    /** Adds the compliance part to a builder and hands back the typed streams that later parts read. */
    public static ComplianceOutputs wire(final StreamsBuilder builder, final ComplianceConfig config,
                                         final TipSerdes serdes) {
        addReferenceStore(builder, StateStores.RECOMMENDATIONS, serdes, "recommendations");
        addReferenceStore(builder, StateStores.COUNTRIES, serdes, "countries");

        final KStream<String, Acceptance> accepted = builder
            .stream(Topics.SUBMISSIONS.name(), Topics.SUBMISSIONS.consumed(serdes, "submissions-source"))
            .processValues(ScreenSubmissionsProcessor::new, Named.as("screen-submissions"))
            .selectKey((key, submission) -> SubmissionKey.of(submission), Named.as("key-by-submission-id"))
            .repartition(Repartitions.SUBMISSIONS_BY_COUNTRY.repartitioned(serdes))
            .process(AcceptSubmissionsProcessor.supplier(config, serdes), Named.as("accept-submissions"));

        accepted.process(Unpack.<Acceptance, Rejection>of(Acceptance::rejections), Named.as("accepted-rejections"))
            .to(Topics.REJECTED.name(), Topics.REJECTED.produced(serdes, "rejections-sink"));
        final KStream<String, Cell> acceptedCells =
            accepted.process(Unpack.<Acceptance, Cell>of(Acceptance::cells), Named.as("accepted-cells"));
        final KStream<String, StatisticCell> acceptedStatistics = accepted.process(
            Unpack.<Acceptance, StatisticCell>of(Acceptance::statistics), Named.as("accepted-statistics"));

        // No repartition: a cell's country is its reporter's, so the cell is already in its country's task.
        final KStream<String, CellChange> changes = acceptedCells
            .process(ApplyCellUpdatesProcessor.supplier(config, serdes), Named.as("apply-cell-updates"));

        final KStream<String, Cell> latestCells =
            changes.process(Unpack.<CellChange, Cell>of(CellChange::latest), Named.as("latest-cells"));
        latestCells.to(Topics.CELLS.name(), Topics.CELLS.produced(serdes, "cells-sink"));

        final Map<ComplianceTable, KStream<String, ComplianceRow>> rows = new EnumMap<>(ComplianceTable.class);
        for (final ComplianceTable table : ComplianceTable.values()) {
            rows.put(table, aggregate(changes, table, config, serdes));
        }
        return new ComplianceOutputs(acceptedCells, latestCells, rows, acceptedStatistics);
    }

    /**
     * One table: its deltas, combined per row, applied to its rows; across a repartition by row into a
     * sub-topology of its own, or here when the table's rows live with the cells (the per-country table).
     */
    private static KStream<String, ComplianceRow> aggregate(final KStream<String, CellChange> changes,
                                                            final ComplianceTable table,
                                                            final ComplianceConfig config, final TipSerdes serdes) {
        final String stem = "by-" + table.label();
        final KStream<String, ComplianceDelta> combined = changes
            .process(Unpack.<CellChange, ComplianceDelta>of(change -> change.deltasOf(table)),
                Named.as("deltas-" + stem))
            .process(CombineDeltasProcessor.supplier(table, config, serdes), Named.as("combine-deltas-" + stem));
        final KStream<String, ComplianceRow> rows = table.deltas()
            .map(repartition -> combined.repartition(repartition.repartitioned(serdes)))
            .orElse(combined)
            .process(AggregateRowsProcessor.supplier(table, config, serdes), Named.as("aggregate-" + stem));
        rows.to(table.topic().name(), table.topic().produced(serdes, stem + "-sink"));
        return rows;
    }

    private static <V> void addReferenceStore(final StreamsBuilder builder, final Store.Global<V> store,
                                              final TipSerdes serdes, final String name) {
        builder.addGlobalStore(store.builder(serdes), store.source().name(),
            store.source().consumed(serdes, "update-" + name), () -> new ReferenceStoreUpdater<V>(store));
    }
}
