package org.tipmonitor.testing;

import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.tipmonitor.topology.StreamsSettings;

/** The Streams properties of every TopologyTestDriver test: the production settings, adapted to the driver. */
public final class DriverProperties {

    private DriverProperties() {
    }

    public static Properties of(final String applicationId, final Path stateDir, final String registryScope) {
        final Properties props = new Properties();
        props.putAll(StreamsSettings.defaults());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put("schema.registry.url", "mock://" + registryScope);
        // The driver does not commit the dead letters of the deserialization handler under exactly_once_v2 when the
        // task processes nothing afterwards (seen with 4.4.0); exactly-once itself is covered on a real broker.
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        return props;
    }
}
