package org.tipmonitor.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tipmonitor.avro.Alert;
import org.tipmonitor.avro.AlertCategory;
import org.tipmonitor.avro.AlertKind;
import org.tipmonitor.avro.AlertSeverity;
import org.tipmonitor.avro.AlertStatus;

class AlertFilterTest {

    private static final Alert FRA_NOT_REPORTED = alert("NOT_REPORTED|FRA|2026", AlertKind.NOT_REPORTED, AlertSeverity.HIGH,
        AlertCategory.GAP, AlertStatus.OPEN, "FRA", null);
    private static final Alert DEU_ASSISTANCE = alert("ASSISTANCE_NEEDED|STATE|DEU|2013.10",
        AlertKind.ASSISTANCE_NEEDED, AlertSeverity.MEDIUM, AlertCategory.CHALLENGE, AlertStatus.RESOLVED, "DEU",
        "2013.10");
    private static final Alert LOW_UPTAKE = alert("LOW_UPTAKE|2013.13", AlertKind.LOW_UPTAKE, AlertSeverity.MEDIUM,
        AlertCategory.PRIORITY, AlertStatus.OPEN, null, "2013.13");
    private static final List<Alert> ALL = List.of(FRA_NOT_REPORTED, DEU_ASSISTANCE, LOW_UPTAKE);

    @Test
    void noParameterMatchesEverything() {
        assertThat(ALL).allMatch(AlertFilter.parse(Map.of())::matches);
        assertThat(ALL).allMatch(AlertFilter.all()::matches);
    }

    @Test
    void eachCriterionNarrowsAndValuesAreAlternatives() {
        assertThat(matching(Map.of("status", "open"))).containsExactly(FRA_NOT_REPORTED, LOW_UPTAKE);
        assertThat(matching(Map.of("kind", "NOT_REPORTED,low_uptake"))).containsExactly(FRA_NOT_REPORTED, LOW_UPTAKE);
        assertThat(matching(Map.of("country", "fra"))).containsExactly(FRA_NOT_REPORTED);
        assertThat(matching(Map.of("recommendation", "2013.10"))).containsExactly(DEU_ASSISTANCE);
        assertThat(matching(Map.of("severity", "MEDIUM"))).containsExactly(DEU_ASSISTANCE, LOW_UPTAKE);
        assertThat(matching(Map.of("category", "priority"))).containsExactly(LOW_UPTAKE);
        assertThat(matching(Map.of("status", "OPEN", "severity", "MEDIUM"))).containsExactly(LOW_UPTAKE);
        assertThat(matching(Map.of("status", "OPEN", "limit", "10"))).as("other parameters are the caller's")
            .containsExactly(FRA_NOT_REPORTED, LOW_UPTAKE);
    }

    @Test
    void anAlertWithoutACountryDoesNotMatchACountryFilter() {
        assertThat(AlertFilter.parse(Map.of("country", "FRA")).matches(LOW_UPTAKE)).isFalse();
    }

    @Test
    void badParametersAreAllNamedWithWhatWasExpected() {
        assertThatThrownBy(() -> AlertFilter.parse(Map.of("status", "CLOSED", "severity", "HIGH,", "kind", "x")))
            .isInstanceOf(InvalidAlertFilterException.class)
            .hasMessageContaining("status: unknown value \"CLOSED\"; expected one of OPEN, RESOLVED")
            .hasMessageContaining("severity: empty value")
            .hasMessageContaining("kind: unknown value \"X\"")
            .satisfies(e -> assertThat(((InvalidAlertFilterException) e).problems()).hasSize(3));
        assertThatThrownBy(() -> AlertFilter.parse(Map.of("country", ""))).hasMessageStartingWith("country:");
    }

    private static List<Alert> matching(final Map<String, String> parameters) {
        final AlertFilter filter = AlertFilter.parse(parameters);
        return ALL.stream().filter(filter::matches).toList();
    }

    static Alert alert(final String id, final AlertKind kind, final AlertSeverity severity,
                       final AlertCategory category, final AlertStatus status, final String country,
                       final String recommendationId) {
        final Instant opened = Instant.parse("2026-01-01T00:00:00Z");
        return Alert.newBuilder()
            .setAlertId(id)
            .setKind(kind)
            .setSeverity(severity)
            .setCategory(category)
            .setStatus(status)
            .setCountry(country)
            .setRecommendationId(recommendationId)
            .setReason("test")
            .setOpenedAt(opened)
            .setResolvedAt(status == AlertStatus.RESOLVED ? opened.plusSeconds(3600) : null)
            .setUpdatedAt(opened)
            .build();
    }
}
