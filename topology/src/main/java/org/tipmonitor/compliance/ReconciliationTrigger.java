package org.tipmonitor.compliance;

import java.time.Instant;

/**
 * Whether a wall-clock reconciliation against the reference data has anything to do. Expectations and footprints
 * depend on the reference data and on the instant they are asked at (a State counts as a party only from its
 * party-since date), so a reconciliation is due when the data changed since the last one (and once after a start),
 * or when the wall clock has passed the next party-since date that lay ahead of the last one. Between those, the
 * check costs a reload of the reference stores and no walk of a processor's own store.
 */
final class ReconciliationTrigger {

    private final CachedReferenceData reference;
    /** The reference generation the last reconciliation used; none yet after a start. */
    private long reconciledGeneration = -1;
    /** The generation seen by the latest {@link #isDue} check, which a reconciliation then uses. */
    private long checkedGeneration = -1;
    /** The next party-since instant after the last reconciliation; null when none lies ahead. */
    private Instant nextPartyDate;

    ReconciliationTrigger(final CachedReferenceData reference) {
        this.reference = reference;
    }

    /** Reloads the reference data and tells whether they, or the expectations at {@code now}, may have changed. */
    boolean isDue(final Instant now) {
        reference.invalidate();
        checkedGeneration = reference.generation();
        return checkedGeneration != reconciledGeneration || nextPartyDate != null && !now.isBefore(nextPartyDate);
    }

    /** Records a reconciliation done at {@code at} with the reference data of the latest check. */
    void reconciled(final Instant at) {
        reconciledGeneration = checkedGeneration;
        nextPartyDate = reference.nextStatePartyDateAfter(at).orElse(null);
    }
}
