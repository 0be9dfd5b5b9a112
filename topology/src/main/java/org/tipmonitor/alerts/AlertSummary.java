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
 * (NOT_REPORTED, STALE, ASSISTANCE_NEEDED: about a State) counts under {@link #NONE}. {@link #byKindAndSeverity()}
 * is the dashboard's first table (kind × severity), so that it need not fetch every alert to draw it.
 */
public record AlertSummary(int total, Map<String, Integer> byKind, Map<String, Integer> bySeverity,
                           Map<String, Map<String, Integer>> byKindAndSeverity,
                           Map<String, Integer> byRegion, Map<String, Integer> byRecommendation) {

    /** The key of the alerts a breakdown does not apply to. */
    public static final String NONE = "none";

    public AlertSummary {
        byKind = sorted(byKind);
        bySeverity = sorted(bySeverity);
        final Map<String, Map<String, Integer>> nested = new TreeMap<>();
        byKindAndSeverity.forEach((kind, severities) -> nested.put(kind, sorted(severities)));
        byKindAndSeverity = Collections.unmodifiableMap(nested);
        byRegion = sorted(byRegion);
        byRecommendation = sorted(byRecommendation);
    }

    /** The summary of the given alerts (already filtered: open ones, usually). */
    public static AlertSummary of(final Collection<Alert> alerts) {
        return new AlertSummary(alerts.size(),
            count(alerts, alert -> alert.getKind().name()),
            count(alerts, alert -> alert.getSeverity().name()),
            byKindAndSeverity(alerts),
            count(alerts, Alert::getRegion),
            count(alerts, Alert::getRecommendationId));
    }

    private static Map<String, Map<String, Integer>> byKindAndSeverity(final Collection<Alert> alerts) {
        final Map<String, Map<String, Integer>> counts = new TreeMap<>();
        for (final Alert alert : alerts) {
            counts.computeIfAbsent(alert.getKind().name(), kind -> new TreeMap<>())
                .merge(alert.getSeverity().name(), 1, Integer::sum);
        }
        return counts;
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
