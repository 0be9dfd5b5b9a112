package org.tipmonitor.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.tipmonitor.avro.Country;

class CachedReferenceDataTest {

    private final List<Country> live = new ArrayList<>(List.of(ComplianceWorld.FRA));
    private final AtomicLong clock = new AtomicLong(1_000);
    private final CachedReferenceData cached = new CachedReferenceData(changing(), clock::get, 500);

    private ReferenceData changing() {
        return new ReferenceData() {
            @Override
            public java.util.Optional<org.tipmonitor.avro.Recommendation> recommendation(final String id) {
                return ReferenceData.of(ComplianceWorld.RECOMMENDATIONS, live).recommendation(id);
            }

            @Override
            public java.util.Optional<Country> country(final String iso3) {
                return ReferenceData.of(ComplianceWorld.RECOMMENDATIONS, live).country(iso3);
            }

            @Override
            public List<org.tipmonitor.avro.Recommendation> recommendations() {
                return ComplianceWorld.RECOMMENDATIONS;
            }

            @Override
            public List<Country> countries() {
                return List.copyOf(live);
            }
        };
    }

    @Test
    void aChangeIsSeenOnceTheSnapshotExpiresOrIsInvalidated() {
        assertThat(cached.country("FRA")).isPresent();
        live.add(ComplianceWorld.DEU);
        assertThat(cached.country("DEU")).as("within the time-to-live").isEmpty();
        clock.addAndGet(500);
        assertThat(cached.country("DEU")).as("after it").isPresent();
        live.remove(ComplianceWorld.FRA);
        cached.invalidate();
        assertThat(cached.country("FRA")).as("after invalidate").isEmpty();
        assertThat(cached.countries()).containsExactly(ComplianceWorld.DEU);
    }
}
