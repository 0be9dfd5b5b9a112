package org.tipmonitor.cycles;

import java.time.Instant;
import java.util.Objects;

/**
 * One reporting cycle: the submissions that feed one edition of the UNODC Global Report on Trafficking in Persons
 * (para 44). A submission belongs to the cycle when {@code begins < submittedAt <= cutoff}.
 *
 * @param edition the Global Report edition, named by the year of its cut-off (e.g. 2016)
 * @param begins  exclusive start: the end of the 2013 Working Group meeting for the first cycle, the previous
 *                cut-off for the others
 * @param cutoff  inclusive end: a submission made exactly at the cut-off still counts in this cycle
 */
public record Cycle(int edition, Instant begins, Instant cutoff) {

    public Cycle {
        Objects.requireNonNull(begins, "begins");
        Objects.requireNonNull(cutoff, "cutoff");
        if (!begins.isBefore(cutoff)) {
            throw new IllegalArgumentException("cycle " + edition + " begins at " + begins
                + ", not before its cut-off " + cutoff);
        }
    }

    /** Whether a submission made at this instant belongs to the cycle. */
    public boolean contains(final Instant submittedAt) {
        return submittedAt.isAfter(begins) && !submittedAt.isAfter(cutoff);
    }

    /** Whether the cut-off has passed at {@code now}: strictly after it, since the cut-off instant still counts. */
    public boolean hasPassedAt(final Instant now) {
        return now.isAfter(cutoff);
    }
}
