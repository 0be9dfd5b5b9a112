package org.tipmonitor.compliance;

import java.util.Map;
import java.util.Objects;
import org.apache.kafka.streams.kstream.KStream;
import org.tipmonitor.avro.Cell;
import org.tipmonitor.avro.ComplianceRow;
import org.tipmonitor.avro.StatisticCell;
import org.tipmonitor.topology.channels.ComplianceTable;

/**
 * The typed streams of the compliance part that later parts of the topology read. Each stream belongs to the
 * sub-topology that makes it; a part that reads one repartitions it at its own edge (or runs in that sub-topology
 * when it must read its stores, as the cycle snapshots do).
 *
 * @param acceptedCells every accepted response as a cell update, keyed by cell, timestamped with submittedAt
 *                      capped at its submission record's timestamp (older revisions included: they count as having reported in their cycle); made in the
 *                      acceptance sub-topology
 * @param latestCells   cell updates that became the cell's latest status; made in the cell-store sub-topology,
 *                      next to the {@code cells} and {@code cell-index} stores
 * @param rows          per table, the changes of its rows (null value: the row left); each made in its table's
 *                      sub-topology
 * @param acceptedStatistics every accepted national statistic as a version of its cell, keyed by the State's
 *                      ISO3, timestamped with submittedAt; made in the acceptance sub-topology
 */
public record ComplianceOutputs(KStream<String, Cell> acceptedCells, KStream<String, Cell> latestCells,
                                Map<ComplianceTable, KStream<String, ComplianceRow>> rows,
                                KStream<String, StatisticCell> acceptedStatistics) {

    public ComplianceOutputs {
        Objects.requireNonNull(acceptedCells, "acceptedCells");
        Objects.requireNonNull(latestCells, "latestCells");
        rows = Map.copyOf(rows);
        Objects.requireNonNull(acceptedStatistics, "acceptedStatistics");
    }

    /** The row changes of one table. */
    public KStream<String, ComplianceRow> rows(final ComplianceTable table) {
        return rows.get(table);
    }
}
