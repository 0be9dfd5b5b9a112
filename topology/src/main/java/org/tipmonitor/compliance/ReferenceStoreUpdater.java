package org.tipmonitor.compliance;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tipmonitor.topology.channels.Store;

/** Keeps a global reference store equal to its compacted topic: a tombstone removes the entity. */
final class ReferenceStoreUpdater<V> implements Processor<String, V, Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(ReferenceStoreUpdater.class);

    private final Store.Global<V> global;
    private KeyValueStore<String, V> store;

    ReferenceStoreUpdater(final Store.Global<V> global) {
        this.global = global;
    }

    @Override
    public void init(final ProcessorContext<Void, Void> context) {
        store = global.in(context);
    }

    @Override
    public void process(final Record<String, V> record) {
        if (record.key() == null) {
            LOG.warn("Reference record without a key ignored by {}: the reference topics are keyed by id", global.name());
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
        } else {
            store.put(record.key(), record.value());
        }
    }
}
