package org.tipmonitor.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.tipmonitor.compliance.SettingValues;

/**
 * Thresholds and timing of the gap alerts. Immutable; read from {@code tip.alerts.*} keys, each with a default. The
 * reporting cycles whose cut-offs NOT_REPORTED and STALE are judged at are not here: they are the application's one
 * {@link org.tipmonitor.cycles.CycleCalendar} ({@code tip.cycles.*}), which the cycle snapshots use too.
 *
 * @param lowUptakeMinReporters LOW_UPTAKE needs at least this many States parties reporting on a SHOULD
 *                              recommendation
 * @param lowUptakeRateBelow    LOW_UPTAKE opens when the implementation rate (over applicable responses) is below this
 * @param viewsDifferMinSteps   VIEWS_DIFFER opens when a civil-society or NHRI status is this many steps or more from
 *                              the State's
 * @param staleCycles           STALE opens when a State party that reported before has sent nothing in this many
 *                              cycles up to the latest judged cut-off
 * @param evaluationInterval    how often (both wall clock and stream time) passed cut-offs are looked for
 * @param since                 cut-offs before this instant are never judged; empty: the first cut-off at or after
 *                              the application's first start, which the engine stores so that restarts do not move it
 */
public record AlertConfig(int lowUptakeMinReporters, double lowUptakeRateBelow, int viewsDifferMinSteps,
                          int staleCycles, Duration evaluationInterval, Optional<Instant> since) {

    public static final String LOW_UPTAKE_MIN_REPORTERS = "tip.alerts.low-uptake.min-reporters";
    public static final String LOW_UPTAKE_RATE_BELOW = "tip.alerts.low-uptake.rate-below";
    public static final String VIEWS_DIFFER_MIN_STEPS = "tip.alerts.views-differ.min-steps";
    /** The key of the same setting before VIEWS_DIFFER replaced DIVERGENCE; still read if the new one is absent. */
    public static final String DIVERGENCE_MIN_STEPS = "tip.alerts.divergence.min-steps";
    public static final String STALE_CYCLES = "tip.alerts.stale.cycles";
    public static final String EVALUATION_INTERVAL = "tip.alerts.evaluation-interval";
    public static final String SINCE = "tip.alerts.since";

    public AlertConfig {
        Objects.requireNonNull(evaluationInterval, EVALUATION_INTERVAL);
        Objects.requireNonNull(since, SINCE);
        if (lowUptakeMinReporters < 1) {
            throw new IllegalArgumentException(LOW_UPTAKE_MIN_REPORTERS + " must be at least 1, was "
                + lowUptakeMinReporters);
        }
        if (!(lowUptakeRateBelow > 0.0 && lowUptakeRateBelow <= 1.0)) {
            throw new IllegalArgumentException(LOW_UPTAKE_RATE_BELOW + " must be in (0, 1], was " + lowUptakeRateBelow);
        }
        if (viewsDifferMinSteps < 1) {
            throw new IllegalArgumentException(VIEWS_DIFFER_MIN_STEPS + " must be at least 1, was "
                + viewsDifferMinSteps);
        }
        if (staleCycles < 1) {
            throw new IllegalArgumentException(STALE_CYCLES + " must be at least 1, was " + staleCycles);
        }
        if (evaluationInterval.isNegative() || evaluationInterval.isZero()) {
            throw new IllegalArgumentException(EVALUATION_INTERVAL + " must be positive, was " + evaluationInterval);
        }
    }

    public static AlertConfig defaults() {
        return new AlertConfig(10, 0.25, 2, 2, Duration.ofSeconds(30), Optional.empty());
    }

    /** The same settings with cut-offs judged from {@code since} on. */
    public AlertConfig withSince(final Instant since) {
        return new AlertConfig(lowUptakeMinReporters, lowUptakeRateBelow, viewsDifferMinSteps, staleCycles,
            evaluationInterval, Optional.of(since));
    }

    /** Settings from properties; absent keys keep their defaults. Durations are ISO-8601 (PT30S). */
    public static AlertConfig from(final Map<String, ?> properties) {
        final AlertConfig d = defaults();
        return new AlertConfig(
            SettingValues.integer(properties, LOW_UPTAKE_MIN_REPORTERS, d.lowUptakeMinReporters()),
            SettingValues.decimal(properties, LOW_UPTAKE_RATE_BELOW, d.lowUptakeRateBelow()),
            SettingValues.integer(properties, VIEWS_DIFFER_MIN_STEPS,
                SettingValues.integer(properties, DIVERGENCE_MIN_STEPS, d.viewsDifferMinSteps())),
            SettingValues.integer(properties, STALE_CYCLES, d.staleCycles()),
            SettingValues.duration(properties, EVALUATION_INTERVAL, d.evaluationInterval()),
            Optional.ofNullable(SettingValues.instant(properties, SINCE, null)));
    }
}
