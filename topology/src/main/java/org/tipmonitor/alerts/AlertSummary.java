package org.tipmonitor.alerts;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.tipmonitor.avro.Alert;

/**
 * Counts of alerts by kind, severity, region and recommendation: the first screen of the dashboard and the daily
 * digest. Every breakdown adds up to {@link #total()}: an alert without a region (LOW_UPTAKE) or a recommendation
 * (NOT_REPORTED, STALE, ASSISTANCE_NEEDED: about a State) counts under {@link #NONE}.
 */
public record AlertSummary(int total, Map<String, Integer> byKind, Map<String, Integer> bySeverity,
                           Map<String, Integer> byRegion, Map<String, Integer> byRecommendation) {

    /** The key of the alerts a breakdown does not apply to. */
    public static final String NONE = "none";

    public AlertSummary {
        byKind = sorted(byKind);
        bySeverity = sorted(bySeverity);
        byRegion = sorted(byRegion);
        byRecommendation = sorted(byRecommendation);
    }

    /** The summary of the given alerts (already filtered: open ones, usually). */
    public static AlertSummary of(final Collection<Alert> alerts) {
        return new AlertSummary(alerts.size(),
            count(alerts, alert -> alert.getKind().name()),
            count(alerts, alert -> alert.getSeverity().name()),
            count(alerts, Alert::getRegion),
            count(alerts, Alert::getRecommendationId));
    }

    private static Map<String, Integer> sorted(final Map<String, Integer> counts) {
        return Collections.unmodifiableMap(new TreeMap<>(counts));
    }

    private static Map<String, Integer> count(final Collection<Alert> alerts, final Function<Alert, String> key) {
        final Map<String, Integer> counts = new TreeMap<>();
        for (final Alert alert : alerts) {
            final String value = key.apply(alert);
            counts.merge(value == null ? NONE : value, 1, Integer::sum);
        }
        return counts;
    }
}
