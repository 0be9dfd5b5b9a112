package org.tipmonitor.cycles;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.tipmonitor.avro.Cell;
import org.tipmonitor.avro.GlotipRow;
import org.tipmonitor.compliance.TipSerdes;
import org.tipmonitor.topology.channels.Repartitions;
import org.tipmonitor.topology.channels.StateStores;
import org.tipmonitor.topology.channels.Topics;

/**
 * The reporting-cycle part of the topology: when a cycle's cut-off passes, its snapshot goes to
 * tip.report.implementation as rows of our implementation indicators, in the long format of the Global Report
 * (para 44); the Report's own data are the statistics part's (org.tipmonitor.statistics).
 *
 * <pre>
 * latestCells ─ take-cycle-snapshots (stores cells, cell-index, cycle-snapshots-taken; punctuates)
 *             ─ repartition cycle-snapshot-contributions (key: edition)
 *             ─ aggregate-cycle-snapshots (stores cycle-snapshot-cells, cycle-glotip-rows) ─ implementation-sink
 * </pre>
 *
 * <p>take-cycle-snapshots runs in the cell-store sub-topology, next to apply-cell-updates, because the versioned
 * cell store is partitioned by cell key and only that sub-topology's tasks can read it; the repartition by edition
 * is its edge, and aggregate-cycle-snapshots is a sub-topology of its own.
 */
public final class ReportingCycles {

    private ReportingCycles() {
    }

    /**
     * Adds the cycle part to the builder; returns the GLOTIP rows (key: row key; null value: row withdrawn).
     *
     * @param latestCells the cells that became their cell's latest, in the cell-store sub-topology (whose stores
     *                    the snapshots read)
     */
    public static KStream<String, GlotipRow> wire(final StreamsBuilder builder,
                                                  final KStream<String, Cell> latestCells,
                                                  final CycleCalendar calendar, final TipSerdes serdes) {
        final KStream<String, GlotipRow> rows = latestCells
            .process(TakeSnapshotsProcessor.supplier(calendar, serdes), Named.as("take-cycle-snapshots"),
                StateStores.CELLS.name(), StateStores.CELL_INDEX.name())
            .repartition(Repartitions.CYCLE_SNAPSHOT_CONTRIBUTIONS.repartitioned(serdes))
            .process(AggregateSnapshotsProcessor.supplier(calendar, serdes), Named.as("aggregate-cycle-snapshots"));
        rows.to(Topics.REPORT_IMPLEMENTATION.name(), Topics.REPORT_IMPLEMENTATION.produced(serdes,
            "implementation-sink"));
        return rows;
    }
}
