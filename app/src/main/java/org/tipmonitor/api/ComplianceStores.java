package org.tipmonitor.api;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.tipmonitor.avro.Cell;
import org.tipmonitor.avro.CellFootprint;
import org.tipmonitor.avro.ComplianceRow;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.Recommendation;
import org.tipmonitor.topology.channels.ComplianceTable;
import org.tipmonitor.topology.channels.StateStores;

/** The compliance topology's stores as the API reads them. */
public final class ComplianceStores {

    public static final QueryableStore<Recommendation> RECOMMENDATIONS = QueryableStore.of(StateStores.RECOMMENDATIONS);
    public static final QueryableStore<Country> COUNTRIES = QueryableStore.of(StateStores.COUNTRIES);
    /** Key {@code TYPE|ISO3|RECID}. */
    public static final QueryableStore<Cell> CELLS = QueryableStore.of(StateStores.CELLS);
    /** Key {@code TYPE|ISO3|RECID}; the latest status of every cell, cheap to enumerate. */
    public static final QueryableStore<CellFootprint> CELL_INDEX = QueryableStore.of(StateStores.CELL_INDEX);
    public static final QueryableStore<ComplianceRow> BY_RECOMMENDATION =
        QueryableStore.of(ComplianceTable.RECOMMENDATION.store());
    public static final QueryableStore<ComplianceRow> BY_COUNTRY = QueryableStore.of(ComplianceTable.COUNTRY.store());
    public static final QueryableStore<ComplianceRow> BY_REGION = QueryableStore.of(ComplianceTable.REGION.store());
    public static final QueryableStore<ComplianceRow> BY_THEME = QueryableStore.of(ComplianceTable.THEME.store());

    /** The stores whose readiness {@code /ready} checks. */
    public static final List<QueryableStore<?>> ALL = List.of(RECOMMENDATIONS, COUNTRIES, CELLS, CELL_INDEX,
        BY_RECOMMENDATION, BY_COUNTRY, BY_REGION, BY_THEME);

    /** The table names of {@code /api/v1/tables/{dimension}}. */
    public static final List<String> TABLES = Arrays.stream(ComplianceTable.values()).map(ComplianceTable::label)
        .toList();

    private ComplianceStores() {
    }

    /** The compliance table of a dimension name as used in URLs (recommendation, country, region, theme). */
    public static ComplianceTable tableNamed(final String dimension) {
        final String label = dimension.toLowerCase(Locale.ROOT);
        return Arrays.stream(ComplianceTable.values()).filter(table -> table.label().equals(label)).findFirst()
            .orElseThrow(() -> ApiException.notFound("unknown table \"" + dimension + "\"; expected one of " + TABLES));
    }

    /** The store of a compliance table named as in URLs (recommendation, country, region, theme). */
    public static QueryableStore<ComplianceRow> table(final String dimension) {
        return of(tableNamed(dimension));
    }

    /** The compliance table a store holds. */
    public static ComplianceTable tableOf(final QueryableStore<ComplianceRow> store) {
        return Arrays.stream(ComplianceTable.values()).filter(table -> of(table).equals(store)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("not a compliance table: " + store.name()));
    }

    /** The store of a compliance table. */
    public static QueryableStore<ComplianceRow> of(final ComplianceTable table) {
        switch (table) {
            case RECOMMENDATION:
                return BY_RECOMMENDATION;
            case COUNTRY:
                return BY_COUNTRY;
            case REGION:
                return BY_REGION;
            case THEME:
                return BY_THEME;
            default:
                throw new IllegalArgumentException("no store for " + table);
        }
    }
}
