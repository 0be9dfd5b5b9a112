package org.tipmonitor.runtime;

import java.util.Map;
import java.util.Objects;
import org.tipmonitor.alerts.AlertConfig;
import org.tipmonitor.compliance.TopologyConfig;

/**
 * The settings of the whole topology, one immutable part per concern, each read from its own {@code tip.*} keys
 * with defaults.
 *
 * @param compliance validation, history and reference reconciliation settings
 * @param alerts     gap alert thresholds, evaluation interval and reporting cycle cut-offs ({@code tip.alerts.*},
 *                   {@code tip.cycles.cutoffs})
 */
public record TipMonitorConfig(TopologyConfig compliance, AlertConfig alerts) {

    public TipMonitorConfig {
        Objects.requireNonNull(compliance, "compliance");
        Objects.requireNonNull(alerts, "alerts");
    }

    public static TipMonitorConfig defaults() {
        return new TipMonitorConfig(TopologyConfig.defaults(), AlertConfig.defaults());
    }

    public static TipMonitorConfig from(final Map<String, ?> properties) {
        return new TipMonitorConfig(TopologyConfig.from(properties), AlertConfig.from(properties));
    }
}
