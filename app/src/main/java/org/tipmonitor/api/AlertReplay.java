package org.tipmonitor.api;

import java.util.List;

/** Reads the alert events between two positions of tip.alerts again, for a client that reconnects. */
@FunctionalInterface
public interface AlertReplay {

    /** Replays nothing: resuming is not available (no broker behind the fan-out, as in unit tests). */
    AlertReplay NONE = (from, to) -> List.of();

    /**
     * The events from {@code from} (inclusive) up to {@code to} (exclusive), partition by partition; partitions
     * {@code from} does not name are not replayed.
     *
     * @throws IllegalStateException if there are too many to replay or the topic cannot be read
     */
    List<AlertEvent> between(AlertPositions from, AlertPositions to);
}
