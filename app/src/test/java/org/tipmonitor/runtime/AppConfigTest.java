package org.tipmonitor.runtime;

import org.tipmonitor.topology.TipMonitorConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.tipmonitor.alerts.AlertConfig;
import org.tipmonitor.compliance.ComplianceConfig;
import org.tipmonitor.serde.SerdeConfig;

class AppConfigTest {

    private static final Path STATE = Path.of("/tmp/tip-state");

    @Test
    void unsetValuesTakeTheirDefaults() {
        final AppConfig config = AppConfig.builder("k:9092", "mock://x", STATE).build();

        assertThat(config.applicationId()).isEqualTo("tip-monitor");
        assertThat(config.httpHost()).isEqualTo("127.0.0.1");
        assertThat(config.advertisedHost()).isEqualTo("127.0.0.1");
        assertThat(config.httpPort()).isZero();
        assertThat(config.tokensFile()).isNull();
        assertThat(config.streamsOverrides()).isEmpty();
        assertThat(config.topology()).isEqualTo(TipMonitorConfig.defaults());
        assertThat(AppConfig.builder("k:9092", "mock://x", STATE).httpHost("0.0.0.0").build().advertisedHost())
            .as("advertised host follows the listen host unless set").isEqualTo("0.0.0.0");
    }

    @Test
    void topologySettingsComeFromTheTipKeysOfTheOverrides() {
        final AppConfig config = AppConfig.builder("k:9092", "mock://x", STATE)
            .streamsOverrides(Map.of(ComplianceConfig.MAX_CLOCK_SKEW, "PT30M", "num.stream.threads", 2))
            .build();

        assertThat(config.topology().compliance().maxClockSkew()).isEqualTo(Duration.ofMinutes(30));
        assertThatThrownBy(() -> config.streamsOverrides().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> AppConfig.builder("k:9092", "mock://x", STATE).httpPort(70_000).build())
            .hasMessageContaining("httpPort");
        assertThatThrownBy(() -> AppConfig.builder(null, "mock://x", STATE).build())
            .hasMessageContaining("bootstrapServers");
    }

    @Test
    void overridesGivenInSeveralCallsAddUpAndTheLaterValueWins() {
        final AppConfig config = AppConfig.builder("k:9092", "mock://x", STATE)
            .streamsOverrides(Map.of(AlertConfig.SINCE, "2026-06-30T00:00:00Z", "num.stream.threads", 1))
            .streamsOverrides(Map.of("security.protocol", "SASL_PLAINTEXT", "num.stream.threads", 2))
            .build();

        assertThat(config.streamsOverrides()).containsEntry(AlertConfig.SINCE, "2026-06-30T00:00:00Z")
            .containsEntry("security.protocol", "SASL_PLAINTEXT").containsEntry("num.stream.threads", 2);
        assertThat(config.topology().alerts().since()).contains(Instant.parse("2026-06-30T00:00:00Z"));
    }

    @Test
    void theDeltaFlushIntervalIsReadZeroAllowedNegativeRefused() {
        assertThat(AppConfig.builder("k:9092", "mock://x", STATE).build().topology().compliance().deltaFlushInterval())
            .isEqualTo(Duration.ofMillis(100));
        assertThat(AppConfig.builder("k:9092", "mock://x", STATE)
            .streamsOverrides(Map.of(ComplianceConfig.DELTA_FLUSH_INTERVAL, "PT0S")).build()
            .topology().compliance().deltaFlushInterval()).isZero();
        assertThatThrownBy(() -> AppConfig.builder("k:9092", "mock://x", STATE)
            .streamsOverrides(Map.of(ComplianceConfig.DELTA_FLUSH_INTERVAL, "-PT1S")).build())
            .hasMessageContaining(ComplianceConfig.DELTA_FLUSH_INTERVAL);
    }

    @Test
    void streamsSettingsAdvertiseTheBoundPortAndApplyOverridesLast() {
        final Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        overrides.put(ComplianceConfig.RECONCILE_INTERVAL, "PT1M");
        overrides.put("security.protocol", "SASL_SSL");
        overrides.put("producer.linger.ms", 5);
        final AppConfig config = AppConfig.builder("k:9092", "http://registry:8081", STATE)
            .applicationId("tip-eu").advertisedHost("node-2.internal").streamsOverrides(overrides).build();

        final Map<String, Object> streams = TipMonitorApp.streamsSettings(config, 7071);
        assertThat(streams).containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "tip-eu")
            .containsEntry(StreamsConfig.APPLICATION_SERVER_CONFIG, "node-2.internal:7071")
            .containsEntry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "k:9092")
            .containsEntry(SerdeConfig.SCHEMA_REGISTRY_URL, "http://registry:8081")
            .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE)
            .containsEntry(StreamsConfig.STATE_DIR_CONFIG, STATE.toAbsolutePath().toString())
            .containsKey(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG)
            .doesNotContainKey(ComplianceConfig.RECONCILE_INTERVAL);

        final Map<String, Object> producer = TipMonitorApp.producerSettings(config);
        assertThat(producer).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
            .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
            .containsEntry("security.protocol", "SASL_SSL")
            .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 5)
            .doesNotContainKey(StreamsConfig.PROCESSING_GUARANTEE_CONFIG);
    }

    @Test
    void everyClientOfTheInstanceGetsTheSecuritySettings() {
        final Map<String, Object> security = Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
            "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\""
                + " password=\"p\";",
            "ssl.truststore.location", "/etc/kafka/truststore.jks", "ssl.truststore.password", "secret");
        final AppConfig config = AppConfig.builder("k:9093", "http://registry:8081", STATE)
            .streamsOverrides(security).build();

        for (final Map<String, Object> client : List.of(TipMonitorApp.streamsSettings(config, 8080),
            TipMonitorApp.producerSettings(config), TipMonitorApp.alertConsumerSettings(config),
            TipMonitorApp.outcomesConsumerSettings(config))) {
            assertThat(client).containsAllEntriesOf(security).containsEntry("bootstrap.servers", "k:9093");
        }
    }
}
