package org.tipmonitor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;
import org.tipmonitor.compliance.TipSerdes;
import org.tipmonitor.topology.channels.StateStores;
import org.tipmonitor.topology.channels.Store;

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

    /**
     * The boundaries are deliberate: each step that needs its records by another key is a sub-topology of its own,
     * holding only its own stores (a merge before a repartition once tied acceptance, the cell store and two tables
     * into one sub-topology with six stores).
     */
    @Test
    void eachStepIsASubTopologyWithOnlyItsOwnStores() {
        final List<Set<String>> storesPerSubTopology = topology().describe().subtopologies().stream()
            .sorted(Comparator.comparingInt(TopologyDescription.Subtopology::id))
            .map(subtopology -> subtopology.nodes().stream()
                .filter(node -> node instanceof TopologyDescription.Processor)
                .flatMap(node -> ((TopologyDescription.Processor) node).stores().stream())
                .collect(Collectors.toCollection(TreeSet::new)))
            .map(stores -> (Set<String>) stores)
            .toList();

        assertThat(storesPerSubTopology).containsExactly(
            Set.of(),
            // A country's submissions, cells and per-country row, in one task (Placement.BY_COUNTRY).
            names(StateStores.SUBMISSION_FINGERPRINTS, StateStores.CELLS, StateStores.CELL_INDEX,
                StateStores.CYCLE_SNAPSHOTS_TAKEN, StateStores.PENDING_RECOMMENDATION_DELTAS,
                StateStores.PENDING_COUNTRY_DELTAS, StateStores.PENDING_REGION_DELTAS,
                StateStores.PENDING_THEME_DELTAS, StateStores.COMPLIANCE_BY_COUNTRY),
            names(StateStores.COMPLIANCE_BY_RECOMMENDATION),
            names(StateStores.COMPLIANCE_BY_REGION),
            names(StateStores.COMPLIANCE_BY_THEME),
            // The statistics part is wired before the alert part, which reads its checks.
            names(StateStores.STATISTIC_VERSIONS, StateStores.STATISTICS_PUBLISHED_ROWS,
                StateStores.STATISTICS_EDITIONS_PUBLISHED, StateStores.STATISTICS_PENDING,
                StateStores.STATISTICS_CHECKS_PENDING),
            names(StateStores.ALERTS, StateStores.ALERT_CELLS, StateStores.ALERT_STATE_VERSIONS,
                StateStores.ALERT_CYCLE_RESPONSES,
                StateStores.ALERT_COUNTRY_ROWS, StateStores.ALERT_CUTOFFS),
            names(StateStores.CYCLE_SNAPSHOT_CELLS, StateStores.CYCLE_GLOTIP_ROWS));
    }

    private static Set<String> names(final Store<?>... stores) {
        return Arrays.stream(stores).map(Store::name).collect(Collectors.toCollection(TreeSet::new));
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
        TipMonitorTopology.wire(builder, TipMonitorConfig.defaults(),
            TipSerdes.create(Map.of("schema.registry.url", "mock://describe")));
        assertThat(builder.build().describe().subtopologies()).isNotEmpty();
    }
}
