package org.tipmonitor.alerts;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;

/**
 * Thresholds and timing of the gap alerts. Immutable; read from {@code tip.alerts.*} keys (and the cycle cut-offs
 * from {@code tip.cycles.*}), each with a default.
 *
 * @param lowUptakeMinReporters LOW_UPTAKE needs at least this many reporting States on a recommendation
 * @param lowUptakeRateBelow    LOW_UPTAKE opens when the implementation rate is below this
 * @param divergenceMinSteps    DIVERGENCE opens when a civil-society or NHRI status is this many steps or more from
 *                              the State's
 * @param staleCycles           STALE opens when a State party's last report is at or before the cut-off this many
 *                              cycles back from the latest passed cut-off
 * @param evaluationInterval    how often (both wall clock and stream time) passed cut-offs are looked for
 * @param cutoffs               the reporting cycles
 */
public record AlertConfig(int lowUptakeMinReporters, double lowUptakeRateBelow, int divergenceMinSteps,
                          int staleCycles, Duration evaluationInterval, ReportingCutoffs cutoffs) {

    public static final String LOW_UPTAKE_MIN_REPORTERS = "tip.alerts.low-uptake.min-reporters";
    public static final String LOW_UPTAKE_RATE_BELOW = "tip.alerts.low-uptake.rate-below";
    public static final String DIVERGENCE_MIN_STEPS = "tip.alerts.divergence.min-steps";
    public static final String STALE_CYCLES = "tip.alerts.stale.cycles";
    public static final String EVALUATION_INTERVAL = "tip.alerts.evaluation-interval";
    public static final String CYCLE_CUTOFFS = "tip.cycles.cutoffs";
    public static final String FIRST_CYCLE_BEGINS = "tip.cycles.first-begins";

    public AlertConfig {
        Objects.requireNonNull(evaluationInterval, EVALUATION_INTERVAL);
        Objects.requireNonNull(cutoffs, CYCLE_CUTOFFS);
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
        return new AlertConfig(10, 0.25, 2, 2, Duration.ofSeconds(30), ReportingCutoffs.defaults());
    }

    /** Settings from properties; absent keys keep their defaults. Durations are ISO-8601 (PT30S). */
    public static AlertConfig from(final Map<String, ?> properties) {
        final AlertConfig d = defaults();
        final Object cutoffs = properties.get(CYCLE_CUTOFFS);
        final Object begins = properties.get(FIRST_CYCLE_BEGINS);
        final ReportingCutoffs calendar;
        if (cutoffs == null && begins == null) {
            calendar = d.cutoffs();
        } else {
            final Instant firstBegins = begins == null ? ReportingCutoffs.DEFAULT_FIRST_CYCLE_BEGINS
                : instant(FIRST_CYCLE_BEGINS, begins);
            final String list = cutoffs == null ? defaultCutoffList(d.cutoffs()) : cutoffs.toString();
            try {
                calendar = ReportingCutoffs.parse(list, firstBegins);
            } catch (final IllegalArgumentException e) {
                throw new IllegalArgumentException(CYCLE_CUTOFFS + ": " + e.getMessage(), e);
            }
        }
        return new AlertConfig(
            integer(properties, LOW_UPTAKE_MIN_REPORTERS, d.lowUptakeMinReporters()),
            decimal(properties, LOW_UPTAKE_RATE_BELOW, d.lowUptakeRateBelow()),
            integer(properties, DIVERGENCE_MIN_STEPS, d.divergenceMinSteps()),
            integer(properties, STALE_CYCLES, d.staleCycles()),
            duration(properties, EVALUATION_INTERVAL, d.evaluationInterval()),
            calendar);
    }

    private static String defaultCutoffList(final ReportingCutoffs cutoffs) {
        final StringBuilder list = new StringBuilder();
        cutoffs.cycles().forEach(cycle -> list.append(cycle.cutoff()).append(','));
        return list.toString();
    }

    private static int integer(final Map<String, ?> properties, final String key, final int fallback) {
        final Object value = properties.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return value instanceof Number ? ((Number) value).intValue() : Integer.parseInt(value.toString().trim());
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException(key + ": not an integer: " + value, e);
        }
    }

    private static double decimal(final Map<String, ?> properties, final String key, final double fallback) {
        final Object value = properties.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return value instanceof Number ? ((Number) value).doubleValue()
                : Double.parseDouble(value.toString().trim());
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException(key + ": not a number: " + value, e);
        }
    }

    private static Duration duration(final Map<String, ?> properties, final String key, final Duration fallback) {
        final Object value = properties.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return value instanceof Duration ? (Duration) value : Duration.parse(value.toString().trim());
        } catch (final DateTimeParseException e) {
            throw new IllegalArgumentException(key + ": not an ISO-8601 duration (e.g. PT30S): " + value, e);
        }
    }

    private static Instant instant(final String key, final Object value) {
        try {
            return value instanceof Instant ? (Instant) value : Instant.parse(value.toString().trim());
        } catch (final DateTimeParseException e) {
            throw new IllegalArgumentException(key + ": not an ISO-8601 instant (e.g. 2013-11-08T00:00:00Z): "
                + value, e);
        }
    }
}
