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

    @Test
    void theGenerationChangesOnlyWhenAReloadFindsOtherContent() {
        final long first = cached.generation();
        cached.invalidate();
        assertThat(cached.generation()).as("reloaded, same content").isEqualTo(first);
        clock.addAndGet(500);
        assertThat(cached.generation()).as("expired, same content").isEqualTo(first);
        live.add(ComplianceWorld.DEU);
        cached.invalidate();
        assertThat(cached.generation()).as("reloaded, a country more").isEqualTo(first + 1);
    }

    @Test
    void reloadingOnMissSeesAnEntityAddedWithinTheTimeToLive() {
        final CachedReferenceData reloading = CachedReferenceData.reloadingOnMiss(changing(), clock::get, 500);
        assertThat(reloading.country("DEU")).isEmpty();
        live.add(ComplianceWorld.DEU);
        assertThat(reloading.country("DEU")).as("missing in the snapshot, present in the store").isPresent();
        assertThat(reloading.countries()).contains(ComplianceWorld.DEU);
        assertThat(reloading.country("XXA")).as("missing in both").isEmpty();
    }
}
