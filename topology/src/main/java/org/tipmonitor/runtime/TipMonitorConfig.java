package org.tipmonitor.runtime;

import java.util.Map;
import java.util.Objects;
import org.tipmonitor.compliance.TopologyConfig;

/**
 * The settings of the whole topology, one immutable part per concern, each read from its own {@code tip.*} keys
 * with defaults.
 *
 * @param compliance validation, history and reference reconciliation settings
 */
public record TipMonitorConfig(TopologyConfig compliance) {

    public TipMonitorConfig {
        Objects.requireNonNull(compliance, "compliance");
    }

    public static TipMonitorConfig defaults() {
        return new TipMonitorConfig(TopologyConfig.defaults());
    }

    public static TipMonitorConfig from(final Map<String, ?> properties) {
        return new TipMonitorConfig(TopologyConfig.from(properties));
    }
}
