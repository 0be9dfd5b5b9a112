package org.tipmonitor.alerts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.tipmonitor.avro.Alert;
import org.tipmonitor.avro.AlertCategory;
import org.tipmonitor.avro.AlertKind;
import org.tipmonitor.avro.AlertSeverity;
import org.tipmonitor.avro.AlertStatus;

/**
 * Which alerts a reader asks for. Each criterion is a set of accepted values, empty for any; an alert matches when
 * it meets every criterion. Parsed from query parameters ({@code ?status=OPEN&severity=HIGH,MEDIUM&country=fra}):
 * values are comma-separated alternatives, enum names and country codes are case-insensitive, recommendation ids
 * are taken as written.
 */
public record AlertFilter(Set<AlertStatus> statuses, Set<AlertKind> kinds, Set<String> countries,
                          Set<String> recommendations, Set<AlertSeverity> severities,
                          Set<AlertCategory> categories) {

    public static final String STATUS = "status";
    public static final String KIND = "kind";
    public static final String COUNTRY = "country";
    public static final String RECOMMENDATION = "recommendation";
    public static final String SEVERITY = "severity";
    public static final String CATEGORY = "category";
    /** The parameters the filter reads; any other parameter is left to the caller (paging, "at", ...). */
    public static final Set<String> PARAMETERS = Set.of(STATUS, KIND, COUNTRY, RECOMMENDATION, SEVERITY, CATEGORY);

    public AlertFilter {
        statuses = Set.copyOf(statuses);
        kinds = Set.copyOf(kinds);
        countries = Set.copyOf(countries);
        recommendations = Set.copyOf(recommendations);
        severities = Set.copyOf(severities);
        categories = Set.copyOf(categories);
    }

    /** The same filter with these statuses instead of its own. */
    public AlertFilter withStatuses(final Set<AlertStatus> only) {
        return new AlertFilter(only, kinds, countries, recommendations, severities, categories);
    }

    /** The filter every alert matches. */
    public static AlertFilter all() {
        return new AlertFilter(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of());
    }

    /**
     * The filter the parameters describe; parameters not in {@link #PARAMETERS} are ignored.
     *
     * @throws InvalidAlertFilterException naming every parameter that is empty or holds an unknown value
     */
    public static AlertFilter parse(final Map<String, String> parameters) {
        final List<String> problems = new ArrayList<>();
        final AlertFilter filter = new AlertFilter(
            enums(parameters, STATUS, AlertStatus.class, problems),
            enums(parameters, KIND, AlertKind.class, problems),
            values(parameters, COUNTRY, value -> value.toUpperCase(Locale.ROOT), problems),
            values(parameters, RECOMMENDATION, Function.identity(), problems),
            enums(parameters, SEVERITY, AlertSeverity.class, problems),
            enums(parameters, CATEGORY, AlertCategory.class, problems));
        if (!problems.isEmpty()) {
            throw new InvalidAlertFilterException(problems);
        }
        return filter;
    }

    public boolean matches(final Alert alert) {
        return accepts(statuses, alert.getStatus())
            && accepts(kinds, alert.getKind())
            && accepts(countries, alert.getCountry())
            && accepts(recommendations, alert.getRecommendationId())
            && accepts(severities, alert.getSeverity())
            && accepts(categories, alert.getCategory());
    }

    private static <T> boolean accepts(final Set<T> accepted, final T value) {
        return accepted.isEmpty() || value != null && accepted.contains(value);
    }

    private static Set<String> values(final Map<String, String> parameters, final String name,
                                      final Function<String, String> normalise, final List<String> problems) {
        final String raw = parameters.get(name);
        if (raw == null) {
            return Set.of();
        }
        final Set<String> values = new LinkedHashSet<>();
        for (final String part : raw.split(",", -1)) {
            final String value = part.strip();
            if (value.isEmpty()) {
                problems.add(name + ": empty value in \"" + raw + "\" (give one or more values separated by commas)");
                return Set.of();
            }
            values.add(normalise.apply(value));
        }
        return values;
    }

    private static <E extends Enum<E>> Set<E> enums(final Map<String, String> parameters, final String name,
                                                    final Class<E> type, final List<String> problems) {
        final Set<E> parsed = new LinkedHashSet<>();
        for (final String value : values(parameters, name, value -> value.toUpperCase(Locale.ROOT), problems)) {
            try {
                parsed.add(Enum.valueOf(type, value));
            } catch (final IllegalArgumentException unknown) {
                problems.add(name + ": unknown value \"" + value + "\"; expected one of "
                    + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
            }
        }
        return parsed;
    }
}
