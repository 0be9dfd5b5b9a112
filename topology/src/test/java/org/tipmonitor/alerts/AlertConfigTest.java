package org.tipmonitor.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tipmonitor.runtime.TipMonitorConfig;

class AlertConfigTest {

    @Test
    void defaultsAreTheThresholdsOfTheBrief() {
        final AlertConfig config = AlertConfig.from(Map.of());
        assertThat(config).isEqualTo(AlertConfig.defaults());
        assertThat(config.lowUptakeMinReporters()).isEqualTo(10);
        assertThat(config.lowUptakeRateBelow()).isEqualTo(0.25);
        assertThat(config.divergenceMinSteps()).isEqualTo(2);
        assertThat(config.staleCycles()).isEqualTo(2);
        assertThat(config.evaluationInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.cutoffs()).isEqualTo(ReportingCutoffs.defaults());
        assertThat(TipMonitorConfig.defaults().alerts()).isEqualTo(config);
    }

    @Test
    void everySettingIsReadFromItsKey() {
        final AlertConfig config = TipMonitorConfig.from(Map.of(
            AlertConfig.LOW_UPTAKE_MIN_REPORTERS, "5",
            AlertConfig.LOW_UPTAKE_RATE_BELOW, "0.5",
            AlertConfig.DIVERGENCE_MIN_STEPS, 3,
            AlertConfig.STALE_CYCLES, "1",
            AlertConfig.EVALUATION_INTERVAL, "PT1M",
            AlertConfig.CYCLE_CUTOFFS, "2015-01-01T00:00:00Z,2016-01-01T00:00:00Z",
            AlertConfig.FIRST_CYCLE_BEGINS, "2014-01-01T00:00:00Z")).alerts();
        assertThat(config.lowUptakeMinReporters()).isEqualTo(5);
        assertThat(config.lowUptakeRateBelow()).isEqualTo(0.5);
        assertThat(config.divergenceMinSteps()).isEqualTo(3);
        assertThat(config.staleCycles()).isEqualTo(1);
        assertThat(config.evaluationInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.cutoffs().cycles()).extracting(ReportingCycle::edition).containsExactly(2015, 2016);
        assertThat(config.cutoffs().cycles().get(0).begins()).isEqualTo(Instant.parse("2014-01-01T00:00:00Z"));
    }

    @Test
    void badValuesNameTheirKey() {
        assertThatThrownBy(() -> AlertConfig.from(Map.of(AlertConfig.LOW_UPTAKE_MIN_REPORTERS, "ten")))
            .hasMessageContaining(AlertConfig.LOW_UPTAKE_MIN_REPORTERS);
        assertThatThrownBy(() -> AlertConfig.from(Map.of(AlertConfig.LOW_UPTAKE_RATE_BELOW, "1.5")))
            .hasMessageContaining(AlertConfig.LOW_UPTAKE_RATE_BELOW);
        assertThatThrownBy(() -> AlertConfig.from(Map.of(AlertConfig.EVALUATION_INTERVAL, "30s")))
            .hasMessageContaining(AlertConfig.EVALUATION_INTERVAL);
        assertThatThrownBy(() -> AlertConfig.from(Map.of(AlertConfig.CYCLE_CUTOFFS, "June 2016")))
            .hasMessageContaining(AlertConfig.CYCLE_CUTOFFS);
        assertThatThrownBy(() -> AlertConfig.from(Map.of(AlertConfig.STALE_CYCLES, "0")))
            .hasMessageContaining(AlertConfig.STALE_CYCLES);
    }
}
