package org.tipmonitor.topology;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.tipmonitor.alerts.AlertInputs;
import org.tipmonitor.alerts.GapAlerts;
import org.tipmonitor.compliance.ComplianceOutputs;
import org.tipmonitor.compliance.ComplianceTopology;
import org.tipmonitor.compliance.TipSerdes;
import org.tipmonitor.cycles.ReportingCycles;
import org.tipmonitor.statistics.StatisticsPart;
import org.tipmonitor.topology.channels.ComplianceTable;

/**
 * The topology tip-monitor runs, and the one every topology test builds: the compliance part, then the parts that
 * read its typed outputs. Each part repartitions at its own edge, so the sub-topologies are, in order:
 *
 * <ol>
 *   <li>two global stores: the reference recommendations and countries;</li>
 *   <li><b>screening</b>: tip.submissions, keyed by reporter and submissionId and placed by the reporter's
 *       country ({@link org.tipmonitor.topology.channels.Placement#BY_COUNTRY});</li>
 *   <li><b>a country's submissions, cells and row</b>: de-duplication and validation (store
 *       submission-fingerprints), rejections out; the versioned cells and the cell index; tip.cells; the
 *       per-country table and its topic; the deltas of the other tables; the accepted and latest cells and the
 *       State country rows to the alert engine, and each task's share of the cycle snapshots (they read the cell
 *       stores);</li>
 *   <li><b>one per other table</b> (recommendation, region, theme): the rows, their topic, and for the
 *       recommendation table its State rows to the alert engine;</li>
 *   <li><b>alert engine</b>: one task over four single-partition inputs;</li>
 *   <li><b>cycle aggregation</b>: the shares of each edition together, the implementation rows out;</li>
 *   <li><b>statistics</b>: each State's national statistics, with every version, and the Global Report feed
 *       (tip.report.glotip) published from them.</li>
 * </ol>
 *
 * Its description is pinned by a golden file (topology/src/test/resources/golden/topology.txt) and explained in
 * docs/tables.md.
 */
public final class TipMonitorTopology {

    private TipMonitorTopology() {
    }

    public static Topology build(final TipMonitorConfig config, final TipSerdes serdes) {
        final StreamsBuilder builder = new StreamsBuilder();
        wire(builder, config, serdes);
        return builder.build();
    }

    /** Adds the whole topology to a builder (e.g. one made with Kafka's own topology settings). */
    public static void wire(final StreamsBuilder builder, final TipMonitorConfig config, final TipSerdes serdes) {
        final ComplianceOutputs compliance = ComplianceTopology.wire(builder, config.compliance(), serdes);
        final StatisticsPart.Outputs statistics = StatisticsPart.wire(compliance.acceptedStatistics(),
            config.cycles(), config.statistics(), serdes);
        GapAlerts.wire(builder, new AlertInputs(compliance.acceptedCells(), compliance.latestCells(),
            compliance.rows(ComplianceTable.RECOMMENDATION), compliance.rows(ComplianceTable.COUNTRY),
            statistics.checks()), config.alerts(), config.cycles(), serdes);
        ReportingCycles.wire(builder, compliance.latestCells(), config.cycles(), serdes);
    }
}
