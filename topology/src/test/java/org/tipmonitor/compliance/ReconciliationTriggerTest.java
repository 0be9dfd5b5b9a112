package org.tipmonitor.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tipmonitor.avro.Country;

class ReconciliationTriggerTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final Country JOINING = Country.newBuilder(ComplianceWorld.JPN)
        .setProtocolPartySince(LocalDate.of(2026, 6, 2)).build();

    private final List<Country> live = new ArrayList<>(List.of(ComplianceWorld.FRA, ComplianceWorld.IRN, JOINING));
    private final CachedReferenceData reference = new CachedReferenceData(
        new ReferenceData() {
            @Override
            public java.util.Optional<org.tipmonitor.avro.Recommendation> recommendation(final String id) {
                return ReferenceData.of(recommendations(), live).recommendation(id);
            }

            @Override
            public java.util.Optional<Country> country(final String iso3) {
                return ReferenceData.of(recommendations(), live).country(iso3);
            }

            @Override
            public List<org.tipmonitor.avro.Recommendation> recommendations() {
                return ComplianceWorld.RECOMMENDATIONS;
            }

            @Override
            public List<Country> countries() {
                return List.copyOf(live);
            }
        }, () -> 0L, 1_000);
    private final ReconciliationTrigger trigger = new ReconciliationTrigger(reference);

    @Test
    void theNextPartyDateIsTheEarliestStrictlyAfterTheInstantAmongStatesParties() {
        assertThat(reference.nextStatePartyDateAfter(NOW)).contains(Instant.parse("2026-06-02T00:00:00Z"));
        assertThat(reference.nextStatePartyDateAfter(Instant.parse("2026-06-02T00:00:00Z"))).isEmpty();
    }

    @Test
    void dueAfterAStartAChangeOrThePassingOfAPartyDateAndOtherwiseNot() {
        assertThat(trigger.isDue(NOW)).as("once after a start").isTrue();
        trigger.reconciled(NOW);
        assertThat(trigger.isDue(NOW.plusSeconds(10))).as("same data, no date passed").isFalse();
        assertThat(trigger.isDue(Instant.parse("2026-06-02T00:00:00Z"))).as("the party date has come").isTrue();
        trigger.reconciled(Instant.parse("2026-06-02T00:00:00Z"));
        assertThat(trigger.isDue(Instant.parse("2026-06-03T00:00:00Z"))).as("no later date").isFalse();
        live.add(ComplianceWorld.DEU);
        assertThat(trigger.isDue(Instant.parse("2026-06-03T00:00:10Z"))).as("the data changed").isTrue();
    }
}
