package org.tipmonitor.alerts;

import java.time.Instant;
import java.util.Objects;

/**
 * One reporting cycle: the window of submissions that count for one Global Report edition.
 *
 * @param edition        the edition, the UTC year of the cut-off (e.g. 2016)
 * @param begins         when the cycle begins: just after the previous cut-off, or the Working Group meeting for the
 *                       first cycle; a State is expected to report in the cycle if it was a party by then
 * @param cutoff         the last instant that belongs to the cycle
 * @param previousCutoff the previous cycle's cut-off, or null for the first cycle (which takes every submission up
 *                       to its cut-off, however early)
 */
public record ReportingCycle(int edition, Instant begins, Instant cutoff, Instant previousCutoff) {

    public ReportingCycle {
        Objects.requireNonNull(begins, "begins");
        Objects.requireNonNull(cutoff, "cutoff");
        if (!begins.isBefore(cutoff)) {
            throw new IllegalArgumentException("cycle " + edition + " begins at " + begins
                + ", not before its cut-off " + cutoff);
        }
    }

    /** Whether a submission made at {@code submittedAt} belongs to this cycle. */
    public boolean contains(final Instant submittedAt) {
        return !submittedAt.isAfter(cutoff) && isNotBeforeWindow(submittedAt);
    }

    /** Whether a submission made at {@code submittedAt} belongs to this cycle or a later one. */
    public boolean isNotBeforeWindow(final Instant submittedAt) {
        return previousCutoff == null || submittedAt.isAfter(previousCutoff);
    }

    public String label() {
        return Integer.toString(edition);
    }
}
