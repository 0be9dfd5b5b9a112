package org.tipmonitor.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.VersionedRecord;
import org.tipmonitor.avro.Cell;
import org.tipmonitor.avro.CellFootprint;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.avro.StatisticCell;
import org.tipmonitor.compliance.CellKey;
import org.tipmonitor.compliance.ReferenceData;
import org.tipmonitor.cycles.AsOfTables;
import org.tipmonitor.cycles.Cycle;
import org.tipmonitor.cycles.CycleSnapshots;
import org.tipmonitor.avro.GlotipRow;

/**
 * Reads the versioned cell store as it stood at an instant, for the {@code asOf} answers of the compliance
 * endpoints and for the reporting-cycle exports. The cell keys come from the {@code cell-index} store (every cell
 * ever written has an entry there, and cells are never deleted); the versions are read in batches, one request
 * per instance ({@link StoreQueries#getAsOf(QueryableStore, java.util.Collection, Instant)}).
 */
final class AsOfService {

    private final StoreQueries queries;

    AsOfService(final StoreQueries queries) {
        this.queries = queries;
    }

    /** The reference data as the global stores hold them now (the live tables resolve cells against them too). */
    ReferenceData reference() {
        return ReferenceData.of(values(queries.all(ComplianceStores.RECOMMENDATIONS)),
            values(queries.all(ComplianceStores.COUNTRIES)));
    }

    /** Every version of every national statistics cell, of every State (a small store: a few figures a year). */
    List<StatisticCell> statisticVersions() {
        return values(queries.all(CyclesModule.STATISTIC_VERSIONS));
    }

    /** The keys of every cell of one reporter type. */
    List<String> cellKeys(final ReporterType type) {
        final List<String> keys = new ArrayList<>();
        for (final KeyValue<String, CellFootprint> row
            : queries.prefix(ComplianceStores.CELL_INDEX, CellKey.rowKey(type, ""))) {
            keys.add(row.key);
        }
        return keys;
    }

    /** The cells of one reporter type as they stood at {@code asOf}, in key order. */
    List<Cell> cellsAsOf(final ReporterType type, final Instant asOf) {
        final List<String> keys = cellKeys(type);
        final Map<String, VersionedRecord<Cell>> versions = queries.getAsOf(ComplianceStores.CELLS, keys, asOf);
        final List<Cell> cells = new ArrayList<>();
        for (final String key : keys) {
            final VersionedRecord<Cell> version = versions.get(key);
            if (version != null && version.value() != null) {
                cells.add(version.value());
            }
        }
        return cells;
    }

    /** One reporter type's compliance tables at {@code asOf}. */
    AsOfTables tablesAsOf(final ReporterType type, final Instant asOf) {
        return AsOfTables.of(cellsAsOf(type, asOf), reference(), asOf);
    }

    /**
     * What a cycle's export needs, from one batched read of the State cells' histories: the versions standing at
     * the cut-off and those submitted in the cycle (both may overlap; {@link CycleSnapshots} sorts them out).
     */
    CycleCells cycleCells(final Cycle cycle) {
        final List<String> keys = cellKeys(ReporterType.STATE);
        final Map<String, List<VersionedRecord<Cell>>> histories = queries.histories(ComplianceStores.CELLS, keys);
        final List<Cell> notAfterCutoff = new ArrayList<>();
        final List<Cell> inCycle = new ArrayList<>();
        for (final String key : keys) {
            for (final VersionedRecord<Cell> version : histories.getOrDefault(key, List.of())) {
                final Cell cell = version.value();
                if (cell == null || cell.getSubmittedAt().isAfter(cycle.cutoff())) {
                    continue;
                }
                // AsOfTables and CycleSnapshots keep the latest version not after the cut-off of each cell.
                notAfterCutoff.add(cell);
                if (cycle.contains(cell.getSubmittedAt())) {
                    inCycle.add(cell);
                }
            }
        }
        return new CycleCells(cycle, notAfterCutoff, inCycle);
    }

    /**
     * The State cells of a cycle.
     *
     * @param asOfCutoff every version submitted at or before the cut-off (the latest per cell is the one that stood)
     * @param inCycle    the versions submitted in the cycle
     */
    record CycleCells(Cycle cycle, List<Cell> asOfCutoff, List<Cell> inCycle) {

        CycleCells {
            asOfCutoff = List.copyOf(asOfCutoff);
            inCycle = List.copyOf(inCycle);
        }

        /** The GLOTIP rows of the cycle. */
        List<GlotipRow> glotipRows(final ReferenceData reference) {
            return CycleSnapshots.rows(cycle, asOfCutoff, inCycle, reference);
        }

        /** The State tables at the cut-off. */
        AsOfTables tables(final ReferenceData reference) {
            return AsOfTables.of(asOfCutoff, reference, cycle.cutoff());
        }
    }

    private static <V> List<V> values(final List<KeyValue<String, V>> rows) {
        final List<V> values = new ArrayList<>(rows.size());
        rows.forEach(row -> values.add(row.value));
        return values;
    }
}
