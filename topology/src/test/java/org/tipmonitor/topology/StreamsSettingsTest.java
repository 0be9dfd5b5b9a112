package org.tipmonitor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/** What every instance runs with, as Streams reads it. */
class StreamsSettingsTest {

    @Test
    void theGlobalProcessingHandlerIsEnabledInTheMainConsumersCopyThatThePartitionAssignorReads() {
        final Map<String, Object> settings = new HashMap<>(StreamsSettings.defaults());
        settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        final StreamsConfig config = new StreamsConfig(settings);

        assertThat(config.getBoolean(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG)).isTrue();
        // The assignor builds a StreamsConfig of these and logs "not enabled for the GlobalThread" without the key.
        final Map<String, Object> consumer = config.getMainConsumerConfigs("group", "client", 0);
        assertThat(new StreamsConfig(consumer)
            .getBoolean(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG)).isTrue();
    }

    @Test
    void exactlyOnceAndEveryInternalResourceNamedByDefault() {
        final Map<String, Object> settings = StreamsSettings.defaults();
        assertThat(settings).containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
            .containsEntry(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
    }

    /** The restore consumer, and only it, fetches in big polls (the main consumer's polls bound a task's work). */
    @Test
    void theRestoreConsumerReadsChangelogsInBigPolls() {
        final Map<String, Object> settings = new java.util.HashMap<>(StreamsSettings.defaults());
        settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        final StreamsConfig config = new StreamsConfig(settings);

        final Map<String, Object> restore = config.getRestoreConsumerConfigs("restore");
        assertThat(restore).containsEntry(org.apache.kafka.clients.consumer.ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
            20_000).containsEntry(org.apache.kafka.clients.consumer.ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
            8 * 1024 * 1024);
        final Map<String, Object> main = config.getMainConsumerConfigs("group", "main", 0);
        assertThat(main.get(org.apache.kafka.clients.consumer.ConsumerConfig.MAX_POLL_RECORDS_CONFIG))
            .isNotEqualTo(20_000);
    }
}
