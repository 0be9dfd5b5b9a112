package org.tipmonitor.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tipmonitor.avro.ImplementationStatus.IMPLEMENTED;
import static org.tipmonitor.avro.ImplementationStatus.IN_PROGRESS;
import static org.tipmonitor.avro.ImplementationStatus.NOT_APPLICABLE;
import static org.tipmonitor.avro.ImplementationStatus.PLANNED;
import static org.tipmonitor.testing.Fixtures.response;
import static org.tipmonitor.testing.Fixtures.state;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.tipmonitor.avro.ComplianceRow;
import org.tipmonitor.testing.TopologyTestBase;
import org.tipmonitor.topology.channels.StateStores;

/**
 * The deltas of a row are combined for {@code tip.compliance.delta-flush-interval} of wall clock, then sent as one:
 * the rows change once per flush with the figures that applying every change one by one gives.
 */
class DeltaCombiningTest extends TopologyTestBase {

    private static final Duration FLUSH = ComplianceConfig.defaults().deltaFlushInterval();

    @Override
    protected boolean combinesDeltas() {
        return true;
    }

    @Test
    void rowsChangeOncePerFlushWithTheFiguresOfEveryChange() {
        loadReference(ComplianceWorld.WORLD);
        submit(state("fra-1", "FRA", "2026-01-10T09:00:00Z",
            response("2013.10", IMPLEMENTED), response("2013.13", IN_PROGRESS)));
        submit(state("fra-2", "FRA", "2026-02-10T09:00:00Z",
            response("2013.10", PLANNED), response("2013.28", NOT_APPLICABLE)));
        submit(state("deu-1", "DEU", "2026-01-20T09:00:00Z", response("2013.10", IMPLEMENTED)));

        assertThat(table(cells)).as("cells are not delayed").hasSize(4);
        assertThat(byCountry.isEmpty()).as("no row before the flush").isTrue();
        assertThat(byTheme.isEmpty()).isTrue();

        advanceWallClock(FLUSH);

        final List<TestRecord<String, ComplianceRow>> countries = byCountry.readRecordsToList();
        assertThat(countries).as("one change per row: five cell changes of FRA make one").hasSize(2);
        final Map<String, ComplianceRow> country = table(countries);
        final ComplianceRow fra = country.get("STATE|FRA");
        assertThat(fra.getReported()).isEqualTo(3);
        assertThat(fra.getCounts().getIMPLEMENTED()).as("2013.10 revised to PLANNED").isZero();
        assertThat(fra.getCounts().getPLANNED()).isEqualTo(1);
        assertThat(fra.getCounts().getINPROGRESS()).isEqualTo(1);
        assertThat(fra.getCounts().getNOTAPPLICABLE()).isEqualTo(1);
        assertThat(fra.getApplicable()).isEqualTo(2);
        assertThat(fra.getLastSubmittedAt()).isEqualTo(Instant.parse("2026-02-10T09:00:00Z"));
        assertThat(fra.getLabel()).isEqualTo("France");
        assertThat(country.get("STATE|DEU").getCounts().getIMPLEMENTED()).isEqualTo(1);

        final ComplianceRow r10 = table(byRecommendation).get("STATE|2013.10");
        assertThat(r10.getReported()).isEqualTo(2);
        assertThat(r10.getReportedByParties()).isEqualTo(2);
        assertThat(r10.getCounts().getIMPLEMENTED()).isEqualTo(1);
        assertThat(r10.getCounts().getPLANNED()).isEqualTo(1);
        assertThat(r10.getByForce().getShould().getReported() + r10.getByForce().getOther().getReported())
            .as("the force groups add up to the row").isEqualTo(2);

        assertThat(storedRow(StateStores.COMPLIANCE_BY_COUNTRY.name(), "STATE|FRA")).isEqualTo(fra);
        try (var pending = driver.getTimestampedKeyValueStore(StateStores.PENDING_COUNTRY_DELTAS.name()).all()) {
            assertThat(pending.hasNext()).as("nothing left pending").isFalse();
        }
    }

    @Test
    void revisionsWithinOneFlushChangeTheRowOnce() {
        loadReference(ComplianceWorld.WORLD);
        advanceWallClock(FLUSH);
        byCountry.readRecordsToList();
        submit(state("fra-1", "FRA", "2026-01-10T09:00:00Z", response("2013.10", IMPLEMENTED)));
        advanceWallClock(FLUSH);
        assertThat(table(byCountry)).containsOnlyKeys("STATE|FRA");

        submit(state("fra-2", "FRA", "2026-02-10T09:00:00Z", response("2013.10", PLANNED)));
        submit(state("fra-3", "FRA", "2026-03-10T09:00:00Z", response("2013.10", IMPLEMENTED)));
        advanceWallClock(FLUSH);

        final List<ComplianceRow> changes = byCountry.readValuesToList();
        assertThat(changes).as("two revisions, one change of the row").hasSize(1);
        assertThat(changes.get(0).getCounts().getIMPLEMENTED()).isEqualTo(1);
        assertThat(changes.get(0).getCounts().getPLANNED()).isZero();
        assertThat(changes.get(0).getLastSubmittedAt()).isEqualTo(Instant.parse("2026-03-10T09:00:00Z"));
    }
}
