package org.tipmonitor.statistics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.GlotipRow;
import org.tipmonitor.avro.M49Area;
import org.tipmonitor.compliance.ReferenceData;

/**
 * The Global Report rows of M49 regions and sub-regions: per area, the sum of its States' rows with the same
 * indicator, year, dimension, category, sex and age. Summing across States never double counts (each State counts
 * its own cases); an area row covers only the States that reported, which its Source says. The area's M49 code is
 * in the first column and its name in the second (the file's header names them {@code M49_code,Area}); Region is
 * the region (the parent region for a sub-region), Subregion the sub-region (empty on a region row).
 */
public final class RegionalAggregates {

    private RegionalAggregates() {
    }

    /** The area rows of the given country rows (of one edition), in M49 code and then country-row order. */
    public static List<GlotipRow> of(final List<GlotipRow> countryRows, final ReferenceData reference) {
        final Map<String, Sum> sums = new TreeMap<>();
        for (final GlotipRow row : countryRows) {
            final Optional<Country> country = reference.country(row.getIso3());
            if (country.isEmpty() || row.getValue() == null) {
                continue;
            }
            final M49Area region = country.get().getRegion();
            final M49Area subRegion = country.get().getSubRegion();
            if (region != null) {
                add(sums, row, region.getCode(), region.getName(), region.getName(), "");
            }
            if (subRegion != null) {
                add(sums, row, subRegion.getCode(), subRegion.getName(), region == null ? "" : region.getName(),
                    subRegion.getName());
            }
        }
        final List<GlotipRow> rows = new ArrayList<>();
        sums.values().forEach(sum -> rows.add(GlotipRow.newBuilder(sum.first)
            .setIso3(sum.code)
            .setCountry(sum.name)
            .setRegion(sum.region)
            .setSubregion(sum.subregion)
            .setValue(sum.value)
            .setSource("National authorities of " + sum.states.size() + " State"
                + (sum.states.size() == 1 ? "" : "s") + " (" + String.join(", ", sum.states) + "), summed by tip-monitor")
            .build()));
        rows.sort(Comparator.comparing(GlotipRow::getIso3).thenComparing(GlotipStatistics.ORDER));
        return rows;
    }

    private static void add(final Map<String, Sum> sums, final GlotipRow row, final String code, final String name,
                            final String region, final String subregion) {
        final String key = code + '|' + GlotipStatistics.key(GlotipRow.newBuilder(row).setIso3(code).build());
        sums.computeIfAbsent(key, k -> new Sum(row, code, name, region, subregion)).add(row);
    }

    private static final class Sum {
        private final GlotipRow first;
        private final String code;
        private final String name;
        private final String region;
        private final String subregion;
        private final TreeSet<String> states = new TreeSet<>();
        private double value;

        Sum(final GlotipRow first, final String code, final String name, final String region,
            final String subregion) {
            this.first = first;
            this.code = code;
            this.name = name;
            this.region = region;
            this.subregion = subregion;
        }

        void add(final GlotipRow row) {
            states.add(row.getIso3());
            value += row.getValue();
        }
    }
}
