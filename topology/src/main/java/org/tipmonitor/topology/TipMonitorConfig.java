package org.tipmonitor.topology;

import java.util.Map;
import java.util.Objects;
import org.tipmonitor.alerts.AlertConfig;
import org.tipmonitor.compliance.ComplianceConfig;
import org.tipmonitor.cycles.CycleCalendar;
import org.tipmonitor.statistics.StatisticsConfig;

/**
 * The settings of the whole topology, one immutable part per concern, each read from its own {@code tip.*} keys
 * with defaults.
 *
 * @param compliance validation, history and reference reconciliation settings
 * @param alerts     gap alert thresholds and evaluation interval ({@code tip.alerts.*})
 * @param cycles     the reporting cycles of the Global Report ({@code tip.cycles.*}): the one calendar whose
 *                   cut-offs both the cycle snapshots and the NOT_REPORTED and STALE alerts are taken at
 * @param statistics the Global Report feed: data lag and disclosure threshold
 */
public record TipMonitorConfig(ComplianceConfig compliance, AlertConfig alerts, CycleCalendar cycles,
                               StatisticsConfig statistics) {

    public TipMonitorConfig {
        Objects.requireNonNull(compliance, "compliance");
        Objects.requireNonNull(alerts, "alerts");
        Objects.requireNonNull(cycles, "cycles");
        Objects.requireNonNull(statistics, "statistics");
    }

    public static TipMonitorConfig defaults() {
        return new TipMonitorConfig(ComplianceConfig.defaults(), AlertConfig.defaults(), CycleCalendar.defaults(),
            StatisticsConfig.defaults());
    }

    public static TipMonitorConfig from(final Map<String, ?> properties) {
        return new TipMonitorConfig(ComplianceConfig.from(properties), AlertConfig.from(properties),
            CycleCalendar.from(properties), StatisticsConfig.from(properties));
    }
}
