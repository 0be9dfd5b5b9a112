package org.tipmonitor.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipmonitor.avro.Alert;
import org.tipmonitor.avro.AlertStatus;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.Recommendation;
import org.tipmonitor.compliance.TipSerdes;
import org.tipmonitor.serde.InMemorySchemaRegistry;
import org.tipmonitor.topology.StreamsSettings;
import org.tipmonitor.topology.TipMonitorConfig;
import org.tipmonitor.topology.TipMonitorTopology;
import org.tipmonitor.topology.channels.StateStores;
import org.tipmonitor.topology.channels.Topics;

/**
 * {@code tip.alerts.since} left to its default is the first cut-off after the <em>first</em> start: a restart after
 * that cut-off (the application was down across it) still judges it. Two drivers in turn stand for the two runs;
 * the driver deletes its state directory on close, so the second run gets what Streams would restore: the records
 * the first run wrote to the changelog of the engine's marks store, put back before the engine first runs.
 */
class SinceRestartTest {

    private static final Instant FIRST_START = Instant.parse("2026-06-01T12:00:00Z");
    private static final Instant RESTART = Instant.parse("2026-07-15T12:00:00Z");

    @TempDir
    Path stateDir;

    private final String registryScope = "since-restart-" + UUID.randomUUID();
    private static final String MARKS_CHANGELOG = "tip-monitor-since-test-" + StateStores.ALERT_CUTOFFS.name() + "-changelog";

    @AfterEach
    void close() {
        InMemorySchemaRegistry.dropScope(registryScope);
    }

    @Test
    void aRestartAfterTheFirstCutOffDoesNotMoveSinceSoThatCutOffIsStillJudged() {
        final List<KeyValue<String, Long>> changelog;
        try (TopologyTestDriver first = start(FIRST_START)) {
            first.advanceWallClockTime(Duration.ofSeconds(30));
            assertThat(alerts(first)).as("nothing has passed since the first start").isEmpty();
            changelog = first.createOutputTopic(MARKS_CHANGELOG, new StringDeserializer(), new LongDeserializer())
                .readKeyValuesToList();
        }
        assertThat(changelog).as("since is written down at the first start")
            .contains(KeyValue.pair(AlertEngineProcessor.SINCE, Instant.parse("2026-06-30T00:00:00Z").toEpochMilli()));

        try (TopologyTestDriver second = start(RESTART)) {
            final KeyValueStore<String, Long> marks = second.getKeyValueStore(StateStores.ALERT_CUTOFFS.name());
            changelog.forEach(record -> marks.put(record.key, record.value));
            second.advanceWallClockTime(Duration.ofSeconds(30));

            final List<Alert> judged = alerts(second);
            assertThat(judged).as("the 2026 cut-off passed while the application was down: still judged")
                .isNotEmpty().allMatch(alert -> "2026".equals(alert.getCycle())
                    && alert.getStatus() == AlertStatus.OPEN);
            assertThat(judged).extracting(Alert::getAlertId).contains("NOT_REPORTED|NGA|2026");
        }
    }

    @Test
    void withoutAStoredSinceTheSameLateStartJudgesNothingYet() {
        try (TopologyTestDriver only = start(RESTART)) {
            only.advanceWallClockTime(Duration.ofSeconds(30));
            assertThat(alerts(only)).as("a first start after the 2026 cut-off waits for 2028").isEmpty();
        }
    }

    private TopologyTestDriver start(final Instant wallClock) {
        final TipSerdes serdes = TipSerdes.create(Map.of("schema.registry.url", "mock://" + registryScope));
        final Properties props = new Properties();
        props.putAll(StreamsSettings.defaults());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "tip-monitor-since-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put("schema.registry.url", "mock://" + registryScope);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        final TopologyTestDriver driver = new TopologyTestDriver(
            TipMonitorTopology.build(TipMonitorConfig.from(new HashMap<>()), serdes), props, wallClock);
        final TestInputTopic<String, Recommendation> recommendations = driver.createInputTopic(
            Topics.RECOMMENDATIONS.name(), new StringSerializer(), serdes.value(Recommendation.class).serializer());
        final TestInputTopic<String, Country> countries = driver.createInputTopic(Topics.COUNTRIES.name(),
            new StringSerializer(), serdes.value(Country.class).serializer());
        AlertWorld.RECOMMENDATIONS.forEach(r -> recommendations.pipeInput(r.getId(), r));
        AlertWorld.countries().forEach(c -> countries.pipeInput(c.getIso3(), c));
        return driver;
    }

    private List<Alert> alerts(final TopologyTestDriver driver) {
        final TipSerdes serdes = TipSerdes.create(Map.of("schema.registry.url", "mock://" + registryScope));
        final TestOutputTopic<String, Alert> topic = driver.createOutputTopic(Topics.ALERTS.name(),
            new StringDeserializer(), serdes.value(Alert.class).deserializer());
        return topic.readValuesToList();
    }
}
