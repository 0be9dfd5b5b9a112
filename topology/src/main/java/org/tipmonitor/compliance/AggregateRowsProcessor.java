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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tipmonitor.avro.ComplianceDelta;
import org.tipmonitor.avro.ComplianceRow;
import org.tipmonitor.avro.Force;
import org.tipmonitor.topology.channels.ComplianceTable;

/**
 * One compliance table: applies each delta to its row (subtract the cell as it was, add it as it is), so a change
 * costs one row update, never a recomputation. A row left with no cell leaves the table (a tombstone downstream).
 * On a wall-clock schedule it brings each row's expectation up to date with the reference data, when they changed
 * or a State's party-since date has come ({@link ReconciliationTrigger}).
 */
final class AggregateRowsProcessor extends ContextualProcessor<String, ComplianceDelta, String, ComplianceRow> {

    private static final Logger LOG = LoggerFactory.getLogger(AggregateRowsProcessor.class);

    /** How long the reference data read from the global stores are reused (wall clock). */
    private static final long REFERENCE_TTL_MS = 1_000;

    private final ComplianceTable table;
    private final ComplianceConfig config;
    private KeyValueStore<String, ComplianceRow> rows;
    private CachedReferenceData reference;
    private ReconciliationTrigger trigger;

    private AggregateRowsProcessor(final ComplianceTable table, final ComplianceConfig config) {
        this.table = table;
        this.config = config;
    }

    static ProcessorSupplier<String, ComplianceDelta, String, ComplianceRow> supplier(final ComplianceTable table,
                                                                                      final ComplianceConfig config,
                                                                                      final TipSerdes serdes) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, ComplianceDelta, String, ComplianceRow> get() {
                return new AggregateRowsProcessor(table, config);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(table.store().builder(serdes));
            }
        };
    }

    @Override
    public void init(final ProcessorContext<String, ComplianceRow> context) {
        super.init(context);
        rows = table.store().in(context);
        reference = new CachedReferenceData(ReferenceData.fromGlobalStores(context), context::currentSystemTimeMs,
            REFERENCE_TTL_MS);
        trigger = new ReconciliationTrigger(reference);
        context.schedule(config.reconcileInterval(), PunctuationType.WALL_CLOCK_TIME, now -> refreshExpectations());
    }

    @Override
    public void process(final Record<String, ComplianceDelta> record) {
        final ComplianceDelta delta = record.value();
        final ComplianceRow current = rows.get(record.key());
        if (current == null && !ComplianceRows.addsCells(delta)) {
            LOG.warn("Delta takes cells out of row {} of {}, which holds none; ignored", record.key(),
                table.store().name());
            return;
        }
        final int expected = Expectations.expected(delta.getDimension(), delta.getReporterType(), delta.getKey(),
            reference, Instant.ofEpochMilli(context().currentSystemTimeMs()));
        final ComplianceRow updated = ComplianceRows.apply(current, delta, expected,
            ComplianceRows.forceOf(delta.getDimension(), delta.getKey(), reference), context().currentStreamTimeMs());
        if (updated == null) {
            if (current != null) {
                rows.delete(record.key());
                context().forward(record.withValue(null));
            }
        } else {
            rows.put(record.key(), updated);
            context().forward(record.withValue(updated));
        }
    }

    private void refreshExpectations() {
        final Instant now = Instant.ofEpochMilli(context().currentSystemTimeMs());
        if (!trigger.isDue(now)) {
            return; // every row's expectation was computed from these same data, and no party date has come since
        }
        final List<KeyValue<String, ComplianceRow>> changed = new ArrayList<>();
        try (KeyValueIterator<String, ComplianceRow> all = rows.all()) {
            while (all.hasNext()) {
                final KeyValue<String, ComplianceRow> entry = all.next();
                final ComplianceRow row = entry.value;
                final int expected = Expectations.expected(row.getDimension(), row.getReporterType(), row.getKey(),
                    reference, now);
                final Force force = ComplianceRows.forceOf(row.getDimension(), row.getKey(), reference);
                if (expected != row.getExpected() || force != row.getForce() || row.getByForce() == null) {
                    changed.add(KeyValue.pair(entry.key,
                        ComplianceRows.withExpected(row, expected, force, context().currentStreamTimeMs())));
                }
            }
        }
        for (final KeyValue<String, ComplianceRow> entry : changed) {
            rows.put(entry.key, entry.value);
            context().forward(new Record<>(entry.key, entry.value, context().currentStreamTimeMs()));
        }
        trigger.reconciled(now);
    }
}
