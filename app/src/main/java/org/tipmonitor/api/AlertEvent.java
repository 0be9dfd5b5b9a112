package org.tipmonitor.api;

import java.util.Objects;
import org.tipmonitor.avro.Alert;

/** An alert event read from tip.alerts, with where the reading stood just after it (its server-sent event id). */
public record AlertEvent(Alert alert, AlertPositions after) {

    public AlertEvent {
        Objects.requireNonNull(alert, "alert");
        Objects.requireNonNull(after, "after");
    }
}
