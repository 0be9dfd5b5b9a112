package org.tipmonitor.alerts;

import org.tipmonitor.avro.Alert;
import org.tipmonitor.avro.AgeGroup;
import org.tipmonitor.avro.AlertKind;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.avro.Sex;
import org.tipmonitor.avro.StatisticForm;
import org.tipmonitor.avro.StatisticIndicator;
import org.tipmonitor.cycles.Cycle;
import org.tipmonitor.statistics.StatisticKey;

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

    /** {@code ASSISTANCE_NEEDED|FRA}: one per State, listing every recommendation it asks assistance on. */
    public static String assistanceNeeded(final String country) {
        return join(AlertKind.ASSISTANCE_NEEDED.name(), country);
    }

    /** {@code VIEWS_DIFFER|CIVIL_SOCIETY|FRA|2013.10}: one per non-State reporter kind. */
    public static String viewsDiffer(final ReporterType other, final String country, final String recommendationId) {
        return join(AlertKind.VIEWS_DIFFER.name(), other.name(), country, recommendationId);
    }

    /** {@code NOT_REPORTED|FRA|2026}. */
    public static String notReported(final String country, final int edition) {
        return join(AlertKind.NOT_REPORTED.name(), country, Integer.toString(edition));
    }

    /** The prefix of every NOT_REPORTED id, {@code NOT_REPORTED|}. */
    public static String notReportedPrefix() {
        return AlertKind.NOT_REPORTED.name() + SEPARATOR;
    }

    /** The prefix of every NOT_REPORTED id of a country, {@code NOT_REPORTED|FRA|}. */
    public static String notReportedPrefix(final String country) {
        return join(AlertKind.NOT_REPORTED.name(), country) + SEPARATOR;
    }

    /** How an alert names its cycle (its {@code cycle} field and the last part of a NOT_REPORTED id): the edition. */
    public static String cycle(final Cycle cycle) {
        return Integer.toString(cycle.edition());
    }

    /** {@code LOW_UPTAKE|2013.10}. */
    public static String lowUptake(final String recommendationId) {
        return join(AlertKind.LOW_UPTAKE.name(), recommendationId);
    }

    /** {@code STALE|FRA}. */
    public static String stale(final String country) {
        return join(AlertKind.STALE.name(), country);
    }

    /** {@code STATISTICS_MISMATCH|NGA|VICTIMS_DETECTED|2023|TOTAL|CHILD|TOTAL}: one per contradicted total. */
    public static String statisticsMismatch(final String country, final StatisticIndicator indicator, final int year,
                                            final Sex sex, final AgeGroup age, final StatisticForm form) {
        return statisticsMismatchPrefix(country, indicator, year) + join(sex.name(), age.name(),
            form == null ? StatisticKey.ALL : form.name());
    }

    /** The prefix of the STATISTICS_MISMATCH ids of a State's indicator and year. */
    public static String statisticsMismatchPrefix(final String country, final StatisticIndicator indicator,
                                                  final int year) {
        return join(AlertKind.STATISTICS_MISMATCH.name(), country, indicator.name(), Integer.toString(year))
            + SEPARATOR;
    }

    /**
     * Whether an alert is of a shape no rule raises any longer (OVERDUE, DIVERGENCE, ASSISTANCE_NEEDED per cell):
     * alerts from before contract version 2, closed as SUPERSEDED on upgrade.
     */
    public static boolean isRetired(final Alert alert) {
        return alert.getKind() == AlertKind.OVERDUE || alert.getKind() == AlertKind.DIVERGENCE
            || alert.getKind() == AlertKind.ASSISTANCE_NEEDED
                && !alert.getAlertId().equals(assistanceNeeded(String.valueOf(alert.getCountry())));
    }

    private static String join(final String... parts) {
        return String.join(SEPARATOR, parts);
    }
}
