package org.tipmonitor.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tipmonitor.avro.Alert;
import org.tipmonitor.avro.AlertCategory;
import org.tipmonitor.avro.AlertKind;
import org.tipmonitor.avro.AlertSeverity;
import org.tipmonitor.avro.AlertStatus;
import org.tipmonitor.avro.ReporterType;

class AlertLifecycleTest {

    private static final Instant T1 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T2 = Instant.parse("2026-02-01T00:00:00Z");
    private static final Instant T3 = Instant.parse("2026-03-01T00:00:00Z");

    private static AlertDraft draft(final List<String> details, final String submissionId) {
        return new AlertDraft("NOT_REPORTED|FRA|2026", AlertKind.NOT_REPORTED, AlertSeverity.MEDIUM,
            AlertCategory.GAP, ReporterType.STATE, "FRA", "Europe", null, "2026", "reason", details, submissionId);
    }

    @Test
    void aHoldingConditionOpensOnceAndChangesOnlyWhenTheRuleSaysSomethingElse() {
        final Alert opened = AlertLifecycle.holds(null, draft(List.of("2013.10"), null), T1).orElseThrow();
        assertThat(opened.getStatus()).isEqualTo(AlertStatus.OPEN);
        assertThat(opened.getOpenedAt()).isEqualTo(T1);
        assertThat(opened.getUpdatedAt()).isEqualTo(T1);
        assertThat(AlertLifecycle.holds(opened, draft(List.of("2013.10"), null), T2)).as("nothing new").isEmpty();

        final Alert changed = AlertLifecycle.holds(opened, draft(List.of("2013.13"), "s-2"), T2).orElseThrow();
        assertThat(changed.getOpenedAt()).isEqualTo(T1);
        assertThat(changed.getUpdatedAt()).isEqualTo(T2);
        assertThat(changed.getDetails()).containsExactly("2013.13");
        assertThat(changed.getCausedBySubmissionId()).isEqualTo("s-2");
    }

    @Test
    void aClearedConditionResolvesAnOpenAlertOnlyAndNeverBeforeItOpened() {
        final Alert opened = AlertLifecycle.holds(null, draft(List.of("2013.10"), null), T2).orElseThrow();
        assertThat(AlertLifecycle.clears(null, "gone", null, T3)).isEmpty();

        final Alert backDated = AlertLifecycle.clears(opened, "gone", "late", T1).orElseThrow();
        assertThat(backDated.getResolvedAt()).isEqualTo(T2);

        final Alert resolved = AlertLifecycle.clears(opened, "gone", "s-3", T3).orElseThrow();
        assertThat(resolved.getStatus()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(resolved.getResolvedAt()).isEqualTo(T3);
        assertThat(resolved.getResolution()).isEqualTo("gone");
        assertThat(resolved.getResolvedBySubmissionId()).isEqualTo("s-3");
        assertThat(AlertLifecycle.clears(resolved, "gone", null, T3)).as("already resolved").isEmpty();
    }

    @Test
    void reopeningKeepsTheIdAndStartsAFreshInterval() {
        final Alert opened = AlertLifecycle.holds(null, draft(List.of("2013.10"), "s-1"), T1).orElseThrow();
        final Alert resolved = AlertLifecycle.clears(opened, "gone", "s-2", T2).orElseThrow();
        final Alert reopened = AlertLifecycle.evaluate(resolved, Optional.of(draft(List.of("2013.10"), "s-3")),
            "gone", "s-3", T3).orElseThrow();
        assertThat(reopened.getAlertId()).isEqualTo(opened.getAlertId());
        assertThat(reopened.getStatus()).isEqualTo(AlertStatus.OPEN);
        assertThat(reopened.getOpenedAt()).isEqualTo(T3);
        assertThat(reopened.getResolvedAt()).isNull();
        assertThat(reopened.getResolution()).isNull();
        assertThat(reopened.getResolvedBySubmissionId()).isNull();
        assertThat(reopened.getCausedBySubmissionId()).isEqualTo("s-3");
    }

    @Test
    void supersedingClosesAnOpenAlertWithItsReasonAndLeavesAClosedOneAlone() {
        final Alert opened = AlertLifecycle.holds(null, draft(List.of("missing: 2013.10"), null), T2).orElseThrow();

        final Alert superseded = AlertLifecycle.supersede(opened, "the 2028 cut-off has been judged", T3)
            .orElseThrow();

        assertThat(superseded.getStatus()).isEqualTo(AlertStatus.SUPERSEDED);
        assertThat(superseded.getResolvedAt()).as("set, so that older readers see it closed").isEqualTo(T3);
        assertThat(superseded.getResolution()).isEqualTo("the 2028 cut-off has been judged");
        assertThat(superseded.getUpdatedAt()).isEqualTo(T3);
        assertThat(superseded.getOpenedAt()).isEqualTo(T2);
        assertThat(AlertLifecycle.isOpen(superseded)).isFalse();
        assertThat(AlertLifecycle.supersede(superseded, "again", T3)).isEmpty();
        assertThat(AlertLifecycle.supersede(opened, "back-dated", T1).orElseThrow().getResolvedAt())
            .as("never before it opened").isEqualTo(T2);
        assertThat(AlertLifecycle.holds(superseded, draft(List.of("missing: 2013.10"), null), T3).orElseThrow()
            .getStatus()).as("the same condition coming back opens it again").isEqualTo(AlertStatus.OPEN);
    }
}
