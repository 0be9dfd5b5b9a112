package org.tipmonitor.alerts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.tipmonitor.avro.Alert;
import org.tipmonitor.avro.Submission;
import org.tipmonitor.testing.Fixtures;
import org.tipmonitor.testing.TopologyTestBase;
import org.tipmonitor.topology.channels.StateStores;

/**
 * The topology tests of the alert rules: the common driver ({@link TopologyTestBase}) with the alert world loaded,
 * where every alert event published is kept in {@link #events}, in order, after each input.
 */
abstract class AlertsTestBase extends TopologyTestBase {

    protected final List<Alert> events = new ArrayList<>();

    @Override
    protected Fixtures.World world() {
        return AlertWorld.world();
    }

    @Override
    protected void submit(final Submission submission) {
        super.submit(submission);
        drain();
    }

    @Override
    protected void advanceWallClock(final Duration by) {
        super.advanceWallClock(by);
        drain();
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
