package org.tipmonitor.compliance;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps a global reference store equal to its compacted topic: a tombstone removes the entity. */
final class ReferenceStoreUpdater<V> implements Processor<String, V, Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(ReferenceStoreUpdater.class);

    private final String storeName;
    private KeyValueStore<String, V> store;

    ReferenceStoreUpdater(final String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(final ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
    }

    @Override
    public void process(final Record<String, V> record) {
        if (record.key() == null) {
            LOG.warn("Reference record without a key ignored by {}: the reference topics are keyed by id", storeName);
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
        } else {
            store.put(record.key(), record.value());
        }
    }
}
