package org.tipmonitor.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tipmonitor.statistics.GlotipScenario.state;
import static org.tipmonitor.statistics.GlotipScenario.victims;

import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tipmonitor.avro.AgeGroup;
import org.tipmonitor.avro.Alert;
import org.tipmonitor.avro.AlertCategory;
import org.tipmonitor.avro.AlertKind;
import org.tipmonitor.avro.AlertSeverity;
import org.tipmonitor.avro.AlertStatus;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.avro.Sex;
import org.tipmonitor.avro.StatisticForm;
import org.tipmonitor.testing.TopologyTestBase;
import org.tipmonitor.topology.channels.StateStores;

/**
 * STATISTICS_MISMATCH on the assembled topology: a State's own total that its own breakdown contradicts opens an
 * INFO alert (the feed keeps the State's total), a correction resolves it, and parts without a total, or a total
 * with parts that agree, raise nothing, not even for a moment while a submission's figures arrive one by one.
 */
class StatisticsMismatchAlertTest extends TopologyTestBase {

    private static final String NGA_2024_TOTAL = "STATISTICS_MISMATCH|NGA|VICTIMS_DETECTED|2024|TOTAL|TOTAL|TOTAL";

    @BeforeEach
    void loadCountries() {
        loadReference(List.of(), GlotipScenario.REFERENCE.countries());
    }

    @Test
    void aTotalItsBreakdownContradictsOpensAnInfoAlertAndACorrectionResolvesIt() {
        // Hand computation: 120 stated; by sex 70 + 40 = 110.
        submit(state("nga-a", "NGA", "2025-03-01T09:00:00Z",
            victims(2024, Sex.TOTAL, AgeGroup.TOTAL, StatisticForm.TOTAL, null, 120),
            victims(2024, Sex.FEMALE, AgeGroup.TOTAL, StatisticForm.TOTAL, null, 70),
            victims(2024, Sex.MALE, AgeGroup.TOTAL, StatisticForm.TOTAL, null, 40)));
        assertThat(mismatchEvents()).as("checked at the next flush, once the submission is in").isEmpty();
        advanceWallClock(PublishStatisticsProcessor.FLUSH_INTERVAL);

        final List<TestRecord<String, Alert>> opened = mismatchEvents();
        assertThat(opened).as("one event: the alert opened, never a transient one per figure").singleElement()
            .satisfies(record -> assertThat(record.key()).isEqualTo(NGA_2024_TOTAL));
        final Alert alert = opened.get(0).value();
        assertThat(alert.getKind()).isEqualTo(AlertKind.STATISTICS_MISMATCH);
        assertThat(alert.getStatus()).isEqualTo(AlertStatus.OPEN);
        assertThat(alert.getCategory()).isEqualTo(AlertCategory.INFO);
        assertThat(alert.getSeverity()).isEqualTo(AlertSeverity.LOW);
        assertThat(alert.getReporterType()).isEqualTo(ReporterType.STATE);
        assertThat(alert.getCountry()).isEqualTo("NGA");
        assertThat(alert.getRegion()).isEqualTo("Africa");
        assertThat(alert.getCausedBySubmissionId()).isEqualTo("nga-a");
        assertThat(alert.getOpenedAt()).isEqualTo(Instant.parse("2025-03-01T09:00:00Z"));
        assertThat(alert.getReason()).isEqualTo("Nigeria gives 120 as its total of detected trafficking victims in"
            + " 2024 (sex Total, age Total, form Total), but its breakdown by sex adds up to 110.");
        assertThat(alert.getDetails()).containsExactly("indicator: VICTIMS_DETECTED", "year: 2024", "sex: TOTAL",
            "age: TOTAL", "form: TOTAL", "stated: 120", "sumOfPartsBySex: 110");
        assertThat(alertStore().get(NGA_2024_TOTAL)).as("the engine owns the alert").isEqualTo(alert);

        // The correction: 70 + 50 = 120.
        submit(state("nga-b", "NGA", "2025-04-01T09:00:00Z",
            victims(2024, Sex.MALE, AgeGroup.TOTAL, StatisticForm.TOTAL, null, 50)));
        advanceWallClock(PublishStatisticsProcessor.FLUSH_INTERVAL);

        final List<TestRecord<String, Alert>> resolved = mismatchEvents();
        assertThat(resolved).singleElement().satisfies(record -> {
            assertThat(record.value().getStatus()).isEqualTo(AlertStatus.RESOLVED);
            assertThat(record.value().getResolvedBySubmissionId()).isEqualTo("nga-b");
            assertThat(record.value().getResolvedAt()).isEqualTo(Instant.parse("2025-04-01T09:00:00Z"));
            assertThat(record.value().getOpenedAt()).isEqualTo(alert.getOpenedAt());
        });
        assertThat(storeContents(StateStores.STATISTICS_CHECKS_PENDING.name())).as("every mark checked").isEmpty();
    }

    @Test
    void partsWithoutATotalAndATotalItsPartsAgreeWithRaiseNoAlert() {
        submit(state("fra-a", "FRA", "2025-03-01T09:00:00Z",
            victims(2024, Sex.FEMALE, AgeGroup.TOTAL, StatisticForm.TOTAL, null, 30),
            victims(2024, Sex.MALE, AgeGroup.TOTAL, StatisticForm.TOTAL, null, 20)));
        // Given one figure at a time, the total would look contradicted by its first part alone.
        submit(state("nga-a", "NGA", "2025-03-01T09:00:00Z",
            victims(2024, Sex.TOTAL, AgeGroup.TOTAL, StatisticForm.TOTAL, null, 110),
            victims(2024, Sex.FEMALE, AgeGroup.TOTAL, StatisticForm.TOTAL, null, 70),
            victims(2024, Sex.MALE, AgeGroup.TOTAL, StatisticForm.TOTAL, null, 40)));
        advanceWallClock(PublishStatisticsProcessor.FLUSH_INTERVAL);

        assertThat(mismatchEvents()).isEmpty();
        assertThat(storeContents(StateStores.ALERTS.name()).keySet())
            .noneMatch(id -> id.startsWith(AlertKind.STATISTICS_MISMATCH.name()));
    }

    private List<TestRecord<String, Alert>> mismatchEvents() {
        return alertTopic.readRecordsToList().stream()
            .filter(record -> record.value().getKind() == AlertKind.STATISTICS_MISMATCH).toList();
    }

    private org.apache.kafka.streams.state.KeyValueStore<String, Alert> alertStore() {
        return driver.getKeyValueStore(StateStores.ALERTS.name());
    }
}
