package org.tipmonitor.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tipmonitor.avro.Alert;
import org.tipmonitor.avro.AlertCategory;
import org.tipmonitor.avro.AlertKind;
import org.tipmonitor.avro.AlertSeverity;
import org.tipmonitor.avro.AlertStatus;

class AlertsAtTest {

    private static final Instant OPENED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant RESOLVED = Instant.parse("2026-01-01T01:00:00Z");

    @Test
    void anAlertIsOpenFromItsOpeningUpToButNotAtItsResolution() {
        final Alert resolved = AlertFilterTest.alert("a", AlertKind.STALE, AlertSeverity.LOW, AlertCategory.GAP,
            AlertStatus.RESOLVED, "FRA", null);
        assertThat(AlertsAt.wasOpenAt(resolved, OPENED.minusMillis(1))).isFalse();
        assertThat(AlertsAt.wasOpenAt(resolved, OPENED)).isTrue();
        assertThat(AlertsAt.wasOpenAt(resolved, RESOLVED.minusMillis(1))).isTrue();
        assertThat(AlertsAt.wasOpenAt(resolved, RESOLVED)).isFalse();
    }

    @Test
    void anOpenAlertIsOpenAtEveryInstantSinceItOpenedAndAReopenedOneOnlySinceItsLastOpening() {
        final Alert open = AlertFilterTest.alert("b", AlertKind.STALE, AlertSeverity.LOW, AlertCategory.GAP,
            AlertStatus.OPEN, "DEU", null);
        final Alert resolved = AlertFilterTest.alert("a", AlertKind.STALE, AlertSeverity.LOW, AlertCategory.GAP,
            AlertStatus.RESOLVED, "FRA", null);
        final Alert reopened = AlertLifecycle.holds(resolved, new AlertDraft("a", AlertKind.STALE, AlertSeverity.LOW,
            AlertCategory.GAP, null, "FRA", null, null, null, "again", List.of(), null), RESOLVED.plusSeconds(3600))
            .orElseThrow();
        assertThat(AlertsAt.openAt(List.of(open, resolved), Instant.parse("2030-01-01T00:00:00Z")))
            .containsExactly(open);
        assertThat(AlertsAt.openAt(List.of(open, resolved), OPENED.plusSeconds(60)))
            .containsExactly(open, resolved);
        assertThat(AlertsAt.openAt(List.of(reopened), OPENED.plusSeconds(60)))
            .as("the earlier interval of a re-opened alert is lost").isEmpty();
    }
}
