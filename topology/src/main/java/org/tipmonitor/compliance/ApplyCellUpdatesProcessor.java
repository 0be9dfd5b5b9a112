package org.tipmonitor.compliance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
import org.apache.kafka.streams.state.VersionedRecord;
import org.tipmonitor.avro.Cell;
import org.tipmonitor.avro.CellFootprint;
import org.tipmonitor.avro.ComplianceDelta;
import org.tipmonitor.avro.RejectionReason;
import org.tipmonitor.topology.channels.StateStores;

/**
 * Keeps the latest status per cell. Every response goes into the versioned cell store at its submittedAt, so a
 * late-arriving older submission lands in the cell's history without touching its present; only a response that
 * becomes the cell's latest (later submittedAt, or equal submittedAt and greater submissionId) is emitted to
 * tip.cells and moves the cell between compliance rows, as deltas computed from the cell's footprint. Both leave
 * as one {@link CellChange}, which the typed children (the latest cells, one delta stream per table) take apart.
 *
 * <p>On a wall-clock schedule it re-resolves every footprint against the reference data, so that a removed
 * recommendation, a new State party or a moved country reaches the tables without any new submission. It walks
 * the cell index only when the reference data differ from those it last reconciled with (and once after each
 * start), or when a State's party-since date has come since (the data unchanged, the State now counts): walking
 * every cell every interval for nothing took a large share of a bulk load ({@link ReconciliationTrigger}).
 */
final class ApplyCellUpdatesProcessor extends ContextualProcessor<String, Cell, String, CellChange> {

    private final ComplianceConfig config;
    private VersionedKeyValueStore<String, Cell> cells;
    private KeyValueStore<String, CellFootprint> index;
    /** How long the reference data read from the global stores are reused (wall clock). */
    private static final long REFERENCE_TTL_MS = 1_000;

    private CachedReferenceData reference;
    private ReconciliationTrigger trigger;

    private ApplyCellUpdatesProcessor(final ComplianceConfig config) {
        this.config = config;
    }

    static ProcessorSupplier<String, Cell, String, CellChange> supplier(final ComplianceConfig config,
                                                                            final TipSerdes serdes) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, Cell, String, CellChange> get() {
                return new ApplyCellUpdatesProcessor(config);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(StateStores.CELLS.builder(serdes, config.cellHistoryRetention()),
                    StateStores.CELL_INDEX.builder(serdes));
            }
        };
    }

    @Override
    public void init(final ProcessorContext<String, CellChange> context) {
        super.init(context);
        cells = StateStores.CELLS.in(context);
        index = StateStores.CELL_INDEX.in(context);
        reference = CachedReferenceData.reloadingOnMiss(ReferenceData.fromGlobalStores(context),
            context::currentSystemTimeMs, REFERENCE_TTL_MS);
        trigger = new ReconciliationTrigger(reference);
        context.schedule(config.reconcileInterval(), PunctuationType.WALL_CLOCK_TIME, now -> reconcile());
    }

    @Override
    public void process(final Record<String, Cell> record) {
        final String key = record.key();
        final Cell cell = record.value();
        final long submittedAt = cell.getSubmittedAt().toEpochMilli();
        final VersionedRecord<Cell> sameInstant = cells.get(key, submittedAt);
        if (sameInstant != null && sameInstant.timestamp() == submittedAt
            && cell.getSubmissionId().compareTo(sameInstant.value().getSubmissionId()) <= 0) {
            return; // Same instant: the greater submissionId stands, and it already does.
        }
        final VersionedRecord<Cell> latest = cells.get(key);
        final boolean becomesLatest = latest == null || submittedAt >= latest.timestamp();
        if (cells.put(key, cell, submittedAt) == VersionedKeyValueStore.PUT_RETURN_CODE_NOT_PUT) {
            // Older than the store's history reaches: counting it would show a cell that cannot be read. The
            // validator's SubmittedAtRange keeps such dates out; this guards a store whose stream time ran ahead.
            throw new InvalidSubmissionException(RejectionReason.SUBMITTED_TOO_EARLY, "submittedAt "
                + cell.getSubmittedAt() + " of cell " + key + " is older than the cell history keeps ("
                + config.cellHistoryRetention() + ")");
        }
        if (!becomesLatest) {
            return; // An older revision: kept in the history, changes no table.
        }
        final CellFootprint before = index.get(key);
        final CellFootprint after = Footprints.resolve(CellKey.parse(key), cell.getStatus(), cell.getSubmissionId(),
            submittedAt, reference, Instant.ofEpochMilli(context().currentSystemTimeMs()));
        index.put(key, after);
        // Outputs keep the update's timestamp: its event time, never later than a timestamp the broker accepted.
        context().forward(record.withValue(new CellChange(List.of(record),
            deltaRecords(Footprints.diff(before, after), record.timestamp()))));
    }

    private void reconcile() {
        // Party status is asked at the wall clock: a State whose accession takes effect moves into coverage here.
        final Instant at = Instant.ofEpochMilli(context().currentSystemTimeMs());
        if (!trigger.isDue(at)) {
            return; // every footprint was resolved against these same data, and no party date has come since
        }
        final List<KeyValue<String, CellFootprint>> changed = new ArrayList<>();
        try (KeyValueIterator<String, CellFootprint> all = index.all()) {
            while (all.hasNext()) {
                final KeyValue<String, CellFootprint> entry = all.next();
                final CellFootprint now = Footprints.reresolve(entry.value, reference, at);
                if (!Footprints.countsTheSame(entry.value, now)) {
                    changed.add(KeyValue.pair(entry.key, now));
                    final long streamTime = context().currentStreamTimeMs();
                    context().forward(new Record<>(entry.key,
                        new CellChange(List.of(), deltaRecords(Footprints.diff(entry.value, now), streamTime)),
                        streamTime));
                }
            }
        }
        for (final KeyValue<String, CellFootprint> entry : changed) {
            index.put(entry.key, entry.value);
        }
        trigger.reconciled(at);
    }

    private static List<Record<String, ComplianceDelta>> deltaRecords(final List<ComplianceDelta> deltas,
                                                                      final long timestamp) {
        return deltas.stream()
            .map(delta -> new Record<>(CellKey.rowKey(delta.getReporterType(), delta.getKey()), delta, timestamp))
            .toList();
    }
}
