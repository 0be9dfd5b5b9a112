package org.tipmonitor.topology;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.tipmonitor.alerts.GapAlerts;
import org.tipmonitor.compliance.ComplianceStreams;
import org.tipmonitor.compliance.ComplianceTopology;
import org.tipmonitor.compliance.TipSerdes;
import org.tipmonitor.cycles.ReportingCycles;
import org.tipmonitor.statistics.StatisticsPart;

/**
 * The topology tip-monitor runs: the compliance tables, then the parts that read them. Its description is pinned
 * by a golden file (topology/src/test/resources/golden/topology.txt) and explained in docs/tables.md.
 */
public final class TipMonitorTopology {

    private TipMonitorTopology() {
    }

    public static Topology build(final TipMonitorConfig config, final TipSerdes serdes) {
        final StreamsBuilder builder = new StreamsBuilder();
        final ComplianceStreams compliance = ComplianceTopology.wire(builder, config.compliance(), serdes);
        GapAlerts.wire(builder, compliance, config.alerts(), config.cycles(), serdes);
        ReportingCycles.wire(builder, compliance, config.cycles(), serdes);
        StatisticsPart.wire(compliance.acceptedStatistics(), config.cycles(), config.statistics(), serdes);
        return builder.build();
    }
}
