package org.tipmonitor.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tipmonitor.avro.Alert;
import org.tipmonitor.avro.AlertCategory;
import org.tipmonitor.avro.AlertKind;
import org.tipmonitor.avro.AlertSeverity;
import org.tipmonitor.avro.AlertStatus;

class AlertSummaryTest {

    @Test
    void everyBreakdownAddsUpToTheTotalWithNoneForWhatItDoesNotApplyTo() {
        final Alert notReported = Alert.newBuilder(AlertFilterTest.alert("NOT_REPORTED|FRA|2026",
            AlertKind.NOT_REPORTED, AlertSeverity.MEDIUM, AlertCategory.GAP, AlertStatus.OPEN, "FRA", null))
            .setRegion("Europe").build();
        final Alert viewsDiffer = Alert.newBuilder(AlertFilterTest.alert("VIEWS_DIFFER|NHRI|NGA|2013.10",
            AlertKind.VIEWS_DIFFER, AlertSeverity.LOW, AlertCategory.INFO, AlertStatus.OPEN, "NGA", "2013.10"))
            .setRegion("Africa").build();
        final Alert lowUptake = AlertFilterTest.alert("LOW_UPTAKE|2013.31", AlertKind.LOW_UPTAKE,
            AlertSeverity.MEDIUM, AlertCategory.PRIORITY, AlertStatus.OPEN, null, "2013.31");

        final AlertSummary summary = AlertSummary.of(List.of(notReported, viewsDiffer, lowUptake));

        assertThat(summary.total()).isEqualTo(3);
        assertThat(summary.byKind()).containsExactly(Map.entry("LOW_UPTAKE", 1), Map.entry("NOT_REPORTED", 1),
            Map.entry("VIEWS_DIFFER", 1));
        assertThat(summary.bySeverity()).containsExactly(Map.entry("LOW", 1), Map.entry("MEDIUM", 2));
        assertThat(summary.byKindAndSeverity()).containsExactly(Map.entry("LOW_UPTAKE", Map.of("MEDIUM", 1)),
            Map.entry("NOT_REPORTED", Map.of("MEDIUM", 1)), Map.entry("VIEWS_DIFFER", Map.of("LOW", 1)));
        assertThat(summary.byRegion()).containsExactly(Map.entry("Africa", 1), Map.entry("Europe", 1),
            Map.entry(AlertSummary.NONE, 1));
        assertThat(summary.byRecommendation()).containsExactly(Map.entry("2013.10", 1), Map.entry("2013.31", 1),
            Map.entry(AlertSummary.NONE, 1));
        for (final Map<String, Integer> breakdown : List.of(summary.byKind(), summary.bySeverity(),
            summary.byRegion(), summary.byRecommendation())) {
            assertThat(breakdown.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(summary.total());
        }
        assertThat(AlertSummary.of(List.of()).total()).isZero();
    }
}
