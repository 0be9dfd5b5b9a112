package org.tipmonitor.cycles;

import java.util.Comparator;
import java.util.List;
import org.tipmonitor.avro.GlotipRow;

/** The vocabulary, keys and order of the implementation rows of a reporting cycle (implementation.csv). */
public final class GlotipRows {

    // Our own indicators of the implementation of the 2013 recommendations, not UNODC's: the prefix keeps anyone
    // from taking them for Global Report data (those are in org.tipmonitor.statistics).
    public static final String REPORTED_ON = "tip-monitor: Recommendations reported on";
    public static final String IMPLEMENTED = "tip-monitor: Recommendations implemented";
    public static final String APPLICABLE = "tip-monitor: Recommendations applicable";
    public static final String IMPLEMENTATION_RATE = "tip-monitor: Implementation rate";
    public static final String PROGRESS_SCORE = "tip-monitor: Implementation progress score";
    public static final String NON_PROTOCOL_EXPLOITATION = "tip-monitor: States reporting non-Protocol exploitation";

    /** The indicators in the order the export lists them. */
    public static final List<String> INDICATORS = List.of(REPORTED_ON, IMPLEMENTED, APPLICABLE, IMPLEMENTATION_RATE,
        PROGRESS_SCORE, NON_PROTOCOL_EXPLOITATION);

    public static final String TOTAL = "Total";
    public static final String BY_FORM = "by form of exploitation";
    public static final String NUMBER = "Number";
    public static final String RATE = "Rate";
    public static final String SCORE = "Score";

    /**
     * Deterministic order: edition, Iso3_code (M49 area codes are digits and so come before ISO3 letters),
     * indicator in {@link #INDICATORS} order, category (Total first, then forms in para 58 order), then the rest.
     */
    public static final Comparator<GlotipRow> ORDER = Comparator.comparingInt(GlotipRow::getEdition)
        .thenComparing(GlotipRow::getIso3)
        .thenComparingInt(row -> rank(INDICATORS.indexOf(row.getIndicator())))
        .thenComparing(GlotipRow::getIndicator)
        .thenComparing(GlotipRow::getDimension)
        .thenComparingInt(row -> TOTAL.equals(row.getCategory()) ? -1
            : rank(ExploitationForms.orderOf(row.getCategory())))
        .thenComparing(GlotipRow::getCategory)
        .thenComparing(GlotipRow::getSex)
        .thenComparing(GlotipRow::getAge);

    private GlotipRows() {
    }

    /**
     * Whether the row is an M49 area's (region or sub-region) rather than a State's: its Iso3_code is the area's
     * numeric M49 code. The files keep the two apart, so that Iso3_code is always an ISO3 code where it is named so.
     */
    public static boolean isAreaRow(final GlotipRow row) {
        final String code = row.getIso3();
        return !code.isEmpty() && code.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** The key of a row on tip.report.glotip, e.g. {@code 2016|FRA|Recommendations implemented|Total}. */
    public static String key(final GlotipRow row) {
        return keyPrefix(row.getEdition()) + row.getIso3() + '|' + row.getIndicator() + '|' + row.getCategory();
    }

    /** The common prefix of the keys of an edition's rows, e.g. {@code 2016|}. */
    public static String keyPrefix(final int edition) {
        return Integer.toString(edition) + '|';
    }

    private static int rank(final int index) {
        return index < 0 ? Integer.MAX_VALUE : index;
    }
}
