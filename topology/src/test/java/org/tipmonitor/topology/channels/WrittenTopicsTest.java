package org.tipmonitor.topology.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.tipmonitor.avro.AlertSignal;
import org.tipmonitor.avro.Cell;
import org.tipmonitor.avro.CellFootprint;
import org.tipmonitor.avro.ComplianceDelta;
import org.tipmonitor.avro.ComplianceRow;
import org.tipmonitor.avro.Rejection;
import org.tipmonitor.avro.Submission;
import org.tipmonitor.compliance.TipSerdes;
import org.tipmonitor.topology.TipMonitorConfig;
import org.tipmonitor.topology.TipMonitorTopology;

/** The topics whose schemas the runtime registers at start are exactly those the topology writes Avro values to. */
class WrittenTopicsTest {

    private static final TipSerdes SERDES = TipSerdes.create(Map.of("schema.registry.url", "mock://written"));

    @Test
    void everyOutputRepartitionAndChangelogWithAvroValuesAndNothingTheTopologyOnlyReads() {
        final Map<String, Class<? extends org.apache.avro.specific.SpecificRecord>> written = WrittenTopics.of("app",
            TipMonitorTopology.build(TipMonitorConfig.defaults(), SERDES));

        // The 36 subjects the stream thread registered one by one in the demo (its _schemas topic), less the inputs,
        // and the changelogs of the four buffers where deltas are combined; less the two repartitions a country's
        // cells and row no longer cross (cell-updates, compliance-by-country-deltas).
        assertThat(written).hasSize(38)
            .containsEntry("app-pending-country-deltas-changelog", ComplianceDelta.class)
            .containsEntry("tip.cells", Cell.class)
            .containsEntry("tip.compliance.by-country", ComplianceRow.class)
            .containsEntry("tip.submissions.rejected", Rejection.class)
            .containsEntry("app-submissions-by-country-repartition", Submission.class)
            .containsEntry("app-compliance-by-region-deltas-repartition", ComplianceDelta.class)
            .containsEntry("app-alert-signals-country-rows-repartition", AlertSignal.class)
            .containsEntry("app-cells-changelog", Cell.class)
            .containsEntry("app-cell-index-changelog", CellFootprint.class)
            .doesNotContainKeys(Topics.SUBMISSIONS.name(), Topics.RECOMMENDATIONS.name(), Topics.COUNTRIES.name(),
                "app-cell-updates-repartition", "app-compliance-by-country-deltas-repartition",
                "app-reference-countries-changelog", "app-submission-fingerprints-changelog",
                "app-alert-cutoffs-changelog");
    }

    @Test
    void aSinkNotDeclaredInThisPackageIsABug() {
        final StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())).to("undeclared", Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));

        assertThatThrownBy(() -> WrittenTopics.of("app", builder.build()))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("undeclared");
    }
}
