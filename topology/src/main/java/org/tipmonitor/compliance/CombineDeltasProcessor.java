package org.tipmonitor.compliance;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.tipmonitor.avro.ComplianceDelta;
import org.tipmonitor.topology.channels.ComplianceTable;

/**
 * Combines the deltas of one row of a table before they cross the repartition to the row's task: each delta is
 * added to the row's pending delta ({@link ComplianceRows#combine}), and every {@code deltaFlushInterval} of wall
 * clock the pending deltas are forwarded, one per row, and forgotten. A bulk load that changes a country row with
 * every response of a submission, or a theme row with every response of hundreds, then sends one delta per row
 * and flush instead of one per cell change, and the row's task writes its store, changelog and topic once.
 *
 * <p>The pending deltas live in a changelogged store ({@link ComplianceTable#pending()}), so what a commit took
 * from the input and has not yet forwarded survives a crash, under exactly-once and at-least-once alike. Each is
 * forwarded with the latest timestamp of the deltas it combines.
 *
 * <p>With a zero interval every delta is forwarded at once, unchanged: no latency added, no combining.
 */
final class CombineDeltasProcessor extends ContextualProcessor<String, ComplianceDelta, String, ComplianceDelta> {

    private static final Duration DRAIN_INTERVAL = Duration.ofSeconds(1);

    private final ComplianceTable table;
    private final Duration flushInterval;
    private TimestampedKeyValueStore<String, ComplianceDelta> pending;
    /**
     * The content of {@link #pending}, as objects, in key order as the store: the store's cache holds bytes, and
     * decoding every pending delta again for each new one (and at every flush) cost as much as the combining saved.
     * The store stays the truth, the only one a restart keeps: this copy is read from it at every (re-)initialisation,
     * which Streams does once the store is restored.
     */
    private final Map<String, ValueAndTimestamp<ComplianceDelta>> decoded = new TreeMap<>();

    private CombineDeltasProcessor(final ComplianceTable table, final Duration flushInterval) {
        this.table = table;
        this.flushInterval = flushInterval;
    }

    static ProcessorSupplier<String, ComplianceDelta, String, ComplianceDelta> supplier(
        final ComplianceTable table, final ComplianceConfig config, final TipSerdes serdes) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, ComplianceDelta, String, ComplianceDelta> get() {
                return new CombineDeltasProcessor(table, config.deltaFlushInterval());
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(table.pending().builder(serdes));
            }
        };
    }

    @Override
    public void init(final ProcessorContext<String, ComplianceDelta> context) {
        super.init(context);
        pending = table.pending().in(context);
        decoded.clear();
        try (KeyValueIterator<String, ValueAndTimestamp<ComplianceDelta>> restored = pending.all()) {
            restored.forEachRemaining(row -> decoded.put(row.key, row.value));
        }
        // With a zero interval nothing is kept, but deltas left pending by a run with another setting (restored
        // from the changelog) still go out, within a second.
        context.schedule(flushInterval.isZero() ? DRAIN_INTERVAL : flushInterval, PunctuationType.WALL_CLOCK_TIME,
            now -> flush());
    }

    @Override
    public void process(final Record<String, ComplianceDelta> record) {
        final ValueAndTimestamp<ComplianceDelta> before = decoded.get(record.key());
        final ValueAndTimestamp<ComplianceDelta> after = before == null
            ? ValueAndTimestamp.make(record.value(), record.timestamp())
            : ValueAndTimestamp.make(ComplianceRows.combine(before.value(), record.value()),
                Math.max(before.timestamp(), record.timestamp()));
        if (flushInterval.isZero()) {
            // A delta left pending by a run with another setting goes out with this one, never after it: a cell's
            // changes must reach the row in their order.
            if (before != null) {
                decoded.remove(record.key());
                pending.delete(record.key());
            }
            context().forward(record.withValue(after.value()).withTimestamp(after.timestamp()));
            return;
        }
        pending.put(record.key(), after);
        decoded.put(record.key(), after);
    }

    private void flush() {
        for (final Map.Entry<String, ValueAndTimestamp<ComplianceDelta>> row : decoded.entrySet()) {
            pending.delete(row.getKey());
            context().forward(new Record<>(row.getKey(), row.getValue().value(), row.getValue().timestamp()));
        }
        decoded.clear();
    }
}
