package org.tipmonitor.cycles;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.tipmonitor.avro.Cell;
import org.tipmonitor.avro.GlotipRow;
import org.tipmonitor.compliance.ComplianceStreams;
import org.tipmonitor.compliance.StoreNames;
import org.tipmonitor.compliance.TipSerdes;
import org.tipmonitor.compliance.TopicNames;

/**
 * The reporting-cycle part of the topology: when a cycle's cut-off passes, its snapshot goes to
 * {@value TopicNames#REPORT_GLOTIP} as GLOTIP rows (para 44).
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

    /** Per cell task: edition to the cut-off (epoch ms) of the snapshot share it has taken. */
    public static final String SNAPSHOTS_TAKEN = "cycle-snapshots-taken";
    /** edition|cellKey|submittedAt to the cell versions of each edition's snapshot. */
    public static final String SNAPSHOT_CELLS = "cycle-snapshot-cells";
    /** Row key (edition|iso3|indicator|category) to the GLOTIP row last emitted; queryable. */
    public static final String GLOTIP_ROWS = "cycle-glotip-rows";
    /** Name of the repartition that brings an edition's shares together. */
    public static final String CONTRIBUTIONS = "cycle-snapshot-contributions";

    private ReportingCycles() {
    }

    /** Adds the cycle part to the builder; returns the GLOTIP rows (key: row key; null value: row withdrawn). */
    public static KStream<String, GlotipRow> wire(final StreamsBuilder builder, final ComplianceStreams compliance,
                                                  final CycleCalendar calendar, final TipSerdes serdes) {
        final KStream<String, GlotipRow> rows = compliance.latestCells()
            .process(TakeSnapshotsProcessor.supplier(calendar), Named.as("take-cycle-snapshots"),
                StoreNames.CELLS, StoreNames.CELL_INDEX)
            .repartition(Repartitioned.with(Serdes.String(), serdes.value(Cell.class)).withName(CONTRIBUTIONS))
            .process(AggregateSnapshotsProcessor.supplier(calendar, serdes), Named.as("aggregate-cycle-snapshots"));
        rows.to(TopicNames.REPORT_GLOTIP, Produced.with(Serdes.String(), serdes.value(GlotipRow.class))
            .withName("glotip-sink"));
        return rows;
    }
}
