package org.tipmonitor.statistics;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.tipmonitor.avro.AgeGroup;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.GlotipRow;
import org.tipmonitor.avro.M49Area;
import org.tipmonitor.avro.Sex;
import org.tipmonitor.avro.StatisticCell;
import org.tipmonitor.avro.StatisticForm;
import org.tipmonitor.avro.StatisticIndicator;
import org.tipmonitor.compliance.ReferenceData;
import org.tipmonitor.cycles.Cycle;

/**
 * The Global Report rows of an edition: the national statistics standing at its cut-off, as UNODC publishes them
 * (one row per State, indicator, data year, dimension, category, sex and age). Pure, so that the topology and the
 * HTTP export compute the same rows from the same versions.
 *
 * <ul>
 *   <li>The cells standing at the cut-off are the latest version of each submitted at or before it
 *       ({@link StatisticVersions}); data years after the cut-off year minus {@code tip.cycles.data-lag-years}
 *       are left for a later edition.</li>
 *   <li>Per State, indicator and year, the figures of {@link StatisticsCube}: Dimension {@code Total} (Category
 *       {@code Total}) and, for victims, {@code by form of exploitation} (Category the form), each with Sex
 *       Female/Male/Total and Age Adult/Child/Total, where the State gave anything under that point. Unknown sex,
 *       age or form count in the totals only; citizenship is added up, never a row.</li>
 *   <li>Only States of the reference data get rows (Country, Region and Subregion are their names).</li>
 * </ul>
 */
public final class GlotipStatistics {

    private static final List<Sex> SEXES = List.of(Sex.TOTAL, Sex.FEMALE, Sex.MALE);
    private static final List<AgeGroup> AGES = List.of(AgeGroup.TOTAL, AgeGroup.ADULT, AgeGroup.CHILD);

    /** UNODC's order: State, indicator, year, Total before the forms, Total before Female and Male, Adult, Child. */
    public static final Comparator<GlotipRow> ORDER = Comparator.comparingInt(GlotipRow::getEdition)
        .thenComparing(GlotipRow::getIso3)
        .thenComparingInt(row -> rankOfIndicator(row.getIndicator()))
        .thenComparingInt(GlotipRow::getYear)
        .thenComparingInt(row -> GlotipVocabulary.TOTAL.equals(row.getDimension()) ? 0 : 1)
        .thenComparingInt(row -> rankOfForm(row.getCategory()))
        .thenComparingInt(row -> rankOf(row.getSex(), SEXES.stream().map(GlotipVocabulary::sex).toList()))
        .thenComparingInt(row -> rankOf(row.getAge(), AGES.stream().map(GlotipVocabulary::age).toList()));

    /** Everything an edition's rows say, and the State totals their own breakdowns contradict. */
    public record Edition(List<GlotipRow> rows, List<String> mismatches) {

        public Edition {
            rows = List.copyOf(rows);
            mismatches = List.copyOf(mismatches);
        }
    }

    private GlotipStatistics() {
    }

    /** The last data year an edition carries. */
    public static int lastDataYear(final Cycle cycle, final StatisticsConfig config) {
        return cycle.cutoff().atZone(ZoneOffset.UTC).getYear() - config.dataLagYears();
    }

    /**
     * The rows of an edition.
     *
     * @param versions versions of statistics cells, of any States; those submitted after the cut-off are ignored
     */
    public static Edition rows(final Cycle cycle, final Collection<StatisticCell> versions,
                               final ReferenceData reference, final StatisticsConfig config) {
        final int lastYear = lastDataYear(cycle, config);
        final Map<String, List<StatisticCell>> groups = new TreeMap<>();
        for (final StatisticCell cell : StatisticVersions.standingAt(versions, cycle.cutoff())) {
            if (cell.getStatistic().getYear() > lastYear) {
                continue;
            }
            groups.computeIfAbsent(cell.getCountry() + '|' + cell.getStatistic().getIndicator() + '|'
                + cell.getStatistic().getYear(), key -> new ArrayList<>()).add(cell);
        }
        final List<GlotipRow> rows = new ArrayList<>();
        final List<String> mismatches = new ArrayList<>();
        for (final List<StatisticCell> group : groups.values()) {
            final StatisticCell first = group.get(0);
            final Optional<Country> country = reference.country(first.getCountry());
            if (country.isEmpty()) {
                continue; // Left the reference data: it has no name or region any more.
            }
            final StatisticIndicator indicator = first.getStatistic().getIndicator();
            final int year = first.getStatistic().getYear();
            final StatisticsCube cube = new StatisticsCube(group);
            for (final StatisticForm form : formsOf(indicator)) {
                for (final Sex sex : SEXES) {
                    for (final AgeGroup age : AGES) {
                        final StatisticsCube.Point point = new StatisticsCube.Point(sex, age, form, null);
                        cube.figure(point).ifPresent(figure -> rows.add(row(cycle, country.get(), indicator, year,
                            point, figure)));
                    }
                }
            }
            mismatches(indicator, cube).forEach(m -> mismatches.add(first.getCountry() + ' ' + indicator + ' '
                + year + " (sex " + m.point().sex() + ", age " + m.point().age() + ", form " + m.point().form()
                + "): stated total " + m.stated() + ", its parts by " + m.dimension() + " add up to "
                + m.sumOfParts()));
        }
        rows.sort(ORDER);
        return new Edition(rows, mismatches);
    }

    /**
     * The totals the State gave that one of its own breakdowns contradicts, at the points the feed has rows for, in
     * the feed's order.
     *
     * @param standing the standing cells of one State, indicator and year
     */
    public static List<StatisticsCube.Mismatch> mismatches(final StatisticIndicator indicator,
                                                           final Collection<StatisticCell> standing) {
        return mismatches(indicator, new StatisticsCube(standing));
    }

    private static List<StatisticsCube.Mismatch> mismatches(final StatisticIndicator indicator,
                                                            final StatisticsCube cube) {
        final List<StatisticsCube.Mismatch> found = new ArrayList<>();
        for (final StatisticForm form : formsOf(indicator)) {
            for (final Sex sex : SEXES) {
                for (final AgeGroup age : AGES) {
                    found.addAll(cube.mismatches(new StatisticsCube.Point(sex, age, form, null)));
                }
            }
        }
        return found;
    }

    /** The key of a row on {@code tip.report.glotip}: edition, State and every column that tells rows apart. */
    public static String key(final GlotipRow row) {
        return row.getEdition() + "|" + row.getIso3() + '|' + row.getIndicator() + '|' + row.getYear() + '|'
            + row.getDimension() + '|' + row.getCategory() + '|' + row.getSex() + '|' + row.getAge();
    }

    /** The prefix of the keys of one edition's rows of one State. */
    public static String keyPrefix(final int edition, final String iso3) {
        return edition + "|" + iso3 + '|';
    }

    /** TOTAL then every published form for victims (UNKNOWN counts in the total only); no form for offenders. */
    private static List<StatisticForm> formsOf(final StatisticIndicator indicator) {
        if (indicator != StatisticIndicator.VICTIMS_DETECTED) {
            return Collections.singletonList(null);
        }
        return Arrays.stream(StatisticForm.values()).filter(form -> form != StatisticForm.UNKNOWN)
            .toList();
    }

    private static GlotipRow row(final Cycle cycle, final Country country, final StatisticIndicator indicator,
                                 final int year, final StatisticsCube.Point point,
                                 final StatisticsCube.Figure figure) {
        final boolean total = point.form() == null || point.form() == StatisticForm.TOTAL;
        return GlotipRow.newBuilder()
            .setEdition(cycle.edition())
            .setIso3(country.getIso3())
            .setCountry(country.getNameEn())
            .setRegion(nameOf(country.getRegion()))
            .setSubregion(nameOf(country.getSubRegion()))
            .setIndicator(GlotipVocabulary.indicator(indicator))
            .setDimension(total ? GlotipVocabulary.TOTAL : GlotipVocabulary.BY_FORM)
            .setCategory(total ? GlotipVocabulary.TOTAL : GlotipVocabulary.form(point.form()))
            .setSex(GlotipVocabulary.sex(point.sex()))
            .setAge(GlotipVocabulary.age(point.age()))
            .setYear(year)
            .setUnit(GlotipVocabulary.COUNTS)
            .setValue((double) figure.count())
            .setSource(GlotipVocabulary.source(figure.submissionIds()))
            .build();
    }

    private static String nameOf(final M49Area area) {
        return area == null ? "" : area.getName();
    }

    private static int rankOfIndicator(final String name) {
        for (final StatisticIndicator indicator : StatisticIndicator.values()) {
            if (indicator != StatisticIndicator.UNKNOWN && GlotipVocabulary.indicator(indicator).equals(name)) {
                return indicator.ordinal();
            }
        }
        return Integer.MAX_VALUE;
    }

    private static int rankOfForm(final String category) {
        for (final StatisticForm form : StatisticForm.values()) {
            if (GlotipVocabulary.form(form).equals(category)) {
                return form.ordinal();
            }
        }
        return Integer.MAX_VALUE;
    }

    private static int rankOf(final String label, final List<String> labels) {
        final int index = labels.indexOf(label);
        return index < 0 ? Integer.MAX_VALUE : index;
    }
}
