package org.tipmonitor.reference;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tipmonitor.avro.Addressee;
import org.tipmonitor.avro.Force;
import org.tipmonitor.avro.Recommendation;
import org.tipmonitor.avro.Theme;

/**
 * How the catalogue divides up: recommendations per section, addressee, force and theme. Every
 * symbol of the addressee, force and theme enums is listed, zero or not, so that an unused theme
 * shows. A recommendation counts once per addressee and once per theme it has, so those columns
 * can add up to more than the total.
 */
public final class CatalogueSummary {

    private static final int MAX_TITLE_IN_TABLE = 72;

    private final int total;
    private final Map<String, Integer> bySection;
    private final Map<String, String> sectionTitles;
    private final Map<Addressee, Integer> byAddressee;
    private final Map<Force, Integer> byForce;
    private final Map<Theme, Integer> byTheme;

    CatalogueSummary(final List<Recommendation> recommendations) {
        final Map<String, Integer> sections = new LinkedHashMap<>();
        final Map<String, String> titles = new LinkedHashMap<>();
        final Map<Addressee, Integer> addressees = zeros(Addressee.class);
        final Map<Force, Integer> forces = zeros(Force.class);
        final Map<Theme, Integer> themes = zeros(Theme.class);
        for (final Recommendation r : recommendations) {
            // Letters restart in every report, so a section is known by its session and letter.
            final String section = r.getSession().getId() + " " + r.getSection().getLetter();
            sections.merge(section, 1, Integer::sum);
            titles.putIfAbsent(section, r.getSection().getTitleEn());
            r.getAddressees().forEach(a -> addressees.merge(a, 1, Integer::sum));
            forces.merge(r.getForce(), 1, Integer::sum);
            r.getThemes().forEach(t -> themes.merge(t, 1, Integer::sum));
        }
        this.total = recommendations.size();
        this.bySection = Collections.unmodifiableMap(sections);
        this.sectionTitles = Collections.unmodifiableMap(titles);
        this.byAddressee = Collections.unmodifiableMap(addressees);
        this.byForce = Collections.unmodifiableMap(forces);
        this.byTheme = Collections.unmodifiableMap(themes);
    }

    private static <E extends Enum<E>> Map<E, Integer> zeros(final Class<E> type) {
        final Map<E, Integer> counts = new EnumMap<>(type);
        for (final E symbol : type.getEnumConstants()) {
            counts.put(symbol, 0);
        }
        return counts;
    }

    public int total() {
        return total;
    }

    /** @return recommendations per section, keyed {@code "<session> <letter>"} (e.g. {@code "2013 C"}), in report order. */
    public Map<String, Integer> bySection() {
        return bySection;
    }

    /** @return the English title of each section, same keys as {@link #bySection()}. */
    public Map<String, String> sectionTitles() {
        return sectionTitles;
    }

    public Map<Addressee, Integer> byAddressee() {
        return byAddressee;
    }

    public Map<Force, Integer> byForce() {
        return byForce;
    }

    public Map<Theme, Integer> byTheme() {
        return byTheme;
    }

    /** @return a plain-text table of the counts, for the command line. */
    public String toTable() {
        final StringBuilder out = new StringBuilder();
        out.append("Recommendations: ").append(total).append('\n');
        out.append("\nSection\n");
        for (final Map.Entry<String, Integer> entry : bySection.entrySet()) {
            out.append(String.format(Locale.ROOT, "  %-8s %4d  %s%n",
                    entry.getKey(), entry.getValue(), shorten(sectionTitles.get(entry.getKey()))));
        }
        appendCounts(out, "Addressee (a recommendation may have several)", byAddressee);
        appendCounts(out, "Force", byForce);
        appendCounts(out, "Theme (a recommendation may have several)", byTheme);
        return out.toString();
    }

    /** Some titles run to two hundred characters; a terminal table needs only enough to recognise them. */
    private static String shorten(final String title) {
        return title.length() <= MAX_TITLE_IN_TABLE ? title : title.substring(0, MAX_TITLE_IN_TABLE - 3) + "...";
    }

    private static void appendCounts(final StringBuilder out, final String heading, final Map<? extends Enum<?>, Integer> counts) {
        out.append('\n').append(heading).append('\n');
        for (final Map.Entry<? extends Enum<?>, Integer> entry : counts.entrySet()) {
            out.append(String.format(Locale.ROOT, "  %-28s %4d%n", entry.getKey().name(), entry.getValue()));
        }
    }

    @Override
    public String toString() {
        return toTable();
    }
}
