package org.tipmonitor.cycles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CycleCalendarTest {

    private final CycleCalendar defaults = CycleCalendar.defaults();

    @Test
    void defaultsAreJune30OfEveryEvenYearFrom2014To2030FromTheEndOfThe2013Meeting() {
        assertThat(defaults.cycles()).extracting(Cycle::edition)
            .containsExactly(2014, 2016, 2018, 2020, 2022, 2024, 2026, 2028, 2030);
        assertThat(defaults.cycles().get(0)).isEqualTo(new Cycle(2014, Instant.parse("2013-11-08T00:00:00Z"),
            Instant.parse("2014-06-30T00:00:00Z")));
        assertThat(defaults.edition(2016)).contains(new Cycle(2016, Instant.parse("2014-06-30T00:00:00Z"),
            Instant.parse("2016-06-30T00:00:00Z")));
        assertThat(defaults.edition(2015)).isEmpty();
        assertThat(defaults.snapshotInterval()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void exactlyAtTheCutoffBelongsToTheCycleAndOneMillisecondAfterToTheNext() {
        final Instant cutoff = Instant.parse("2016-06-30T00:00:00Z");
        assertThat(defaults.cycleOf(cutoff)).map(Cycle::edition).contains(2016);
        assertThat(defaults.cycleOf(cutoff.plusMillis(1))).map(Cycle::edition).contains(2018);
        assertThat(defaults.cycleOf(cutoff.minusMillis(1))).map(Cycle::edition).contains(2016);
    }

    @Test
    void nothingBeforeTheFirstCycleOrAfterTheLastCutoffBelongsToACycle() {
        final Instant begins = CycleCalendar.DEFAULT_FIRST_BEGINS;
        assertThat(defaults.cycleOf(begins)).as("the start is exclusive").isEmpty();
        assertThat(defaults.cycleOf(begins.plusMillis(1))).map(Cycle::edition).contains(2014);
        assertThat(defaults.cycleOf(Instant.parse("2030-06-30T00:00:00Z"))).map(Cycle::edition).contains(2030);
        assertThat(defaults.cycleOf(Instant.parse("2030-06-30T00:00:00.001Z"))).isEmpty();
    }

    @Test
    void aCutoffHasPassedOnlyStrictlyAfterIt() {
        final Instant cutoff = Instant.parse("2016-06-30T00:00:00Z");
        assertThat(defaults.passedAt(cutoff)).extracting(Cycle::edition).containsExactly(2014);
        assertThat(defaults.passedAt(cutoff.plusMillis(1))).extracting(Cycle::edition).containsExactly(2014, 2016);
        assertThat(defaults.passedAt(Instant.parse("2013-12-01T00:00:00Z"))).isEmpty();
    }

    @Test
    void propertiesConfigureCutoffsNamedByTheirYearTheStartAndTheInterval() {
        final CycleCalendar calendar = CycleCalendar.from(Map.of(
            CycleCalendar.CUTOFFS, " 2015-12-31T00:00:00Z, 2017-12-31T12:00:00Z ,2019-03-01T00:00:00Z",
            CycleCalendar.FIRST_BEGINS, "2014-01-01T00:00:00Z",
            CycleCalendar.SNAPSHOT_INTERVAL, "PT5M"));
        assertThat(calendar.cycles()).containsExactly(
            new Cycle(2015, Instant.parse("2014-01-01T00:00:00Z"), Instant.parse("2015-12-31T00:00:00Z")),
            new Cycle(2017, Instant.parse("2015-12-31T00:00:00Z"), Instant.parse("2017-12-31T12:00:00Z")),
            new Cycle(2019, Instant.parse("2017-12-31T12:00:00Z"), Instant.parse("2019-03-01T00:00:00Z")));
        assertThat(calendar.snapshotInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(CycleCalendar.from(Map.of())).isEqualTo(defaults);
    }

    @Test
    void badSettingsNameTheirKey() {
        assertThatThrownBy(() -> CycleCalendar.from(Map.of(CycleCalendar.CUTOFFS, "2016-06-30")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(CycleCalendar.CUTOFFS);
        assertThatThrownBy(() -> CycleCalendar.from(Map.of(CycleCalendar.CUTOFFS,
            "2016-06-30T00:00:00Z,2016-12-31T00:00:00Z")))
            .hasMessageContaining("same edition");
        assertThatThrownBy(() -> CycleCalendar.from(Map.of(CycleCalendar.CUTOFFS,
            "2018-06-30T00:00:00Z,2016-06-30T00:00:00Z")))
            .hasMessageContaining("must increase");
        assertThatThrownBy(() -> CycleCalendar.from(Map.of(CycleCalendar.CUTOFFS, " , ")))
            .hasMessageContaining("at least one");
        assertThatThrownBy(() -> CycleCalendar.of(CycleCalendar.DEFAULT_FIRST_BEGINS,
            List.of(Instant.parse("2013-11-08T00:00:00Z")), Duration.ofSeconds(1)))
            .hasMessageContaining("does not come after");
        assertThatThrownBy(() -> CycleCalendar.from(Map.of(CycleCalendar.SNAPSHOT_INTERVAL, "30s")))
            .hasMessageStartingWith(CycleCalendar.SNAPSHOT_INTERVAL);
    }
}
