package org.tipmonitor.compliance;

import java.util.List;
import org.apache.kafka.streams.processor.api.Record;
import org.tipmonitor.avro.Cell;
import org.tipmonitor.avro.ComplianceDelta;
import org.tipmonitor.topology.channels.ComplianceTable;

/**
 * What apply-cell-updates made of one cell update (or of one reconciliation), for its typed children (see
 * {@link org.tipmonitor.topology.channels.Unpack}); never serialized.
 *
 * @param latest the cell, when it became its cell's latest (none for an older revision or a reconciliation)
 * @param deltas the row changes that follow, keyed by row ({@code TYPE|KEY})
 */
record CellChange(List<Record<String, Cell>> latest, List<Record<String, ComplianceDelta>> deltas) {

    CellChange {
        latest = List.copyOf(latest);
        deltas = List.copyOf(deltas);
    }

    /** The deltas of one compliance table. */
    List<Record<String, ComplianceDelta>> deltasOf(final ComplianceTable table) {
        return deltas.stream().filter(delta -> table.holds(delta.value().getDimension())).toList();
    }

    boolean isEmpty() {
        return latest.isEmpty() && deltas.isEmpty();
    }
}
