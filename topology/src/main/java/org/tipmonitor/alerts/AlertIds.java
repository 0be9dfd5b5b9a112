package org.tipmonitor.alerts;

import org.tipmonitor.avro.AlertKind;
import org.tipmonitor.avro.ReporterType;

/**
 * Deterministic alert ids: the kind followed by what the condition is about, so that the same condition always
 * gets the same id (a re-open replaces the resolved alert) and the alerts of one kind and country form a key range.
 */
public final class AlertIds {

    private static final String SEPARATOR = "|";

    private AlertIds() {
    }

    /** {@code REGRESSION|STATE|FRA|2013.10}. */
    public static String regression(final String country, final String recommendationId) {
        return join(AlertKind.REGRESSION.name(), ReporterType.STATE.name(), country, recommendationId);
    }

    /** {@code ASSISTANCE_NEEDED|STATE|FRA|2013.10}. */
    public static String assistanceNeeded(final String country, final String recommendationId) {
        return join(AlertKind.ASSISTANCE_NEEDED.name(), ReporterType.STATE.name(), country, recommendationId);
    }

    /** {@code DIVERGENCE|CIVIL_SOCIETY|FRA|2013.10}: one per non-State reporter kind. */
    public static String divergence(final ReporterType other, final String country, final String recommendationId) {
        return join(AlertKind.DIVERGENCE.name(), other.name(), country, recommendationId);
    }

    /** {@code OVERDUE|FRA|2016}. */
    public static String overdue(final String country, final int edition) {
        return join(AlertKind.OVERDUE.name(), country, Integer.toString(edition));
    }

    /** The prefix of every OVERDUE id of a country, {@code OVERDUE|FRA|}. */
    public static String overduePrefix(final String country) {
        return join(AlertKind.OVERDUE.name(), country) + SEPARATOR;
    }

    /** {@code LOW_UPTAKE|2013.10}. */
    public static String lowUptake(final String recommendationId) {
        return join(AlertKind.LOW_UPTAKE.name(), recommendationId);
    }

    /** {@code STALE|FRA}. */
    public static String stale(final String country) {
        return join(AlertKind.STALE.name(), country);
    }

    private static String join(final String... parts) {
        return String.join(SEPARATOR, parts);
    }
}
