package org.tipmonitor.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tipmonitor.statistics.GlotipScenario.offenders;
import static org.tipmonitor.statistics.GlotipScenario.state;
import static org.tipmonitor.statistics.GlotipScenario.statistic;
import static org.tipmonitor.statistics.GlotipScenario.victims;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tipmonitor.avro.AgeGroup;
import org.tipmonitor.avro.RejectionReason;
import org.tipmonitor.avro.Reporter;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.avro.Sex;
import org.tipmonitor.avro.StatisticCell;
import org.tipmonitor.avro.StatisticForm;
import org.tipmonitor.avro.StatisticIndicator;
import org.tipmonitor.avro.Submission;
import org.tipmonitor.compliance.SubmissionValidator.RejectedResponse;

class StatisticsValidatorTest {

    private final StatisticsValidator validator = new StatisticsValidator();

    private StatisticsValidator.Outcome validate(final Submission submission) {
        return validator.validate(submission, GlotipScenario.REFERENCE, Optional.empty(),
            GlotipScenario.NOW.toEpochMilli());
    }

    @Test
    void eachInvalidStatisticIsOneRejectionAndTheValidOnesApply() {
        final Submission submission = state("nga-9", "NGA", "2025-01-01T00:00:00Z",
            victims(2023, Sex.FEMALE, AgeGroup.ADULT, StatisticForm.SEXUAL_EXPLOITATION, null, 10),
            victims(1999, Sex.FEMALE, AgeGroup.ADULT, StatisticForm.SEXUAL_EXPLOITATION, null, 10),
            victims(2027, Sex.FEMALE, AgeGroup.ADULT, StatisticForm.SEXUAL_EXPLOITATION, null, 10),
            victims(2023, Sex.MALE, AgeGroup.ADULT, StatisticForm.FORCED_LABOUR, null, -1),
            victims(2023, Sex.MALE, AgeGroup.ADULT, null, null, 5),
            statistic(StatisticIndicator.PERSONS_CONVICTED, 2023, Sex.TOTAL, AgeGroup.TOTAL,
                StatisticForm.FORCED_LABOUR, null, 5),
            victims(2023, Sex.MALE, AgeGroup.CHILD, StatisticForm.FORCED_LABOUR, "XYZ", 5),
            statistic(StatisticIndicator.UNKNOWN, 2023, Sex.TOTAL, AgeGroup.TOTAL, null, null, 5),
            victims(2023, Sex.FEMALE, AgeGroup.ADULT, StatisticForm.SEXUAL_EXPLOITATION, null, 11),
            victims(2026, Sex.MALE, AgeGroup.CHILD, StatisticForm.FORCED_LABOUR, " civ ", 0),
            offenders(StatisticIndicator.PERSONS_PROSECUTED, 2000, Sex.UNKNOWN, AgeGroup.UNKNOWN, 3));

        final StatisticsValidator.Outcome outcome = validate(submission);

        assertThat(outcome.rejected()).extracting(StatisticsValidator.RejectedStatistic::reason).containsExactly(
            RejectionReason.INVALID_VALUE, RejectionReason.INVALID_VALUE, RejectionReason.INVALID_VALUE,
            RejectionReason.REQUIRED_FIELD_MISSING, RejectionReason.INVALID_VALUE, RejectionReason.UNKNOWN_COUNTRY,
            RejectionReason.INVALID_VALUE, RejectionReason.DUPLICATE_STATISTIC);
        assertThat(outcome.rejected().get(0).message())
            .isEqualTo("statistics[1] (VICTIMS_DETECTED|1999|FEMALE|ADULT|SEXUAL_EXPLOITATION|*): year 1999 is"
                + " outside 2000..2026 (the year the figure refers to)");
        assertThat(outcome.rejected().get(2).message()).contains("statistics[3]").contains("count -1 is negative");
        assertThat(outcome.rejected().get(5).message()).contains("citizenship: unknown country code \"XYZ\"");
        assertThat(outcome.rejected().get(7).message()).startsWith("statistics[8] ").contains("the first stands");
        assertThat(outcome.accepted()).extracting(StatisticKey::of).containsExactly(
            "NGA|VICTIMS_DETECTED|2023|FEMALE|ADULT|SEXUAL_EXPLOITATION|*",
            "NGA|VICTIMS_DETECTED|2026|MALE|CHILD|FORCED_LABOUR|CIV",
            "NGA|PERSONS_PROSECUTED|2000|UNKNOWN|UNKNOWN|*|*");
        final StatisticCell first = outcome.accepted().get(0);
        assertThat(first.getSubmissionId()).isEqualTo("nga-9");
        assertThat(first.getSubmittedAt()).isEqualTo(submission.getSubmittedAt());
        assertThat(first.getStatistic().getCount()).isEqualTo(10);
    }

    @Test
    void onlyAStateReportsStatisticsAndAnyOtherReporterGetsOneRejectionOfItsOwnReason() {
        final Submission fromNgo = Submission.newBuilder(state("ngo-9", "NGA", "2025-01-01T00:00:00Z",
                victims(2023, Sex.TOTAL, AgeGroup.TOTAL, StatisticForm.TOTAL, null, 500),
                victims(2022, Sex.TOTAL, AgeGroup.TOTAL, StatisticForm.TOTAL, null, 400)))
            .setReporter(new Reporter(ReporterType.NHRI, "NGA", null)).build();

        final StatisticsValidator.Outcome outcome = validate(fromNgo);

        assertThat(outcome.accepted()).isEmpty();
        assertThat(outcome.rejected()).singleElement().satisfies(rejected -> {
            assertThat(rejected.reason()).isEqualTo(RejectionReason.STATISTICS_NOT_FROM_STATE);
            assertThat(rejected.message()).contains("2 national statistic(s)").contains("NHRI");
        });
    }

    @Test
    void theEuropeanUnionIsAPartyNotAStateAndSendsNoNationalStatistics() {
        final org.tipmonitor.avro.Country eu = org.tipmonitor.avro.Country.newBuilder(
                org.tipmonitor.testing.Fixtures.country("EUU", "European Union", null, null,
                    org.tipmonitor.avro.ProtocolStatus.PARTY))
            .setEntityType(org.tipmonitor.avro.EntityType.REGIONAL_ECONOMIC_INTEGRATION_ORGANIZATION).build();
        final Submission fromEu = state("euu-1", "EUU", "2025-01-01T00:00:00Z",
            victims(2023, Sex.TOTAL, AgeGroup.TOTAL, StatisticForm.TOTAL, null, 5000));

        final StatisticsValidator.Outcome outcome = validator.validate(fromEu,
            org.tipmonitor.compliance.ReferenceData.of(java.util.List.of(), java.util.List.of(eu)), Optional.empty(),
            GlotipScenario.NOW.toEpochMilli());

        assertThat(outcome.accepted()).isEmpty();
        assertThat(outcome.rejected()).singleElement().satisfies(rejected -> {
            assertThat(rejected.reason()).isEqualTo(RejectionReason.STATISTICS_NOT_FROM_STATE);
            assertThat(rejected.message()).contains("EUU is a REGIONAL_ECONOMIC_INTEGRATION_ORGANIZATION");
        });
    }

    @Test
    void aProblemOfTheWholeSubmissionRejectsEveryStatisticWithIt() {
        final Submission submission = state("nga-9", "NGA", "2025-01-01T00:00:00Z",
            victims(2023, Sex.TOTAL, AgeGroup.TOTAL, StatisticForm.TOTAL, null, 5),
            victims(2022, Sex.TOTAL, AgeGroup.TOTAL, StatisticForm.TOTAL, null, 6));

        final StatisticsValidator.Outcome outcome = validator.validate(submission, GlotipScenario.REFERENCE,
            Optional.of(new RejectedResponse(null, RejectionReason.SUBMITTED_IN_FUTURE, "in the future")),
            GlotipScenario.NOW.toEpochMilli());

        assertThat(outcome.accepted()).isEmpty();
        assertThat(outcome.rejected()).hasSize(2).allSatisfy(rejected ->
            assertThat(rejected.reason()).isEqualTo(RejectionReason.SUBMITTED_IN_FUTURE));
    }
}
