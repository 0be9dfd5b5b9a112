package org.tipmonitor.api;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Where the reading of tip.alerts stands: per partition, the offset of the next event. It is the id of each
 * server-sent alert event ({@code 0-16.1-7}: partition 0 next at 16, partition 1 next at 7), so that a client that
 * reconnects with {@code Last-Event-ID} is sent exactly what it missed. Immutable.
 */
public final class AlertPositions {

    /** Nothing known yet. */
    public static final AlertPositions NONE = new AlertPositions(Map.of());

    /** One partition's part; parts are checked one by one, as one pattern over a long header overflows the stack. */
    private static final Pattern PART = Pattern.compile("\\d{1,5}-\\d{1,18}");
    /** At most this many partitions: anything longer in a client's header is ignored, not parsed. */
    private static final int MAX_PARTITIONS = 1024;

    private final Map<Integer, Long> next;

    private AlertPositions(final Map<Integer, Long> next) {
        this.next = Collections.unmodifiableMap(new TreeMap<>(next));
    }

    public static AlertPositions of(final Map<Integer, Long> next) {
        return new AlertPositions(next);
    }

    /** The positions of a {@code Last-Event-ID}; empty for a missing or malformed one. */
    public static Optional<AlertPositions> parse(final String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_PARTITIONS * 25) {
            return Optional.empty();
        }
        final String[] parts = id.split("\\.", -1);
        if (parts.length > MAX_PARTITIONS) {
            return Optional.empty();
        }
        final Map<Integer, Long> next = new TreeMap<>();
        for (final String part : parts) {
            if (!PART.matcher(part).matches()) {
                return Optional.empty();
            }
            final int dash = part.indexOf('-');
            next.put(Integer.parseInt(part.substring(0, dash)), Long.parseLong(part.substring(dash + 1)));
        }
        return Optional.of(new AlertPositions(next));
    }

    /** These positions with one partition moved on. */
    public AlertPositions with(final int partition, final long nextOffset) {
        final Map<Integer, Long> moved = new TreeMap<>(next);
        moved.put(partition, nextOffset);
        return new AlertPositions(moved);
    }

    /** Partition to next offset, sorted by partition. */
    public Map<Integer, Long> next() {
        return next;
    }

    /** The event id form, e.g. {@code 0-16.1-7}. */
    public String format() {
        final StringBuilder id = new StringBuilder();
        next.forEach((partition, offset) -> id.append(id.length() == 0 ? "" : ".").append(partition).append('-')
            .append(offset));
        return id.toString();
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof AlertPositions positions && positions.next.equals(next);
    }

    @Override
    public int hashCode() {
        return next.hashCode();
    }

    @Override
    public String toString() {
        return format();
    }
}
