package org.tipmonitor.compliance;

import java.util.Locale;
import java.util.Objects;
import org.tipmonitor.avro.Cell;
import org.tipmonitor.avro.ReporterType;

/**
 * Identity of a cell of the compliance matrix: one reporter kind's view of one country's implementation of one
 * recommendation. Its string form {@code STATE|FRA|2013.10} is the key of the cell topics and stores; the reporter
 * type comes first so that one reporter kind's cells form a contiguous key range.
 */
public record CellKey(ReporterType reporterType, String country, String recommendationId) {

    static final char SEPARATOR = '|';

    public CellKey {
        Objects.requireNonNull(reporterType, "reporterType");
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(recommendationId, "recommendationId");
    }

    public static CellKey of(final Cell cell) {
        return new CellKey(cell.getReporterType(), cell.getCountry(), cell.getRecommendationId());
    }

    public static CellKey parse(final String key) {
        final String[] parts = key.split("\\|", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a cell key (expected TYPE|COUNTRY|RECOMMENDATION): " + key);
        }
        return new CellKey(ReporterType.valueOf(parts[0].toUpperCase(Locale.ROOT)), parts[1], parts[2]);
    }

    /** Key of a compliance row: the reporter type and the row's own key, e.g. {@code STATE|2013.10}. */
    public static String rowKey(final ReporterType reporterType, final String key) {
        return reporterType.name() + SEPARATOR + key;
    }

    public String asString() {
        return reporterType.name() + SEPARATOR + country + SEPARATOR + recommendationId;
    }

    @Override
    public String toString() {
        return asString();
    }
}
