package org.tipmonitor.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportingCutoffsTest {

    private final ReportingCutoffs calendar = ReportingCutoffs.defaults();

    @Test
    void theDefaultsAreTheThirtiethOfJuneOfEveryEvenYearFrom2014To2030() {
        assertThat(calendar.cycles()).extracting(ReportingCycle::edition)
            .containsExactly(2014, 2016, 2018, 2020, 2022, 2024, 2026, 2028, 2030);
        final ReportingCycle first = calendar.cycles().get(0);
        assertThat(first.begins()).isEqualTo(Instant.parse("2013-11-08T00:00:00Z"));
        assertThat(first.cutoff()).isEqualTo(Instant.parse("2014-06-30T00:00:00Z"));
        assertThat(first.previousCutoff()).isNull();
        final ReportingCycle second = calendar.edition(2016).orElseThrow();
        assertThat(second.begins()).isEqualTo(first.cutoff());
        assertThat(second.previousCutoff()).isEqualTo(first.cutoff());
    }

    @Test
    void aSubmissionBelongsToTheCycleOfTheFirstCutOffAtOrAfterIt() {
        assertThat(calendar.cycleOf(Instant.parse("2016-06-30T00:00:00Z")).orElseThrow().edition()).isEqualTo(2016);
        assertThat(calendar.cycleOf(Instant.parse("2016-06-30T00:00:00.001Z")).orElseThrow().edition())
            .isEqualTo(2018);
        assertThat(calendar.cycleOf(Instant.parse("2013-01-01T00:00:00Z")).orElseThrow().edition())
            .as("before the first meeting: still the first cycle").isEqualTo(2014);
        assertThat(calendar.cycleOf(Instant.parse("2030-06-30T00:00:01Z"))).as("after the last cut-off").isEmpty();
    }

    @Test
    void aCycleContainsItsWindowAndKnowsWhatComesAfterItsStart() {
        final ReportingCycle c2016 = calendar.edition(2016).orElseThrow();
        assertThat(c2016.contains(Instant.parse("2014-06-30T00:00:00Z"))).isFalse();
        assertThat(c2016.contains(Instant.parse("2014-06-30T00:00:00.001Z"))).isTrue();
        assertThat(c2016.contains(Instant.parse("2016-06-30T00:00:00Z"))).isTrue();
        assertThat(c2016.contains(Instant.parse("2016-07-01T00:00:00Z"))).isFalse();
        assertThat(c2016.isNotBeforeWindow(Instant.parse("2020-01-01T00:00:00Z"))).isTrue();
        assertThat(c2016.isNotBeforeWindow(Instant.parse("2014-01-01T00:00:00Z"))).isFalse();
        assertThat(calendar.edition(2014).orElseThrow().isNotBeforeWindow(Instant.parse("2010-01-01T00:00:00Z")))
            .isTrue();
    }

    @Test
    void passedCutOffsAreListedOnceBetweenTheLastEvaluatedAndNow() {
        assertThat(calendar.passedBetween(null, Instant.parse("2018-06-30T00:00:00Z")))
            .extracting(ReportingCycle::edition).containsExactly(2014, 2016, 2018);
        assertThat(calendar.passedBetween(Instant.parse("2018-06-30T00:00:00Z"), Instant.parse("2021-01-01T00:00:00Z")))
            .extracting(ReportingCycle::edition).containsExactly(2020);
        assertThat(calendar.passedBetween(Instant.parse("2020-06-30T00:00:00Z"), Instant.parse("2021-01-01T00:00:00Z")))
            .isEmpty();
        assertThat(calendar.lastPassedBy(Instant.parse("2021-01-01T00:00:00Z")).orElseThrow().edition())
            .isEqualTo(2020);
        assertThat(calendar.lastPassedBy(Instant.parse("2014-01-01T00:00:00Z"))).isEmpty();
        assertThat(calendar.cyclesBefore(calendar.edition(2020).orElseThrow(), 2).orElseThrow().edition())
            .isEqualTo(2016);
        assertThat(calendar.cyclesBefore(calendar.edition(2016).orElseThrow(), 2)).isEmpty();
    }

    @Test
    void parsesCommaSeparatedInstantsInAnyOrder() {
        final ReportingCutoffs parsed = ReportingCutoffs.parse(" 2017-12-31T00:00:00Z,2015-12-31T00:00:00Z ,",
            ReportingCutoffs.DEFAULT_FIRST_CYCLE_BEGINS);
        assertThat(parsed.cycles()).extracting(ReportingCycle::edition).containsExactly(2015, 2017);
        assertThat(parsed.edition(2017).orElseThrow().begins()).isEqualTo(Instant.parse("2015-12-31T00:00:00Z"));
    }

    @Test
    void rejectsCalendarsThatCannotNameTheirCycles() {
        assertThatThrownBy(() -> ReportingCutoffs.parse("2016-06-30", ReportingCutoffs.DEFAULT_FIRST_CYCLE_BEGINS))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2016-06-30");
        assertThatThrownBy(() -> ReportingCutoffs.of(ReportingCutoffs.DEFAULT_FIRST_CYCLE_BEGINS,
            List.of(Instant.parse("2016-01-30T00:00:00Z"), Instant.parse("2016-06-30T00:00:00Z"))))
            .hasMessageContaining("two cut-offs in 2016");
        assertThatThrownBy(() -> ReportingCutoffs.of(ReportingCutoffs.DEFAULT_FIRST_CYCLE_BEGINS,
            List.of(Instant.parse("2012-06-30T00:00:00Z")))).hasMessageContaining("not after the first cycle");
        assertThatThrownBy(() -> ReportingCutoffs.parse(" , ", ReportingCutoffs.DEFAULT_FIRST_CYCLE_BEGINS))
            .hasMessageContaining("at least one");
    }
}
