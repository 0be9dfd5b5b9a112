package org.tipmonitor.cycles;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.VersionedKeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.tipmonitor.alerts.AlertConfig;
import org.tipmonitor.avro.Cell;
import org.tipmonitor.avro.CellFootprint;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.GlotipRow;
import org.tipmonitor.avro.Recommendation;
import org.tipmonitor.avro.Rejection;
import org.tipmonitor.avro.Submission;
import org.tipmonitor.topology.channels.StateStores;
import org.tipmonitor.compliance.TipSerdes;
import org.tipmonitor.topology.channels.Topics;
import org.tipmonitor.compliance.ComplianceConfig;
import org.tipmonitor.topology.TipMonitorConfig;
import org.tipmonitor.topology.TipMonitorTopology;
import org.tipmonitor.serde.InMemorySchemaRegistry;
import org.tipmonitor.testing.DriverProperties;

/**
 * The assembled topology (as {@link TipMonitorTopology} builds it) on a {@link TopologyTestDriver}, with a wall
 * clock fixed at {@link #NOW} that only the test moves, and a calendar each test chooses.
 */
abstract class CycleTopologyTestBase {

    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    static final Duration SNAPSHOT_INTERVAL = Duration.ofSeconds(30);

    @TempDir
    Path stateDir;

    protected TopologyTestDriver driver;
    protected TipSerdes serdes;
    private String registryScope;
    protected TestInputTopic<String, Submission> submissions;
    protected TestOutputTopic<String, GlotipRow> glotip;
    protected TestOutputTopic<String, Rejection> rejected;

    /** The calendar of the test. */
    protected abstract CycleCalendar calendar();

    @BeforeEach
    void startDriver() {
        registryScope = "cycles-test-" + UUID.randomUUID();
        serdes = TipSerdes.create(Map.of("schema.registry.url", "mock://" + registryScope));
        final Properties props = DriverProperties.of("tip-monitor-cycles-test", stateDir, registryScope);
        driver = new TopologyTestDriver(
            TipMonitorTopology.build(new TipMonitorConfig(ComplianceConfig.defaults(), AlertConfig.defaults(), calendar()), serdes),
            props, NOW);
        submissions = driver.createInputTopic(Topics.SUBMISSIONS.name(), new StringSerializer(),
            serdes.value(Submission.class).serializer());
        final TestInputTopic<String, Recommendation> recommendations = driver.createInputTopic(
            Topics.RECOMMENDATIONS.name(), new StringSerializer(), serdes.value(Recommendation.class).serializer());
        final TestInputTopic<String, Country> countries = driver.createInputTopic(Topics.COUNTRIES.name(),
            new StringSerializer(), serdes.value(Country.class).serializer());
        glotip = driver.createOutputTopic(Topics.REPORT_GLOTIP.name(), new StringDeserializer(),
            serdes.value(GlotipRow.class).deserializer());
        rejected = driver.createOutputTopic(Topics.REJECTED.name(), new StringDeserializer(),
            serdes.value(Rejection.class).deserializer());
        CycleFixtures.RECOMMENDATIONS.forEach(r -> recommendations.pipeInput(r.getId(), r));
        CycleFixtures.COUNTRIES.forEach(c -> countries.pipeInput(c.getIso3(), c));
    }

    @AfterEach
    void closeDriver() {
        driver.close();
        InMemorySchemaRegistry.dropScope(registryScope);
    }

    /**
     * Pipes a submission timestamped with its submittedAt. The driver runs the whole topology as one task, so the
     * stream time that the snapshot processor sees is the maximum over the submissions topic too; timestamping
     * submissions with submittedAt makes it the maximum submittedAt, which is what the cell task sees in a real
     * deployment (the cell updates are re-timestamped with submittedAt).
     */
    protected void submit(final Submission submission) {
        submissions.pipeInput(submission.getReporter().getCountry(), submission, submission.getSubmittedAt());
    }

    protected void advanceWallClock(final Duration by) {
        driver.advanceWallClockTime(by);
    }

    /** The GLOTIP records emitted since the last read (tombstones included, as null values). */
    protected List<TestRecord<String, GlotipRow>> emitted() {
        return glotip.readRecordsToList();
    }

    /** A changelog read to its end: the last value per key, tombstones removing the key. */
    protected static <V> Map<String, V> table(final List<TestRecord<String, V>> records) {
        final Map<String, V> table = new LinkedHashMap<>();
        for (final TestRecord<String, V> record : records) {
            if (record.value() == null) {
                table.remove(record.key());
            } else {
                table.put(record.key(), record.value());
            }
        }
        return table;
    }

    protected VersionedKeyValueStore<String, Cell> cellStore() {
        return driver.getVersionedKeyValueStore(StateStores.CELLS.name());
    }

    /** Every cell key the topology has seen (the cell index never forgets a cell). */
    protected List<String> cellKeys() {
        final List<String> keys = new ArrayList<>();
        final KeyValueStore<String, CellFootprint> index = driver.getKeyValueStore(StateStores.CELL_INDEX.name());
        try (KeyValueIterator<String, CellFootprint> all = index.all()) {
            all.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys;
    }

    /** The cells as they stood at {@code asOf}, read from the versioned store as the API would. */
    protected List<Cell> cellsAsOf(final Instant asOf) {
        final List<Cell> cells = new ArrayList<>();
        for (final String key : cellKeys()) {
            CellVersions.asOf(cellStore(), key, asOf).ifPresent(cells::add);
        }
        return cells;
    }

    /** The versions of every cell standing at the cut-off or submitted in the cycle. */
    protected List<Cell> cellsOfCycle(final Cycle cycle) {
        final List<Cell> cells = new ArrayList<>();
        for (final String key : cellKeys()) {
            cells.addAll(CellVersions.atCutoffAndInCycle(cellStore(), key, cycle));
        }
        return cells;
    }

    /** A key-value store's contents. */
    protected <V> Map<String, V> storeContents(final String name) {
        final Map<String, V> contents = new LinkedHashMap<>();
        final KeyValueStore<String, V> store = driver.getKeyValueStore(name);
        try (KeyValueIterator<String, V> all = store.all()) {
            while (all.hasNext()) {
                final KeyValue<String, V> entry = all.next();
                contents.put(entry.key, entry.value);
            }
        }
        return contents;
    }
}
