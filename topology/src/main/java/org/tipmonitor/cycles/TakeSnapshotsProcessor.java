package org.tipmonitor.cycles;

import java.time.Instant;
import java.util.Set;
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
import org.apache.kafka.streams.state.VersionedKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tipmonitor.avro.Cell;
import org.tipmonitor.avro.CellFootprint;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.compliance.TipSerdes;
import org.tipmonitor.topology.channels.StateStores;

/**
 * Takes each task's share of a cycle's snapshot when the cut-off passes. It runs next to apply-cell-updates, on
 * the same partitions of the cell stores: on a wall-clock schedule (a quiet period after the cut-off) and on a
 * stream-time schedule (a replay, or submissions made after the cut-off), it looks for cut-offs passed and not yet
 * taken by this task, reads every State cell at the cut-off and in the cycle from the versioned cell store, and
 * forwards those versions keyed by edition, then a null value: "this task's share is complete". It remembers the
 * editions taken (with their cut-off, so a moved cut-off is taken again) in its own store.
 *
 * <p>The cell that carries stream time past a cut-off triggers the check at once as well.
 *
 * <p>A State cell that arrives late (submitted before a cut-off already taken) and becomes the cell's latest is
 * forwarded as a correction to every taken cycle it belongs to. A late revision that is older than the cell's
 * latest changes no table and is not seen here: the snapshot on the topic then misses it, while an export computed
 * from the versioned store (the API's) includes it.
 */
final class TakeSnapshotsProcessor extends ContextualProcessor<String, Cell, String, Cell> {

    private static final Logger LOG = LoggerFactory.getLogger(TakeSnapshotsProcessor.class);
    private static final String STATE_PREFIX = ReporterType.STATE.name() + '|';

    private final CycleCalendar calendar;
    private VersionedKeyValueStore<String, Cell> cells;
    private KeyValueStore<String, CellFootprint> index;
    private KeyValueStore<String, Long> taken;
    /** Stream time at the last check in process(); a check is due only when a cut-off lies since then. */
    private long checkedStreamTime = Long.MIN_VALUE;

    private TakeSnapshotsProcessor(final CycleCalendar calendar) {
        this.calendar = calendar;
    }

    static ProcessorSupplier<String, Cell, String, Cell> supplier(final CycleCalendar calendar,
                                                                  final TipSerdes serdes) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, Cell, String, Cell> get() {
                return new TakeSnapshotsProcessor(calendar);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(StateStores.CYCLE_SNAPSHOTS_TAKEN.builder(serdes));
            }
        };
    }

    @Override
    public void init(final ProcessorContext<String, Cell> context) {
        super.init(context);
        cells = StateStores.CELLS.in(context);
        index = StateStores.CELL_INDEX.in(context);
        taken = StateStores.CYCLE_SNAPSHOTS_TAKEN.in(context);
        context.schedule(calendar.snapshotInterval(), PunctuationType.WALL_CLOCK_TIME, this::takeDueSnapshots);
        context.schedule(calendar.snapshotInterval(), PunctuationType.STREAM_TIME, this::takeDueSnapshots);
    }

    @Override
    public void process(final Record<String, Cell> record) {
        final Cell cell = record.value();
        final boolean stateCell = cell != null && cell.getReporterType() == ReporterType.STATE;
        for (final Cycle cycle : calendar.cycles()) {
            if (stateCell && !cell.getSubmittedAt().isAfter(cycle.cutoff()) && isTaken(cycle)) {
                // Debug, not info: a bulk load of past reports makes every cell late for every passed cycle, and
                // one line per cell and cycle buried the log (the snapshot's own line says when it was taken).
                LOG.debug("Late State cell {} submitted at {}: correcting the snapshot of cycle {}", record.key(),
                    cell.getSubmittedAt(), cycle.edition());
                forwardVersions(record.key(), cycle, record.timestamp());
                forwardShareComplete(cycle, record.timestamp());
            }
        }
        // React to the cell that carries stream time past a cut-off at once, not at the next punctuation (stream-
        // time punctuations fall on interval boundaries, up to an interval after the cut-off).
        final long streamTime = context().currentStreamTimeMs();
        if (cutoffPassedBetween(checkedStreamTime, streamTime)) {
            takeDueSnapshots(streamTime);
        }
        checkedStreamTime = Math.max(checkedStreamTime, streamTime);
    }

    /** Whether a cut-off not passed at {@code before} has passed at {@code now}. */
    private boolean cutoffPassedBetween(final long before, final long now) {
        for (final Cycle cycle : calendar.cycles()) {
            final long cutoff = cycle.cutoff().toEpochMilli();
            if (cutoff >= before && cutoff < now) {
                return true;
            }
        }
        return false;
    }

    private void takeDueSnapshots(final long now) {
        for (final Cycle cycle : calendar.passedAt(Instant.ofEpochMilli(now))) {
            if (isTaken(cycle)) {
                continue;
            }
            int count = 0;
            try (KeyValueIterator<String, CellFootprint> keys = index.prefixScan(STATE_PREFIX,
                new StringSerializer())) {
                while (keys.hasNext()) {
                    final KeyValue<String, CellFootprint> entry = keys.next();
                    count += forwardVersions(entry.key, cycle, now);
                }
            }
            forwardShareComplete(cycle, now);
            taken.put(editionKey(cycle), cycle.cutoff().toEpochMilli());
            LOG.info("Snapshot of cycle {} (cut-off {}) taken on task {}: {} cell versions", cycle.edition(),
                cycle.cutoff(), context().taskId(), count);
        }
    }

    private int forwardVersions(final String cellKey, final Cycle cycle, final long timestamp) {
        int count = 0;
        for (final Cell version : CellVersions.atCutoffAndInCycle(cells, cellKey, cycle)) {
            context().forward(new Record<>(editionKey(cycle), version, timestamp));
            count++;
        }
        return count;
    }

    private void forwardShareComplete(final Cycle cycle, final long timestamp) {
        context().forward(new Record<String, Cell>(editionKey(cycle), null, timestamp));
    }

    private boolean isTaken(final Cycle cycle) {
        final Long cutoff = taken.get(editionKey(cycle));
        return cutoff != null && cutoff == cycle.cutoff().toEpochMilli();
    }

    private static String editionKey(final Cycle cycle) {
        return Integer.toString(cycle.edition());
    }
}
