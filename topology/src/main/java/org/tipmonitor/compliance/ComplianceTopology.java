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
 *       ({@link SubmissionKey}; repartition {@code submissions-by-id}), so that a redelivery meets its first copy
 *       and one reporter's ids never collide with another's;</li>
 *   <li><b>acceptance</b>: submissions are de-duplicated and validated; the rejections go to
 *       tip.submissions.rejected, each valid response becomes a cell update, re-keyed by cell (repartition
 *       {@code cell-updates});</li>
 *   <li><b>cell store</b>: the versioned cell store keeps every version of a cell; a version that becomes the
 *       cell's latest goes to tip.cells and moves the cell between rows, as deltas; the deltas of one row are
 *       combined for a short while ({@link CombineDeltasProcessor}) and cross one repartition per table
 *       ({@code compliance-by-<table>-deltas});</li>
 *   <li><b>one sub-topology per table</b>: each applies its deltas to its rows incrementally and writes its
 *       topic.</li>
 * </ol>
 *
 * Processors whose outcome holds several record types forward it to typed children ({@link Unpack}), so every
 * stream carries one type. Reference data are global stores.
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
            .repartition(Repartitions.SUBMISSIONS_BY_ID.repartitioned(serdes))
            .process(AcceptSubmissionsProcessor.supplier(config, serdes), Named.as("accept-submissions"));

        accepted.process(Unpack.<Acceptance, Rejection>of(Acceptance::rejections), Named.as("accepted-rejections"))
            .to(Topics.REJECTED.name(), Topics.REJECTED.produced(serdes, "rejections-sink"));
        final KStream<String, Cell> acceptedCells =
            accepted.process(Unpack.<Acceptance, Cell>of(Acceptance::cells), Named.as("accepted-cells"));
        final KStream<String, StatisticCell> acceptedStatistics = accepted.process(
            Unpack.<Acceptance, StatisticCell>of(Acceptance::statistics), Named.as("accepted-statistics"));

        final KStream<String, CellChange> changes = acceptedCells
            .repartition(Repartitions.CELL_UPDATES.repartitioned(serdes))
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

    /** One table: its deltas, repartitioned by row, applied to its rows in a sub-topology of its own. */
    private static KStream<String, ComplianceRow> aggregate(final KStream<String, CellChange> changes,
                                                            final ComplianceTable table,
                                                            final ComplianceConfig config, final TipSerdes serdes) {
        final String stem = "by-" + table.label();
        final KStream<String, ComplianceRow> rows = changes
            .process(Unpack.<CellChange, ComplianceDelta>of(change -> change.deltasOf(table)),
                Named.as("deltas-" + stem))
            .process(CombineDeltasProcessor.supplier(table, config, serdes), Named.as("combine-deltas-" + stem))
            .repartition(table.deltas().repartitioned(serdes))
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
