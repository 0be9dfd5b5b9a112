package org.tipmonitor.compliance;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.tipmonitor.avro.RejectionReason;

/**
 * The one definition of the submittedAt values the system accepts, used by the validator, the gateway and (through
 * its bounds) the cell store. A submittedAt is kept as the version timestamp of the versioned cell store, whose
 * changelog records carry it as their Kafka timestamp, and which silently drops versions older than its history
 * retention. So it must be:
 * <ul>
 *   <li>no later than {@code now + maxClockSkew}, where the skew stays below the broker's limit for timestamps
 *       ahead of its clock ({@code log.message.timestamp.after.max.ms}, 1 h by default) with room for clock drift
 *       between the application and the broker;</li>
 *   <li>no earlier than {@code now - cellHistoryRetention + maxClockSkew} (the store's stream time can be up to
 *       the skew ahead of now), and never before 1970 (negative timestamps are invalid in Kafka).</li>
 * </ul>
 *
 * @param maxClockSkew         how far ahead of the clock a submittedAt may be
 * @param cellHistoryRetention how far back the versioned cell store keeps versions
 */
public record SubmittedAtRange(Duration maxClockSkew, Duration cellHistoryRetention) {

    /** Kafka's default {@code log.message.timestamp.after.max.ms}. */
    public static final Duration BROKER_TIMESTAMP_AHEAD_LIMIT = Duration.ofHours(1);
    /** Room left under the broker's limit for the broker's and the application's clocks to differ. */
    public static final Duration CLOCK_DRIFT_MARGIN = Duration.ofMinutes(10);

    /** A submittedAt outside the range, and why. */
    public record Violation(RejectionReason reason, String message) {
    }

    public SubmittedAtRange {
        Objects.requireNonNull(maxClockSkew, "maxClockSkew");
        Objects.requireNonNull(cellHistoryRetention, "cellHistoryRetention");
        if (maxClockSkew.isNegative() || maxClockSkew.compareTo(
            BROKER_TIMESTAMP_AHEAD_LIMIT.minus(CLOCK_DRIFT_MARGIN)) > 0) {
            throw new IllegalArgumentException("the maximum clock skew must be between 0 and "
                + BROKER_TIMESTAMP_AHEAD_LIMIT.minus(CLOCK_DRIFT_MARGIN) + " (the broker refuses timestamps more than "
                + BROKER_TIMESTAMP_AHEAD_LIMIT + " ahead of its clock), not " + maxClockSkew);
        }
        if (cellHistoryRetention.compareTo(maxClockSkew.multipliedBy(2)) <= 0) {
            throw new IllegalArgumentException("the cell history retention (" + cellHistoryRetention
                + ") must be longer than twice the maximum clock skew (" + maxClockSkew + ")");
        }
    }

    /** The latest acceptable submittedAt at {@code nowMs}. */
    public Instant latest(final long nowMs) {
        return Instant.ofEpochMilli(nowMs).plus(maxClockSkew);
    }

    /** The earliest acceptable submittedAt at {@code nowMs}. */
    public Instant earliest(final long nowMs) {
        final Instant inReach = Instant.ofEpochMilli(nowMs).minus(cellHistoryRetention).plus(maxClockSkew);
        return inReach.isBefore(Instant.EPOCH) ? Instant.EPOCH : inReach;
    }

    /** Empty when {@code submittedAt} is acceptable at {@code nowMs}; otherwise the rejection. */
    public Optional<Violation> check(final Instant submittedAt, final long nowMs) {
        if (submittedAt.isAfter(latest(nowMs))) {
            return Optional.of(new Violation(RejectionReason.SUBMITTED_IN_FUTURE, "submittedAt " + submittedAt
                + " is more than " + maxClockSkew + " ahead of the clock (" + Instant.ofEpochMilli(nowMs) + ")"));
        }
        if (submittedAt.isBefore(earliest(nowMs))) {
            return Optional.of(new Violation(RejectionReason.SUBMITTED_TOO_EARLY, "submittedAt " + submittedAt
                + " is before " + earliest(nowMs) + ": the cell history reaches back " + cellHistoryRetention
                + " (tip.cells.history-retention) and never before 1970"));
        }
        return Optional.empty();
    }
}
