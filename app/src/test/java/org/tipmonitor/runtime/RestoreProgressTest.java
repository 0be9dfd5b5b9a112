package org.tipmonitor.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class RestoreProgressTest {

    private static final long MS = 1_000_000;

    private final AtomicLong now = new AtomicLong(1_000 * MS);
    private final RestoreProgress progress = new RestoreProgress(now::get);

    /** Records/s is over the time some store was restoring, not since the instance started. */
    @Test
    void countsRecordsOverTheTimeAStoreWasRestoring() {
        final TopicPartition cells = new TopicPartition("app-cells-changelog", 0);
        final TopicPartition rows = new TopicPartition("app-compliance-by-country-changelog", 1);
        now.addAndGet(5_000 * MS); // the instance's start: not restoring
        progress.onRestoreStart(cells, "cells", 100, 60_100);
        now.addAndGet(100 * MS);
        progress.onRestoreStart(rows, "compliance-by-country", 0, 40_000);
        progress.onBatchRestored(cells, "cells", 30_100, 30_000);
        now.addAndGet(200 * MS);
        progress.onBatchRestored(rows, "compliance-by-country", 40_000, 40_000);
        progress.onRestoreEnd(rows, "compliance-by-country", 40_000);

        final RestoreProgress.Totals midway = progress.totals();
        assertThat(midway.records()).isEqualTo(70_000);
        assertThat(midway.toRestore()).isEqualTo(100_000);
        assertThat(midway.storesRestored()).isEqualTo(1);
        assertThat(midway.restoringNanos()).isEqualTo(300 * MS);

        now.addAndGet(700 * MS);
        progress.onBatchRestored(cells, "cells", 60_100, 30_000);
        progress.onRestoreEnd(cells, "cells", 60_000);
        now.addAndGet(60_000 * MS); // RUNNING for a minute: not restoring

        final RestoreProgress.Totals done = progress.totals();
        assertThat(done.records()).isEqualTo(100_000);
        assertThat(done.storesRestored()).isEqualTo(2);
        assertThat(done.restoringNanos()).isEqualTo(1_000 * MS);
        assertThat(done.recordsPerSecond()).isEqualTo(100_000.0);
    }

    @Test
    void aSecondRestoreAddsItsOwnTimeAndASuspendedOneCountsWhatItRead() {
        final TopicPartition first = new TopicPartition("app-alerts-changelog", 0);
        final TopicPartition second = new TopicPartition("app-cells-changelog", 2);
        progress.onRestoreStart(first, "alerts", 0, 1_000);
        progress.onBatchRestored(first, "alerts", 1_000, 1_000);
        now.addAndGet(500 * MS);
        progress.onRestoreEnd(first, "alerts", 1_000);
        now.addAndGet(10_000 * MS); // a rebalance later
        progress.onRestoreStart(second, "cells", 0, 5_000);
        progress.onBatchRestored(second, "cells", 2_000, 2_000);
        now.addAndGet(250 * MS);
        progress.onRestoreSuspended(second, "cells", 2_000);

        final RestoreProgress.Totals totals = progress.totals();
        assertThat(totals.records()).isEqualTo(3_000);
        assertThat(totals.storesRestored()).isEqualTo(1);
        assertThat(totals.restoringNanos()).isEqualTo(750 * MS);
        assertThat(new RestoreProgress(now::get).totals().recordsPerSecond()).isZero();
    }
}
