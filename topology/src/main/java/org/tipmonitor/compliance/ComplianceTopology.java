package org.tipmonitor.compliance;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.tipmonitor.avro.Cell;
import org.tipmonitor.avro.ComplianceDelta;
import org.tipmonitor.avro.ComplianceRow;
import org.tipmonitor.avro.Rejection;
import org.tipmonitor.topology.channels.ComplianceTable;
import org.tipmonitor.topology.channels.Repartitions;
import org.tipmonitor.topology.channels.StateStores;
import org.tipmonitor.topology.channels.Store;
import org.tipmonitor.topology.channels.Topics;

/**
 * The compliance topology. Submissions are screened, re-keyed by submissionId (so that redeliveries meet their
 * first copy), de-duplicated and validated; each valid response becomes a cell update, re-keyed by cell; the cell
 * store keeps the latest status per cell and emits deltas; one repartition per table brings the deltas of a row
 * together, where they are applied incrementally. Reference data are global stores. See docs/tables.md.
 */
public final class ComplianceTopology {

    private ComplianceTopology() {
    }

    /** The compliance topology alone. */
    public static Topology build(final ComplianceConfig config, final TipSerdes serdes) {
        final StreamsBuilder builder = new StreamsBuilder();
        wire(builder, config, serdes);
        return builder.build();
    }

    /**
     * Adds the compliance part to a builder and hands back the streams that the alert and cycle parts read, so that
     * they extend the graph without reaching into it.
     */
    public static ComplianceStreams wire(final StreamsBuilder builder, final ComplianceConfig config,
                                         final TipSerdes serdes) {
        addReferenceStore(builder, StateStores.RECOMMENDATIONS, serdes, "recommendations");
        addReferenceStore(builder, StateStores.COUNTRIES, serdes, "countries");

        final Map<String, KStream<String, SpecificRecord>> accepted = builder
            .stream(Topics.SUBMISSIONS.name(), Topics.SUBMISSIONS.consumed(serdes, "submissions-source"))
            .processValues(ScreenSubmissionsProcessor::new, Named.as("screen-submissions"))
            .selectKey((key, submission) -> submission.getSubmissionId(), Named.as("key-by-submission-id"))
            .repartition(Repartitions.SUBMISSIONS_BY_ID.repartitioned(serdes))
            .process(AcceptSubmissionsProcessor.supplier(config, serdes), Named.as("accept-submissions"))
            .split(Named.as("accepted-"))
            .branch((key, value) -> value instanceof Cell, Branched.as("cells"))
            .defaultBranch(Branched.as("rejections"));

        accepted.get("accepted-rejections")
            .mapValues(value -> (Rejection) value, Named.as("as-rejection"))
            .to(Topics.REJECTED.name(), Topics.REJECTED.produced(serdes, "rejections-sink"));

        final KStream<String, Cell> acceptedCells = accepted.get("accepted-cells")
            .mapValues(value -> (Cell) value, Named.as("as-cell-update"));
        final Map<String, KStream<String, SpecificRecord>> changes = acceptedCells
            .repartition(Repartitions.CELL_UPDATES.repartitioned(serdes))
            .process(ApplyCellUpdatesProcessor.supplier(config, serdes), Named.as("apply-cell-updates"))
            .split(Named.as("changes-"))
            .branch((key, value) -> value instanceof Cell, Branched.as("cells"))
            .branch((key, value) -> isDelta(value, ComplianceTable.RECOMMENDATION), Branched.as("by-recommendation"))
            .branch((key, value) -> isDelta(value, ComplianceTable.COUNTRY), Branched.as("by-country"))
            .branch((key, value) -> isDelta(value, ComplianceTable.REGION), Branched.as("by-region"))
            .defaultBranch(Branched.as("by-theme"));

        final KStream<String, Cell> latestCells = changes.get("changes-cells")
            .mapValues(value -> (Cell) value, Named.as("as-cell"));
        latestCells.to(Topics.CELLS.name(), Topics.CELLS.produced(serdes, "cells-sink"));

        final KStream<String, ComplianceRow> byRecommendation = aggregate(
            changes.get("changes-by-recommendation"), ComplianceTable.RECOMMENDATION, config, serdes);
        final KStream<String, ComplianceRow> byCountry = aggregate(changes.get("changes-by-country"),
            ComplianceTable.COUNTRY, config, serdes);
        aggregate(changes.get("changes-by-region"), ComplianceTable.REGION, config, serdes);
        aggregate(changes.get("changes-by-theme"), ComplianceTable.THEME, config, serdes);

        return new ComplianceStreams(acceptedCells, latestCells, byRecommendation, byCountry);
    }

    private static boolean isDelta(final SpecificRecord value, final ComplianceTable table) {
        return value instanceof ComplianceDelta && table.holds(((ComplianceDelta) value).getDimension());
    }

    private static KStream<String, ComplianceRow> aggregate(final KStream<String, SpecificRecord> deltas,
                                                            final ComplianceTable table,
                                                            final ComplianceConfig config, final TipSerdes serdes) {
        final String stem = "by-" + table.label();
        final KStream<String, ComplianceRow> rows = deltas
            .mapValues(value -> (ComplianceDelta) value, Named.as("as-delta-" + stem))
            .repartition(table.deltas().repartitioned(serdes))
            .process(AggregateRowsProcessor.supplier(table, config, serdes), Named.as("aggregate-" + stem));
        rows.to(table.topic().name(), table.topic().produced(serdes, stem + "-sink"));
        return rows;
    }

    private static <V> void addReferenceStore(final StreamsBuilder builder, final Store.Global<V> store,
                                              final TipSerdes serdes, final String name) {
        builder.addGlobalStore(store.builder(serdes), store.source().name(),
            store.source().consumed(serdes, "update-" + name), () -> new ReferenceStoreUpdater<V>(store));
    }
}
