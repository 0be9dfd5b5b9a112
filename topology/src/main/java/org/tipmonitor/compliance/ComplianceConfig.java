package org.tipmonitor.compliance;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The topology's own settings (Kafka and Streams settings live in the Streams properties). Immutable; read from
 * {@code tip.*} keys of the application properties, each with a default.
 *
 * @param maxClockSkew         how far in the future a submittedAt may be before it is rejected (below the broker's
 *                             1 h limit for record timestamps, see {@link SubmittedAtRange})
 * @param cellHistoryRetention how long the versioned cell store keeps superseded versions ("as of" answers reach
 *                             back this far from stream time)
 * @param reconcileInterval    how often (wall clock) cells and rows are re-resolved against changed reference data
 * @param deltaFlushInterval   how long (wall clock) the deltas of one row are combined before they go to the row's
 *                             table; zero sends every delta at once
 */
public record ComplianceConfig(Duration maxClockSkew, Duration cellHistoryRetention, Duration reconcileInterval,
                               Duration deltaFlushInterval) {

    public static final String MAX_CLOCK_SKEW = "tip.validation.max-clock-skew";
    public static final String CELL_HISTORY_RETENTION = "tip.cells.history-retention";
    public static final String RECONCILE_INTERVAL = "tip.reference.reconcile-interval";
    public static final String DELTA_FLUSH_INTERVAL = "tip.compliance.delta-flush-interval";

    public ComplianceConfig {
        Objects.requireNonNull(maxClockSkew, MAX_CLOCK_SKEW);
        Objects.requireNonNull(cellHistoryRetention, CELL_HISTORY_RETENTION);
        Objects.requireNonNull(reconcileInterval, RECONCILE_INTERVAL);
        Objects.requireNonNull(deltaFlushInterval, DELTA_FLUSH_INTERVAL);
        if (deltaFlushInterval.isNegative()) {
            throw new IllegalArgumentException(DELTA_FLUSH_INTERVAL + " must not be negative: " + deltaFlushInterval);
        }
        submittedAtRange(maxClockSkew, cellHistoryRetention); // refuses a range the broker or the store cannot keep
    }

    /** The same settings with another delta flush interval. */
    public ComplianceConfig withDeltaFlushInterval(final Duration interval) {
        return new ComplianceConfig(maxClockSkew, cellHistoryRetention, reconcileInterval, interval);
    }

    /** The submittedAt values accepted: the one definition the validator, the gateway and the cell store share. */
    public SubmittedAtRange submittedAtRange() {
        return submittedAtRange(maxClockSkew, cellHistoryRetention);
    }

    private static SubmittedAtRange submittedAtRange(final Duration maxClockSkew, final Duration retention) {
        try {
            return new SubmittedAtRange(maxClockSkew, retention);
        } catch (final IllegalArgumentException e) {
            throw new IllegalArgumentException(MAX_CLOCK_SKEW + ", " + CELL_HISTORY_RETENTION + ": "
                + e.getMessage(), e);
        }
    }

    public static ComplianceConfig defaults() {
        // Clock skew of honest clients is seconds to minutes; the broker refuses timestamps over 1 h ahead. History
        // back past the first Global Report cycle (2014) with room to spare. Deltas combined for one commit interval
        // of exactly-once: a bulk load then sends each row one delta per flush, at a tenth of a second's latency.
        return new ComplianceConfig(Duration.ofMinutes(15), Duration.ofDays(366L * 20), Duration.ofSeconds(10),
            Duration.ofMillis(100));
    }

    /** Settings from properties; absent keys keep their defaults. Durations are ISO-8601 (PT24H, P7300D). */
    public static ComplianceConfig from(final Map<String, ?> properties) {
        final ComplianceConfig d = defaults();
        return new ComplianceConfig(
            SettingValues.duration(properties, MAX_CLOCK_SKEW, d.maxClockSkew()),
            SettingValues.duration(properties, CELL_HISTORY_RETENTION, d.cellHistoryRetention()),
            SettingValues.duration(properties, RECONCILE_INTERVAL, d.reconcileInterval()),
            SettingValues.duration(properties, DELTA_FLUSH_INTERVAL, d.deltaFlushInterval()));
    }
}
