package org.tipmonitor.cycles;

import java.time.Duration;
import java.time.Instant;
import org.tipmonitor.statistics.StatisticsConfig;
import org.tipmonitor.alerts.AlertConfig;
import org.tipmonitor.avro.Submission;
import org.tipmonitor.compliance.ComplianceConfig;
import org.tipmonitor.testing.Fixtures;
import org.tipmonitor.testing.TopologyTestBase;
import org.tipmonitor.topology.TipMonitorConfig;

/**
 * The topology tests of the reporting cycles: the common driver ({@link TopologyTestBase}) with the cycle world
 * loaded and a calendar each test class chooses.
 */
abstract class CycleTopologyTestBase extends TopologyTestBase {

    static final Duration SNAPSHOT_INTERVAL = Duration.ofSeconds(30);

    /** The calendar of the test. */
    protected abstract CycleCalendar calendar();

    @Override
    protected TipMonitorConfig config() {
        return new TipMonitorConfig(ComplianceConfig.defaults(), AlertConfig.defaults(), calendar(),
            StatisticsConfig.defaults());
    }

    @Override
    protected Fixtures.World world() {
        return CycleWorld.WORLD;
    }

    /**
     * A submission is timestamped with its submittedAt. The driver runs the whole topology as one task, so the
     * stream time that the snapshot processor sees is the maximum over the submissions topic too; timestamping
     * submissions with submittedAt makes it the maximum submittedAt, which is what the cell task sees in a real
     * deployment (the cell updates are re-timestamped with submittedAt).
     */
    @Override
    protected Instant timestampOf(final Submission submission) {
        return submission.getSubmittedAt();
    }
}
