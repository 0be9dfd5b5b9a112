package org.tipmonitor.cycles;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tipmonitor.avro.Cell;
import org.tipmonitor.avro.GlotipRow;
import org.tipmonitor.compliance.CellKey;
import org.tipmonitor.compliance.ReferenceData;
import org.tipmonitor.compliance.TipSerdes;
import org.tipmonitor.topology.channels.StateStores;

/**
 * Brings the shares of a cycle's snapshot together (all of an edition's records share its key, so one task sees
 * them all) and turns them into GLOTIP rows. Each cell version is kept under {@code edition|cellKey|submittedAt}:
 * a version sent twice (a retaken share, a redelivery, a correction) overwrites itself, so the snapshot is
 * idempotent. When a share is complete (null value) the whole edition is recomputed with
 * {@link CycleSnapshots#rows} and only rows that changed since the last emission are forwarded (a row that
 * vanished is forwarded as a tombstone). The topic is compacted by row key, so while tasks finish their shares
 * at different times the rows converge to the full snapshot; with one cell partition they are emitted once.
 *
 * <p>Recomputing an edition costs a scan of all its cell versions, so completions are debounced: the first one
 * of an edition is emitted at once, later ones within {@link #FLUSH_INTERVAL} (wall clock) only mark the edition,
 * and a punctuation emits each marked edition once. Without it a fresh start after past cut-offs, where every
 * arriving cell is a late correction, recomputed an edition per cell and starved the compliance tables.
 */
final class AggregateSnapshotsProcessor extends ContextualProcessor<String, Cell, String, GlotipRow> {

    private static final Logger LOG = LoggerFactory.getLogger(AggregateSnapshotsProcessor.class);

    /** At most one recomputation of an edition per interval; the rest wait for the flush punctuation. */
    static final Duration FLUSH_INTERVAL = Duration.ofSeconds(1);

    /**
     * A recomputation may take at most this share of the time: after one that took {@code c} ms the edition waits
     * at least {@code c / MAX_EMIT_SHARE} ms before the next. Under a bulk load an edition holds tens of thousands
     * of cell versions and a recomputation takes a noticeable time; recomputing it every second then took most of
     * the stream thread (measured by the bench, see docs/performance.md).
     */
    static final double MAX_EMIT_SHARE = 0.1;

    /** Editions completed since their last emission; rebuilt from the store after a restart. */
    private final Set<Integer> pending = new TreeSet<>();
    private final Map<Integer, Long> lastEmittedAt = new HashMap<>();
    /** Per edition: how long (wall clock, ms) after its last emission the next may come. */
    private final Map<Integer, Long> nextGapMs = new HashMap<>();

    private final CycleCalendar calendar;
    private KeyValueStore<String, Cell> versions;
    private KeyValueStore<String, GlotipRow> emitted;
    private ReferenceData reference;

    private AggregateSnapshotsProcessor(final CycleCalendar calendar) {
        this.calendar = calendar;
    }

    static ProcessorSupplier<String, Cell, String, GlotipRow> supplier(final CycleCalendar calendar,
                                                                      final TipSerdes serdes) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, Cell, String, GlotipRow> get() {
                return new AggregateSnapshotsProcessor(calendar);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(StateStores.CYCLE_SNAPSHOT_CELLS.builder(serdes),
                    StateStores.CYCLE_GLOTIP_ROWS.builder(serdes));
            }
        };
    }

    @Override
    public void init(final ProcessorContext<String, GlotipRow> context) {
        super.init(context);
        versions = StateStores.CYCLE_SNAPSHOT_CELLS.in(context);
        emitted = StateStores.CYCLE_GLOTIP_ROWS.in(context);
        reference = ReferenceData.fromGlobalStores(context);
        // After a restart the in-memory marks are gone: re-check every edition once (emission is diff-based).
        for (final Cycle cycle : calendar.cycles()) {
            try (KeyValueIterator<String, Cell> any = versions.prefixScan(GlotipRows.keyPrefix(cycle.edition()),
                new StringSerializer())) {
                if (any.hasNext()) {
                    pending.add(cycle.edition());
                }
            }
        }
        context.schedule(FLUSH_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::flush);
    }

    private void flush(final long now) {
        for (final int edition : List.copyOf(pending)) {
            if (!due(edition, now)) {
                continue; // a costly edition waits for its own gap; a later flush emits it
            }
            calendar.edition(edition).ifPresent(cycle -> emit(cycle, context().currentStreamTimeMs()));
            lastEmittedAt.put(edition, now);
            pending.remove(edition);
        }
    }

    private boolean due(final int edition, final long now) {
        final Long last = lastEmittedAt.get(edition);
        return last == null || now - last >= nextGapMs.getOrDefault(edition, FLUSH_INTERVAL.toMillis());
    }

    @Override
    public void process(final Record<String, Cell> record) {
        final int edition;
        try {
            edition = Integer.parseInt(record.key());
        } catch (final NumberFormatException e) {
            LOG.warn("Snapshot record with key {} names no edition; ignored", record.key());
            return;
        }
        final Cell cell = record.value();
        if (cell != null) {
            versions.put(versionKey(edition, cell), cell);
            return;
        }
        final Optional<Cycle> cycle = calendar.edition(edition);
        if (cycle.isEmpty()) {
            LOG.warn("Snapshot of edition {}, which the calendar no longer has; not emitted", edition);
            return;
        }
        final long now = context().currentSystemTimeMs();
        if (due(edition, now)) {
            emit(cycle.get(), record.timestamp());
            lastEmittedAt.put(edition, now);
            pending.remove(edition);
        } else {
            pending.add(edition);
        }
    }

    private void emit(final Cycle cycle, final long timestamp) {
        final long startNanos = System.nanoTime();
        final String prefix = GlotipRows.keyPrefix(cycle.edition());
        final List<Cell> snapshot = values(versions, prefix);
        // Read (and decode) the global stores once per recomputation, not once per row and cell: they do not
        // change during it, and reading them live made the decoding most of the cost.
        final ReferenceData asAtEmit = ReferenceData.of(reference.recommendations(), reference.countries());
        final Map<String, GlotipRow> rows = new LinkedHashMap<>();
        for (final GlotipRow row : CycleSnapshots.rows(cycle, snapshot, snapshot, asAtEmit)) {
            rows.put(GlotipRows.key(row), row);
        }
        final Map<String, GlotipRow> before = new HashMap<>();
        try (KeyValueIterator<String, GlotipRow> all = emitted.prefixScan(prefix, new StringSerializer())) {
            all.forEachRemaining(entry -> before.put(entry.key, entry.value));
        }
        int changed = 0;
        for (final Map.Entry<String, GlotipRow> row : rows.entrySet()) {
            if (!row.getValue().equals(before.remove(row.getKey()))) {
                emitted.put(row.getKey(), row.getValue());
                context().forward(new Record<>(row.getKey(), row.getValue(), timestamp));
                changed++;
            }
        }
        for (final String gone : before.keySet()) {
            emitted.delete(gone);
            context().forward(new Record<String, GlotipRow>(gone, null, timestamp));
        }
        final long costMs = (System.nanoTime() - startNanos) / 1_000_000;
        nextGapMs.put(cycle.edition(), Math.max(FLUSH_INTERVAL.toMillis(), (long) (costMs / MAX_EMIT_SHARE)));
        LOG.info("Cycle {}: {} cell versions, {} GLOTIP rows, {} changed, {} withdrawn ({} ms)", cycle.edition(),
            snapshot.size(), rows.size(), changed, before.size(), costMs);
    }

    private static String versionKey(final int edition, final Cell cell) {
        return GlotipRows.keyPrefix(edition) + CellKey.of(cell).asString() + '|'
            + String.format("%019d", cell.getSubmittedAt().toEpochMilli());
    }

    private static <V> List<V> values(final KeyValueStore<String, V> store, final String prefix) {
        final List<V> values = new ArrayList<>();
        try (KeyValueIterator<String, V> all = store.prefixScan(prefix, new StringSerializer())) {
            while (all.hasNext()) {
                final KeyValue<String, V> entry = all.next();
                values.add(entry.value);
            }
        }
        return values;
    }
}
