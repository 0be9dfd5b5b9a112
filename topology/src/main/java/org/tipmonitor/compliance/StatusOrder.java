package org.tipmonitor.compliance;

import org.tipmonitor.avro.ImplementationStatus;

/**
 * The order of implementation statuses: NOT_STARTED 0 &lt; PLANNED 1 &lt; IN_PROGRESS 2 &lt; PARTIALLY_IMPLEMENTED 3
 * &lt; IMPLEMENTED 4; ALREADY_IN_PLACE (the measures predate the recommendation) stands level with IMPLEMENTED.
 * NOT_APPLICABLE, CONSIDERED_NOT_ADOPTED (a decision, not a stage of implementation) and UNKNOWN (which validation
 * never lets through) stand outside it.
 */
public final class StatusOrder {

    /** The order value of IMPLEMENTED, the denominator unit of the progress score. */
    public static final int MAX = 4;

    private StatusOrder() {
    }

    public static boolean isOrdered(final ImplementationStatus status) {
        return order(status) >= 0;
    }

    /** The status's place in the order, or -1 if it stands outside the order. */
    public static int order(final ImplementationStatus status) {
        switch (status) {
            case NOT_STARTED:
                return 0;
            case PLANNED:
                return 1;
            case IN_PROGRESS:
                return 2;
            case PARTIALLY_IMPLEMENTED:
                return 3;
            case IMPLEMENTED:
            case ALREADY_IN_PLACE:
                return 4;
            default:
                return -1;
        }
    }
}
