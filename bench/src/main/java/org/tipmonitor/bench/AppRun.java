package org.tipmonitor.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.StreamsConfig;
import org.tipmonitor.avro.ComplianceRow;
import org.tipmonitor.bench.InMemoryAggregation.Table;
import org.tipmonitor.compliance.TipSerdes;
import org.tipmonitor.topology.channels.Topics;
import org.tipmonitor.runtime.AppConfig;
import org.tipmonitor.runtime.TipMonitorApp;

/**
 * One run of the real application (TipMonitorApp: the production topology, serdes, HTTP API) over the whole
 * submissions topic from offset 0, until every compliance table is final and the input lag is 0.
 */
final class AppRun {

    static final Duration TIMEOUT = Duration.ofMinutes(10);

    /** How a run is configured. */
    record Setup(String guarantee, int threads) {
        String label() {
            return (StreamsConfig.EXACTLY_ONCE_V2.equals(guarantee) ? "EOS" : "ALOS") + " " + threads + "t";
        }
    }

    /** When each milestone was reached, in seconds after start. */
    record Timing(double running, double tablesFinal, double lagZero, long outputRecords) {
    }

    private AppRun() {
    }

    static Map<String, Object> overrides(final Setup setup, final Map<String, Object> extra) {
        final Map<String, Object> overrides = new HashMap<>(extra);
        overrides.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, setup.guarantee());
        overrides.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, setup.threads());
        return overrides;
    }

    static AppConfig config(final String bootstrap, final String registry, final String applicationId,
                            final Path stateDir, final Setup setup, final Map<String, Object> extra) {
        return AppConfig.builder(bootstrap, registry, stateDir)
            .applicationId(applicationId)
            .httpPort(0)
            .streamsOverrides(overrides(setup, extra))
            .build();
    }

    /**
     * Starts the application and waits for the end of the run; the caller closes the returned application.
     *
     * @param timing receives the milestones
     */
    static TipMonitorApp run(final AppConfig config, final Map<String, Object> clientConfig, final TipSerdes serdes,
                             final Map<Table, Map<String, String>> expected, final Admin admin,
                             final Timing[] timing) throws Exception {
        try (TableWatch watch = new TableWatch(clientConfig, serdes.value(ComplianceRow.class).deserializer(),
            expected)) {
            final long start = System.nanoTime();
            final TipMonitorApp app = TipMonitorApp.start(config);
            final long deadline = start + TIMEOUT.toNanos();
            double running = -1;
            double tablesFinal = -1;
            double lagZero = -1;
            final GroupLag lag = new GroupLag(admin, config.applicationId(), Topics.SUBMISSIONS.name());
            long nextLagCheck = 0;
            while (System.nanoTime() < deadline) {
                if (running < 0 && app.streams().state() == org.apache.kafka.streams.KafkaStreams.State.RUNNING) {
                    running = seconds(start);
                }
                if (watch.pollFinal(Duration.ofMillis(20))) {
                    if (tablesFinal < 0) {
                        tablesFinal = seconds(start);
                    }
                } else {
                    tablesFinal = -1; // a later record changed a final row again: not final yet
                    lagZero = -1;
                }
                if (tablesFinal >= 0 && System.nanoTime() >= nextLagCheck) {
                    nextLagCheck = System.nanoTime() + 50_000_000L;
                    if (lag.total() == 0) {
                        lagZero = seconds(start);
                        break;
                    }
                }
                if (!app.streams().state().isRunningOrRebalancing()
                    && app.streams().state() != org.apache.kafka.streams.KafkaStreams.State.CREATED) {
                    throw new IllegalStateException("Streams stopped: " + app.streams().state());
                }
            }
            if (lagZero < 0) {
                app.close();
                throw new IllegalStateException("run " + config.applicationId() + " not final within " + TIMEOUT
                    + ": " + watch.mismatches() + " rows differ from baseline B after " + watch.records()
                    + " output records");
            }
            timing[0] = new Timing(running, tablesFinal, lagZero, watch.records());
            return app;
        }
    }

    private static double seconds(final long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
