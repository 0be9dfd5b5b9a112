package org.tipmonitor.compliance;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.tipmonitor.topology.channels.Topics;
import org.tipmonitor.avro.Cell;
import org.tipmonitor.avro.ComplianceRow;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.Recommendation;
import org.tipmonitor.avro.Rejection;
import org.tipmonitor.avro.Submission;
import org.tipmonitor.serde.InMemorySchemaRegistry;
import org.tipmonitor.testing.DriverProperties;

/**
 * Base of the topology tests: the topology on a {@link TopologyTestDriver} with the production Streams settings
 * (dead-letter handlers included), a fresh in-memory schema registry, the dead-letter topic, and a wall clock fixed
 * at {@link #NOW} that only the test moves.
 */
abstract class TopologyTestBase {

    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @TempDir
    Path stateDir;

    protected TopologyTestDriver driver;
    protected TipSerdes serdes;
    protected String registryScope;
    protected TestInputTopic<String, Submission> submissions;
    protected TestInputTopic<String, byte[]> rawSubmissions;
    protected TestInputTopic<String, Recommendation> recommendations;
    protected TestInputTopic<String, Country> countries;
    protected TestOutputTopic<String, Cell> cells;
    protected TestOutputTopic<String, Rejection> rejected;
    protected TestOutputTopic<String, ComplianceRow> byRecommendation;
    protected TestOutputTopic<String, ComplianceRow> byCountry;
    protected TestOutputTopic<String, ComplianceRow> byRegion;
    protected TestOutputTopic<String, ComplianceRow> byTheme;

    protected ComplianceConfig config() {
        return ComplianceConfig.defaults();
    }

    @BeforeEach
    void startDriver() {
        registryScope = "topology-test-" + UUID.randomUUID();
        serdes = TipSerdes.create(Map.of("schema.registry.url", "mock://" + registryScope));
        final Properties props = DriverProperties.of("tip-monitor-test", stateDir, registryScope);
        driver = new TopologyTestDriver(ComplianceTopology.build(config(), serdes), props, NOW);

        submissions = driver.createInputTopic(Topics.SUBMISSIONS.name(), new StringSerializer(),
            serdes.value(Submission.class).serializer());
        rawSubmissions = driver.createInputTopic(Topics.SUBMISSIONS.name(), new StringSerializer(),
            new ByteArraySerializer());
        recommendations = driver.createInputTopic(Topics.RECOMMENDATIONS.name(), new StringSerializer(),
            serdes.value(Recommendation.class).serializer());
        countries = driver.createInputTopic(Topics.COUNTRIES.name(), new StringSerializer(),
            serdes.value(Country.class).serializer());
        cells = output(Topics.CELLS.name(), Cell.class);
        rejected = output(Topics.REJECTED.name(), Rejection.class);
        byRecommendation = output(Topics.COMPLIANCE_BY_RECOMMENDATION.name(), ComplianceRow.class);
        byCountry = output(Topics.COMPLIANCE_BY_COUNTRY.name(), ComplianceRow.class);
        byRegion = output(Topics.COMPLIANCE_BY_REGION.name(), ComplianceRow.class);
        byTheme = output(Topics.COMPLIANCE_BY_THEME.name(), ComplianceRow.class);
    }

    @AfterEach
    void closeDriver() {
        driver.close();
        InMemorySchemaRegistry.dropScope(registryScope);
    }

    private <T extends org.apache.avro.specific.SpecificRecord> TestOutputTopic<String, T> output(
        final String topic, final Class<T> type) {
        return driver.createOutputTopic(topic, new StringDeserializer(), serdes.value(type).deserializer());
    }

    protected void loadReference(final List<Recommendation> recs, final List<Country> entities) {
        recs.forEach(r -> recommendations.pipeInput(r.getId(), r));
        entities.forEach(c -> countries.pipeInput(c.getIso3(), c));
    }

    protected void loadFixtures() {
        loadReference(Fixtures.RECOMMENDATIONS, Fixtures.COUNTRIES);
    }

    protected void submit(final Submission submission) {
        submissions.pipeInput(submission.getReporter().getCountry(), submission, NOW);
    }

    protected void advanceWallClock(final Duration by) {
        driver.advanceWallClockTime(by);
    }

    /** A changelog read to its end: the last value per key, tombstones removing the key. */
    protected static <V> Map<String, V> table(final TestOutputTopic<String, V> topic) {
        final Map<String, V> table = new LinkedHashMap<>();
        for (final TestRecord<String, V> record : topic.readRecordsToList()) {
            if (record.value() == null) {
                table.remove(record.key());
            } else {
                table.put(record.key(), record.value());
            }
        }
        return table;
    }

    /** The stored row of a compliance store, or null. */
    protected ComplianceRow storedRow(final String store, final String key) {
        return driver.<String, ComplianceRow>getKeyValueStore(store).get(key);
    }
}
