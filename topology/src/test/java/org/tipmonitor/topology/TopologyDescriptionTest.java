package org.tipmonitor.topology;

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

    /**
     * The description with every list of stores and of successors sorted: processors declare their stores in sets
     * whose iteration order changes from one JVM to the next, which says nothing about the topology.
     */
    static String normalised(final String description) {
        final StringBuilder out = new StringBuilder();
        for (final String line : description.split("\n", -1)) {
            out.append(sortList(sortList(line, "(stores: [", "])"), "--> ", null)).append('\n');
        }
        return out.substring(0, out.length() - 1);
    }

    private static String sortList(final String line, final String open, final String close) {
        final int start = line.indexOf(open);
        if (start < 0) {
            return line;
        }
        final int from = start + open.length();
        final int end = close == null ? line.length() : line.indexOf(close, from);
        final String[] items = line.substring(from, end).split(", ");
        java.util.Arrays.sort(items);
        return line.substring(0, from) + String.join(", ", items) + line.substring(end);
    }

    @Test
    void descriptionMatchesTheGoldenFile() throws IOException {
        final String description = normalised(topology().describe().toString());
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
            org.tipmonitor.compliance.ComplianceConfig.defaults(),
            TipSerdes.create(Map.of("schema.registry.url", "mock://describe")));
        assertThat(builder.build().describe().subtopologies()).isNotEmpty();
    }
}
