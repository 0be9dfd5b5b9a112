package org.tipmonitor.topology;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.tipmonitor.compliance.DeadLetterDeserializationHandler;
import org.tipmonitor.compliance.DeadLetterProcessingHandler;
import org.tipmonitor.compliance.DeadLetterProductionHandler;
import org.tipmonitor.topology.channels.Topics;

/** The Streams settings every instance of tip-monitor runs with, before the operator's own overrides. */
public final class StreamsSettings {

    public static final String DEFAULT_APPLICATION_ID = "tip-monitor";

    private StreamsSettings() {
    }

    /**
     * Defaults: exactly-once, two stream threads, every internal resource named, bad records dead-lettered, never a crash, bounded
     * RocksDB memory.
     */
    public static Map<String, Object> defaults() {
        final Map<String, Object> settings = new HashMap<>();
        settings.put(StreamsConfig.APPLICATION_ID_CONFIG, DEFAULT_APPLICATION_ID);
        settings.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        settings.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        settings.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, Topics.REJECTED.name());
        settings.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
            DeadLetterDeserializationHandler.class.getName());
        settings.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
            DeadLetterProcessingHandler.class.getName());
        // Reference data arrive through global stores: a bad reference record must not stop the application either.
        settings.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        // The partition assignor reads its settings from the main consumer's configuration, which carries only some
        // Streams keys, and warns at every start that the handler is "not enabled for the GlobalThread" when this one
        // is missing there (once per stream thread). It is enabled: say so to the copy as well.
        settings.put(StreamsConfig.mainConsumerPrefix(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG),
            true);
        settings.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
            DeadLetterProductionHandler.class.getName());
        // Two stream threads: under exactly-once a thread spends much of its time waiting on its own commits, and
        // one thread runs all 28 tasks; two gave 2.8x to 4.7x the rate of one in every bench run (performance.md).
        settings.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);
        // One bounded block cache and write-buffer budget for every RocksDB store (see docs/performance.md).
        settings.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class.getName());
        // The global thread loads the reference topics one partition at a time, and each partition's offset lookup
        // waits behind the previous partition's empty fetch, which the broker holds for fetch.max.wait.ms (500 ms by
        // default): 3 s of every start for six partitions. The state updaters' restore consumers wait the same way
        // each time a batch of tasks comes to restore. 50 ms costs an idle consumer 20 empty fetches a second.
        settings.put(StreamsConfig.globalConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), 50);
        settings.put(StreamsConfig.restoreConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), 50);
        // A restore reads the changelogs in polls of max.poll.records (1,000 by default), each partition's share of a
        // fetch capped at max.partition.fetch.bytes (1 MiB): about 500,000 records took 500 polls, and the state
        // updater waited on them more than it worked (a profile of it found Java code in a tenth of its time).
        // 20,000 records and 8 MiB per partition restored at 118,000-123,000 records/s against 78,000-111,000
        // (docs/performance.md); either alone gained nothing measurable. The restore consumer only holds what one
        // poll returns, at most fetch.max.bytes (50 MiB), and only while a store restores.
        settings.put(StreamsConfig.restoreConsumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 20_000);
        settings.put(StreamsConfig.restoreConsumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG),
            8 * 1024 * 1024);
        return settings;
    }
}
