package org.tipmonitor.topology.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.junit.jupiter.api.Test;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.compliance.CellKey;
import org.tipmonitor.compliance.TipSerdes;
import org.tipmonitor.topology.TipMonitorConfig;
import org.tipmonitor.topology.TipMonitorTopology;

class PlacementTest {

    private static final TipSerdes SERDES = TipSerdes.create(Map.of("schema.registry.url", "mock://placement"));

    @Test
    void byKeyHashesTheWholeKeyAsKafkasProducerDoes() {
        for (final String key : new String[] {"STATE|FRA|2013.10", "x", ""}) {
            for (final int partitions : new int[] {1, 3, 12}) {
                assertThat(Placement.BY_KEY.partition(key, partitions)).as(key).isEqualTo(
                    BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), partitions));
            }
        }
    }

    /** A country's submissions, cells and per-country row must meet in one partition, whatever the count. */
    @Test
    void byCountryPutsASubmissionItsCellsAndItsRowInThePartitionOfTheCountry() {
        for (final String iso3 : new String[] {"FRA", "AFG", "ZWE", "EUU", "BRA", "KEN"}) {
            final String submission = "STATE|" + iso3 + "|Ministry of Justice|sub-1";
            final String cell = new CellKey(ReporterType.STATE, iso3, "2013.10").asString();
            final String otherCell = new CellKey(ReporterType.CIVIL_SOCIETY, iso3, "2013.7").asString();
            final String row = CellKey.rowKey(ReporterType.STATE, iso3);
            for (final int partitions : new int[] {1, 2, 3, 7, 12, 50}) {
                final int expected = BuiltInPartitioner.partitionForKey(iso3.getBytes(StandardCharsets.UTF_8),
                    partitions);
                for (final String key : new String[] {submission, cell, otherCell, row}) {
                    assertThat(Placement.BY_COUNTRY.partition(key, partitions)).as(key + " of " + partitions)
                        .isEqualTo(expected);
                    assertThat(Placement.BY_COUNTRY.<Object>partitioner().partitions("t", key, null, partitions))
                        .isEqualTo(Optional.of(Set.of(expected)));
                }
            }
        }
        assertThat(Placement.BY_COUNTRY.partition("no-separator", 7)).isEqualTo(Placement.BY_KEY.partition(
            "no-separator", 7));
    }

    /** The keys of every store are where the repartition its sub-topology reads put them. */
    @Test
    void eachStoreTakesThePlacementOfWhatItsSubTopologyReads() {
        final Map<String, Placement> placements = Placement.ofStores(
            TipMonitorTopology.build(TipMonitorConfig.defaults(), SERDES).describe());

        assertThat(placements).containsEntry(StateStores.SUBMISSION_FINGERPRINTS.name(), Placement.BY_COUNTRY)
            .containsEntry(StateStores.CELLS.name(), Placement.BY_COUNTRY)
            .containsEntry(StateStores.CELL_INDEX.name(), Placement.BY_COUNTRY)
            .containsEntry(StateStores.COMPLIANCE_BY_COUNTRY.name(), Placement.BY_COUNTRY)
            .containsEntry(StateStores.COMPLIANCE_BY_RECOMMENDATION.name(), Placement.BY_KEY)
            .containsEntry(StateStores.ALERTS.name(), Placement.BY_KEY)
            .containsEntry(StateStores.STATISTIC_VERSIONS.name(), Placement.BY_KEY)
            .containsEntry(StateStores.COUNTRIES.name(), Placement.BY_KEY);
        assertThat(placements.keySet()).containsAll(StateStores.ALL.stream().map(Store::name).toList());
    }

    @Test
    void aSubTopologyReadingTwoPlacementsHasNoPlacementForItsStores() {
        final StreamsBuilder builder = new StreamsBuilder();
        final var bySubmission = builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
            .repartition(Repartitioned.<String, String>as(Repartitions.SUBMISSIONS_BY_COUNTRY.name())
                .withKeySerde(Serdes.String()).withValueSerde(Serdes.String()));
        final var byKey = builder.stream("other", Consumed.with(Serdes.String(), Serdes.String()));
        bySubmission.merge(byKey, Named.as("mixed")).groupByKey().count(
            org.apache.kafka.streams.kstream.Materialized.as("counts"));

        assertThatThrownBy(() -> Placement.ofStores(builder.build().describe()))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("BY_COUNTRY").hasMessageContaining("BY_KEY");
    }
}
