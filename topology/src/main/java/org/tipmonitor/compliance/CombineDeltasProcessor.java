package org.tipmonitor.compliance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
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
     * What this instance wrote to {@link #pending} since the last flush, as objects, in key order as the store: the
     * store's cache holds bytes, and decoding every pending delta again for each new one (and at every flush) cost
     * as much as the combining saved. The store stays the truth (it alone survives a restart); this is cleared at
     * every flush and every (re-)initialisation.
     */
    private final Map<String, ValueAndTimestamp<ComplianceDelta>> decoded = new TreeMap<>();
    /** Whether the store has been emptied since this instance was (re-)initialised: then it mirrors the map. */
    private boolean flushedSinceInit;

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
        flushedSinceInit = false;
        // With a zero interval nothing is kept, but deltas left pending by a run with another setting (restored
        // from the changelog) still go out, within a second.
        context.schedule(flushInterval.isZero() ? DRAIN_INTERVAL : flushInterval, PunctuationType.WALL_CLOCK_TIME,
            now -> flush());
    }

    @Override
    public void process(final Record<String, ComplianceDelta> record) {
        if (flushInterval.isZero()) {
            context().forward(record);
            return;
        }
        final ValueAndTimestamp<ComplianceDelta> before = pendingOf(record.key());
        final ValueAndTimestamp<ComplianceDelta> after = before == null
            ? ValueAndTimestamp.make(record.value(), record.timestamp())
            : ValueAndTimestamp.make(ComplianceRows.combine(before.value(), record.value()),
                Math.max(before.timestamp(), record.timestamp()));
        pending.put(record.key(), after);
        decoded.put(record.key(), after);
    }

    /**
     * The row's pending delta: as this instance last wrote it, or, before the first flush after a (re)start, as the
     * store may have kept it. After a flush the store holds nothing this instance has not written.
     */
    private ValueAndTimestamp<ComplianceDelta> pendingOf(final String key) {
        final ValueAndTimestamp<ComplianceDelta> known = decoded.get(key);
        return known != null || flushedSinceInit ? known : pending.get(key);
    }

    private void flush() {
        final List<KeyValue<String, ValueAndTimestamp<ComplianceDelta>>> due = new ArrayList<>();
        if (flushedSinceInit) {
            decoded.forEach((key, value) -> due.add(KeyValue.pair(key, value)));
        } else {
            try (KeyValueIterator<String, ValueAndTimestamp<ComplianceDelta>> all = pending.all()) {
                all.forEachRemaining(due::add);
            }
        }
        for (final KeyValue<String, ValueAndTimestamp<ComplianceDelta>> row : due) {
            pending.delete(row.key);
            context().forward(new Record<>(row.key, row.value.value(), row.value.timestamp()));
        }
        decoded.clear();
        flushedSinceInit = true;
    }
}
