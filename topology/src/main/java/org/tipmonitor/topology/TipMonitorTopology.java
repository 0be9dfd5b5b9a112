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
 *   <li><b>screening</b>: tip.submissions, re-keyed by submissionId;</li>
 *   <li><b>acceptance</b>: de-duplication and validation (store submission-fingerprints); rejections out, cell
 *       updates re-keyed by cell, accepted State cells to the alert engine;</li>
 *   <li><b>cell store</b>: the versioned cells and the cell index; tip.cells, the deltas of each table, the
 *       latest cells to the alert engine, and each cell task's share of the cycle snapshots (they read these
 *       stores);</li>
 *   <li><b>one per table</b> (recommendation, country, region, theme): the rows, their topic, and for the
 *       recommendation and country tables their State rows to the alert engine;</li>
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
