package org.tipmonitor.cycles;

import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.tipmonitor.avro.Cell;
import org.tipmonitor.avro.CellFootprint;
import org.tipmonitor.avro.ComplianceDelta;
import org.tipmonitor.avro.ComplianceRow;
import org.tipmonitor.avro.Dimension;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.compliance.CellKey;
import org.tipmonitor.compliance.ComplianceRows;
import org.tipmonitor.compliance.Expectations;
import org.tipmonitor.compliance.Footprints;
import org.tipmonitor.compliance.ReferenceData;
import org.tipmonitor.topology.channels.ComplianceTable;

/**
 * The compliance tables as they stood at an instant, computed from the cells as they stood then. Every cell goes
 * through the live topology's own steps (its footprint from {@link Footprints#resolve}, the delta of a new cell
 * from {@link Footprints#diff}, the row arithmetic of {@link ComplianceRows#apply} with the expectation of
 * {@link Expectations#expected}), so the as-of tables and the live tables agree by construction.
 *
 * <p>Two fields can differ from the live rows by nature: {@code updatedAt} is the as-of instant, and
 * {@code lastSubmittedAt} is the latest submittedAt among the cells in the row (the live row also remembers cells
 * that reference-data changes have since moved out of it).
 */
public final class AsOfTables {

    private final Map<ComplianceTable, Map<String, ComplianceRow>> tables;

    private AsOfTables(final Map<ComplianceTable, Map<String, ComplianceRow>> tables) {
        this.tables = new EnumMap<>(ComplianceTable.class);
        for (final ComplianceTable table : ComplianceTable.values()) {
            this.tables.put(table, Map.copyOf(tables.getOrDefault(table, Map.of())));
        }
    }

    /**
     * The tables at {@code asOf}.
     *
     * @param cells     the cells as they stood at {@code asOf}, e.g. read with
     *                  {@code VersionedKeyValueStore#get(key, asOfMillis)}; if several versions of a cell are given,
     *                  the latest not after {@code asOf} counts, and versions after it are ignored
     * @param reference the reference data to resolve the cells against (the live tables use the current ones)
     * @param asOf      the instant; also the {@code updatedAt} of every row
     */
    public static AsOfTables of(final Collection<Cell> cells, final ReferenceData reference, final Instant asOf) {
        final Map<ComplianceTable, Map<String, ComplianceRow>> tables = new EnumMap<>(ComplianceTable.class);
        final long now = asOf.toEpochMilli();
        // The reference data do not change during one computation, so each row's expectation is read once.
        final Map<String, Integer> expectations = new HashMap<>();
        for (final Cell cell : CellVersions.latestAsOf(cells, asOf)) {
            final CellFootprint footprint = Footprints.resolve(CellKey.of(cell), cell.getStatus(),
                cell.getSubmissionId(), cell.getSubmittedAt().toEpochMilli(), reference, asOf);
            for (final ComplianceDelta delta : Footprints.diff(null, footprint)) {
                final Map<String, ComplianceRow> table = tables.computeIfAbsent(
                    ComplianceTable.of(delta.getDimension()), t -> new TreeMap<>());
                final String key = CellKey.rowKey(delta.getReporterType(), delta.getKey());
                final int expected = expectations.computeIfAbsent(delta.getDimension() + "|" + key,
                    k -> Expectations.expected(delta.getDimension(), delta.getReporterType(), delta.getKey(),
                        reference, asOf));
                table.put(key, ComplianceRows.apply(table.get(key), delta, expected,
                    ComplianceRows.forceOf(delta.getDimension(), delta.getKey(), reference), now));
            }
        }
        return new AsOfTables(tables);
    }

    /** TYPE|RECOMMENDATION to row, as in the store compliance-by-recommendation. */
    public Map<String, ComplianceRow> byRecommendation() {
        return table(ComplianceTable.RECOMMENDATION);
    }

    /** TYPE|ISO3 to row, as in the store compliance-by-country. */
    public Map<String, ComplianceRow> byCountry() {
        return table(ComplianceTable.COUNTRY);
    }

    /** TYPE|M49 to row (regions and sub-regions), as in the store compliance-by-region. */
    public Map<String, ComplianceRow> byRegion() {
        return table(ComplianceTable.REGION);
    }

    /** TYPE|THEME to row, as in the store compliance-by-theme. */
    public Map<String, ComplianceRow> byTheme() {
        return table(ComplianceTable.THEME);
    }

    /** A table as its live store holds it: row key to row. */
    public Map<String, ComplianceRow> table(final ComplianceTable table) {
        return tables.get(table);
    }

    /** One row, or null: e.g. {@code row(Dimension.COUNTRY, ReporterType.STATE, "FRA")}. */
    public ComplianceRow row(final Dimension dimension, final ReporterType reporterType, final String key) {
        return table(ComplianceTable.of(dimension)).get(CellKey.rowKey(reporterType, key));
    }
}
