package org.tipmonitor.cycles;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.tipmonitor.avro.GlotipRow;
import org.tipmonitor.compliance.ComplianceStreams;
import org.tipmonitor.compliance.TipSerdes;
import org.tipmonitor.topology.channels.Repartitions;
import org.tipmonitor.topology.channels.StateStores;
import org.tipmonitor.topology.channels.Topics;

/**
 * The reporting-cycle part of the topology: when a cycle's cut-off passes, its snapshot goes to
 * tip.report.glotip as GLOTIP rows (para 44).
 *
 * <pre>
 * latestCells ─ take-cycle-snapshots (stores cells, cell-index, cycle-snapshots-taken; punctuates)
 *             ─ repartition cycle-snapshot-contributions (key: edition)
 *             ─ aggregate-cycle-snapshots (stores cycle-snapshot-cells, cycle-glotip-rows) ─ glotip-sink
 * </pre>
 *
 * <p>take-cycle-snapshots runs in the sub-topology of apply-cell-updates, because the versioned cell store is
 * partitioned by cell key and only that sub-topology's tasks can read it.
 */
public final class ReportingCycles {

    private ReportingCycles() {
    }

    /** Adds the cycle part to the builder; returns the GLOTIP rows (key: row key; null value: row withdrawn). */
    public static KStream<String, GlotipRow> wire(final StreamsBuilder builder, final ComplianceStreams compliance,
                                                  final CycleCalendar calendar, final TipSerdes serdes) {
        final KStream<String, GlotipRow> rows = compliance.latestCells()
            .process(TakeSnapshotsProcessor.supplier(calendar, serdes), Named.as("take-cycle-snapshots"),
                StateStores.CELLS.name(), StateStores.CELL_INDEX.name())
            .repartition(Repartitions.CYCLE_SNAPSHOT_CONTRIBUTIONS.repartitioned(serdes))
            .process(AggregateSnapshotsProcessor.supplier(calendar, serdes), Named.as("aggregate-cycle-snapshots"));
        rows.to(Topics.REPORT_GLOTIP.name(), Topics.REPORT_GLOTIP.produced(serdes, "glotip-sink"));
        return rows;
    }
}
