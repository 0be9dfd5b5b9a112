package org.tipmonitor.alerts;

import org.tipmonitor.topology.channels.StateStores;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.tipmonitor.avro.Alert;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.Recommendation;
import org.tipmonitor.avro.Rejection;
import org.tipmonitor.avro.Submission;
import org.tipmonitor.compliance.TipSerdes;
import org.tipmonitor.topology.channels.Topics;
import org.tipmonitor.topology.TipMonitorConfig;
import org.tipmonitor.topology.TipMonitorTopology;
import org.tipmonitor.serde.InMemorySchemaRegistry;
import org.tipmonitor.testing.DriverProperties;

/**
 * The whole tip-monitor topology on a {@link TopologyTestDriver}, as the compliance tests run it (production
 * Streams settings, at_least_once for the driver's sake, a fresh in-memory registry), with the alert fixtures
 * loaded and a wall clock fixed at {@link #NOW} that only the test moves. Every alert event published is kept in
 * {@link #events}, in order.
 */
abstract class AlertsTestBase {

    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @TempDir
    Path stateDir;

    protected TopologyTestDriver driver;
    protected String registryScope;
    protected TestInputTopic<String, Submission> submissions;
    protected TestOutputTopic<String, Alert> alertTopic;
    protected TestOutputTopic<String, Rejection> rejected;
    protected final List<Alert> events = new ArrayList<>();
    private Duration advanced = Duration.ZERO;

    /** Settings of the topology under test ({@code tip.*} keys); the defaults unless a test class says otherwise. */
    protected Map<String, Object> settings() {
        return new HashMap<>();
    }

    @BeforeEach
    void startDriver() {
        registryScope = "alerts-test-" + UUID.randomUUID();
        final TipSerdes serdes = TipSerdes.create(Map.of("schema.registry.url", "mock://" + registryScope));
        final Properties props = DriverProperties.of("tip-monitor-alerts-test", stateDir, registryScope);
        driver = new TopologyTestDriver(TipMonitorTopology.build(TipMonitorConfig.from(settings()), serdes), props,
            NOW);
        submissions = driver.createInputTopic(Topics.SUBMISSIONS.name(), new StringSerializer(),
            serdes.value(Submission.class).serializer());
        final TestInputTopic<String, Recommendation> recommendations = driver.createInputTopic(
            Topics.RECOMMENDATIONS.name(), new StringSerializer(), serdes.value(Recommendation.class).serializer());
        final TestInputTopic<String, Country> countries = driver.createInputTopic(Topics.COUNTRIES.name(),
            new StringSerializer(), serdes.value(Country.class).serializer());
        alertTopic = driver.createOutputTopic(Topics.ALERTS.name(), new StringDeserializer(),
            serdes.value(Alert.class).deserializer());
        rejected = driver.createOutputTopic(Topics.REJECTED.name(), new StringDeserializer(),
            serdes.value(Rejection.class).deserializer());
        AlertFixtures.RECOMMENDATIONS.forEach(r -> recommendations.pipeInput(r.getId(), r));
        AlertFixtures.countries().forEach(c -> countries.pipeInput(c.getIso3(), c));
    }

    @AfterEach
    void closeDriver() {
        driver.close();
        InMemorySchemaRegistry.dropScope(registryScope);
    }

    protected void submit(final Submission submission) {
        submissions.pipeInput(submission.getReporter().getCountry(), submission, driverNow());
        drain();
    }

    /** Moves the driver's wall clock, which fires the wall-clock punctuators that are due. */
    protected void advanceWallClock(final Duration by) {
        advanced = advanced.plus(by);
        driver.advanceWallClockTime(by);
        drain();
    }

    /** The test driver's wall clock: {@link #NOW} plus what the test advanced. */
    protected Instant driverNow() {
        return NOW.plus(advanced);
    }

    /**
     * Moves every published alert event into {@link #events}, checking it is keyed by its alertId; rejections fail
     * the test at once.
     */
    protected void drain() {
        for (final TestRecord<String, Alert> record : alertTopic.readRecordsToList()) {
            if (!record.key().equals(record.value().getAlertId())) {
                throw new AssertionError("alert event keyed " + record.key() + " carries " + record.value());
            }
            events.add(record.value());
        }
        if (!rejected.isEmpty()) {
            throw new AssertionError("unexpected rejections: " + rejected.readValuesToList());
        }
    }

    /** The events published for one alert id, in order. */
    protected List<Alert> eventsOf(final String alertId) {
        return events.stream().filter(alert -> alert.getAlertId().equals(alertId)).toList();
    }

    /** The latest event per alert id: the table tip.alerts describes. */
    protected Map<String, Alert> latest() {
        final Map<String, Alert> latest = new LinkedHashMap<>();
        events.forEach(alert -> latest.put(alert.getAlertId(), alert));
        return latest;
    }

    protected Alert stored(final String alertId) {
        final KeyValueStore<String, Alert> store = driver.getKeyValueStore(StateStores.ALERTS.name());
        return store.get(alertId);
    }
}
