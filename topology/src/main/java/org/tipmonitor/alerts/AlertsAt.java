package org.tipmonitor.alerts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.tipmonitor.avro.Alert;

/**
 * Which alerts were open at an instant: opened at or before it and not resolved by then. This reads the latest
 * state of each alert (the {@code alerts} store or the compacted tip.alerts topic), which keeps only the current
 * open-resolve interval of an id: an alert that resolved and re-opened has lost its earlier interval, so an
 * instant inside that earlier interval does not find it. Answers about the past are exact only for alerts that
 * opened once; a full history would need the uncompacted event stream.
 */
public final class AlertsAt {

    private AlertsAt() {
    }

    /** openedAt at or before {@code at}, and resolvedAt absent or after it. */
    public static boolean wasOpenAt(final Alert alert, final Instant at) {
        return !alert.getOpenedAt().isAfter(at) && (alert.getResolvedAt() == null || alert.getResolvedAt().isAfter(at));
    }

    /** The alerts among {@code alerts} that were open at {@code at}, in the order given. */
    public static List<Alert> openAt(final Iterable<Alert> alerts, final Instant at) {
        final List<Alert> open = new ArrayList<>();
        for (final Alert alert : alerts) {
            if (wasOpenAt(alert, at)) {
                open.add(alert);
            }
        }
        return open;
    }
}
