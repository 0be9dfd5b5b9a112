package org.tipmonitor.compliance;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;
import org.tipmonitor.avro.Cell;
import org.tipmonitor.avro.ComplianceDelta;
import org.tipmonitor.avro.ComplianceRow;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.Dimension;
import org.tipmonitor.avro.Recommendation;
import org.tipmonitor.avro.Rejection;
import org.tipmonitor.avro.Submission;

/**
 * The compliance topology. Submissions are screened, re-keyed by reporter and submissionId (so that redeliveries
 * meet their first copy, and one reporter's ids never collide with another's), de-duplicated and validated; each
 * valid response becomes a cell update, re-keyed by cell; the cell
 * store keeps the latest status per cell and emits deltas; one repartition per table brings the deltas of a row
 * together, where they are applied incrementally. Reference data are global stores. See docs/tables.md.
 */
public final class ComplianceTopology {

    private ComplianceTopology() {
    }

    /** The compliance topology alone. */
    public static Topology build(final TopologyConfig config, final TipSerdes serdes) {
        final StreamsBuilder builder = new StreamsBuilder();
        wire(builder, config, serdes);
        return builder.build();
    }

    /**
     * Adds the compliance part to a builder and hands back the streams that the alert and cycle parts read, so that
     * they extend the graph without reaching into it.
     */
    public static ComplianceStreams wire(final StreamsBuilder builder, final TopologyConfig config,
                                         final TipSerdes serdes) {
        final Serde<String> keys = Serdes.String();

        addReferenceStore(builder, TopicNames.RECOMMENDATIONS, StoreNames.RECOMMENDATIONS,
            serdes.value(Recommendation.class), "recommendations");
        addReferenceStore(builder, TopicNames.COUNTRIES, StoreNames.COUNTRIES, serdes.value(Country.class),
            "countries");

        final Map<String, KStream<String, SpecificRecord>> accepted = builder
            .stream(TopicNames.SUBMISSIONS, Consumed.with(keys, serdes.value(Submission.class))
                .withName("submissions-source"))
            .processValues(ScreenSubmissionsProcessor::new, Named.as("screen-submissions"))
            .selectKey((key, submission) -> SubmissionKey.of(submission), Named.as("key-by-submission-id"))
            .repartition(Repartitioned.with(keys, serdes.value(Submission.class)).withName("submissions-by-id"))
            .process(AcceptSubmissionsProcessor.supplier(config), Named.as("accept-submissions"))
            .split(Named.as("accepted-"))
            .branch((key, value) -> value instanceof Cell, Branched.as("cells"))
            .defaultBranch(Branched.as("rejections"));

        accepted.get("accepted-rejections")
            .mapValues(value -> (Rejection) value, Named.as("as-rejection"))
            .to(TopicNames.REJECTED, Produced.with(keys, serdes.value(Rejection.class)).withName("rejections-sink"));

        final KStream<String, Cell> acceptedCells = accepted.get("accepted-cells")
            .mapValues(value -> (Cell) value, Named.as("as-cell-update"));
        final Map<String, KStream<String, SpecificRecord>> changes = acceptedCells
            .repartition(Repartitioned.with(keys, serdes.value(Cell.class)).withName("cell-updates"))
            .process(ApplyCellUpdatesProcessor.supplier(config, serdes), Named.as("apply-cell-updates"))
            .split(Named.as("changes-"))
            .branch((key, value) -> value instanceof Cell, Branched.as("cells"))
            .branch((key, value) -> isDelta(value, Dimension.RECOMMENDATION), Branched.as("by-recommendation"))
            .branch((key, value) -> isDelta(value, Dimension.COUNTRY), Branched.as("by-country"))
            .branch((key, value) -> isDelta(value, Dimension.REGION) || isDelta(value, Dimension.SUBREGION),
                Branched.as("by-region"))
            .defaultBranch(Branched.as("by-theme"));

        final KStream<String, Cell> latestCells = changes.get("changes-cells")
            .mapValues(value -> (Cell) value, Named.as("as-cell"));
        latestCells.to(TopicNames.CELLS, Produced.with(keys, serdes.value(Cell.class)).withName("cells-sink"));

        final KStream<String, ComplianceRow> byRecommendation = aggregate(changes.get("changes-by-recommendation"), "by-recommendation",
            StoreNames.COMPLIANCE_BY_RECOMMENDATION, TopicNames.COMPLIANCE_BY_RECOMMENDATION, config, serdes);
        final KStream<String, ComplianceRow> byCountry = aggregate(changes.get("changes-by-country"), "by-country",
            StoreNames.COMPLIANCE_BY_COUNTRY, TopicNames.COMPLIANCE_BY_COUNTRY, config, serdes);
        aggregate(changes.get("changes-by-region"), "by-region",
            StoreNames.COMPLIANCE_BY_REGION, TopicNames.COMPLIANCE_BY_REGION, config, serdes);
        aggregate(changes.get("changes-by-theme"), "by-theme",
            StoreNames.COMPLIANCE_BY_THEME, TopicNames.COMPLIANCE_BY_THEME, config, serdes);

        return new ComplianceStreams(acceptedCells, latestCells, byRecommendation, byCountry);
    }

    private static boolean isDelta(final SpecificRecord value, final Dimension dimension) {
        return value instanceof ComplianceDelta && ((ComplianceDelta) value).getDimension() == dimension;
    }

    private static KStream<String, ComplianceRow> aggregate(final KStream<String, SpecificRecord> deltas,
                                                            final String table, final String storeName,
                                                            final String topic, final TopologyConfig config,
                                                            final TipSerdes serdes) {
        final KStream<String, ComplianceRow> rows = deltas
            .mapValues(value -> (ComplianceDelta) value, Named.as("as-delta-" + table))
            .repartition(Repartitioned.with(Serdes.String(), serdes.value(ComplianceDelta.class))
                .withName("compliance-" + table + "-deltas"))
            .process(AggregateRowsProcessor.supplier(storeName, config, serdes), Named.as("aggregate-" + table));
        rows.to(topic, Produced.with(Serdes.String(), serdes.value(ComplianceRow.class)).withName(table + "-sink"));
        return rows;
    }

    private static <V> void addReferenceStore(final StreamsBuilder builder, final String topic,
                                              final String storeName, final Serde<V> valueSerde,
                                              final String name) {
        builder.addGlobalStore(
            Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(storeName), Serdes.String(), valueSerde)
                .withLoggingDisabled(),
            topic,
            Consumed.with(Serdes.String(), valueSerde).withName("update-" + name),
            () -> new ReferenceStoreUpdater<V>(storeName));
    }
}
