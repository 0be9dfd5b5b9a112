package org.tipmonitor.alerts;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.tipmonitor.compliance.SettingValues;

/**
 * Thresholds and timing of the gap alerts. Immutable; read from {@code tip.alerts.*} keys, each with a default. The
 * reporting cycles whose cut-offs OVERDUE and STALE are judged at are not here: they are the application's one
 * {@link org.tipmonitor.cycles.CycleCalendar} ({@code tip.cycles.*}), which the cycle snapshots use too.
 *
 * @param lowUptakeMinReporters LOW_UPTAKE needs at least this many reporting States on a recommendation
 * @param lowUptakeRateBelow    LOW_UPTAKE opens when the implementation rate is below this
 * @param divergenceMinSteps    DIVERGENCE opens when a civil-society or NHRI status is this many steps or more from
 *                              the State's
 * @param staleCycles           STALE opens when a State party's last report is at or before the cut-off this many
 *                              cycles back from the latest passed cut-off
 * @param evaluationInterval    how often (both wall clock and stream time) passed cut-offs are looked for
 */
public record AlertConfig(int lowUptakeMinReporters, double lowUptakeRateBelow, int divergenceMinSteps,
                          int staleCycles, Duration evaluationInterval) {

    public static final String LOW_UPTAKE_MIN_REPORTERS = "tip.alerts.low-uptake.min-reporters";
    public static final String LOW_UPTAKE_RATE_BELOW = "tip.alerts.low-uptake.rate-below";
    public static final String DIVERGENCE_MIN_STEPS = "tip.alerts.divergence.min-steps";
    public static final String STALE_CYCLES = "tip.alerts.stale.cycles";
    public static final String EVALUATION_INTERVAL = "tip.alerts.evaluation-interval";

    public AlertConfig {
        Objects.requireNonNull(evaluationInterval, EVALUATION_INTERVAL);
        if (lowUptakeMinReporters < 1) {
            throw new IllegalArgumentException(LOW_UPTAKE_MIN_REPORTERS + " must be at least 1, was "
                + lowUptakeMinReporters);
        }
        if (!(lowUptakeRateBelow > 0.0 && lowUptakeRateBelow <= 1.0)) {
            throw new IllegalArgumentException(LOW_UPTAKE_RATE_BELOW + " must be in (0, 1], was " + lowUptakeRateBelow);
        }
        if (divergenceMinSteps < 1) {
            throw new IllegalArgumentException(DIVERGENCE_MIN_STEPS + " must be at least 1, was " + divergenceMinSteps);
        }
        if (staleCycles < 1) {
            throw new IllegalArgumentException(STALE_CYCLES + " must be at least 1, was " + staleCycles);
        }
        if (evaluationInterval.isNegative() || evaluationInterval.isZero()) {
            throw new IllegalArgumentException(EVALUATION_INTERVAL + " must be positive, was " + evaluationInterval);
        }
    }

    public static AlertConfig defaults() {
        return new AlertConfig(10, 0.25, 2, 2, Duration.ofSeconds(30));
    }

    /** Settings from properties; absent keys keep their defaults. Durations are ISO-8601 (PT30S). */
    public static AlertConfig from(final Map<String, ?> properties) {
        final AlertConfig d = defaults();
        return new AlertConfig(
            SettingValues.integer(properties, LOW_UPTAKE_MIN_REPORTERS, d.lowUptakeMinReporters()),
            SettingValues.decimal(properties, LOW_UPTAKE_RATE_BELOW, d.lowUptakeRateBelow()),
            SettingValues.integer(properties, DIVERGENCE_MIN_STEPS, d.divergenceMinSteps()),
            SettingValues.integer(properties, STALE_CYCLES, d.staleCycles()),
            SettingValues.duration(properties, EVALUATION_INTERVAL, d.evaluationInterval()));
    }
}
