package org.tipmonitor.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.junit.jupiter.api.Test;
import org.tipmonitor.compliance.TipSerdes;

/**
 * Pins the topology's description. A change to the topology changes this file on purpose: regenerate it with
 * {@code mvn -pl topology test -Dtest=TopologyDescriptionTest -Dgolden.update=true}, review the diff, and update
 * docs/tables.md with it.
 */
class TopologyDescriptionTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden/topology.txt");

    private static Topology topology() {
        return TipMonitorTopology.build(TipMonitorConfig.defaults(),
            TipSerdes.create(Map.of("schema.registry.url", "mock://describe")));
    }

    @Test
    void descriptionMatchesTheGoldenFile() throws IOException {
        final String description = topology().describe().toString();
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(GOLDEN, description, StandardCharsets.UTF_8);
        }
        assertThat(description)
            .as("topology changed: regenerate %s with -Dgolden.update=true and review the diff", GOLDEN)
            .isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
    }

    @Test
    void everyProcessorStoreAndTopicIsNamed() {
        final String description = topology().describe().toString();
        assertThat(description).doesNotContain("KSTREAM-", "KTABLE-", "KSTREAM_", "KTABLE_");
    }

    @Test
    void theTopologyPassesKafkaStreamsOwnNamingCheck() {
        final Map<String, Object> settings = new java.util.HashMap<>(StreamsSettings.defaults());
        settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        final TopologyConfig config = new TopologyConfig(new StreamsConfig(settings));
        final org.apache.kafka.streams.StreamsBuilder builder = new org.apache.kafka.streams.StreamsBuilder(config);
        org.tipmonitor.compliance.ComplianceTopology.wire(builder,
            org.tipmonitor.compliance.TopologyConfig.defaults(),
            TipSerdes.create(Map.of("schema.registry.url", "mock://describe")));
        assertThat(builder.build().describe().subtopologies()).isNotEmpty();
    }
}
