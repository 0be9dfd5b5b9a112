package org.tipmonitor.compliance;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The topology's own settings (Kafka and Streams settings live in the Streams properties). Immutable; read from
 * {@code tip.*} keys of the application properties, each with a default.
 *
 * @param maxClockSkew         how far in the future a submittedAt may be before it is rejected
 * @param cellHistoryRetention how long the versioned cell store keeps superseded versions ("as of" answers reach
 *                             back this far from stream time)
 * @param reconcileInterval    how often (wall clock) cells and rows are re-resolved against changed reference data
 */
public record ComplianceConfig(Duration maxClockSkew, Duration cellHistoryRetention, Duration reconcileInterval) {

    public static final String MAX_CLOCK_SKEW = "tip.validation.max-clock-skew";
    public static final String CELL_HISTORY_RETENTION = "tip.cells.history-retention";
    public static final String RECONCILE_INTERVAL = "tip.reference.reconcile-interval";

    public ComplianceConfig {
        Objects.requireNonNull(maxClockSkew, MAX_CLOCK_SKEW);
        Objects.requireNonNull(cellHistoryRetention, CELL_HISTORY_RETENTION);
        Objects.requireNonNull(reconcileInterval, RECONCILE_INTERVAL);
    }

    public static ComplianceConfig defaults() {
        // History back past the first Global Report cycle (2014) with room to spare.
        return new ComplianceConfig(Duration.ofHours(24), Duration.ofDays(366L * 20), Duration.ofSeconds(10));
    }

    /** Settings from properties; absent keys keep their defaults. Durations are ISO-8601 (PT24H, P7300D). */
    public static ComplianceConfig from(final Map<String, ?> properties) {
        final ComplianceConfig d = defaults();
        return new ComplianceConfig(
            SettingValues.duration(properties, MAX_CLOCK_SKEW, d.maxClockSkew()),
            SettingValues.duration(properties, CELL_HISTORY_RETENTION, d.cellHistoryRetention()),
            SettingValues.duration(properties, RECONCILE_INTERVAL, d.reconcileInterval()));
    }
}
