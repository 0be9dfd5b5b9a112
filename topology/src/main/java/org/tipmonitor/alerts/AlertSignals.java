package org.tipmonitor.alerts;

import org.tipmonitor.avro.AlertSignal;
import org.tipmonitor.avro.AlertSignalSource;
import org.tipmonitor.avro.Cell;
import org.tipmonitor.avro.ComplianceRow;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.avro.StatisticsCheck;

/** Wrapping of the compliance streams' records in the one envelope the alert engine reads. */
final class AlertSignals {

    /** The key prefix of State rows of the compliance tables ({@code STATE|2013.10}, {@code STATE|FRA}). */
    static final String STATE_ROW_PREFIX = ReporterType.STATE.name() + "|";

    private AlertSignals() {
    }

    static AlertSignal acceptedCell(final Cell cell) {
        return AlertSignal.newBuilder().setSource(AlertSignalSource.ACCEPTED_CELL).setAcceptedCell(cell).build();
    }

    static AlertSignal latestCell(final Cell cell) {
        return AlertSignal.newBuilder().setSource(AlertSignalSource.LATEST_CELL).setLatestCell(cell).build();
    }

    /** A by-recommendation row change; {@code row} null when the row left the table. */
    static AlertSignal recommendationRow(final ComplianceRow row) {
        return AlertSignal.newBuilder().setSource(AlertSignalSource.RECOMMENDATION_ROW).setRecommendationRow(row)
            .build();
    }

    /** A by-country row change; {@code row} null when the row left the table. */
    static AlertSignal countryRow(final ComplianceRow row) {
        return AlertSignal.newBuilder().setSource(AlertSignalSource.COUNTRY_ROW).setCountryRow(row).build();
    }

    /** A check of a State's statistics of one indicator and year. */
    static AlertSignal statisticsCheck(final StatisticsCheck check) {
        return AlertSignal.newBuilder().setSource(AlertSignalSource.STATISTICS_CHECK).setStatisticsCheck(check)
            .build();
    }

    /** Whether cells of this reporter kind feed a rule (UNODC's own cells feed none). */
    static boolean isTracked(final ReporterType type) {
        return type == ReporterType.STATE || type == ReporterType.CIVIL_SOCIETY || type == ReporterType.NHRI;
    }

    static boolean isStateRow(final String rowKey) {
        return rowKey != null && rowKey.startsWith(STATE_ROW_PREFIX);
    }

    /** The row's own key, without the reporter type: the recommendation id or the ISO3 code. */
    static String rowSubject(final String rowKey) {
        return rowKey.substring(STATE_ROW_PREFIX.length());
    }
}
