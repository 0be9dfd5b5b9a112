package org.tipmonitor.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tipmonitor.cycles.Cycle;
import org.tipmonitor.cycles.CycleCalendar;
import org.tipmonitor.topology.TipMonitorConfig;

class AlertConfigTest {

    @Test
    void defaultsAreTheThresholdsOfTheBrief() {
        final AlertConfig config = AlertConfig.from(Map.of());
        assertThat(config).isEqualTo(AlertConfig.defaults());
        assertThat(config.lowUptakeMinReporters()).isEqualTo(10);
        assertThat(config.lowUptakeRateBelow()).isEqualTo(0.25);
        assertThat(config.viewsDifferMinSteps()).isEqualTo(2);
        assertThat(config.staleCycles()).isEqualTo(2);
        assertThat(config.evaluationInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.since()).as("fixed at the first start").isEmpty();
        assertThat(TipMonitorConfig.defaults().alerts()).isEqualTo(config);
        assertThat(TipMonitorConfig.defaults().cycles()).isEqualTo(CycleCalendar.defaults());
    }

    @Test
    void everySettingIsReadFromItsKey() {
        final TipMonitorConfig all = TipMonitorConfig.from(Map.of(
            AlertConfig.LOW_UPTAKE_MIN_REPORTERS, "5",
            AlertConfig.LOW_UPTAKE_RATE_BELOW, "0.5",
            AlertConfig.VIEWS_DIFFER_MIN_STEPS, 3,
            AlertConfig.SINCE, "2026-06-30",
            AlertConfig.STALE_CYCLES, "1",
            AlertConfig.EVALUATION_INTERVAL, "PT1M",
            CycleCalendar.CUTOFFS, "2015-01-01T00:00:00Z,2016-01-01T00:00:00Z",
            CycleCalendar.FIRST_BEGINS, "2014-01-01T00:00:00Z"));
        final AlertConfig config = all.alerts();
        assertThat(config.lowUptakeMinReporters()).isEqualTo(5);
        assertThat(config.lowUptakeRateBelow()).isEqualTo(0.5);
        assertThat(config.viewsDifferMinSteps()).isEqualTo(3);
        assertThat(config.staleCycles()).isEqualTo(1);
        assertThat(config.evaluationInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.since()).contains(Instant.parse("2026-06-30T00:00:00Z"));
        assertThat(AlertConfig.from(Map.of(AlertConfig.SINCE, "2024-06-30T12:00:00Z")).since())
            .contains(Instant.parse("2024-06-30T12:00:00Z"));
        assertThat(AlertConfig.from(Map.of(AlertConfig.DIVERGENCE_MIN_STEPS, "4")).viewsDifferMinSteps())
            .as("the key of before VIEWS_DIFFER is still read").isEqualTo(4);
        assertThat(all.cycles().cycles()).extracting(Cycle::edition).containsExactly(2015, 2016);
        assertThat(all.cycles().cycles().get(0).begins()).isEqualTo(Instant.parse("2014-01-01T00:00:00Z"));
    }

    @Test
    void badValuesNameTheirKey() {
        assertThatThrownBy(() -> AlertConfig.from(Map.of(AlertConfig.LOW_UPTAKE_MIN_REPORTERS, "ten")))
            .hasMessageContaining(AlertConfig.LOW_UPTAKE_MIN_REPORTERS);
        assertThatThrownBy(() -> AlertConfig.from(Map.of(AlertConfig.LOW_UPTAKE_RATE_BELOW, "1.5")))
            .hasMessageContaining(AlertConfig.LOW_UPTAKE_RATE_BELOW);
        assertThatThrownBy(() -> AlertConfig.from(Map.of(AlertConfig.EVALUATION_INTERVAL, "30s")))
            .hasMessageContaining(AlertConfig.EVALUATION_INTERVAL);
        assertThatThrownBy(() -> TipMonitorConfig.from(Map.of(CycleCalendar.CUTOFFS, "June 2016")))
            .hasMessageContaining(CycleCalendar.CUTOFFS);
        assertThatThrownBy(() -> AlertConfig.from(Map.of(AlertConfig.SINCE, "June 2026")))
            .hasMessageContaining(AlertConfig.SINCE);
        assertThatThrownBy(() -> AlertConfig.from(Map.of(AlertConfig.STALE_CYCLES, "0")))
            .hasMessageContaining(AlertConfig.STALE_CYCLES);
    }
}
