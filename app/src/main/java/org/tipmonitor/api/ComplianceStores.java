package org.tipmonitor.api;

import java.util.List;
import java.util.Locale;
import org.tipmonitor.avro.Cell;
import org.tipmonitor.avro.CellFootprint;
import org.tipmonitor.avro.ComplianceRow;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.Recommendation;
import org.tipmonitor.compliance.StoreNames;

/** The compliance topology's stores as the API reads them. */
public final class ComplianceStores {

    public static final QueryableStore<Recommendation> RECOMMENDATIONS =
        QueryableStore.global(StoreNames.RECOMMENDATIONS, Recommendation.class);
    public static final QueryableStore<Country> COUNTRIES =
        QueryableStore.global(StoreNames.COUNTRIES, Country.class);
    /** Key {@code TYPE|ISO3|RECID}. */
    public static final QueryableStore<Cell> CELLS = QueryableStore.versioned(StoreNames.CELLS, Cell.class);
    /** Key {@code TYPE|ISO3|RECID}; the latest status of every cell, cheap to enumerate. */
    public static final QueryableStore<CellFootprint> CELL_INDEX =
        QueryableStore.keyValue(StoreNames.CELL_INDEX, CellFootprint.class);
    public static final QueryableStore<ComplianceRow> BY_RECOMMENDATION =
        QueryableStore.keyValue(StoreNames.COMPLIANCE_BY_RECOMMENDATION, ComplianceRow.class);
    public static final QueryableStore<ComplianceRow> BY_COUNTRY =
        QueryableStore.keyValue(StoreNames.COMPLIANCE_BY_COUNTRY, ComplianceRow.class);
    public static final QueryableStore<ComplianceRow> BY_REGION =
        QueryableStore.keyValue(StoreNames.COMPLIANCE_BY_REGION, ComplianceRow.class);
    public static final QueryableStore<ComplianceRow> BY_THEME =
        QueryableStore.keyValue(StoreNames.COMPLIANCE_BY_THEME, ComplianceRow.class);

    /** The stores whose readiness {@code /ready} checks. */
    public static final List<QueryableStore<?>> ALL = List.of(RECOMMENDATIONS, COUNTRIES, CELLS, CELL_INDEX,
        BY_RECOMMENDATION, BY_COUNTRY, BY_REGION, BY_THEME);

    /** The table names of {@code /api/v1/tables/{dimension}}. */
    public static final List<String> TABLES = List.of("recommendation", "country", "region", "theme");

    private ComplianceStores() {
    }

    /** The compliance table of a dimension name as used in URLs (recommendation, country, region, theme). */
    public static QueryableStore<ComplianceRow> table(final String dimension) {
        switch (dimension.toLowerCase(Locale.ROOT)) {
            case "recommendation":
                return BY_RECOMMENDATION;
            case "country":
                return BY_COUNTRY;
            case "region":
                return BY_REGION;
            case "theme":
                return BY_THEME;
            default:
                throw ApiException.notFound("unknown table \"" + dimension + "\"; expected one of " + TABLES);
        }
    }
}
